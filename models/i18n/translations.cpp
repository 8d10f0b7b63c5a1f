#include "i18n/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Rapport {

bool installTranslations(QCoreApplication &app, const QLocale &requested)
{
    // The C locale (LANG unset, LC_ALL=C) reads English: give it the English plurals.
    const QLocale locale = requested.language() == QLocale::C
        ? QLocale(QLocale::English, QLocale::UnitedStates)
        : requested;
    // Another language asked for later replaces the one installed before.
    const QString ours = QStringLiteral("rapportTranslator");
    for (QTranslator *old : app.findChildren<QTranslator *>(ours, Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    auto *qt = new QTranslator(&app);
    qt->setObjectName(ours);
    if (qt->load(locale, "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    auto *own = new QTranslator(&app);
    own->setObjectName(ours);
    if (!own->load(locale, "rapport", "_", ":/i18n")) {
        delete own;
        return false;
    }
    QCoreApplication::installTranslator(own);
    return true;
}

} // namespace Rapport
