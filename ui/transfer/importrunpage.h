#pragma once
// Import step 4: the import itself, on a worker thread with its own connection, in one
// transaction. Progress, rows per second and Cancel while it runs; the window stays
// responsive. Cancelled or failed, the transaction is rolled back and the page says that
// the database is as it was. At the end the counts, and the rejected rows can be saved as
// a CSV (original cells, line, problem) to fix and import again.

#include <QElapsedTimer>
#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Rapport {

class DbWorker;
class ImportSession;
struct ImportResult;

class ImportRunPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportRunPage(ImportSession *session);

    void initializePage() override;
    bool isComplete() const override;
    bool isRunning() const;
    void cancel();

private:
    void progress(int phase, qint64 done, qint64 total);
    void finished(const ImportResult &result, const QString &error);
    void saveRejected();

    ImportSession *m_session;
    DbWorker *m_worker;
    QProgressBar *m_progress;
    QLabel *m_rate;
    QLabel *m_status;
    QPushButton *m_cancel;
    QPushButton *m_saveRejected;
    QElapsedTimer m_clock;
    bool m_done = false;
};

} // namespace Rapport
