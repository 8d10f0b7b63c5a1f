#include "i18n/shippedtranslations.h"

#include <QDir>
#include <QTranslator>
#include <memory>
#include <vector>

namespace Rapport::ShippedTranslations {

namespace {

struct Shipped {
    QStringList languages;
    std::vector<std::unique_ptr<QTranslator>> translators;
};

// Built on first use by whichever thread asks (a static's initialisation is thread-safe);
// only QTranslator::translate(), which is const and reentrant, is called afterwards.
const Shipped &shipped()
{
    static const Shipped all = [] {
        Shipped s;
        const QDir dir(QStringLiteral(":/i18n"));
        const QStringList files = dir.entryList({QStringLiteral("rapport_*.qm")}, QDir::Files,
                                                QDir::Name);
        for (const QString &file : files) {
            auto translator = std::make_unique<QTranslator>();
            if (!translator->load(dir.filePath(file)))
                continue;
            s.languages << file.mid(8, file.size() - 8 - 3); // rapport_<lang>.qm
            s.translators.push_back(std::move(translator));
        }
        return s;
    }();
    return all;
}

} // namespace

QStringList languages()
{
    return shipped().languages;
}

QStringList translations(const char *context, const char *source)
{
    QStringList out;
    const QString original = QString::fromUtf8(source);
    for (const auto &translator : shipped().translators) {
        const QString t = translator->translate(context, source);
        if (!t.isEmpty() && t != original && !out.contains(t))
            out << t;
    }
    return out;
}

} // namespace Rapport::ShippedTranslations
