#pragma once
// A link to a record inside rich text ("<a href="record:contacts/12">Ada Lovelace</a>"), as
// the window's notices and the record form's duplicate warning show them, and its reading
// back when the rep follows it.

#include "records/fielddef.h"

#include <QString>

#include <optional>
#include <utility>

namespace Rapport {

// `text` is escaped.
QString recordLink(Entity entity, qint64 id, const QString &text);
// The record a link of recordLink() names; nullopt for any other link.
std::optional<std::pair<Entity, qint64>> linkedRecord(const QString &link);

} // namespace Rapport
