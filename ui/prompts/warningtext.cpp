#include "prompts/warningtext.h"

#include <QWidget>
#include <cmath>

namespace Rapport {

namespace {

// WCAG 2 relative luminance of an sRGB colour.
double luminance(const QColor &c)
{
    const auto linear = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor warningTextColour(const QPalette &palette, QPalette::ColorRole background)
{
    const QColor back = palette.color(QPalette::Active, background);
    // A deep red on light backgrounds, a pale one on dark backgrounds; whichever stands out.
    const QColor deep(0xb3, 0x26, 0x1e);
    const QColor pale(0xff, 0x9a, 0x90);
    return contrastRatio(deep, back) >= contrastRatio(pale, back) ? deep : pale;
}

void showAsWarning(QWidget *widget, const QPalette &around)
{
    QPalette p = widget->palette();
    const QColor colour = warningTextColour(around, widget->backgroundRole());
    p.setColor(QPalette::WindowText, colour);
    p.setColor(QPalette::Text, colour);
    widget->setPalette(p);
}

} // namespace Rapport
