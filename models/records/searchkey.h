#pragma once
// The quick search works on one folded text column per record ("search_key"): lower case,
// accents removed, plus the digits of phone numbers, so "müller", "MULLER" and "5551234"
// all find what a rep expects, on SQLite and PostgreSQL alike, without SQL built from text.

#include "records/fielddef.h"

#include <QString>
#include <QVariantMap>

namespace Rapport {

namespace SearchKey {
// Lower case, compatibility-decomposed, combining marks removed, whitespace simplified.
QString fold(const QString &text);
QString compute(Entity entity, const QVariantMap &values);
// The LIKE pattern for a user's search text, with %, _ and \ escaped (use ESCAPE '\').
QString likePattern(const QString &userText);
} // namespace SearchKey

} // namespace Rapport
