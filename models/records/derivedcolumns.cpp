#include "records/derivedcolumns.h"

#include "records/matchkeys.h"
#include "records/recordtypes.h"
#include "records/searchkey.h"

namespace Rapport::DerivedColumns {

QStringList names(Entity entity)
{
    return QStringList{QStringLiteral("search_key")} + MatchKeys::columns(entity);
}

QStringList sourceFields(Entity entity)
{
    QStringList fields;
    for (const FieldDef &f : entityDef(entity).fields) {
        if (f.searchable)
            fields << QLatin1String(f.name);
    }
    for (const QString &f : MatchKeys::sourceFields(entity)) {
        if (!fields.contains(f))
            fields << f;
    }
    return fields;
}

QVariantMap compute(Entity entity, const QVariantMap &values)
{
    QVariantMap derived = MatchKeys::compute(entity, values);
    derived.insert(QStringLiteral("search_key"), SearchKey::compute(entity, values));
    return derived;
}

} // namespace Rapport::DerivedColumns
