#pragma once
// Every translation Rapport ships (translations/rapport_*.qm, built into the core's
// resources under :/i18n), each loaded on a translator of its own and never installed, for
// what must understand all of Rapport's languages whatever the user's: the header matcher
// knows a column by a field's label in any of them, so each new translation adds its
// matching for free.

#include <QList>
#include <QStringList>

namespace Rapport::ShippedTranslations {

// The languages shipped, as in the file names ("de", "en").
QStringList languages();
// `source` translated in `context` by each shipped translation that translates it, without
// repeats and without `source` itself. Loaded once per process; safe from any thread.
QStringList translations(const char *context, const char *source);

} // namespace Rapport::ShippedTranslations
