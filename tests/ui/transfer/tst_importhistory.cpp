// File › Import History in the main window: the imports are listed with file, type, counts
// and state; Undo Import asks first, does nothing when the user declines, and otherwise
// removes what the import created, marks it undone and the tab shows the records gone.
#include "window/csvactions.h"
#include "storage/database.h"
#include "transfer/importer.h"
#include "transfer/importhistorydialog.h"
#include "window/mainwindow.h"
#include "lists/recordfilter.h"
#include "storage/recordstore.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "support/scriptedprompter.h"
#include "support/engines.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestImportHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void undoFromTheHistoryRemovesImportedRows();

private:
    qint64 leadCount(const QString &connection);
    QTemporaryDir m_dir;
};

void TestImportHistory::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_importhistory");
    QSettings().clear();
}

qint64 TestImportHistory::leadCount(const QString &connection)
{
    RecordFilter all;
    all.converted = RecordFilter::Converted::Include;
    return countRecords(connection, Entity::Lead, all);
}

void TestImportHistory::undoFromTheHistoryRemovesImportedRows()
{
    // GIVEN a database with one lead typed in and an import of three more
    MainWindow window;
    QVERIFY(window.openDatabase(Engines::location(m_dir.filePath("history.sqlite"))));
    const QString db = window.connectionName();
    QVERIFY(RecordStore(db).insert(Entity::Lead, {{"last_name", "Typed In"}}).ok());
    const QString path = m_dir.filePath("trade-show.csv");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("First Name,Last Name,Email\nAda,Lovelace,ada@example.com\n"
            "Alan,Turing,alan@example.com\nGrace,Hopper,grace@example.com\n");
    f.close();
    ImportOptions options;
    options.filePath = path;
    QCOMPARE(Importer(db).run(options).created, 3);
    RecordTab *tab = window.tab(Entity::Lead);
    tab->reload();
    QTRY_COMPARE(tab->model()->rowCount(), 4);
    auto prompter = std::make_shared<ScriptedPrompter>();
    window.findChild<CsvActions *>()->setPrompter(prompter);

    // WHEN the user opens File › Import History
    auto *fileMenu = qobject_cast<QMenu *>(window.findChild<QMenu *>("importMenu")->parent());
    fileMenu->popup(QPoint(0, 0)); // the actions are enabled as the menu opens
    QAction *historyAction = window.findChild<QAction *>("importHistoryAction");
    QVERIFY(historyAction->isEnabled());
    historyAction->trigger();
    fileMenu->hide();
    auto *dialog = window.findChild<ImportHistoryDialog *>();
    QVERIFY(dialog);
    auto *table = dialog->findChild<QTableWidget *>("historyTable");
    // THEN the import is listed with its file, type and counts
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QString("trade-show.csv"));
    QCOMPARE(table->item(0, 1)->text(), QString("Leads"));
    QCOMPARE(table->item(0, 3)->text(), QString("3"));
    QVERIFY(table->item(0, 7)->text().isEmpty());
    auto *undo = dialog->findChild<QPushButton *>("undoImportButton");
    QVERIFY(undo->isEnabled());

    // WHEN the user clicks Undo Import but declines the question, nothing changes
    prompter->answers = {"Cancel"};
    QTest::mouseClick(undo, Qt::LeftButton);
    QCOMPARE(prompter->asked.size(), 1);
    QVERIFY(prompter->asked[0].text.contains("trade-show.csv"));
    QCOMPARE(leadCount(db), 4);
    QVERIFY(undo->isEnabled());

    // WHEN the user confirms
    prompter->answers = {"Undo Import"};
    QTest::mouseClick(undo, Qt::LeftButton);
    // THEN the imported leads are gone, the typed one stays, the tab shows it, and the
    // import is marked undone and cannot be undone twice
    QTRY_COMPARE(table->item(0, 7)->text(), QString("Undone"));
    QCOMPARE(leadCount(db), 1);
    QTRY_COMPARE(tab->model()->rowCount(), 1);
    QVERIFY(!undo->isEnabled());
    QCOMPARE(prompter->unexpected, 0);
    QVERIFY(prompter->warnings.isEmpty());
}

QTEST_MAIN(TestImportHistory)
#include "tst_importhistory.moc"
