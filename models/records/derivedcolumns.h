#pragma once
// The columns Rapport derives from a record's fields rather than the user typing them: the
// quick-search key and the duplicate-matching keys. Every writer (forms, import, demo data,
// unconvert) fills them through here, so a new derived column cannot be forgotten by one.

#include "records/fielddef.h"

#include <QStringList>
#include <QVariantMap>

namespace Rapport::DerivedColumns {

// "search_key", then the entity's match-key columns, in a fixed order.
QStringList names(Entity entity);
// The fields they are computed from (what a writer loading only some columns must load).
QStringList sourceFields(Entity entity);
// Column -> value for every name in names(entity), from the record's field values.
QVariantMap compute(Entity entity, const QVariantMap &values);

} // namespace Rapport::DerivedColumns
