// A hundred thousand leads: the whole list is there at once, and memory stays bounded.
#include "database.h"
#include "demodata.h"
#include "recordtablemodel.h"
#include "recordtypes.h"

#include <QHeaderView>
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

private:
    QTemporaryDir m_dir;
};

void TestScale::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(!Database::open(m_dir.filePath("scale.sqlite"), Db).isValid());
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
    QTest::qWait(50);
    QVERIFY(view.rowAt(view.viewport()->height() - 2) >= Leads - 40);
    QVERIFY2(model.pagesFetched() <= 4, qPrintable(QString::number(model.pagesFetched())));
    QVERIFY(model.loadedRowCount() <= 4 * RecordTableModel::PageSize);
}

QTEST_MAIN(TestScale)
#include "tst_scale.moc"
