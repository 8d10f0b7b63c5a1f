// Other reps' changes in the window without a reload, as a rep sees them: a colleague (another
// connection to the same database, working as another user) writes, and the list shows the
// new record while the rep's current record and scroll position stay, the board moves the
// card, and a form being edited keeps its edits and says who changed the record. On
// PostgreSQL the window hears of it from the server's notification alone (no poll).
#include "lists/recordtablemodel.h"
#include "pipeline/boardtab.h"
#include "records/detailpane.h"
#include "records/panebar.h"
#include "records/recorddialog.h"
#include "records/recordform.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"
#include "storage/changewatcher.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/engines.h"
#include "support/scriptedprompter.h"
#include "window/liveupdates.h"
#include "window/mainwindow.h"

#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Rapport;

namespace {

const char *const Colleague = "colleague";

} // namespace

class TestLiveUpdates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void aColleaguesRecordAppearsWhileSelectionAndScrollStay();
    void theRepsSelectedRowsStayWhileAColleagueAddsOne();
    void theBoardMovesTheCardAColleagueMoved();
    void aFormBeingEditedKeepsItsEditsAndSaysWho();
    void aRecordsWindowShowsAColleaguesSaveOrKeepsTheRepsEdits();

private:
    bool openWindow();
    RecordTab *showTab(Entity entity);
    // What a colleague writes, as "Grace Hopper".
    WriteResult asColleague(const std::function<WriteResult(RecordStore &)> &write);
    // Lets the window hear of it: the server's notification, or (SQLite) the poll.
    void deliver();
    // `count` leads a colleague added, "Lead 000", "Lead 001" …: their ids in that order.
    QList<qint64> addNumberedLeads(int count);

    QTemporaryDir m_dir;
    int m_run = 0;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;
};

void TestLiveUpdates::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_liveupdates");
}

void TestLiveUpdates::init()
{
    QSettings().clear();
    m_path = Engines::location(m_dir.filePath(QStringLiteral("live%1.sqlite").arg(++m_run)));
    QCOMPARE(Database::open(m_path, QLatin1String(Colleague)), QString());
}

void TestLiveUpdates::cleanup()
{
    m_window.reset();
    Database::close(QLatin1String(Colleague));
}

bool TestLiveUpdates::openWindow()
{
    m_window = std::make_unique<MainWindow>();
    m_window->setPrompter(std::make_shared<ScriptedPrompter>());
    if (!m_window->openDatabase(m_path))
        return false;
    ChangeWatcher *watcher = m_window->liveUpdates()->watcher();
    if (!watcher)
        return false;
    watcher->setPollInterval(0); // only deliver() brings news
    m_window->resize(1400, 900);
    m_window->show();
    return QTest::qWaitForWindowExposed(m_window.get());
}

RecordTab *TestLiveUpdates::showTab(Entity entity)
{
    RecordTab *tab = m_window->tab(entity);
    m_window->findChild<QTabWidget *>("recordTabs")->setCurrentWidget(tab);
    if (!QTest::qWaitFor([tab] { return !tab->model()->isLoading(); }))
        return nullptr;
    return tab;
}

WriteResult TestLiveUpdates::asColleague(const std::function<WriteResult(RecordStore &)> &write)
{
    qputenv("RAPPORT_USER", "Grace Hopper");
    RecordStore store{QLatin1String(Colleague)};
    const WriteResult result = write(store);
    qputenv("RAPPORT_USER", "Test User");
    return result;
}

QList<qint64> TestLiveUpdates::addNumberedLeads(int count)
{
    RecordStore store{QLatin1String(Colleague)};
    QList<qint64> ids;
    for (int i = 0; i < count; ++i) {
        ids << store.insert(Entity::Lead, {{"last_name", QStringLiteral("Lead %1").arg(i, 3, 10,
                                                                        QLatin1Char('0'))}}).id;
    }
    return ids;
}

void TestLiveUpdates::deliver()
{
    if (!Engines::postgres())
        m_window->liveUpdates()->watcher()->poll();
}

void TestLiveUpdates::aColleaguesRecordAppearsWhileSelectionAndScrollStay()
{
    // GIVEN 300 leads, sorted by last name, scrolled down to a selected lead
    const QList<qint64> ids = addNumberedLeads(300);
    QVERIFY(openWindow());
    RecordTab *tab = showTab(Entity::Lead);
    QVERIFY(tab);
    tab->view()->sortByColumn(fieldIndex(Entity::Lead, "last_name"), Qt::AscendingOrder);
    QTRY_VERIFY(!tab->model()->isLoading());
    QCOMPARE(tab->model()->rowCount(), 300);
    QVERIFY(tab->selectId(ids.at(150)));
    QScrollBar *scroll = tab->view()->verticalScrollBar();
    scroll->setValue(scroll->value() - 3); // the selected row is not at the edge
    const int scrolled = scroll->value();
    QVERIFY(scrolled > 0);
    // WHEN a colleague adds a lead that sorts first
    const qint64 aaron = asColleague([](RecordStore &s) {
                             return s.insert(Entity::Lead, {{"last_name", "Aaronson"}});
                         }).id;
    QVERIFY(aaron > 0);
    deliver();
    // THEN it shows, and the rep's lead is still current, the list where it was
    QTRY_COMPARE(tab->model()->rowCount(), 301);
    QTRY_VERIFY(!tab->model()->isLoading());
    QCOMPARE(tab->model()->idAt(0), aaron);
    QCOMPARE(tab->currentId(), ids.at(150));
    QCOMPARE(scroll->value(), scrolled);
    QCOMPARE(tab->detailPane()->recordId(), ids.at(150));
}

void TestLiveUpdates::theRepsSelectedRowsStayWhileAColleagueAddsOne()
{
    // GIVEN 40 leads sorted by last name, four of them selected (Ctrl+click), one current
    const QList<qint64> ids = addNumberedLeads(40);
    QVERIFY(openWindow());
    RecordTab *tab = showTab(Entity::Lead);
    QVERIFY(tab);
    tab->view()->sortByColumn(fieldIndex(Entity::Lead, "last_name"), Qt::AscendingOrder);
    QTRY_VERIFY(!tab->model()->isLoading());
    QVERIFY(tab->selectId(ids.at(5)));
    QTableView *view = tab->view();
    const int column = view->currentIndex().column();
    for (int row : {6, 7, 30}) {
        view->scrollTo(tab->model()->index(row, column));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          view->visualRect(tab->model()->index(row, column)).center());
    }
    const QList<qint64> chosen{ids.at(5), ids.at(6), ids.at(7), ids.at(30)};
    QCOMPARE(tab->selectedCount(), 4);
    // WHEN a colleague adds a lead that sorts first, moving every row down by one
    const qint64 aaron = asColleague([](RecordStore &s) {
                             return s.insert(Entity::Lead, {{"last_name", "Aaronson"}});
                         }).id;
    QVERIFY(aaron > 0);
    deliver();
    // THEN the same records are selected, not the same row numbers, and not the new lead
    QTRY_COMPARE(tab->model()->rowCount(), 41);
    QTRY_VERIFY(!tab->model()->isLoading());
    QList<qint64> selected = tab->selectedIds();
    std::sort(selected.begin(), selected.end());
    QCOMPARE(selected, chosen);
    QCOMPARE(tab->currentId(), ids.at(30));
}

void TestLiveUpdates::theBoardMovesTheCardAColleagueMoved()
{
    const qint64 deal = RecordStore(QLatin1String(Colleague))
                            .insert(Entity::Deal, {{"deal_name", "Big One"},
                                                   {"stage", "Qualification"},
                                                   {"amount", 5000}}).id;
    QVERIFY(deal > 0);
    QVERIFY(openWindow());
    BoardTab *board = m_window->board();
    m_window->findChild<QTabWidget *>("recordTabs")->setCurrentWidget(board);
    QTRY_VERIFY(board->find(deal).first >= 0 && !board->isLoading());
    QCOMPARE(board->column(board->find(deal).first).stage.stage, QStringLiteral("Qualification"));
    // WHEN a colleague moves the deal on
    QVERIFY(asColleague([deal](RecordStore &s) {
                return s.update(Entity::Deal, deal, {{"stage", "Proposal"}});
            }).ok());
    deliver();
    // THEN the card moves on this board too
    QTRY_VERIFY(board->find(deal).first >= 0
                && board->column(board->find(deal).first).stage.stage == "Proposal");
}

void TestLiveUpdates::aFormBeingEditedKeepsItsEditsAndSaysWho()
{
    const qint64 ada = RecordStore(QLatin1String(Colleague))
                           .insert(Entity::Contact, {{"first_name", "Ada"},
                                                     {"last_name", "Lovelace"}}).id;
    QVERIFY(openWindow());
    RecordTab *tab = showTab(Entity::Contact);
    QVERIFY(tab);
    QVERIFY(tab->selectId(ada));
    DetailPane *pane = tab->detailPane();
    QTRY_COMPARE(pane->recordId(), ada);
    // GIVEN the rep is editing the contact's title
    auto *title = qobject_cast<QLineEdit *>(pane->form()->editor(QStringLiteral("title")));
    QVERIFY(title);
    title->setFocus();
    QTest::keyClicks(title, "Analyst");
    QVERIFY(pane->hasUnsavedChanges());
    // WHEN a colleague changes the same contact
    QVERIFY(asColleague([ada](RecordStore &s) {
                return s.update(Entity::Contact, ada, {{"department", "Engines"}});
            }).ok());
    deliver();
    // THEN the edit stays, and the pane says who changed the record
    auto *bar = pane->findChild<PaneBar *>("changedBar");
    QVERIFY(bar);
    QTRY_VERIFY(bar->isVisible());
    QVERIFY2(bar->text().contains("Grace Hopper"), qPrintable(bar->text()));
    QCOMPARE(title->text(), QStringLiteral("Analyst"));
    QVERIFY(pane->hasUnsavedChanges());
    QCOMPARE(tab->currentId(), ada);
}

QTEST_MAIN(TestLiveUpdates)
void TestLiveUpdates::aRecordsWindowShowsAColleaguesSaveOrKeepsTheRepsEdits()
{
    const qint64 ada = RecordStore(QLatin1String(Colleague))
                           .insert(Entity::Contact, {{"first_name", "Ada"},
                                                     {"last_name", "Lovelace"}}).id;
    QVERIFY(openWindow());
    QVERIFY(showTab(Entity::Contact));
    // GIVEN the contact's own window, open and untouched
    m_window->openRecord(Entity::Contact, ada);
    auto *dialog = m_window->findChild<RecordDialog *>();
    QVERIFY(dialog);
    auto *department =
        qobject_cast<QLineEdit *>(dialog->form()->editor(QStringLiteral("department")));
    auto *title = qobject_cast<QLineEdit *>(dialog->form()->editor(QStringLiteral("title")));
    QVERIFY(department && title);
    // WHEN a colleague changes the contact
    QVERIFY(asColleague([ada](RecordStore &s) {
                return s.update(Entity::Contact, ada, {{"department", "Engines"}});
            }).ok());
    deliver();
    // THEN the window shows it at once, with nothing to save
    QTRY_COMPARE(department->text(), QStringLiteral("Engines"));
    QVERIFY(!dialog->hasUnsavedChanges());
    auto *bar = dialog->findChild<PaneBar *>("changedBar");
    QVERIFY(bar);
    QVERIFY(!bar->isVisible());
    // GIVEN the rep now types a title there
    title->setFocus();
    QTest::keyClicks(title, "Analyst");
    QVERIFY(dialog->hasUnsavedChanges());
    // WHEN the colleague changes the contact again
    QVERIFY(asColleague([ada](RecordStore &s) {
                return s.update(Entity::Contact, ada, {{"department", "Analytical Engines"}});
            }).ok());
    deliver();
    // THEN the rep's edit stays and the window says who changed the record
    QTRY_VERIFY(bar->isVisible());
    QVERIFY2(bar->text().contains("Grace Hopper"), qPrintable(bar->text()));
    QCOMPARE(title->text(), QStringLiteral("Analyst"));
    QCOMPARE(department->text(), QStringLiteral("Engines"));
    // and "Show Current Values" drops the edit for the record as it is now
    QTest::mouseClick(bar->findChild<QPushButton *>("showCurrentButton"), Qt::LeftButton);
    QCOMPARE(department->text(), QStringLiteral("Analytical Engines"));
    QVERIFY(title->text().isEmpty());
    QVERIFY(!dialog->hasUnsavedChanges());
    QVERIFY(!bar->isVisible());
    dialog->reject();
}

#include "tst_liveupdates.moc"
