#pragma once
// The quick search works on one folded text column per record ("search_key"): lower case,
// accents removed, plus the digits of phone numbers, so "müller", "MULLER" and "5551234"
// all find what a rep expects, on SQLite and PostgreSQL alike, without SQL built from text.

#include "records/fielddef.h"

#include <QString>
#include <QVariantMap>

namespace Rapport {

namespace SearchKey {
// Lower case, compatibility-decomposed, combining marks removed, whitespace simplified, and
// the letters that do not decompose written as a user types them without the key: ß → ss,
// æ → ae, œ → oe, ø → o, ł → l, đ and ð → d, þ → th, ı → i. So "fassbender" finds
// "Faßbender" as "muller" finds "Müller". The same folding serves search, matching and
// header matching.
QString fold(const QString &text);
// The letters fold() spells out, for a migration to find keys folded before it did.
QString spelledOutLetters();
QString compute(Entity entity, const QVariantMap &values);
// The LIKE pattern for a user's search text, with %, _ and \ escaped (use ESCAPE '\').
QString likePattern(const QString &userText);
} // namespace SearchKey

} // namespace Rapport
