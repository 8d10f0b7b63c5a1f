#pragma once
// Import step 3: every row checked before anything is written (a dry run on a worker
// thread). Shows what the import would do, the duplicate policy and the date order, and
// a staging table of the rows with problems: the user fixes a cell in place or drops the
// row, then checks again. The fixes travel with the import's options (ImportOptions::edits):
// the importer applies them as it reads the user's file, which is never copied.

#include "transfer/importoptions.h"

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace Rapport {

class DbWorker;
class ImportSession;

class ImportCheckPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportCheckPage(ImportSession *session);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool isChecking() const;

private:
    struct Outcome;

    QWidget *createOptions();
    void check();
    void showOutcome(const Outcome &outcome, const QString &error);
    void fillStaging(const QStringList &headers, const QList<QPair<RowProblem, QStringList>> &rows);
    void cellEdited(int row, int column);
    void dropRows();
    void setPending(bool pending);

    ImportSession *m_session;
    DbWorker *m_worker;
    QComboBox *m_policy;
    QComboBox *m_dateOrder;
    QCheckBox *m_createMissing;
    QLabel *m_counts;
    QLabel *m_message;
    QProgressBar *m_progress;
    QTableWidget *m_staging;
    QPushButton *m_drop;
    QPushButton *m_recheck;
    ImportOptions m_source;     // what was checked last, with the fixes it was checked with
    RowEdits m_edits;           // the user's fixes so far, by line of the file
    ImportResult m_result;
    bool m_filling = false;
    bool m_checkAgain = false;  // choices changed during a check: check once it has stopped
};

} // namespace Rapport
