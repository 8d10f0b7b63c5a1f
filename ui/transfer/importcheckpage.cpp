#include "transfer/importcheckpage.h"

#include "files/rowreader.h"
#include "records/recordtypes.h"
#include "storage/dbworker.h"
#include "transfer/importer.h"
#include "transfer/importsession.h"
#include "transfer/importsource.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Rapport {

namespace {

constexpr int MaxStagedRows = 500; // the rest are in the rejected-rows file
constexpr int LineColumn = 0;
constexpr int ProblemColumn = 1;
constexpr int FirstValueColumn = 2;

using StagedRows = QList<QPair<RowProblem, QStringList>>;

// The cells of the first problem rows, read again from the file with the user's fixes.
StagedRows readProblemRows(const ImportOptions &options, const ImportResult &r)
{
    StagedRows rows;
    ImportSource source;
    if (!source.openAsChecked(options, r).isEmpty())
        return rows;
    RowReader &reader = source.reader();
    QStringList cells;
    qsizetype next = 0;
    while (next < r.problems.size() && rows.size() < MaxStagedRows
           && Importer::readRecord(reader, options.edits, cells)) {
        if (reader.recordLine() == r.problems[next].line)
            rows.append({r.problems[next++], cells});
    }
    return rows;
}

} // namespace

struct ImportCheckPage::Outcome {
    ImportOptions source;
    ImportResult result;
    StagedRows rows;
    QString error;
};

ImportCheckPage::ImportCheckPage(ImportSession *session)
    : QWizardPage()
    , m_session(session)
    , m_worker(new DbWorker(session->connection(), this))
    , m_counts(new QLabel(this))
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_staging(new QTableWidget(this))
    , m_drop(new QPushButton(tr("&Drop Selected Rows"), this))
    , m_recheck(new QPushButton(tr("&Check Again"), this))
{
    setObjectName(QStringLiteral("importCheckPage"));
    setTitle(tr("Check the rows"));
    setSubTitle(tr("Nothing has been written yet. Fix or drop the rows with problems, or "
                   "import without them and save them to fix later."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Import"));
    m_counts->setObjectName(QStringLiteral("checkCounts"));
    m_message->setObjectName(QStringLiteral("checkMessage"));
    m_message->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("checkProgress"));
    m_progress->setRange(0, 1000);
    m_staging->setObjectName(QStringLiteral("stagingTable"));
    m_staging->verticalHeader()->hide();
    m_staging->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_drop->setObjectName(QStringLiteral("dropRowsButton"));
    m_recheck->setObjectName(QStringLiteral("recheckButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_drop);
    buttons->addWidget(m_recheck);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createOptions());
    layout->addWidget(m_progress);
    layout->addWidget(m_counts);
    layout->addWidget(m_message);
    layout->addWidget(m_staging, 1);
    layout->addLayout(buttons);
    connect(m_staging, &QTableWidget::cellChanged, this, &ImportCheckPage::cellEdited);
    connect(m_drop, &QPushButton::clicked, this, &ImportCheckPage::dropRows);
    connect(m_recheck, &QPushButton::clicked, this, &ImportCheckPage::check);
}

QWidget *ImportCheckPage::createOptions()
{
    auto *box = new QWidget(this);
    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    m_policy = new QComboBox(box);
    m_policy->setObjectName(QStringLiteral("duplicatePolicyCombo"));
    m_policy->addItem(tr("Skip them"), int(DuplicatePolicy::Skip));
    m_policy->addItem(tr("Update the existing records"), int(DuplicatePolicy::Update));
    m_policy->addItem(tr("Create new records anyway"), int(DuplicatePolicy::Create));
    m_dateOrder = new QComboBox(box);
    m_dateOrder->setObjectName(QStringLiteral("dateOrderCombo"));
    m_dateOrder->addItem(tr("Decide from the file"), int(DateOrder::Auto));
    m_dateOrder->addItem(tr("Day first (31/01/2026)"), int(DateOrder::DayFirst));
    m_dateOrder->addItem(tr("Month first (01/31/2026)"), int(DateOrder::MonthFirst));
    form->addRow(tr("Rows matching an existing record (same email or record id):"), m_policy);
    form->addRow(tr("Dates like 01/03/2026:"), m_dateOrder);
    // Contacts name their company, deals their account and contact: make the missing ones.
    m_createMissing = new QCheckBox(tr("&Make the accounts and contacts the rows name that do "
                                       "not exist yet"), box);
    m_createMissing->setObjectName(QStringLiteral("createMissingCheck"));
    m_createMissing->setChecked(true);
    bool names = false;
    for (const FieldDef &f : entityDef(m_session->entity()).fields)
        names = names || (f.type == FieldType::Reference
                          && (f.refEntity == Entity::Account || f.refEntity == Entity::Contact));
    m_createMissing->setVisible(names);
    form->addRow(m_createMissing);
    connect(m_createMissing, &QCheckBox::toggled, this, &ImportCheckPage::check);
    connect(m_policy, &QComboBox::activated, this, &ImportCheckPage::check);
    connect(m_dateOrder, &QComboBox::activated, this, &ImportCheckPage::check);
    return box;
}

void ImportCheckPage::initializePage()
{
    m_source = m_session->options();
    m_edits = {};
    m_result = {};
    check();
}

void ImportCheckPage::cleanupPage()
{
    m_worker->cancel();
    m_checkAgain = false;
}

bool ImportCheckPage::isChecking() const
{
    return m_worker->isRunning();
}

void ImportCheckPage::check()
{
    if (m_worker->isRunning()) {
        m_worker->cancel();
        m_checkAgain = true;
        return;
    }
    m_checkAgain = false;
    auto outcome = std::make_shared<Outcome>();
    ImportOptions source = m_source;
    source.onDuplicate = DuplicatePolicy(m_policy->currentData().toInt());
    source.dateOrder = DateOrder(m_dateOrder->currentData().toInt());
    source.createMissing = m_createMissing->isChecked();
    source.edits = m_edits;
    m_result = {};
    m_progress->setValue(0);
    m_progress->show();
    m_message->setText(tr("Checking…"));
    emit completeChanged();
    DbWorker *worker = m_worker;
    m_worker->start(
        [=, this](const QString &connection) {
            ImportOptions checked = source;
            checked.dryRun = true;
            Importer importer(connection);
            importer.setCancelFlag(worker->cancelFlag());
            importer.setProgressCallback([worker, this](Importer::Phase, qint64 done, qint64 total) {
                const int value = total > 0 ? int(done * 1000 / total) : 0;
                worker->post([this, value] { m_progress->setValue(value); });
            });
            outcome->result = importer.run(checked);
            checked.dryRun = false;
            outcome->source = checked;
            outcome->rows = readProblemRows(checked, outcome->result);
        },
        [this, outcome](const QString &error) {
            if (m_checkAgain)
                check();
            else
                showOutcome(*outcome, error);
        });
}

void ImportCheckPage::showOutcome(const Outcome &outcome, const QString &error)
{
    m_progress->hide();
    m_result = outcome.result;
    const QString failure = !error.isEmpty() ? error
                            : !outcome.error.isEmpty() ? outcome.error
                                                       : m_result.error;
    if (outcome.error.isEmpty() && error.isEmpty())
        m_source = outcome.source; // with the fixes it was checked with
    m_session->checked() = m_source;
    m_session->lastResult() = m_result;
    // Each count with its own plural form: "1 duplicate to skip", "2 duplicates to skip".
    QStringList counts = {
        tr("%n to create", nullptr, int(m_result.created)),
        tr("%n to update", nullptr, int(m_result.updated)),
        tr("%n duplicate(s) to skip", nullptr, int(m_result.skipped)),
        tr("%n with problems", nullptr, int(m_result.rejected))};
    for (auto it = m_result.parentsCreated.cbegin(); it != m_result.parentsCreated.cend(); ++it)
        counts << tr("%n new %1 to make", nullptr, int(it.value()))
                      .arg(entityNoun(it.key(), it.value() != 1));
    m_counts->setText(m_result.ok() ? counts.join(QStringLiteral(" · ")) : QString());
    QStringList lines = m_result.notes;
    if (!m_result.ok())
        lines.prepend(failure);
    else if (m_result.created + m_result.updated == 0)
        lines.prepend(tr("There is nothing to import with these choices."));
    m_message->setText(lines.join(QLatin1Char('\n')));
    fillStaging(m_result.headers, outcome.rows);
    setPending(m_edits != m_source.edits); // fixes made while it checked wait for the next check
}

void ImportCheckPage::fillStaging(const QStringList &headers, const StagedRows &rows)
{
    m_filling = true;
    m_staging->clear();
    m_staging->setColumnCount(int(headers.size()) + FirstValueColumn);
    m_staging->setHorizontalHeaderLabels(QStringList{tr("Line"), tr("Problem")} + headers);
    m_staging->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        auto *line = new QTableWidgetItem(QString::number(rows[r].first.line));
        line->setData(Qt::UserRole, rows[r].first.line);
        line->setFlags(line->flags() & ~Qt::ItemIsEditable);
        auto *problem = new QTableWidgetItem(rows[r].first.message);
        problem->setFlags(problem->flags() & ~Qt::ItemIsEditable);
        problem->setToolTip(rows[r].first.message);
        m_staging->setItem(r, LineColumn, line);
        m_staging->setItem(r, ProblemColumn, problem);
        for (int c = 0; c < rows[r].second.size(); ++c)
            m_staging->setItem(r, c + FirstValueColumn, new QTableWidgetItem(rows[r].second[c]));
    }
    m_staging->setVisible(!rows.isEmpty());
    m_filling = false;
}

void ImportCheckPage::cellEdited(int row, int column)
{
    if (m_filling || column < FirstValueColumn)
        return;
    QStringList cells;
    for (int c = FirstValueColumn; c < m_staging->columnCount(); ++c)
        cells << (m_staging->item(row, c) ? m_staging->item(row, c)->text() : QString());
    m_edits.replaced.insert(m_staging->item(row, LineColumn)->data(Qt::UserRole).toLongLong(),
                            cells);
    setPending(true);
}

void ImportCheckPage::dropRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_staging->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : std::as_const(rows)) {
        const qint64 line = m_staging->item(row, LineColumn)->data(Qt::UserRole).toLongLong();
        m_edits.replaced.remove(line);
        m_edits.dropped.insert(line);
        m_staging->removeRow(row);
    }
    if (!rows.isEmpty())
        setPending(true);
}

void ImportCheckPage::setPending(bool pending)
{
    m_recheck->setDefault(pending);
    if (pending) {
        m_counts->setText(tr("Your changes are not checked yet: click Check Again."));
    }
    emit completeChanged();
}

bool ImportCheckPage::isComplete() const
{
    return !m_worker->isRunning() && m_edits == m_source.edits && m_result.ok()
           && m_result.created + m_result.updated > 0;
}

} // namespace Rapport
