#pragma once
// The columns of an export, in order: "Record Id", then each chosen field (a reference as
// the name of the record it points at, followed by "<Label> Id" with its id, so that a
// person reads names and a re-import links exactly) and, for leads that may be converted,
// when each was converted and into what. The exporter writes them; the header matcher
// knows them again when the file comes back.

#include "records/fielddef.h"

#include <QList>
#include <QString>

namespace Rapport {

struct ExportColumn {
    enum class Kind { RecordId, Value, Name, Id, ConvertedAt };
    Kind kind = Kind::Value;
    const FieldDef *field = nullptr; // Value, Name and Id: the field or the lead's link
    QString header;
};

class ExportColumns
{
public:
    // The columns for `fields`; with `conversion` (leads only) also the converted-at time
    // and, name and id, the account, contact and deal each lead became.
    static QList<ExportColumn> build(Entity entity, const QList<const FieldDef *> &fields,
                                     bool conversion);
    // "Account Name" -> "Account Name Id"; "Id" stays English like "Record Id".
    static QString idHeader(const QString &label);
    // The header of the time a lead was converted ("Converted"), untranslated, in the
    // Rapport::Field context.
    static const char *convertedLabel();
};

} // namespace Rapport
