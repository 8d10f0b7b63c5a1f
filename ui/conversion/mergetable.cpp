#include "conversion/mergetable.h"

#include "records/recordtypes.h"
#include "records/valuetext.h"

#include <QComboBox>
#include <QHeaderView>

namespace Rapport {

namespace {

QString shown(const QVariant &v)
{
    return v.isNull() ? QString() : v.toString();
}

} // namespace

MergeTable::MergeTable(Entity entity, QWidget *parent)
    : QTableWidget(0, 5, parent)
    , m_entity(entity)
{
    setHorizontalHeaderLabels({tr("Field"), tr("Lead"), tr("Existing"), tr("Keep"), tr("Result")});
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
}

void MergeTable::setValues(const QVariantMap &existing, const QVariantMap &incoming)
{
    m_existing = existing;
    m_incoming = incoming;
    setRowCount(0);
    if (existing.isEmpty())
        return;
    for (const FieldDef &f : entityDef(m_entity).fields) {
        const QVariant value = incoming.value(QLatin1String(f.name));
        // Links (the contact's account) follow the plan; the rest the lead has a value for.
        if (f.type != FieldType::Reference && !shown(value).trimmed().isEmpty())
            addRow(f, value);
    }
}

void MergeTable::addRow(const FieldDef &field, const QVariant &incoming)
{
    const QString column = QLatin1String(field.name);
    const int row = rowCount();
    insertRow(row);
    auto *label = new QTableWidgetItem(fieldLabel(field));
    label->setData(Qt::UserRole, column);
    setItem(row, FieldColumn, label);
    setItem(row, LeadColumn, new QTableWidgetItem(valueText(field, incoming)));
    setItem(row, ExistingColumn, new QTableWidgetItem(valueText(field, m_existing.value(column))));
    setItem(row, ResultColumn, new QTableWidgetItem);
    auto *combo = new QComboBox;
    combo->setObjectName(QStringLiteral("choice_%1").arg(column));
    combo->addItem(tr("Fill if empty"), int(MergeChoice::FillEmpty));
    combo->addItem(tr("Lead's value"), int(MergeChoice::Lead));
    combo->addItem(tr("Existing value"), int(MergeChoice::Existing));
    combo->setCurrentIndex(combo->findData(int(m_choices.value(column, MergeChoice::FillEmpty))));
    setCellWidget(row, ChoiceColumn, combo);
    connect(combo, &QComboBox::currentIndexChanged, this, [this, combo, column] {
        m_choices.insert(column, MergeChoice(combo->currentData().toInt()));
        showResult(rowOf(column));
    });
    showResult(row);
}

void MergeTable::showResult(int row)
{
    if (row < 0)
        return;
    const QString column = item(row, FieldColumn)->data(Qt::UserRole).toString();
    const QVariant existing = m_existing.value(column);
    const QVariant result = mergedValue(existing, m_incoming.value(column),
                                        m_choices.value(column, MergeChoice::FillEmpty));
    QTableWidgetItem *cell = item(row, ResultColumn);
    const FieldDef *field = findField(m_entity, column);
    cell->setText(field ? valueText(*field, result) : shown(result));
    QFont font = cell->font();
    font.setBold(!sameValue(result, existing)); // what the merge changes stands out
    cell->setFont(font);
}

int MergeTable::rowOf(const QString &column) const
{
    for (int r = 0; r < rowCount(); ++r) {
        if (item(r, FieldColumn)->data(Qt::UserRole).toString() == column)
            return r;
    }
    return -1;
}

} // namespace Rapport
