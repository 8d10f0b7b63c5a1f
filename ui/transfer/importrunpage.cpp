#include "transfer/importrunpage.h"

#include "records/recordtypes.h"

#include "storage/dbworker.h"
#include "transfer/importer.h"
#include "transfer/importsession.h"
#include "prompts/prompter.h"

#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace Rapport {

namespace {
constexpr int Steps = 1000; // checking: the first half of the bar, writing: the second
}

ImportRunPage::ImportRunPage(ImportSession *session)
    : QWizardPage()
    , m_session(session)
    , m_worker(new DbWorker(session->connection(), this))
    , m_progress(new QProgressBar(this))
    , m_rate(new QLabel(this))
    , m_status(new QLabel(this))
    , m_cancel(new QPushButton(tr("&Cancel Import"), this))
    , m_saveRejected(new QPushButton(tr("&Save Rejected Rows…"), this))
{
    setObjectName(QStringLiteral("importRunPage"));
    setTitle(tr("Import"));
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, Steps);
    m_rate->setObjectName(QStringLiteral("rateLabel"));
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_cancel->setObjectName(QStringLiteral("cancelImportButton"));
    m_saveRejected->setObjectName(QStringLiteral("saveRejectedButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_saveRejected);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_progress);
    layout->addWidget(m_rate);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    layout->addStretch();
    connect(m_cancel, &QPushButton::clicked, this, &ImportRunPage::cancel);
    connect(m_saveRejected, &QPushButton::clicked, this, &ImportRunPage::saveRejected);
}

void ImportRunPage::initializePage()
{
    m_done = false;
    m_progress->setValue(0);
    m_rate->clear();
    m_status->setText(tr("Checking the file once more, then writing…"));
    m_cancel->setEnabled(true);
    m_saveRejected->hide();
    m_clock.start();
    const ImportOptions options = m_session->checked();
    auto result = std::make_shared<ImportResult>();
    DbWorker *worker = m_worker;
    m_worker->start(
        [=, this](const QString &connection) {
            Importer importer(connection);
            importer.setCancelFlag(worker->cancelFlag());
            importer.setProgressCallback(
                [worker, this](Importer::Phase phase, qint64 done, qint64 total) {
                    worker->post([=, this] { progress(int(phase), done, total); });
                });
            *result = importer.run(options);
        },
        [this, result](const QString &error) { finished(*result, error); });
}

void ImportRunPage::progress(int phase, qint64 done, qint64 total)
{
    if (total <= 0)
        return;
    const bool writing = phase == int(Importer::Phase::Writing);
    m_progress->setValue(int((writing ? Steps / 2 : 0) + done * (Steps / 2) / total));
    // Rows from bytes: the check counted the rows, the reader reports bytes.
    const double rows = double(m_session->lastResult().rows) * (m_progress->value()) / Steps * 2;
    const double seconds = std::max(m_clock.elapsed(), qint64(1)) / 1000.0;
    m_rate->setText(tr("About %Ln row(s) per second", nullptr, int(rows / seconds)));
    m_status->setText(writing ? tr("Writing the records…") : tr("Checking the file once more…"));
}

void ImportRunPage::finished(const ImportResult &result, const QString &error)
{
    m_done = true;
    m_cancel->setEnabled(false);
    m_session->lastResult() = result;
    if (!error.isEmpty() || !result.ok()) {
        const QString why = !error.isEmpty() ? error : result.error;
        m_status->setText(result.status == ImportResult::Status::Cancelled
                              ? tr("The import was cancelled. Nothing was imported: the "
                                   "database is exactly as it was before.")
                              : tr("The import failed: %1\nNothing was imported: the database "
                                   "is exactly as it was before.").arg(why));
    } else {
        m_progress->setValue(Steps);
        // Each count with its own plural form: "1 duplicate skipped", "2 duplicates skipped".
        QStringList counts = {
            tr("%n created", nullptr, int(result.created)),
            tr("%n updated", nullptr, int(result.updated)),
            tr("%n duplicate(s) skipped", nullptr, int(result.skipped)),
            tr("%n rejected", nullptr, int(result.rejected))};
        for (auto it = result.parentsCreated.cbegin(); it != result.parentsCreated.cend(); ++it)
            counts << tr("%n new %1", nullptr, int(it.value()))
                          .arg(entityNoun(it.key(), it.value() != 1));
        m_status->setText(tr("Done: %1.").arg(QLocale().createSeparatedList(counts)));
        m_saveRejected->setVisible(result.rejected > 0);
        emit m_session->imported(m_session->entity());
    }
    emit completeChanged();
}

void ImportRunPage::cancel()
{
    if (!m_worker->isRunning())
        return;
    m_worker->cancel();
    m_cancel->setEnabled(false);
    m_status->setText(tr("Cancelling…"));
}

bool ImportRunPage::isRunning() const
{
    return m_worker->isRunning();
}

bool ImportRunPage::isComplete() const
{
    return m_done;
}

void ImportRunPage::saveRejected()
{
    const QString path = m_session->chooseFile(this, tr("Save Rejected Rows"), tr("CSV files (*.csv)"),
                                              true);
    if (path.isEmpty() || m_worker->isRunning())
        return;
    // The whole file is read again to find the rows: on the worker, like the import.
    auto error = std::make_shared<QString>();
    const ImportOptions options = m_session->checked();
    const ImportResult result = m_session->lastResult();
    m_saveRejected->setEnabled(false);
    m_worker->start(
        [=](const QString &connection) {
            QSaveFile out(path);
            if (!out.open(QIODevice::WriteOnly))
                *error = out.errorString();
            else if (*error = Importer(connection).writeRejected(options, result, &out);
                     error->isEmpty() && !out.commit())
                *error = out.errorString();
        },
        [=, this](const QString &workerError) {
            m_saveRejected->setEnabled(true);
            const QString why = workerError.isEmpty() ? *error : workerError;
            if (!why.isEmpty()) {
                m_session->prompter()->warn(this, tr("Save Rejected Rows"),
                                           tr("“%1” cannot be written: %2").arg(path, why));
                return;
            }
            m_status->setText(m_status->text() + QLatin1Char('\n')
                              + tr("%n rejected row(s) saved to %1.", nullptr,
                                   int(result.rejected)).arg(path));
        });
}

} // namespace Rapport
