#pragma once
// Loads Rapport's own translation (built into the ui library) and Qt's, for a locale.

#include <QLocale>

class QCoreApplication;

namespace Rapport {

// Installs the translators for `locale` on `app`; returns whether Rapport's own
// translation was found (English needs none).
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

} // namespace Rapport
