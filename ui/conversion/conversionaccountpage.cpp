#include "conversion/conversionaccountpage.h"

#include "matching/matcher.h"
#include "conversion/mergetable.h"
#include "storage/recordstore.h"
#include "records/referencepicker.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Rapport {

namespace {

QString reasonsText(const QList<MatchReason> &reasons)
{
    QStringList texts;
    for (MatchReason r : reasons)
        texts << matchReasonText(r);
    return texts.join(QStringLiteral("; "));
}

} // namespace

ConversionAccountPage::ConversionAccountPage(std::shared_ptr<const ConversionContext> shared)
    : ConversionPage(std::move(shared))
    , m_new(new QRadioButton(tr("&Create a new account named:"), this))
    , m_name(new QLineEdit(this))
    , m_existing(new QRadioButton(tr("&Link to an existing account:"), this))
    , m_candidates(new QTreeWidget(this))
    , m_other(new ReferencePicker(Entity::Account, context().connection, this))
    , m_merge(new MergeTable(Entity::Account, this))
    , m_none(new QRadioButton(tr("N&o account (a consumer, B2C)"), this))
    , m_note(new QLabel(this))
{
    setTitle(tr("Account"));
    setSubTitle(tr("Which company does this person belong to?"));
    m_new->setObjectName(QStringLiteral("newAccountRadio"));
    m_name->setObjectName(QStringLiteral("accountNameEdit"));
    m_existing->setObjectName(QStringLiteral("existingAccountRadio"));
    m_candidates->setObjectName(QStringLiteral("accountCandidates"));
    m_other->setObjectName(QStringLiteral("otherAccountPicker"));
    m_merge->setObjectName(QStringLiteral("accountMergeTable"));
    m_none->setObjectName(QStringLiteral("noAccountRadio"));
    m_note->setObjectName(QStringLiteral("accountNote"));
    m_note->setWordWrap(true);
    m_candidates->setHeaderLabels({tr("Account"), tr("Website"), tr("Why it matches")});
    m_candidates->setRootIsDecorated(false);
    m_candidates->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    auto *group = new QButtonGroup(this);
    for (QRadioButton *r : {m_new, m_existing, m_none})
        group->addButton(r);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_new);
    layout->addWidget(m_name);
    layout->addWidget(m_existing);
    layout->addWidget(m_candidates, 1);
    auto *other = new QFormLayout;
    other->addRow(tr("Or &another account:"), m_other);
    layout->addLayout(other);
    layout->addWidget(m_merge, 1);
    layout->addWidget(m_none);
    layout->addWidget(m_note);

    registerField(QStringLiteral("account.new"), m_new);
    registerField(QStringLiteral("account.name"), m_name);
    registerField(QStringLiteral("account.existing"), m_existing);
    registerField(QStringLiteral("account.none"), m_none);
    registerField(QStringLiteral("account.id"), this, "accountId");
    registerField(QStringLiteral("account.choices"), this, "accountChoices");

    m_name->setText(context().suggested.accountName);
    fillCandidates(context().suggested);
    for (QRadioButton *r : {m_new, m_existing, m_none})
        connect(r, &QRadioButton::toggled, this, &ConversionAccountPage::updateEnabled);
    connect(m_name, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_candidates, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item) {
            m_existing->setChecked(true);
            const QSignalBlocker blocker(m_other);
            m_other->setRecordId(QVariant());
        }
        fillMergeTable();
        Q_EMIT completeChanged();
    });
    // Clicking the candidate that is already current chooses it too.
    connect(m_candidates, &QTreeWidget::itemClicked, m_existing, [this] {
        m_existing->setChecked(true);
    });
    connect(m_other, &QComboBox::currentTextChanged, this,
            &ConversionAccountPage::otherAccountEdited);
    updateEnabled();
    fillMergeTable();
}

void ConversionAccountPage::otherAccountEdited()
{
    qint64 id = 0;
    if (m_other->match(&id) == ReferencePicker::Match::Found) {
        const QSignalBlocker blocker(m_candidates);
        m_candidates->setCurrentItem(nullptr);
        m_existing->setChecked(true);
    }
    fillMergeTable();
    Q_EMIT completeChanged();
}

void ConversionAccountPage::fillCandidates(const ConversionPlan &suggested)
{
    const QString company = roleText(Entity::Lead, context().lead, FieldRole::Organisation);
    const QList<AccountCandidate> candidates
        = company.isEmpty() ? QList<AccountCandidate>()
                            : Matcher(context().connection).accountCandidates(context().lead);
    QTreeWidgetItem *preselected = nullptr;
    for (const AccountCandidate &c : candidates) {
        auto *item = new QTreeWidgetItem(m_candidates, {c.name, c.website, reasonsText(c.reasons)});
        item->setData(0, Qt::UserRole, c.id);
        item->setToolTip(2, item->text(2));
        if (suggested.account == ConversionPlan::AccountAction::Existing && c.id == suggested.accountId)
            preselected = item;
    }
    for (int i = 0; i < 3; ++i)
        m_candidates->resizeColumnToContents(i);
    if (company.isEmpty()) {
        // Without a company there is nothing to name an account after or to match on.
        m_none->setChecked(true);
        m_new->setEnabled(false);
        m_existing->setEnabled(false);
        m_note->setText(tr("This lead has no company, so it converts to a contact without an "
                           "account."));
    } else if (preselected) {
        m_candidates->setCurrentItem(preselected);
        m_existing->setChecked(true);
        m_note->setText(tr("“%1” matches this lead exactly and is selected. Check it before you "
                           "continue, or choose another option.").arg(preselected->text(0)));
    } else {
        m_new->setChecked(true);
        m_note->setText(candidates.isEmpty()
                            ? tr("No existing account matches this lead.")
                            : tr("%n existing account(s) might be this company; link to one "
                                 "instead of creating a duplicate.", "", candidates.size()));
    }
    m_existing->setEnabled(!company.isEmpty());
    m_other->setEnabled(!company.isEmpty());
}

void ConversionAccountPage::fillMergeTable()
{
    const qint64 id = selectedAccountId();
    const QVariantMap existing
        = id ? RecordStore(context().connection).load(Entity::Account, id).value_or(QVariantMap())
             : QVariantMap();
    ConversionPlan existingAccount;
    existingAccount.mapping = plan().mapping;
    existingAccount.account = ConversionPlan::AccountAction::Existing;
    m_merge->setValues(existing, existingAccount.recordValues(Target::Account, context().lead));
}

void ConversionAccountPage::updateEnabled()
{
    m_name->setEnabled(m_new->isChecked());
    m_merge->setVisible(m_existing->isChecked());
    Q_EMIT completeChanged();
}

bool ConversionAccountPage::isComplete() const
{
    if (m_new->isChecked())
        return !m_name->text().trimmed().isEmpty();
    if (m_existing->isChecked())
        return selectedAccountId() != 0;
    return m_none->isChecked();
}

qint64 ConversionAccountPage::selectedAccountId() const
{
    if (!m_existing->isChecked())
        return 0;
    if (const QTreeWidgetItem *item = m_candidates->currentItem())
        return item->data(0, Qt::UserRole).toLongLong();
    qint64 id = 0;
    return m_other->match(&id) == ReferencePicker::Match::Found ? id : 0;
}

QVariantMap ConversionAccountPage::accountChoices() const
{
    return choicesToVariant(m_merge->choices());
}

} // namespace Rapport
