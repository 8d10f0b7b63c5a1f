#pragma once

#include <QColor>
#include <QPalette>

class QWidget;

namespace Rapport {

// The colour of text that warns (a field's error, a value a conversion drops): a red that
// reads on the palette's background, light or dark, with at least the contrast the WCAG ask of
// body text (4.5 : 1). Qt's palette has no role for it, so it is chosen from the background.
QColor warningTextColour(const QPalette &palette,
                         QPalette::ColorRole background = QPalette::Window);

// Shows `widget`'s text (a label's) in the warning colour for the background of `around`
// (the palette of the form it sits in). Call it again when that palette changes: a colour set
// on a widget is no longer inherited from the desktop's.
void showAsWarning(QWidget *widget, const QPalette &around);

// The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white).
double contrastRatio(const QColor &a, const QColor &b);

} // namespace Rapport
