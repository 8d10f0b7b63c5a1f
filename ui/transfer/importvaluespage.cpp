#include "transfer/importvaluespage.h"

#include "records/recordtypes.h"
#include "storage/picklists.h"
#include "transfer/importsession.h"
#include "transfer/mappingmemory.h"
#include "transfer/picklistscanner.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Rapport {

namespace {

enum Column { FileColumn, ValueColumn, RowsColumn, ChoiceColumn };
constexpr int KeyRole = Qt::UserRole;       // on the value's item: its folded key
constexpr int FieldNameRole = Qt::UserRole + 1; // on the value's item: the field's name
constexpr int AddRole = Qt::UserRole + 2;       // on a choice: true for "add to the list"
constexpr int KeepRole = Qt::UserRole + 3;      // on a choice: true for "keep on these rows"

} // namespace

ImportValuesPage::ImportValuesPage(ImportSession *session)
    : QWizardPage()
    , m_session(session)
    , m_table(new QTableWidget(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("importValuesPage"));
    setTitle(tr("Match the values"));
    setSubTitle(tr("Some values of the file are not in Rapport's lists. Choose the value each "
                   "stands for, add it to the list, keep it on these rows only, or leave the "
                   "field empty."));
    m_table->setObjectName(QStringLiteral("valuesTable"));
    m_table->setAccessibleName(tr("Values not in the lists"));
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({tr("Column"), tr("Value in the file"), tr("Rows"),
                                        tr("Import as")});
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(RowsColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ChoiceColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    // Tab walks from choice to choice; the other cells are only to read.
    m_table->setTabKeyNavigation(false);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_message->setObjectName(QStringLiteral("valuesMessage"));
    m_message->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
}

void ImportValuesPage::initializePage()
{
    const PicklistScan &scan = m_session->picklistScan();
    const MappingMemory memory;
    const PicklistValueMap remembered =
        memory.recallValues(m_session->entity(), m_session->headers());
    const QHash<QString, QStringList> kept =
        memory.recallKept(m_session->entity(), m_session->headers());
    m_table->setRowCount(0);
    m_table->setRowCount(int(scan.values.size()));
    for (int row = 0; row < scan.values.size(); ++row)
        addRow(row, scan.values[row], remembered, kept);
    m_table->resizeColumnToContents(FileColumn);
    m_table->resizeColumnToContents(ValueColumn);
    for (int c : {FileColumn, ValueColumn})
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 260));
    QStringList labels;
    for (const QString &field : scan.capped)
        labels << fieldLabel(*findField(m_session->entity(), field));
    m_message->setText(labels.isEmpty() ? QString()
        : tr("%1: only the first %2 different values are listed; the others are imported "
             "as they are in the file.")
              .arg(labels.join(tr(", ")))
              .arg(PicklistScanner::MaxValuesPerColumn));
    m_message->setVisible(!labels.isEmpty());
    if (QComboBox *first = choiceCombo(0))
        first->setFocus();
}

void ImportValuesPage::addRow(int row, const UnlistedValue &value,
                              const PicklistValueMap &remembered,
                              const QHash<QString, QStringList> &kept)
{
    const FieldDef *field = findField(m_session->entity(), value.field);
    const QString header = m_session->headers().value(value.column);
    auto *column = new QTableWidgetItem(header);
    column->setToolTip(tr("Column “%1”, imported into %2").arg(header, fieldLabel(*field)));
    auto *text = new QTableWidgetItem(value.value);
    text->setData(KeyRole, value.key);
    text->setData(FieldNameRole, value.field);
    text->setToolTip(value.value);
    auto *rows = new QTableWidgetItem(QLocale().toString(value.rows));
    rows->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(row, FileColumn, column);
    m_table->setItem(row, ValueColumn, text);
    m_table->setItem(row, RowsColumn, rows);

    auto *combo = new QComboBox(m_table);
    combo->setObjectName(QStringLiteral("valueChoice%1").arg(row));
    combo->setAccessibleName(tr("Import “%1” of %2 as").arg(value.value, header));
    for (const QString &listed : Picklists(m_session->connection()).values(*field))
        combo->addItem(picklistLabel(listed), listed);
    combo->insertSeparator(combo->count());
    const int own = combo->count();
    // Added, the value is offered by the forms and the tab's filter from then on; kept, it
    // is stored in these records only. Lists Rapport's own logic reads take no new values.
    if (Picklists::extensible(*field)) {
        combo->addItem(tr("Add “%1” to the list").arg(value.value), value.value);
        combo->setItemData(own, true, AddRole);
    }
    combo->addItem(tr("Keep “%1” on these rows only").arg(value.value), value.value);
    const int keep = combo->count() - 1;
    combo->setItemData(keep, true, KeepRole);
    combo->addItem(tr("Leave empty"), QString());
    const int empty = combo->count() - 1;
    // The user's last answer for this value, else the likely one, else its own value: added
    // to the list where lists take new values.
    int index = own;
    const QHash<QString, QString> known = remembered.value(value.field);
    if (const auto before = known.constFind(value.key); before != known.cend()) {
        const int listed = combo->findData(*before);
        if (before->isEmpty())
            index = empty;
        else if (listed >= 0 && listed < own)
            index = listed;
        else if (kept.value(value.field).contains(value.key))
            index = keep; // the value itself either way: only the list tells them apart
    } else if (!value.suggestion.isEmpty()) {
        index = std::max(0, combo->findData(value.suggestion));
    }
    combo->setCurrentIndex(index);
    m_table->setCellWidget(row, ChoiceColumn, combo);
}

QComboBox *ImportValuesPage::choiceCombo(int row) const
{
    return qobject_cast<QComboBox *>(m_table->cellWidget(row, ChoiceColumn));
}

QHash<QString, QStringList> ImportValuesPage::addToList() const
{
    QHash<QString, QStringList> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *text = m_table->item(row, ValueColumn);
        const QComboBox *combo = choiceCombo(row);
        if (text && combo && combo->currentData(AddRole).toBool())
            out[text->data(FieldNameRole).toString()] << combo->currentData().toString();
    }
    return out;
}

QHash<QString, QStringList> ImportValuesPage::keptOnRows() const
{
    QHash<QString, QStringList> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *text = m_table->item(row, ValueColumn);
        const QComboBox *combo = choiceCombo(row);
        if (text && combo && combo->currentData(KeepRole).toBool())
            out[text->data(FieldNameRole).toString()] << text->data(KeyRole).toString();
    }
    return out;
}

PicklistValueMap ImportValuesPage::answers() const
{
    PicklistValueMap out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *text = m_table->item(row, ValueColumn);
        const QComboBox *combo = choiceCombo(row);
        if (text && combo) {
            out[text->data(FieldNameRole).toString()].insert(text->data(KeyRole).toString(),
                                                          combo->currentData().toString());
        }
    }
    return out;
}

bool ImportValuesPage::validatePage()
{
    const PicklistValueMap chosen = answers();
    m_session->options().valueMap = chosen;
    m_session->options().addToList = addToList();
    MappingMemory().rememberValues(m_session->entity(), m_session->headers(), chosen,
                                   keptOnRows());
    return true;
}

} // namespace Rapport
