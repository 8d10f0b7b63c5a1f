// The import wizard's last page: the import on a worker thread, Cancel during a
// 200,000-row import (the window keeps running, the database stays as it was), saving the
// rejected rows, and File › Import in the main window reloading the tab afterwards.
#include "window/csvactions.h"
#include "support/importwizardfixture.h"
#include "window/mainwindow.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "transfer/democsv.h"
#include "support/engines.h"

#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

using namespace Rapport;

class TestImportRunPage : public QObject, private ImportWizardFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }
    void rejectedRowsAreSavedAsCsv();
    void cancelDuringImportWritesNothing();
    void fileMenuImportReloadsTheTab();
};

void TestImportRunPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_importrunpage");
    QSettings().clear();
}

void TestImportRunPage::rejectedRowsAreSavedAsCsv()
{
    // GIVEN a file with one good row and one the check rejects, imported as it is
    auto wizard = openWizard(writeFile("rejects.csv", "Last Name,Email\n"
                                                      "Lovelace,ada@example.com\n"
                                                      "Turing,not an email\n"));
    const QString saved = m_dir.filePath("rejected-rows.csv");
    wizard->setFileChooser([saved](QWidget *, const QString &, const QString &, bool save) {
        return save ? saved : QString();
    });
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    runToEnd(wizard.get());
    QCOMPARE(leadCount(), 1);
    // WHEN the user saves the rejected rows
    auto *save = wizard->findChild<QPushButton *>("saveRejectedButton");
    QVERIFY(save->isVisible());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(wizard->findChild<QLabel *>("importStatus")->text().contains("saved to"));
    // THEN the file has the header, the row's cells, its line and the problem
    QFile file(saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].trimmed(), QByteArray("Last Name,Email,Line,Problem"));
    QVERIFY2(lines[1].startsWith("Turing,not an email,3,"), lines[1].constData());
    QVERIFY(m_prompter->warnings.isEmpty());
}

void TestImportRunPage::cancelDuringImportWritesNothing()
{
    // GIVEN 200,000 leads in a file (the ones rapport-cli demo --csv writes)
    const QString path = m_dir.filePath("big.csv");
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QString error;
        error = writeDemoLeadsCsv(&file, 200000, DemoCsvHeader::Zoho, 42);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    auto wizard = openWizard(path);
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::CommitButton)->isEnabled(), 120000);
    const qint64 before = leadCount();
    // WHEN the import is under way, with the event loop counted by a timer
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&ticks] { ++ticks; });
    timer.start(10);
    QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
    auto *progress = wizard->findChild<QProgressBar *>("importProgress");
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, 60000);
    QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
    QTest::mouseClick(wizard->findChild<QPushButton *>("cancelImportButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::FinishButton)->isEnabled(), 60000);
    // THEN the window kept running, nothing was written, and the page says so
    QVERIFY2(ticks > 3, qPrintable(QString::number(ticks)));
    QCOMPARE(leadCount(), before);
    QVERIFY(wizard->findChild<QLabel *>("importStatus")->text().contains("cancelled"));
    QCOMPARE(wizard->lastResult().status, ImportResult::Status::Cancelled);
}

void TestImportRunPage::fileMenuImportReloadsTheTab()
{
    // GIVEN the main window on an empty database
    MainWindow window;
    window.show();
    QVERIFY(window.openDatabase(Engines::location(m_dir.filePath("menu.sqlite"))));
    window.findChild<CsvActions *>()->setPrompter(m_prompter);
    QTRY_COMPARE(window.tab(Entity::Lead)->model()->rowCount(), 0);
    // WHEN the user picks File › Import › Leads… and imports two leads
    auto *fileMenu = qobject_cast<QMenu *>(window.findChild<QMenu *>("importMenu")->parent());
    fileMenu->popup(QPoint(0, 0));
    QAction *importLeads = window.findChild<QAction *>("import_leads_action");
    QVERIFY(importLeads->isEnabled());
    importLeads->trigger();
    fileMenu->hide();
    auto *wizard = window.findChild<ImportWizard *>();
    QVERIFY(wizard && wizard->isVisible());
    QCOMPARE(wizard->entity(), Entity::Lead);
    wizard->findChild<QLineEdit *>("filePathEdit")
        ->setText(writeFile("menu.csv", "Last Name\nLovelace\nTuring\n"));
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    runToEnd(wizard);
    // THEN the leads tab shows them (once it has reloaded), and Finish closes the wizard
    QTRY_COMPARE(window.tab(Entity::Lead)->model()->rowCount(), 2);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY(!window.findChild<ImportWizard *>());
}
QTEST_MAIN(TestImportRunPage)
#include "tst_importrunpage.moc"
