#include "conversion/conversionqueuedialog.h"

#include "conversion/conversionwizard.h"
#include "prompts/prompter.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Rapport {

namespace {
enum Column { LeadColumn, SuggestionColumn, StatusColumn };
}

ConversionQueueDialog::ConversionQueueDialog(const QList<qint64> &leadIds,
                                             const QString &connection, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_prompter(Prompter::standard())
    , m_table(new QTableWidget(0, 3, this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("conversionQueue"));
    setWindowTitle(tr("Convert %n Lead(s)", "", leadIds.size()));
    m_table->setObjectName(QStringLiteral("queueTable"));
    m_table->setHorizontalHeaderLabels({tr("Lead"), tr("Suggestion"), tr("Status")});
    m_table->horizontalHeader()->setSectionResizeMode(SuggestionColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_status->setObjectName(QStringLiteral("queueStatus"));

    auto *buttons = new QDialogButtonBox(this);
    m_accept = buttons->addButton(tr("&Accept Suggestion"), QDialogButtonBox::ActionRole);
    m_accept->setObjectName(QStringLiteral("acceptButton"));
    m_accept->setDefault(true); // Enter accepts the current lead's suggestion
    m_wizard = buttons->addButton(tr("Open &Wizard…"), QDialogButtonBox::ActionRole);
    m_wizard->setObjectName(QStringLiteral("wizardButton"));
    m_skip = buttons->addButton(tr("S&kip"), QDialogButtonBox::ActionRole);
    m_skip->setObjectName(QStringLiteral("skipButton"));
    m_finish = buttons->addButton(tr("&Finish"), QDialogButtonBox::RejectRole);
    m_finish->setObjectName(QStringLiteral("finishButton"));
    for (QPushButton *b : {m_wizard, m_skip, m_finish})
        b->setAutoDefault(false);
    connect(m_accept, &QPushButton::clicked, this, &ConversionQueueDialog::acceptCurrent);
    connect(m_wizard, &QPushButton::clicked, this, &ConversionQueueDialog::openWizard);
    connect(m_skip, &QPushButton::clicked, this, &ConversionQueueDialog::skipCurrent);
    connect(m_finish, &QPushButton::clicked, this, &ConversionQueueDialog::finish);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    for (qint64 id : leadIds)
        addRow(id);
    m_table->resizeColumnToContents(LeadColumn);
    connect(m_table, &QTableWidget::currentCellChanged, this,
            &ConversionQueueDialog::updateButtons);
    advance();
    resize(900, 480);
}

void ConversionQueueDialog::setPrompter(std::shared_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
}

void ConversionQueueDialog::addRow(qint64 leadId)
{
    Row row;
    row.leadId = leadId;
    row.name = RecordStore(m_connection).nameOf(Entity::Lead, leadId);
    row.plan = Converter(m_connection).suggest(leadId);
    const std::optional<QVariantMap> lead = RecordStore(m_connection).load(Entity::Lead, leadId);
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    m_table->setItem(r, LeadColumn, new QTableWidgetItem(row.name));
    m_table->setItem(r, SuggestionColumn,
                     new QTableWidgetItem(row.plan ? suggestionText(*row.plan) : QString()));
    m_table->setItem(r, StatusColumn, new QTableWidgetItem);
    m_rows.append(row);
    if (!lead || !row.plan)
        setState(r, State::Skipped, tr("The lead no longer exists."));
    else if (!lead->value(QStringLiteral("converted_at")).isNull())
        setState(r, State::Skipped, tr("Converted already."));
    else
        setState(r, State::Pending);
}

QString ConversionQueueDialog::suggestionText(const ConversionPlan &plan, bool suggested) const
{
    const RecordStore store(m_connection);
    QStringList parts;
    switch (plan.account) {
    case ConversionPlan::AccountAction::None:
        parts << tr("no account");
        break;
    case ConversionPlan::AccountAction::New:
        parts << tr("new account “%1”").arg(plan.accountName);
        break;
    case ConversionPlan::AccountAction::Existing:
        parts << (suggested ? tr("existing account “%1” (exact match)")
                            : tr("existing account “%1”"))
                     .arg(store.nameOf(Entity::Account, plan.accountId));
        break;
    }
    parts << (plan.contact != ConversionPlan::ContactAction::Merge ? tr("new contact")
              : suggested ? tr("merge into contact “%1” (same email)")
                                .arg(store.nameOf(Entity::Contact, plan.contactId))
                          : tr("merge into contact “%1”")
                                .arg(store.nameOf(Entity::Contact, plan.contactId)));
    if (plan.createDeal)
        parts << tr("deal “%1”").arg(plan.dealName);
    return parts.join(QStringLiteral(" · "));
}

void ConversionQueueDialog::setState(int row, State state, const QString &reason)
{
    m_rows[row].state = state;
    m_rows[row].reason = reason;
    QString text;
    switch (state) {
    case State::Pending: text = tr("Waiting"); break;
    case State::Converted: text = tr("Converted"); break;
    case State::Skipped: text = reason.isEmpty() ? tr("Skipped") : tr("Skipped: %1").arg(reason); break;
    case State::Failed: text = tr("Failed: %1").arg(reason); break;
    }
    m_table->item(row, StatusColumn)->setText(text);
    m_table->item(row, StatusColumn)->setToolTip(text);
}

void ConversionQueueDialog::acceptCurrent()
{
    const int row = m_table->currentRow();
    if (row < 0 || m_rows[row].state != State::Pending || !m_rows[row].plan)
        return;
    Converter converter(m_connection);
    converter.setStepHook(m_hook);
    const ConversionResult result = converter.convert(*m_rows[row].plan);
    if (result.ok()) {
        setState(row, State::Converted);
        Q_EMIT converted(*m_rows[row].plan, result);
    } else {
        setState(row, State::Failed, result.error);
    }
    advance();
}

void ConversionQueueDialog::skipCurrent()
{
    const int row = m_table->currentRow();
    if (row < 0 || m_rows[row].state == State::Converted)
        return;
    setState(row, State::Skipped);
    advance();
}

void ConversionQueueDialog::openWizard()
{
    const int row = m_table->currentRow();
    if (row < 0 || m_rows[row].state == State::Converted)
        return;
    auto *wizard = new ConversionWizard(m_rows[row].leadId, m_connection, this);
    if (!wizard->isUsable()) {
        m_prompter->warn(this, tr("Cannot convert"), wizard->loadError());
        delete wizard;
        return;
    }
    wizard->setPrompter(m_prompter);
    wizard->setStepHook(m_hook);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 leadId = m_rows[row].leadId;
    connect(wizard, &ConversionWizard::converted, this,
            [this, leadId](const ConversionPlan &plan, const ConversionResult &result) {
                for (int r = 0; r < m_rows.size(); ++r) {
                    if (m_rows[r].leadId != leadId)
                        continue;
                    // What the rep chose in the wizard, not what was suggested.
                    m_rows[r].plan = plan;
                    m_table->item(r, SuggestionColumn)->setText(suggestionText(plan, false));
                    setState(r, State::Converted);
                }
                Q_EMIT converted(plan, result);
            });
    connect(wizard, &QDialog::finished, this, [this] {
        m_openWizard = nullptr;
        advance();
    });
    m_openWizard = wizard;
    wizard->open();
}

void ConversionQueueDialog::advance()
{
    const int from = std::max(m_table->currentRow(), 0);
    for (int i = 0; i < m_rows.size(); ++i) {
        const int r = (from + i) % m_rows.size();
        if (m_rows[r].state == State::Pending) {
            m_table->setCurrentCell(r, LeadColumn);
            updateButtons();
            return;
        }
    }
    updateButtons();
    if (isVisible() && !m_openWizard)
        finish(); // every lead is dealt with
}

void ConversionQueueDialog::updateButtons()
{
    const int row = m_table->currentRow();
    const State state = row >= 0 ? m_rows[row].state : State::Converted;
    m_accept->setEnabled(state == State::Pending);
    m_wizard->setEnabled(state != State::Converted && row >= 0 && m_rows[row].plan);
    m_skip->setEnabled(state == State::Pending || state == State::Failed);
    int pending = 0;
    for (const Row &r : std::as_const(m_rows))
        pending += r.state == State::Pending ? 1 : 0;
    m_status->setText(tr("%n lead(s) still to convert.", "", pending));
}

QString ConversionQueueDialog::reportText() const
{
    int converted = 0, skipped = 0, failed = 0;
    for (const Row &r : m_rows) {
        converted += r.state == State::Converted ? 1 : 0;
        skipped += r.state == State::Skipped || r.state == State::Pending ? 1 : 0;
        failed += r.state == State::Failed ? 1 : 0;
    }
    QString text = tr("Converted %n lead(s).", "", converted);
    text += QLatin1Char(' ') + tr("Skipped %n.", "", skipped);
    if (failed)
        text += QLatin1Char(' ') + tr("%n failed.", "", failed);
    return text;
}

void ConversionQueueDialog::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    QStringList details;
    for (const Row &r : std::as_const(m_rows)) {
        if (r.state == State::Failed || (r.state == State::Skipped && !r.reason.isEmpty()))
            details << tr("%1: %2").arg(r.name, r.reason);
    }
    Question report;
    report.title = tr("Conversion Report");
    report.text = reportText();
    report.details = details.join(QLatin1Char('\n'));
    report.answers = {{tr("OK"), QMessageBox::AcceptRole}};
    report.isReport = true;
    m_prompter->ask(this, report);
    QDialog::accept();
}

} // namespace Rapport
