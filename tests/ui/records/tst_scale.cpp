// A hundred thousand leads: the whole list is there at once, and memory stays bounded.
#include "storage/database.h"
#include "storage/demodata.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"
#include "support/threadgate.h"
#include "support/engines.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTimer>

#include <QHeaderView>
#include <QLineEdit>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {
const char *const Db = "scale";
constexpr int Leads = 100000;
constexpr int MaxLoaded = RecordTableModel::PageSize * RecordTableModel::MaxCachedPages;
} // namespace

class TestScale : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyRowIsCountedAtOnce();
    void jumpingAroundKeepsFewRowsLoaded();
    void scrollingThroughEvictsOldPages();
    void lastRowOfSortedListIsRight();
    void rowOfIdFarDown();
    void sortByUnindexedColumnSortsOnce();
    void viewScrolledToBottomReadsOnlyWhatItShows();
    void backgroundSearchLeavesGuiThreadFree();
    void newerRequestOvertakesRunningOne();
    void tabShowsPreviousRowsAndBusyHintWhileSorting();

private:
    QTemporaryDir m_dir;
};

void TestScale::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(Database::open(Engines::location(m_dir.filePath("scale.sqlite")), Db).isEmpty());
    QCOMPARE(DemoData(Db).generate({.leads = Leads}), QString());
}

void TestScale::everyRowIsCountedAtOnce()
{
    RecordTableModel model(Entity::Lead, Db);
    // The scrollbar spans every lead from the start: no fetch-more growth.
    QCOMPARE(model.rowCount(), Leads);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.loadedRowCount(), 0);
    QCOMPARE(model.pagesFetched(), 0);
    const QModelIndex last = model.index(Leads - 1, fieldIndex(Entity::Lead, "last_name"));
    QVERIFY(!last.data().toString().isEmpty());
    QCOMPARE(last.data(RecordTableModel::IdRole).toLongLong(), qint64(Leads)); // by id
    QCOMPARE(model.pagesFetched(), 1);
}

void TestScale::jumpingAroundKeepsFewRowsLoaded()
{
    RecordTableModel model(Entity::Lead, Db);
    model.sort(fieldIndex(Entity::Lead, "last_name"));
    for (int row : {0, 50000, 99999}) {
        QVERIFY(model.idAt(row) > 0);
        QVERIFY(!model.index(row, 0).data(RecordTableModel::IdRole).isNull());
    }
    QCOMPARE(model.pagesFetched(), 3);
    QVERIFY(model.loadedRowCount() <= 3 * RecordTableModel::PageSize);
    QVERIFY(model.loadedRowCount() <= MaxLoaded);
}

void TestScale::scrollingThroughEvictsOldPages()
{
    RecordTableModel model(Entity::Lead, Db);
    model.sort(fieldIndex(Entity::Lead, "city"), Qt::DescendingOrder);
    // Read 100 pages' worth of rows, one row in ten, as a user dragging the scrollbar.
    for (int row = 0; row < 100 * RecordTableModel::PageSize; row += 10)
        QVERIFY(model.idAt(row) > 0);
    QCOMPARE(model.pagesFetched(), 100);
    QCOMPARE(model.loadedRowCount(), MaxLoaded);
    // The most recent pages are still there: going back one page costs no query.
    QVERIFY(model.idAt(99 * RecordTableModel::PageSize - 1) > 0);
    QCOMPARE(model.pagesFetched(), 100);
}

void TestScale::lastRowOfSortedListIsRight()
{
    RecordTableModel model(Entity::Lead, Db);
    model.sort(fieldIndex(Entity::Lead, "last_name"));
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("SELECT id, last_name FROM leads ORDER BY last_name DESC, id DESC LIMIT 1"));
    QVERIFY(q.next());
    QCOMPARE(model.idAt(Leads - 1), q.value(0).toLongLong());
    QCOMPARE(model.index(Leads - 1, fieldIndex(Entity::Lead, "last_name")).data().toString(),
             q.value(1).toString());
}

void TestScale::rowOfIdFarDown()
{
    RecordTableModel model(Entity::Lead, Db);
    model.sort(fieldIndex(Entity::Lead, "company"), Qt::DescendingOrder);
    const qint64 id = model.idAt(77777);
    model.reload();
    QCOMPARE(model.rowOfId(id), 77777);
    QCOMPARE(model.loadedRowCount(), 0); // found by counting, not by reading pages
}

void TestScale::sortByUnindexedColumnSortsOnce()
{
    RecordTableModel model(Entity::Lead, Db);
    const int title = fieldIndex(Entity::Lead, "title");
    model.sort(title, Qt::DescendingOrder);
    QCOMPARE(model.rowCount(), Leads);
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("SELECT id FROM leads ORDER BY title, id LIMIT 1"));
    QVERIFY(q.next());
    QCOMPARE(model.idAt(Leads - 1), q.value(0).toLongLong());
    for (int row : {0, 50000, 99999})
        QVERIFY(!model.index(row, title).data().toString().isEmpty());
    QCOMPARE(model.pagesFetched(), 3);
    QVERIFY(model.loadedRowCount() <= 3 * RecordTableModel::PageSize);
}

void TestScale::viewScrolledToBottomReadsOnlyWhatItShows()
{
    RecordTableModel model(Entity::Lead, Db);
    QTableView view;
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.setModel(&model);
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.scrollToBottom();
    QTRY_VERIFY(view.rowAt(view.viewport()->height() - 2) >= Leads - 40);
    QVERIFY2(model.pagesFetched() <= 4, qPrintable(QString::number(model.pagesFetched())));
    QVERIFY(model.loadedRowCount() <= 4 * RecordTableModel::PageSize);
}

namespace {
// A search no index can serve (one letter) in an order no index serves: the slowest kind.
const RecordFilter SlowSearch{.search = QStringLiteral("n")};
} // namespace

void TestScale::backgroundSearchLeavesGuiThreadFree()
{
    const int title = fieldIndex(Entity::Lead, "title");
    RecordTableModel model(Entity::Lead, Db, RecordTableModel::Loading::InBackground);
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), Leads);
    model.sort(title, Qt::DescendingOrder);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 60000);
    // GIVEN the background query held as it starts
    ReaderGate gate;
    // WHEN the slow search is asked for
    model.setRecordFilter(SlowSearch);
    // THEN the call has returned while the query is on the worker, the old rows stay...
    QVERIFY(gate.waitUntilHeld());
    QVERIFY(model.isLoading());
    QCOMPARE(model.rowCount(), Leads);
    // ... and the GUI thread goes on handling events meanwhile
    bool ticked = false;
    QTimer::singleShot(0, this, [&] { ticked = true; });
    QTRY_VERIFY(ticked);
    QVERIFY(model.isLoading());
    // WHEN the query may run, its rows replace the old ones
    gate.open();
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 60000);
    QCOMPARE(model.lastError(), QString());
    QVERIFY(model.rowCount() < Leads);
    QVERIFY(model.rowCount() > Leads / 2);
}

void TestScale::newerRequestOvertakesRunningOne()
{
    RecordTableModel model(Entity::Lead, Db, RecordTableModel::Loading::InBackground);
    QTRY_VERIFY(!model.isLoading());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy loading(&model, &RecordTableModel::loadingChanged);
    ReaderGate gate;
    model.sort(fieldIndex(Entity::Lead, "title"));
    model.setRecordFilter(SlowSearch);
    QVERIFY(gate.waitUntilHeld()); // the slow request is running now
    QVERIFY(model.isLoading());
    model.setRecordFilter({.search = QStringLiteral("zzzzqqq")});
    gate.open();
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 60000);
    // Only the latest request reached the rows: one reset, one busy period.
    QCOMPARE(resets.size(), 1);
    QCOMPARE(loading.size(), 2);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.filter().search, QString("zzzzqqq"));
    if (BackgroundIdReader::canInterrupt())
        QVERIFY(model.interruptions() >= 1);
}

void TestScale::tabShowsPreviousRowsAndBusyHintWhileSorting()
{
    RecordTab tab(Entity::Lead, Db);
    tab.show();
    QTRY_VERIFY(!tab.model()->isLoading());
    auto *busy = tab.findChild<QLabel *>("busyLabel");
    QVERIFY(busy);
    QVERIFY(!busy->isVisible());
    const qint64 first = tab.model()->idAt(0);
    // WHEN the user sorts by a column no index serves, with a slow search on (held at the
    // start, as a slow query on a big database would be)
    ReaderGate gate;
    tab.findChild<QLineEdit *>("searchEdit")->setText("n");
    QTest::keyClick(tab.findChild<QLineEdit *>("searchEdit"), Qt::Key_Return);
    tab.view()->sortByColumn(fieldIndex(Entity::Lead, "title"), Qt::DescendingOrder);
    // THEN the rows shown so far stay, and after a moment the tab says it is busy
    QVERIFY(tab.model()->isLoading());
    QCOMPARE(tab.model()->rowCount(), Leads);
    QCOMPARE(tab.model()->idAt(0), first);
    QTRY_VERIFY(busy->isVisible());
    QCOMPARE(busy->text(), QString("Searching…"));
    gate.open();
    QTRY_VERIFY_WITH_TIMEOUT(!tab.model()->isLoading(), 60000);
    QVERIFY(!busy->isVisible());
    QVERIFY(tab.model()->rowCount() < Leads);
}

QTEST_MAIN(TestScale)
#include "tst_scale.moc"
