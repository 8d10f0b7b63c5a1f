#pragma once
// Loads Rapport's own translation (built into the ui library) and Qt's, for a locale.

#include <QLocale>

class QCoreApplication;

namespace Rapport {

// Installs the translators for `locale` on `app`; returns whether Rapport's own
// translation was found (for English it only holds plural forms: "1 lead", "2 leads"). A
// later call replaces the translators an earlier one installed.
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

} // namespace Rapport
