#include "conversion/conversioncontactpage.h"

#include "matching/matcher.h"
#include "conversion/mergetable.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"

#include <QButtonGroup>
#include <QHeaderView>
#include <QLabel>
#include <QRadioButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Rapport {

ConversionContactPage::ConversionContactPage(std::shared_ptr<const ConversionContext> shared)
    : ConversionPage(std::move(shared))
    , m_new(new QRadioButton(tr("&Create a new contact"), this))
    , m_merge(new QRadioButton(tr("&Merge into an existing contact:"), this))
    , m_candidates(new QTreeWidget(this))
    , m_table(new MergeTable(Entity::Contact, this))
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
    registerField(QStringLiteral("contact.id"), this, "contactId");
    registerField(QStringLiteral("contact.choices"), this, "contactChoices");

    if (context().suggested.contact == ConversionPlan::ContactAction::Merge)
        m_preselect = context().suggested.contactId;
    connect(m_merge, &QRadioButton::toggled, this, &ConversionContactPage::updateEnabled);
    connect(m_candidates, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            m_merge->setChecked(true);
        fillMergeTable();
        Q_EMIT completeChanged();
    });
    connect(m_candidates, &QTreeWidget::itemClicked, m_merge, [this] { m_merge->setChecked(true); });
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
    const ConversionPlan chosen = plan();
    std::optional<qint64> account;
    if (chosen.account == ConversionPlan::AccountAction::Existing)
        account = chosen.accountId;
    const QList<ContactCandidate> candidates
        = Matcher(context().connection).contactCandidates(context().lead, account);
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
    for (int i = 0; i < 3; ++i)
        m_candidates->resizeColumnToContents(i);
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
    const QVariantMap existing
        = id ? RecordStore(context().connection).load(Entity::Contact, id).value_or(QVariantMap())
             : QVariantMap();
    const ConversionPlan chosen = plan();
    const qint64 account
        = chosen.account == ConversionPlan::AccountAction::Existing ? chosen.accountId : 0;
    m_table->setValues(existing, chosen.recordValues(Target::Contact, context().lead, account));
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

qint64 ConversionContactPage::selectedContactId() const
{
    const QTreeWidgetItem *item = m_candidates->currentItem();
    return item ? item->data(0, Qt::UserRole).toLongLong() : 0;
}

QVariantMap ConversionContactPage::contactChoices() const
{
    return choicesToVariant(m_table->choices());
}

} // namespace Rapport
