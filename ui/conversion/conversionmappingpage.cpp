#include "conversion/conversionmappingpage.h"

#include "prompts/prompter.h"
#include "records/recordtypes.h"
#include "records/valuetext.h"
#include "prompts/warningtext.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Rapport {

namespace {

enum Column { FieldColumn, ValueColumn, ContactColumn, AccountColumn, DealColumn, NoteColumn };
const Target ColumnTargets[] = {Target::Contact, Target::Account, Target::Deal};

bool isBlank(const QVariant &v)
{
    return v.isNull() || v.toString().trimmed().isEmpty();
}

} // namespace

ConversionMappingPage::ConversionMappingPage(std::shared_ptr<const ConversionContext> shared)
    : ConversionPage(std::move(shared))
    , m_mapping(context().suggested.mapping)
    , m_table(new QTableWidget(this))
    , m_dropped(new QLabel(this))
    , m_save(new QPushButton(tr("&Save as Team Default"), this))
    , m_saved(new QLabel(this))
{
    setTitle(tr("Field Mapping"));
    setSubTitle(tr("Where each of the lead's fields goes. Fields that go nowhere are lost."));
    m_table->setObjectName(QStringLiteral("mappingTable"));
    m_dropped->setObjectName(QStringLiteral("droppedLabel"));
    m_dropped->setWordWrap(true);
    m_save->setObjectName(QStringLiteral("saveMappingButton"));
    m_save->setAutoDefault(false);
    m_saved->setObjectName(QStringLiteral("mappingSavedLabel"));
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels({tr("Lead field"), tr("Value"), tr("Contact"),
                                        tr("Account"), tr("Deal"), tr("Note")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(NoteColumn, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_saved, 1);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_dropped);
    layout->addLayout(buttons);

    registerField(QStringLiteral("mapping"), this, "mapping");
    registerField(QStringLiteral("mapping.dropped"), this, "dropped");
    fillTable();
    connect(m_table, &QTableWidget::itemChanged, this, &ConversionMappingPage::itemChanged);
    connect(m_save, &QPushButton::clicked, this, &ConversionMappingPage::saveAsDefault);
}

void ConversionMappingPage::fillTable()
{
    const auto &fields = entityDef(Entity::Lead).fields;
    m_table->setRowCount(fields.size());
    for (int row = 0; row < fields.size(); ++row) {
        const QString name = QLatin1String(fields[row].name);
        auto *label = new QTableWidgetItem(fieldLabel(fields[row]));
        label->setData(Qt::UserRole, name);
        m_table->setItem(row, FieldColumn, label);
        const QVariant value = context().lead.value(name);
        m_table->setItem(row, ValueColumn, new QTableWidgetItem(valueText(fields[row], value)));
        const Targets possible = ConversionMapping::possibleTargets(name);
        for (int i = 0; i < 3; ++i) {
            auto *item = new QTableWidgetItem;
            if (possible.testFlag(ColumnTargets[i])) {
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
                item->setCheckState(m_mapping.targets(name).testFlag(ColumnTargets[i])
                                        ? Qt::Checked : Qt::Unchecked);
                item->setToolTip(ConversionMapping::targetColumn(name, ColumnTargets[i]));
            } else {
                item->setFlags(Qt::NoItemFlags);
            }
            m_table->setItem(row, ContactColumn + i, item);
        }
        m_table->setItem(row, NoteColumn, new QTableWidgetItem);
    }
    m_table->resizeColumnsToContents();
}

void ConversionMappingPage::initializePage()
{
    updateFlags(); // whether an account and a deal are made may have changed
}

void ConversionMappingPage::itemChanged(QTableWidgetItem *item)
{
    if (item->column() < ContactColumn || item->column() > DealColumn)
        return;
    const int row = item->row();
    const QString name = m_table->item(row, FieldColumn)->data(Qt::UserRole).toString();
    Targets targets;
    for (int i = 0; i < 3; ++i) {
        if (m_table->item(row, ContactColumn + i)->checkState() == Qt::Checked)
            targets |= ColumnTargets[i];
    }
    m_mapping.setTargets(name, targets);
    m_saved->clear();
    updateFlags();
}

QStringList ConversionMappingPage::droppedFields() const
{
    const ConversionPlan chosen = plan();
    Targets made = Target::Contact;
    if (chosen.account != ConversionPlan::AccountAction::None)
        made |= Target::Account;
    if (chosen.createDeal)
        made |= Target::Deal;
    QStringList dropped;
    for (const FieldDef &f : entityDef(Entity::Lead).fields) {
        const QString name = QLatin1String(f.name);
        if (!isBlank(context().lead.value(name)) && !(m_mapping.targets(name) & made))
            dropped << name;
    }
    return dropped;
}

void ConversionMappingPage::updateFlags()
{
    const QSignalBlocker blocker(m_table);
    const QStringList dropped = droppedFields();
    QStringList labels;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, FieldColumn)->data(Qt::UserRole).toString();
        QTableWidgetItem *note = m_table->item(row, NoteColumn);
        const bool lost = dropped.contains(name);
        const bool unmapped = !m_mapping.targets(name);
        note->setText(!lost ? QString()
                      : unmapped ? tr("Dropped: mapped nowhere")
                                 : tr("Dropped: no account or deal is made for it"));
        note->setForeground(lost ? QBrush(warningTextColour(m_table->palette(), QPalette::Base))
                                 : QBrush());
        note->setIcon(lost ? style()->standardIcon(QStyle::SP_MessageBoxWarning) : QIcon());
        if (lost)
            labels << m_table->item(row, FieldColumn)->text();
    }
    m_dropped->setText(labels.isEmpty()
                           ? tr("Every field with a value is carried over.")
                           : tr("%n field(s) with a value would be dropped: %1", "",
                                labels.size()).arg(labels.join(QStringLiteral(", "))));
}

void ConversionMappingPage::saveAsDefault()
{
    const QString error = m_mapping.saveAsTeamDefault(context().connection);
    if (!error.isEmpty()) {
        context().prompter->warn(this, tr("Could not save the mapping"), error);
        return;
    }
    m_saved->setText(tr("Saved: conversions by everyone on this database start from this "
                        "mapping."));
}

} // namespace Rapport
