#include "conversion/conversionqueuedialog.h"

#include "conversion/conversionwizard.h"
#include "conversion/queuesuggester.h"
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

    // The rows show at once; their suggestions are worked out in the background, the
    // current lead's first (1.9 s for 1,000 leads on a million-row database).
    m_table->setRowCount(int(leadIds.size()));
    m_pending = int(leadIds.size()); // a row starts Pending
    for (qint64 id : leadIds)
        addRow(id);
    m_suggester = new QueueSuggester(leadIds, connection, this);
    connect(m_suggester, &QueueSuggester::ready, this,
            [this](const QueueSuggester::Suggestion &s) {
                suggestionReady(s.row, s.name, s.plan, s.converted, s.text);
            });
    connect(m_suggester, &QueueSuggester::finished, this, [this](const QString &error) {
        for (int r = 0; r < m_rows.size(); ++r) {
            if (!m_rows[r].ready && m_rows[r].state == State::Pending) // the worker failed
                setState(r, State::Skipped, error);
        }
        m_table->resizeColumnToContents(LeadColumn); // every name is in now
        advance();
    });
    connect(m_table, &QTableWidget::currentCellChanged, this,
            &ConversionQueueDialog::currentChanged);
    advance();
    m_suggester->start();
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
    const int r = int(m_rows.size());
    m_table->setItem(r, LeadColumn, new QTableWidgetItem);
    m_table->setItem(r, SuggestionColumn, new QTableWidgetItem(tr("Finding matches…")));
    m_table->setItem(r, StatusColumn, new QTableWidgetItem);
    m_rows.append(row);
    setState(r, State::Pending);
}

void ConversionQueueDialog::suggestionReady(int row, const QString &name,
                                            const std::optional<ConversionPlan> &plan,
                                            bool converted, const QString &text)
{
    Row &r = m_rows[row];
    r.ready = true;
    r.name = name;
    m_table->item(row, LeadColumn)->setText(name);
    if (row == 0 || row == m_table->currentRow())
        m_table->resizeColumnToContents(LeadColumn);
    if (r.state != State::Pending) // skipped, or converted in the wizard, meanwhile
        return;
    r.plan = plan;
    m_table->item(row, SuggestionColumn)->setText(plan ? text : QString());
    if (!plan)
        setState(row, State::Skipped, tr("The lead no longer exists."));
    else if (converted)
        setState(row, State::Skipped, tr("Converted already."));
    if (row != m_table->currentRow())
        return;
    if (m_waiting == row && r.state == State::Pending) {
        m_waiting = -1;
        acceptCurrent(); // Enter was pressed before the suggestion came
    } else if (r.state != State::Pending) {
        m_waiting = -1;
        advance();
    } else {
        updateButtons();
    }
}

void ConversionQueueDialog::currentChanged()
{
    const int row = m_table->currentRow();
    if (m_waiting != row)
        m_waiting = -1; // Enter was meant for the lead the rep has left
    if (row >= 0 && !m_rows[row].ready && m_suggester)
        m_suggester->prefer(row);
    updateButtons();
}

bool ConversionQueueDialog::hasAllSuggestions() const
{
    return !m_suggester || m_suggester->isDone();
}

QString ConversionQueueDialog::suggestionText(const QString &connection,
                                              const ConversionPlan &plan, bool suggested)
{
    const RecordStore store(connection);
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
    m_pending += (state == State::Pending ? 1 : 0)
               - (m_rows[row].state == State::Pending ? 1 : 0);
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
    if (row < 0 || m_rows[row].state != State::Pending)
        return;
    if (!m_rows[row].ready) {
        // Waits for this lead's suggestion only (the worker does it next), the window free.
        m_waiting = row;
        if (m_suggester)
            m_suggester->prefer(row);
        updateButtons();
        return;
    }
    if (!m_rows[row].plan)
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
    m_waiting = -1;
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
                    m_table->item(r, SuggestionColumn)->setText(suggestionText(m_connection, plan, false));
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
    m_wizard->setEnabled(state != State::Converted && row >= 0
                         && (m_rows[row].plan || !m_rows[row].ready));
    m_skip->setEnabled(state == State::Pending || state == State::Failed);
    m_status->setText(m_waiting >= 0 && m_waiting == row
                          ? tr("Finding matches for this lead…")
                          : tr("%n lead(s) still to convert.", "", m_pending));
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
    m_waiting = -1;
    if (m_suggester) // nothing more to suggest: the worker stops at its next lead
        m_suggester->deleteLater();
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
