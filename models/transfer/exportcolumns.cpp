#include "transfer/exportcolumns.h"

#include "records/recordtypes.h"

#include <QCoreApplication>

namespace Rapport {

QString ExportColumns::idHeader(const QString &label)
{
    return label + QLatin1String(" Id");
}

const char *ExportColumns::convertedLabel()
{
    return QT_TRANSLATE_NOOP("Rapport::Field", "Converted");
}

QList<ExportColumn> ExportColumns::build(Entity entity, const QList<const FieldDef *> &fields,
                                         bool conversion)
{
    using K = ExportColumn::Kind;
    QList<ExportColumn> out{{K::RecordId, nullptr, QStringLiteral("Record Id")}};
    auto addReference = [&out](const FieldDef *f) {
        out.append({K::Name, f, fieldLabel(*f)});
        out.append({K::Id, f, idHeader(fieldLabel(*f))});
    };
    for (const FieldDef *f : fields) {
        if (f->type == FieldType::Reference)
            addReference(f);
        else
            out.append({K::Value, f, fieldLabel(*f)});
    }
    if (conversion && entity == Entity::Lead) {
        out.append({K::ConvertedAt, nullptr,
                    QCoreApplication::translate("Rapport::Field", convertedLabel())});
        for (const FieldDef &link : entityDef(Entity::Lead).links)
            addReference(&link);
    }
    return out;
}

} // namespace Rapport
