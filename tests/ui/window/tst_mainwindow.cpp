// The main window as a user meets it: databases opened, created and remembered, the four
// tabs, the title, the status bar count, and the keyboard path to a new record.
#include "storage/database.h"
#include "window/mainwindow.h"
#include "records/recorddialog.h"
#include "lists/recordfilter.h"
#include "storage/recordstore.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"
#include "support/scriptedprompter.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensDatabaseWithFourTabs();
    void foreignFileKeepsCurrentDatabase();
    void recentDatabasesAreRemembered();
    void ctrlNOpensNewRecordForm();
    void quittingAsksAboutUnsavedForm();
    void newDatabaseOverTheOpenOneStartsEmpty();
    void newDatabaseRefusesFileOpenElsewhere();

private:
    QString makeDatabase(const QString &name, int leads);
    static void chooseFile(MainWindow &w, const QString &path);
    QTemporaryDir m_dir;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_mainwindow");
    QSettings().clear();
}

QString TestMainWindow::makeDatabase(const QString &name, int leads)
{
    const QString path = m_dir.filePath(name);
    if (Database::open(path, "setup").isValid())
        return {};
    RecordStore store("setup");
    for (int i = 0; i < leads; ++i)
        store.insert(Entity::Lead, {{"last_name", QString("Lead %1").arg(i)}});
    Database::close("setup");
    return path;
}

void TestMainWindow::opensDatabaseWithFourTabs()
{
    const QString path = makeDatabase("four.sqlite", 3);
    MainWindow w;
    QVERIFY(w.openDatabase(path));
    w.show();
    auto *tabs = w.findChild<QTabWidget *>("recordTabs");
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 4);
    QStringList titles;
    for (int i = 0; i < tabs->count(); ++i)
        titles << tabs->tabText(i);
    QCOMPARE(titles, (QStringList{"Leads", "Contacts", "Accounts", "Deals"}));
    QVERIFY(w.windowTitle().contains("four.sqlite"));
    tabs->setCurrentIndex(0);
    QTRY_COMPARE(w.tab(Entity::Lead)->model()->rowCount(), 3); // counted in the background
    QTRY_COMPARE(w.findChild<QLabel *>("countLabel")->text(), QString("Leads: 3"));
}

void TestMainWindow::foreignFileKeepsCurrentDatabase()
{
    const QString good = makeDatabase("good.sqlite", 1);
    const QString bad = m_dir.filePath("contacts.csv");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("Name,Email\nAda,ada@example.com\n");
    f.close();
    MainWindow w;
    QStringList shown;
    w.setErrorHandler([&](const QString &, const QString &text) { shown << text; });
    QVERIFY(w.openDatabase(good));
    QVERIFY(!w.openDatabase(bad));
    QCOMPARE(shown.size(), 1);
    QVERIFY2(shown.first().contains("not a Rapport database"), qPrintable(shown.first()));
    // Still working on the good database.
    QVERIFY(w.windowTitle().contains("good.sqlite"));
    QTRY_COMPARE(w.tab(Entity::Lead)->model()->rowCount(), 1);
}

void TestMainWindow::recentDatabasesAreRemembered()
{
    const QString a = makeDatabase("a.sqlite", 0);
    const QString b = makeDatabase("b.sqlite", 0);
    {
        MainWindow w;
        QVERIFY(w.openDatabase(a));
        QVERIFY(w.openDatabase(b));
    }
    MainWindow w;
    auto *recent = w.findChild<QMenu *>("recentMenu");
    QVERIFY(recent);
    QStringList entries;
    for (QAction *action : recent->actions())
        entries << action->toolTip();
    QCOMPARE(entries.mid(0, 2), (QStringList{b, a}));
    recent->actions().at(1)->trigger(); // a
    QVERIFY(w.windowTitle().contains("a.sqlite"));
}

void TestMainWindow::ctrlNOpensNewRecordForm()
{
    const QString path = makeDatabase("keys.sqlite", 0);
    MainWindow w;
    QVERIFY(w.openDatabase(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.findChild<QTabWidget *>("recordTabs")->setCurrentIndex(2); // Accounts
    QTest::keyClick(&w, Qt::Key_N, Qt::ControlModifier);
    RecordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = w.findChild<RecordDialog *>()) != nullptr);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->windowTitle().contains("Account"));
    dialog->reject();
}

void TestMainWindow::quittingAsksAboutUnsavedForm()
{
    const QString path = makeDatabase("quit.sqlite", 0);
    MainWindow w;
    QVERIFY(w.openDatabase(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.findChild<QTabWidget *>("recordTabs")->setCurrentIndex(0);
    QTest::keyClick(&w, Qt::Key_N, Qt::ControlModifier);
    RecordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = w.findChild<RecordDialog *>()) != nullptr);
    auto prompter = std::make_shared<ScriptedPrompter>();
    dialog->setPrompter(prompter);
    auto *lastName = dialog->findChild<QWidget *>("last_name");
    QVERIFY(lastName);
    QTest::keyClicks(lastName, "Lovelace");
    // GIVEN a half-typed lead WHEN the rep quits and answers Cancel THEN nothing closes
    prompter->answers = {"Cancel"};
    QVERIFY(!w.close());
    QVERIFY(w.isVisible());
    QVERIFY(dialog->isVisible());
    QCOMPARE(prompter->asked.size(), 1);
    // WHEN the rep quits and chooses Save THEN the lead is written and the window closes
    prompter->answers = {"Save"};
    QVERIFY(w.close());
    QCOMPARE(countRecords(w.connectionName(), Entity::Lead, {}), 1);
}

void TestMainWindow::chooseFile(MainWindow &w, const QString &path)
{
    w.setFileChooser([path](QWidget *, const QString &, const QString &, const QString &,
                            bool) { return path; });
}

void TestMainWindow::newDatabaseOverTheOpenOneStartsEmpty()
{
    // GIVEN a database with three leads open in the window, two of them written through the
    // window's connection and so still in the -wal file beside it
    const QString path = makeDatabase("replace.sqlite", 1);
    QStringList shown;
    {
        MainWindow w;
        w.setErrorHandler([&](const QString &, const QString &text) { shown << text; });
        QVERIFY(w.openDatabase(path));
        RecordStore store(w.connectionName());
        QVERIFY(store.insert(Entity::Lead, {{"last_name", "Babbage"}}).ok());
        QVERIFY(store.insert(Entity::Lead, {{"last_name", "Hopper"}}).ok());
        QVERIFY(QFileInfo::exists(path + "-wal"));
        w.tab(Entity::Lead)->reload();
        QTRY_COMPARE(w.tab(Entity::Lead)->model()->rowCount(), 3);
        // WHEN the rep chooses File › New Database and names that same file
        chooseFile(w, path);
        auto *newDatabase = w.findChild<QAction *>("newDatabaseAction");
        QVERIFY(newDatabase);
        newDatabase->trigger();
        // THEN the window works on a new, empty database of that name
        QVERIFY2(shown.isEmpty(), qPrintable(shown.join('\n')));
        QVERIFY(w.windowTitle().contains("replace.sqlite"));
        QTRY_VERIFY(!w.tab(Entity::Lead)->model()->isLoading());
        QCOMPARE(w.tab(Entity::Lead)->model()->rowCount(), 0);
        QCOMPARE(countRecords(w.connectionName(), Entity::Lead, {}), 0);
        // AND what the rep writes into it is what anyone opening the file (another window,
        // rapport-cli) sees: the files beside it are the new database's own
        QVERIFY(RecordStore(w.connectionName()).insert(Entity::Lead, {{"last_name", "Lamarr"}}).ok());
        QVERIFY(!Database::open(path, "peek").isValid());
        QCOMPARE(countRecords("peek", Entity::Lead, {}), 1);
        Database::close("peek");
    }
    // AND once the window is closed only the database file is left, with that one lead: no
    // -wal or -shm file of the old database that could bring its leads back
    QVERIFY(QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(path + "-wal"));
    QVERIFY(!QFileInfo::exists(path + "-shm"));
    QVERIFY(!Database::open(path, "reopened").isValid());
    QCOMPARE(countRecords("reopened", Entity::Lead, {}), 1);
    {
        QSqlQuery q(QSqlDatabase::database("reopened"));
        QVERIFY(q.exec("PRAGMA integrity_check"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QString("ok"));
    }
    Database::close("reopened");
}

void TestMainWindow::newDatabaseRefusesFileOpenElsewhere()
{
    // GIVEN a database with two leads, open in the window and elsewhere too (another window,
    // rapport-cli)
    const QString path = makeDatabase("shared.sqlite", 2);
    MainWindow w;
    QStringList shown;
    w.setErrorHandler([&](const QString &, const QString &text) { shown << text; });
    QVERIFY(w.openDatabase(path));
    QVERIFY(!Database::open(path, "elsewhere").isValid());
    // WHEN the rep chooses File › New Database onto that file
    chooseFile(w, path);
    w.findChild<QAction *>("newDatabaseAction")->trigger();
    // THEN it is refused with a message saying why
    QCOMPARE(shown.size(), 1);
    QVERIFY2(shown.first().contains("open in another Rapport window or program"),
             qPrintable(shown.first()));
    // AND the data is intact, for the window and for the other user
    QCOMPARE(countRecords("elsewhere", Entity::Lead, {}), 2);
    QVERIFY(w.windowTitle().contains("shared.sqlite"));
    QTRY_COMPARE(w.tab(Entity::Lead)->model()->rowCount(), 2);
    QCOMPARE(countRecords(w.connectionName(), Entity::Lead, {}), 2);
    Database::close("elsewhere");
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
