#pragma once
// Merging a lead into an existing record, field by field: the lead's value, the record's,
// the rep's choice and the result side by side, so nothing is silently kept or overwritten.
// "Fill empty fields only" is every field's default; choices survive a rebuild (another
// record picked, Back and Next), keyed by column.

#include "conversion/conversionplan.h"
#include "records/fielddef.h"

#include <QHash>
#include <QTableWidget>
#include <QVariantMap>

namespace Rapport {

class MergeTable : public QTableWidget
{
    Q_OBJECT

public:
    enum Column { FieldColumn, LeadColumn, ExistingColumn, ChoiceColumn, ResultColumn };

    explicit MergeTable(Entity entity, QWidget *parent = nullptr);

    // One row per field the lead has a value for; empty `existing` clears the table.
    void setValues(const QVariantMap &existing, const QVariantMap &incoming);
    QHash<QString, MergeChoice> choices() const { return m_choices; }
    // The row of a column name, -1 if the table does not show it.
    int rowOf(const QString &column) const;

private:
    void addRow(const FieldDef &field, const QVariant &incoming);
    void showResult(int row);

    Entity m_entity;
    QVariantMap m_existing;
    QVariantMap m_incoming;
    QHash<QString, MergeChoice> m_choices;
};

} // namespace Rapport
