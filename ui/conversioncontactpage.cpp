#include "conversioncontactpage.h"

#include "conversionwizard.h"
#include "matcher.h"
#include "recordstore.h"
#include "recordtypes.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QRadioButton>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Rapport {

namespace {

enum Column { FieldColumn, LeadColumn, ExistingColumn, ChoiceColumn, ResultColumn };

QString shown(const QVariant &v)
{
    return v.isNull() ? QString() : v.toString();
}

} // namespace

ConversionContactPage::ConversionContactPage(ConversionWizard *wizard,
                                             const ConversionPlan &suggested)
    : m_wizard(wizard)
    , m_new(new QRadioButton(tr("Create a &new contact"), this))
    , m_merge(new QRadioButton(tr("&Merge into an existing contact:"), this))
    , m_candidates(new QTreeWidget(this))
    , m_table(new QTableWidget(this))
    , m_note(new QLabel(this))
{
    setTitle(tr("Contact"));
    setSubTitle(tr("Is this person already one of your contacts?"));
    m_new->setObjectName(QStringLiteral("newContactRadio"));
    m_merge->setObjectName(QStringLiteral("mergeContactRadio"));
    m_candidates->setObjectName(QStringLiteral("contactCandidates"));
    m_table->setObjectName(QStringLiteral("mergeTable"));
    m_note->setObjectName(QStringLiteral("contactNote"));
    m_note->setWordWrap(true);
    m_candidates->setHeaderLabels({tr("Contact"), tr("Email"), tr("Why it matches")});
    m_candidates->setRootIsDecorated(false);
    m_candidates->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->setColumnCount(5);
    m_table->setHorizontalHeaderLabels(
        {tr("Field"), tr("Lead"), tr("Existing"), tr("Keep"), tr("Result")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *group = new QButtonGroup(this);
    group->addButton(m_new);
    group->addButton(m_merge);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_new);
    layout->addWidget(m_merge);
    layout->addWidget(m_candidates, 1);
    layout->addWidget(m_table, 2);
    layout->addWidget(m_note);
    registerField(QStringLiteral("contact.merge"), m_merge);

    if (suggested.contact == ConversionPlan::ContactAction::Merge)
        m_preselect = suggested.contactId;
    connect(m_merge, &QRadioButton::toggled, this, &ConversionContactPage::updateEnabled);
    connect(m_candidates, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            m_merge->setChecked(true);
        fillMergeTable();
        Q_EMIT completeChanged();
    });
}

void ConversionContactPage::initializePage()
{
    // The account chosen on the previous page changes the candidates (same name there).
    fillCandidates();
    updateEnabled();
}

void ConversionContactPage::fillCandidates()
{
    const qint64 keep = m_candidates->currentItem()
                            ? m_candidates->currentItem()->data(0, Qt::UserRole).toLongLong()
                            : m_preselect;
    const ConversionPlan plan = m_wizard->plan();
    std::optional<qint64> account;
    if (plan.account == ConversionPlan::AccountAction::Existing)
        account = plan.accountId;
    const QList<ContactCandidate> candidates
        = Matcher(m_wizard->connectionName()).contactCandidates(m_wizard->lead(), account);
    const QSignalBlocker blocker(m_candidates);
    m_candidates->clear();
    QTreeWidgetItem *current = nullptr;
    for (const ContactCandidate &c : candidates) {
        QStringList reasons;
        for (MatchReason r : c.reasons)
            reasons << matchReasonText(r);
        auto *item = new QTreeWidgetItem(m_candidates,
                                         {c.name, c.email, reasons.join(QStringLiteral("; "))});
        item->setData(0, Qt::UserRole, c.id);
        if (c.id == keep)
            current = item;
    }
    m_candidates->setCurrentItem(current);
    m_merge->setEnabled(!candidates.isEmpty());
    if (m_preselect && current) {
        m_merge->setChecked(true);
        m_note->setText(tr("“%1” has the same email address and is selected: the lead is merged "
                           "into it. Check the fields below, or create a new contact.")
                            .arg(current->text(0)));
    } else if (!m_merge->isChecked() || !current) {
        m_new->setChecked(true);
        m_note->setText(candidates.isEmpty()
                            ? tr("No existing contact matches this lead.")
                            : tr("%n existing contact(s) might be this person.", "",
                                 candidates.size()));
    }
    m_preselect = 0; // preselected once, then the rep's choice stands
    fillMergeTable();
}

void ConversionContactPage::fillMergeTable()
{
    const qint64 id = selectedContactId();
    m_existing = id ? RecordStore(m_wizard->connectionName()).load(Entity::Contact, id)
                          .value_or(QVariantMap())
                    : QVariantMap();
    const QVariantMap incoming = m_wizard->mapping().valuesFor(Target::Contact, m_wizard->lead());
    m_table->setRowCount(0);
    if (!id)
        return;
    for (const FieldDef &f : entityDef(Entity::Contact).fields) {
        const QString column = QLatin1String(f.name);
        if (!incoming.contains(column) || shown(incoming.value(column)).trimmed().isEmpty())
            continue; // the lead has nothing to offer here
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *label = new QTableWidgetItem(fieldLabel(f));
        label->setData(Qt::UserRole, column);
        m_table->setItem(row, FieldColumn, label);
        m_table->setItem(row, LeadColumn, new QTableWidgetItem(shown(incoming.value(column))));
        m_table->setItem(row, ExistingColumn,
                         new QTableWidgetItem(shown(m_existing.value(column))));
        m_table->setItem(row, ResultColumn, new QTableWidgetItem);
        auto *combo = new QComboBox;
        combo->setObjectName(QStringLiteral("choice_%1").arg(column));
        combo->addItem(tr("Fill if empty"), int(MergeChoice::FillEmpty));
        combo->addItem(tr("Lead's value"), int(MergeChoice::Lead));
        combo->addItem(tr("Existing value"), int(MergeChoice::Existing));
        combo->setCurrentIndex(combo->findData(int(m_choices.value(column, MergeChoice::FillEmpty))));
        m_table->setCellWidget(row, ChoiceColumn, combo);
        connect(combo, &QComboBox::currentIndexChanged, this, [this, combo, column] {
            m_choices.insert(column, MergeChoice(combo->currentData().toInt()));
            for (int r = 0; r < m_table->rowCount(); ++r) {
                if (m_table->cellWidget(r, ChoiceColumn) == combo)
                    setChoice(r, m_choices.value(column));
            }
        });
        setChoice(row, m_choices.value(column, MergeChoice::FillEmpty));
    }
}

void ConversionContactPage::setChoice(int row, MergeChoice choice)
{
    const QString column = m_table->item(row, FieldColumn)->data(Qt::UserRole).toString();
    const QVariant result = mergedValue(m_existing.value(column),
                                        m_table->item(row, LeadColumn)->text(), choice);
    QTableWidgetItem *item = m_table->item(row, ResultColumn);
    item->setText(shown(result));
    QFont font = item->font();
    font.setBold(!sameValue(result, m_existing.value(column))); // what the merge changes
    item->setFont(font);
}

void ConversionContactPage::updateEnabled()
{
    m_candidates->setEnabled(m_merge->isEnabled());
    m_table->setEnabled(m_merge->isChecked());
    Q_EMIT completeChanged();
}

bool ConversionContactPage::isComplete() const
{
    return !m_merge->isChecked() || selectedContactId() != 0;
}

int ConversionContactPage::nextId() const
{
    return ConversionWizard::DealPageId;
}

qint64 ConversionContactPage::selectedContactId() const
{
    const QTreeWidgetItem *item = m_candidates->currentItem();
    return item ? item->data(0, Qt::UserRole).toLongLong() : 0;
}

void ConversionContactPage::applyTo(ConversionPlan &plan) const
{
    if (!m_merge->isChecked() || !selectedContactId()) {
        plan.contact = ConversionPlan::ContactAction::New;
        plan.contactId = 0;
        return;
    }
    plan.contact = ConversionPlan::ContactAction::Merge;
    plan.contactId = selectedContactId();
    plan.contactChoices = m_choices;
}

} // namespace Rapport
