// The main window as a user meets it: databases opened, created and remembered, the four
// tabs, the title, the status bar count, and the keyboard path to a new record.
#include "storage/database.h"
#include "pipeline/boardtab.h"
#include "storage/demodata.h"
#include "window/mainwindow.h"
#include "records/recorddialog.h"
#include "lists/recordfilter.h"
#include "storage/recordstore.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"
#include "storage/notestore.h"
#include "storage/transaction.h"
#include "support/dbsnapshot.h"
#include "support/scriptedprompter.h"
#include "support/threadgate.h"
#include "transfer/importwizard.h"
#include "support/engines.h"

#include <QAction>
#include <QApplication>
#include <QGuiApplication>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QMenu>
#include <QProgressDialog>
#include <QScreen>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QDropEvent>
#include <QMimeData>
#include <QTest>
#include <QUrl>

using namespace Rapport;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensDatabaseWithATabPerRecordType();
    void foreignFileKeepsCurrentDatabase();
    void theBoardIsCtrl6AndItsMovesAreOnTheWindowsUndo();
    void recentDatabasesAreRemembered();
    void ctrlNOpensNewRecordForm();
    void quittingAsksAboutUnsavedForm();
    void ctrlQQuitsAndNoShortcutIsAmbiguous();
    void firstStartFillsMostOfTheScreen();
    void anEmptyTabOffersImportNewAndSampleData();
    void droppingAFileStartsItsImport();
    void newDatabaseOverTheOpenOneStartsEmpty();
    void newDatabaseRefusesFileOpenElsewhere();
    void selectingAllRowsQueriesNoIds();
    void deletingThousandsOfAccountsKeepsTheWindowFree();
    void aDeleteFailingMidwayChangesNothing();

private:
    QString makeDatabase(const QString &name, int leads);
    // `doomed` accounts named "Doomed 0001"... and 5 named "Kept 1"...: each with a contact,
    // a deal of that contact and a note on all three; one kept deal is with a doomed
    // account's contact.
    QString makeAccounts(const QString &name, int doomed, const QString &extraSql = {});
    // Opens `path` in `w` on the Accounts tab and selects the first `rows` rows.
    static RecordTab *selectAccounts(MainWindow &w, const QString &path, int rows);
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
    const QString path = Engines::location(m_dir.filePath(name));
    if (!Database::open(path, "setup").isEmpty())
        return {};
    RecordStore store("setup");
    for (int i = 0; i < leads; ++i)
        store.insert(Entity::Lead, {{"last_name", QString("Lead %1").arg(i)}});
    Database::close("setup");
    return path;
}

void TestMainWindow::opensDatabaseWithATabPerRecordType()
{
    const QString path = makeDatabase("four.sqlite", 3);
    MainWindow w;
    QVERIFY(w.openDatabase(path));
    w.show();
    auto *tabs = w.findChild<QTabWidget *>("recordTabs");
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 7);
    QStringList titles;
    for (int i = 0; i < tabs->count(); ++i)
        titles << tabs->tabText(i);
    QCOMPARE(titles, (QStringList{"My Day", "Leads", "Contacts", "Accounts", "Deals", "Activities",
                                  "Pipeline"}));
    QVERIFY(w.windowTitle().contains(QFileInfo(path).fileName())); // a server's: its database
    tabs->setCurrentWidget(w.tab(Entity::Lead));
    QTRY_COMPARE(w.tab(Entity::Lead)->model()->rowCount(), 3); // counted in the background
    QTRY_COMPARE(w.findChild<QLabel *>("countLabel")->text(), QString("Leads: 3"));
}

void TestMainWindow::theBoardIsCtrl6AndItsMovesAreOnTheWindowsUndo()
{
    const QString path = makeDatabase("board.sqlite", 0);
    QVERIFY(Database::open(path, "setup").isEmpty());
    const qint64 deal = RecordStore("setup").insert(Entity::Deal, {{"deal_name", "Engines"},
                                                                 {"stage", "Proposal"}}).id;
    Database::close("setup");
    MainWindow w;
    w.setPrompter(std::make_shared<ScriptedPrompter>());
    QVERIFY(w.openDatabase(path));
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    auto *tabs = w.findChild<QTabWidget *>("recordTabs");
    QTest::keyClick(&w, Qt::Key_6, Qt::ControlModifier);
    QCOMPARE(tabs->currentWidget(), w.board());
    QTRY_VERIFY(w.board()->columnCount() == 6 && !w.board()->isLoading());
    // WHEN the deal is moved on the board, the Deals tab shows it in its new stage
    QVERIFY(w.board()->moveDeal(deal, 3));
    QTRY_VERIFY(!w.board()->isLoading());
    const auto stage = [&] { return RecordStore(w.connectionName()).load(Entity::Deal, deal)->value("stage").toString(); };
    QCOMPARE(stage(), QStringLiteral("Negotiation"));
    // and Ctrl+Z in the window undoes the move (written in the background, as the move was)
    QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY(!w.board()->isLoading());
    QCOMPARE(stage(), QStringLiteral("Proposal"));
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
    auto warnings = std::make_shared<ScriptedPrompter>();
    const QStringList &shown = warnings->warnings;
    w.setPrompter(warnings);
    QVERIFY(w.openDatabase(good));
    QVERIFY(!w.openDatabase(bad));
    QCOMPARE(shown.size(), 1);
    QVERIFY2(shown.first().contains("not a Rapport database"), qPrintable(shown.first()));
    // Still working on the good database.
    QVERIFY(w.windowTitle().contains(QFileInfo(good).fileName()));
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
    w.setPrompter(std::make_shared<ScriptedPrompter>()); // a failure fails, never waits
    // The list keeps no password: libpq finds it elsewhere, as in ~/.pgpass.
    if (Engines::postgres())
        qputenv("PGPASSWORD", QUrl(a).password().toUtf8());
    auto *recent = w.findChild<QMenu *>("recentMenu");
    QVERIFY(recent);
    QStringList entries;
    for (QAction *action : recent->actions())
        entries << action->toolTip();
    // A server's without its password
    const auto shown = [](const QString &path) {
        return Engines::postgres() ? QUrl(path).toString(QUrl::RemovePassword) : path;
    };
    QCOMPARE(entries.mid(0, 2), (QStringList{shown(b), shown(a)}));
    recent->actions().at(1)->trigger(); // a
    QVERIFY(w.windowTitle().contains(QFileInfo(a).fileName()));
}

void TestMainWindow::ctrlNOpensNewRecordForm()
{
    const QString path = makeDatabase("keys.sqlite", 0);
    MainWindow w;
    QVERIFY(w.openDatabase(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(w.tab(Entity::Account));
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
    w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(w.tab(Entity::Lead));
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

void TestMainWindow::ctrlQQuitsAndNoShortcutIsAmbiguous()
{
    const QString path = makeDatabase("ctrlq.sqlite", 0);
    MainWindow w;
    QVERIFY(w.openDatabase(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    // No key is bound twice in the window: Qt ignores an ambiguous shortcut.
    QHash<QKeySequence, QString> owner;
    for (QAction *action : w.findChildren<QAction *>()) {
        // A widget's own key (a date field's Alt+Down) works only in that widget: the same
        // key in another one is no clash.
        if (action->shortcutContext() == Qt::WidgetShortcut)
            continue;
        for (const QKeySequence &key : action->shortcuts()) {
            const QString name = action->text().remove('&');
            QVERIFY2(!owner.contains(key),
                     qPrintable(key.toString() + ": " + owner.value(key) + " and " + name));
            owner.insert(key, name);
        }
    }
    // WHEN the rep presses Ctrl+Q THEN the window closes.
    QTest::keyClick(&w, Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!w.isVisible());
}

void TestMainWindow::firstStartFillsMostOfTheScreen()
{
    // GIVEN no window size remembered
    QSettings().remove("mainWindow/geometry");
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    {
        MainWindow w;
        // THEN it opens on four fifths of the screen, centred
        QCOMPARE(w.size(), available.size() * 4 / 5);
        QCOMPARE(w.geometry().center(), available.center());
        w.resize(700, 500);
        w.move(available.topLeft() + QPoint(10, 20));
        w.close(); // remembers where the user left it
    }
    MainWindow again;
    QCOMPARE(again.size(), QSize(700, 500));
}

void TestMainWindow::anEmptyTabOffersImportNewAndSampleData()
{
    const QString path = makeDatabase("empty.sqlite", 0);
    MainWindow w;
    QVERIFY(w.openDatabase(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    RecordTab *leads = w.tab(Entity::Lead);
    w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(leads);
    auto *empty = leads->findChild<QWidget *>("emptyState");
    QVERIFY(empty);
    // GIVEN a new database THEN the tab says what to do instead of showing an empty grid
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(!leads->view()->isVisible());
    // WHEN the rep chooses Add the First Lead THEN the new lead's form opens
    QTest::mouseClick(empty->findChild<QPushButton *>("emptyNewButton"), Qt::LeftButton);
    RecordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = w.findChild<RecordDialog *>()) != nullptr);
    QVERIFY(dialog->windowTitle().contains("Lead"));
    dialog->reject();
    // WHEN the rep fills in sample data THEN every tab has records and shows its grid
    QTest::mouseClick(empty->findChild<QPushButton *>("emptySampleButton"), Qt::LeftButton);
    QTRY_COMPARE(leads->model()->rowCount(), 200);
    QTRY_VERIFY(leads->view()->isVisible());
    QVERIFY(!empty->isVisible());
    QTRY_COMPARE(w.tab(Entity::Contact)->model()->rowCount(), 120);
    // A search that finds nothing keeps the grid: the records are there.
    leads->findChild<QLineEdit *>("searchEdit")->setText("no such name anywhere");
    QTRY_COMPARE(leads->model()->rowCount(), 0);
    QVERIFY(leads->view()->isVisible());
}

void TestMainWindow::droppingAFileStartsItsImport()
{
    const QString path = makeDatabase("drop.sqlite", 0);
    MainWindow w;
    QVERIFY(w.openDatabase(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(w.tab(Entity::Deal));
    auto drop = [&w](const QString &file) {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file)});
        const QPoint at = w.rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &enter);
        if (!enter.isAccepted())
            return false;
        QDropEvent dropped(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &dropped);
        return dropped.isAccepted();
    };
    // GIVEN a file Rapport does not import (a database) THEN the window does not take it
    QVERIFY(!drop(path));
    // WHEN an address book is dropped on the Deals tab THEN its import opens for contacts,
    // on that file
    QVERIFY(drop(QStringLiteral(RAPPORT_TEST_DATA "/vcard/google_30.vcf")));
    ImportWizard *wizard = nullptr;
    QTRY_VERIFY((wizard = w.findChild<ImportWizard *>()) != nullptr);
    QCOMPARE(wizard->entity(), Entity::Contact);
    QCOMPARE(wizard->findChild<QLineEdit *>("filePathEdit")->text(),
             QStringLiteral(RAPPORT_TEST_DATA "/vcard/google_30.vcf"));
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    wizard->reject();
    delete wizard;
    // WHEN a CSV file is dropped THEN it goes to the records the window shows
    QVERIFY(drop(QStringLiteral(RAPPORT_TEST_DATA "/csv/google_bom.csv")));
    QTRY_VERIFY((wizard = w.findChild<ImportWizard *>()) != nullptr);
    QCOMPARE(wizard->entity(), Entity::Deal);
    delete wizard;
}

void TestMainWindow::chooseFile(MainWindow &w, const QString &path)
{
    w.setFileChooser([path](QWidget *, const QString &, const QString &, const QString &,
                            bool) { return path; });
}

void TestMainWindow::newDatabaseOverTheOpenOneStartsEmpty()
{
    SQLITE_ONLY("a new database is a file");
    // GIVEN a database with three leads open in the window, two of them written through the
    // window's connection and so still in the -wal file beside it
    const QString path = makeDatabase("replace.sqlite", 1);
    auto warnings = std::make_shared<ScriptedPrompter>();
    const QStringList &shown = warnings->warnings;
    {
        MainWindow w;
        w.setPrompter(warnings);
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
        QVERIFY(Database::open(path, "peek").isEmpty());
        QCOMPARE(countRecords("peek", Entity::Lead, {}), 1);
        Database::close("peek");
    }
    // AND once the window is closed only the database file is left, with that one lead: no
    // -wal or -shm file of the old database that could bring its leads back
    QVERIFY(QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(path + "-wal"));
    QVERIFY(!QFileInfo::exists(path + "-shm"));
    QVERIFY(Database::open(path, "reopened").isEmpty());
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
    SQLITE_ONLY("a new database is a file");
    // GIVEN a database with two leads, open in the window and elsewhere too (another window,
    // rapport-cli)
    const QString path = makeDatabase("shared.sqlite", 2);
    MainWindow w;
    auto warnings = std::make_shared<ScriptedPrompter>();
    const QStringList &shown = warnings->warnings;
    w.setPrompter(warnings);
    QVERIFY(w.openDatabase(path));
    QVERIFY(Database::open(path, "elsewhere").isEmpty());
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

void TestMainWindow::selectingAllRowsQueriesNoIds()
{
    // GIVEN a tab of twenty thousand leads, paged off the index
    const QString path = Engines::location(m_dir.filePath("big.sqlite"));
    QVERIFY(Database::open(path, "big").isEmpty());
    QCOMPARE(DemoData("big").generate({.leads = 20000}), QString());
    Database::close("big");
    MainWindow w;
    QVERIFY(w.openDatabase(path));
    w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(w.tab(Entity::Lead));
    RecordTab *leads = w.tab(Entity::Lead);
    QTRY_VERIFY(!leads->model()->isLoading());
    QCOMPARE(leads->model()->rowCount(), 20000);
    QVERIFY(!leads->model()->holdsOrderedIds()); // so the ids of rows would cost a query
    auto *remove = w.findChild<QAction *>("deleteRecordAction");
    auto *open = w.findChild<QAction *>("openRecordAction");
    QVERIFY(!remove->isEnabled());
    const int queries = leads->model()->queriesRun();
    // WHEN the rep selects all rows
    leads->view()->selectAll();
    // THEN Delete and Open are there at once, and no query ran for them
    QVERIFY(remove->isEnabled());
    QVERIFY(open->isEnabled());
    QCOMPARE(leads->selectedCount(), 20000);
    QCOMPARE(leads->model()->queriesRun(), queries);
    // AND clearing the selection takes them away again, still without a query
    leads->view()->clearSelection();
    QVERIFY(!remove->isEnabled());
    QCOMPARE(leads->model()->queriesRun(), queries);
}

QString TestMainWindow::makeAccounts(const QString &name, int doomed, const QString &extraSql)
{
    const QString path = Engines::location(m_dir.filePath(name));
    if (!Database::open(path, "setup").isEmpty())
        return {};
    {
        RecordStore store("setup");
        NoteStore notes("setup");
        Transaction tx("setup");
        qint64 doomedContact = 0;
        const auto add = [&](const QString &account) {
            const qint64 a = store.insert(Entity::Account, {{"account_name", account}}).id;
            const qint64 c = store.insert(Entity::Contact, {{"last_name", "Of " + account},
                                                            {"account_id", a}}).id;
            const qint64 d = store.insert(Entity::Deal, {{"deal_name", "Deal of " + account},
                                                         {"account_id", a},
                                                         {"contact_id", c}}).id;
            notes.add(Entity::Account, a, "Note on " + account);
            notes.add(Entity::Contact, c, "Note on the contact of " + account);
            notes.add(Entity::Deal, d, "Note on the deal of " + account);
            return std::pair{a, c};
        };
        for (int i = 1; i <= doomed; ++i)
            doomedContact = add(QString("Doomed %1").arg(i, 4, 10, QChar('0'))).second;
        qint64 kept = 0;
        for (int i = 1; i <= 5; ++i)
            kept = add(QString("Kept %1").arg(i)).first;
        store.insert(Entity::Deal, {{"deal_name", "Shared deal"}, {"account_id", kept},
                                    {"contact_id", doomedContact}});
        if (!extraSql.isEmpty()) {
            QSqlQuery q(QSqlDatabase::database("setup"));
            if (!q.exec(extraSql)) // DDL: PostgreSQL prepares none
                qWarning() << q.lastError().text();
        }
        if (!tx.commit().isEmpty())
            return {};
    }
    Database::close("setup");
    return path;
}

RecordTab *TestMainWindow::selectAccounts(MainWindow &w, const QString &path, int rows)
{
    if (!w.openDatabase(path))
        return nullptr;
    w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(w.tab(Entity::Account));
    RecordTab *accounts = w.tab(Entity::Account);
    if (!QTest::qWaitFor([&] { return !accounts->model()->isLoading(); }))
        return nullptr;
    RecordTableModel *model = accounts->model();
    accounts->view()->selectionModel()->select(
        QItemSelection(model->index(0, 0), model->index(rows - 1, 0)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return accounts;
}

namespace {

int scalar(const QString &connection, const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(connection));
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

} // namespace

void TestMainWindow::deletingThousandsOfAccountsKeepsTheWindowFree()
{
    // GIVEN 2,000 accounts with contacts, deals and notes, selected in the Accounts tab, and
    // 5 more that stay
    const QString path = makeAccounts("delete.sqlite", 2000);
    QVERIFY(!path.isEmpty());
    MainWindow w;
    auto prompter = std::make_shared<ScriptedPrompter>();
    w.setPrompter(prompter);
    w.show();
    RecordTab *accounts = selectAccounts(w, path, 2000);
    QVERIFY(accounts);
    QCOMPARE(accounts->model()->rowCount(), 2005);
    QCOMPARE(accounts->selectedCount(), 2000);
    const QString db = w.connectionName();
    WorkerGate gate;
    prompter->answers << "Delete with their contacts and deals";
    // WHEN the rep presses Delete and chooses to delete the contacts and deals too
    auto *remove = w.findChild<QAction *>("deleteRecordAction");
    remove->trigger();
    QTRY_VERIFY(gate.held()); // what depends on them is counted on the worker
    gate.letOneThrough();
    QTRY_VERIFY(gate.held()); // the rep was asked; the delete itself is about to run
    QCOMPARE(prompter->asked.size(), 1);
    QVERIFY2(prompter->asked.first().text.startsWith("Delete 2000 account"),
             qPrintable(prompter->asked.first().text));
    QVERIFY2(prompter->asked.first().details.contains("2000 contact"),
             qPrintable(prompter->asked.first().details));
    // THEN while it runs, the window goes on: the progress dialog comes up, the tab still
    // reads its rows, and a second delete cannot be started
    QProgressDialog *progress = nullptr;
    QTRY_VERIFY((progress = w.findChild<QProgressDialog *>("deleteProgress")) != nullptr
                && progress->isVisible());
    QVERIFY(!remove->isEnabled());
    QTRY_VERIFY(accounts->model()->index(1999, 0).data().toString().startsWith("Doomed"));
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM accounts"), 2005);
    gate.open();
    // AND afterwards exactly those accounts are gone with their contacts, deals and notes,
    // and the tab shows the five that stay
    QTRY_COMPARE_WITH_TIMEOUT(accounts->model()->rowCount(), 5, 60000);
    QTRY_VERIFY(!accounts->model()->isLoading());
    QCOMPARE(prompter->warnings, QStringList());
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM accounts WHERE account_name LIKE 'Kept %'"), 5);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM accounts"), 5);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM contacts"), 5);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM contacts WHERE last_name LIKE 'Of Kept %'"), 5);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM deals"), 6);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM deals WHERE deal_name = 'Shared deal' AND "
                        "contact_id IS NULL AND account_id IS NOT NULL"), 1);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM notes"), 15);
    QCOMPARE(scalar(db, "SELECT COUNT(*) FROM notes WHERE body LIKE '%Doomed%'"), 0);
    QTRY_VERIFY(!w.findChild<QProgressDialog *>("deleteProgress"));
    QVERIFY(!remove->isEnabled()); // the selection went with the records
    QCOMPARE(prompter->unexpected, 0);
}

void TestMainWindow::aDeleteFailingMidwayChangesNothing()
{
    // GIVEN 2,000 selected accounts, the last of which the database refuses to delete -
    // after their contacts, deals and notes are gone
    const QString path = makeAccounts(
        "refused.sqlite", 2000,
        Engines::postgres()
            ? "CREATE FUNCTION audit_hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
              "RAISE EXCEPTION 'held for the auditors'; END $$; "
              "CREATE TRIGGER audit_hold BEFORE DELETE ON accounts FOR EACH ROW "
              "WHEN (OLD.account_name = 'Doomed 2000') EXECUTE FUNCTION audit_hold()"
            : "CREATE TRIGGER audit_hold BEFORE DELETE ON accounts "
              "WHEN OLD.account_name = 'Doomed 2000' "
              "BEGIN SELECT RAISE(ABORT, 'held for the auditors'); END");
    QVERIFY(!path.isEmpty());
    MainWindow w;
    auto prompter = std::make_shared<ScriptedPrompter>();
    w.setPrompter(prompter);
    RecordTab *accounts = selectAccounts(w, path, 2000);
    QVERIFY(accounts);
    const auto before = dbSnapshot(w.connectionName(), recordTables());
    // WHEN the rep deletes them with their contacts and deals
    prompter->answers << "Delete with their contacts and deals";
    w.findChild<QAction *>("deleteRecordAction")->trigger();
    // THEN the rep is told, and everything is still there
    QTRY_COMPARE_WITH_TIMEOUT(prompter->warnings.size(), 1, 60000);
    QVERIFY2(prompter->warnings.first().contains("held for the auditors"),
             qPrintable(prompter->warnings.first()));
    QVERIFY2(prompter->warnings.first().contains("Nothing was deleted"),
             qPrintable(prompter->warnings.first()));
    COMPARE_SNAPSHOTS(dbSnapshot(w.connectionName(), recordTables()), before);
    QTRY_VERIFY(w.findChild<QAction *>("deleteRecordAction")->isEnabled());
    QCOMPARE(accounts->selectedCount(), 2000);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
