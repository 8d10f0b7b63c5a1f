// The tabs' model in the background: the first page of a search or sort comes before its
// count, pages not in the cache are read off the window's thread (data() says "loading"
// meanwhile), and whichever way a user jumps the rows are those of a plain SQL query.
#include "storage/database.h"
#include "storage/demodata.h"
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"
#include "support/engines.h"
#include "support/threadgate.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Rapport;

namespace {

const char *const Db = "pagereader";

int column(const char *name)
{
    return fieldIndex(Entity::Lead, QLatin1String(name));
}

QList<qint64> queryIds(const QString &sql)
{
    QList<qint64> ids;
    QSqlQuery q(QSqlDatabase::database(Db));
    if (!q.exec(sql))
        qWarning() << q.lastError().text();
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

bool loading(const RecordTableModel &model, int row)
{
    return model.index(row, 0).data(RecordTableModel::LoadingRole).toBool();
}

// The id shown in `row` once its page is there (the window goes on meanwhile).
qint64 shownId(const RecordTableModel &model, int row)
{
    loading(model, row); // asks for the page
    if (!QTest::qWaitFor([&] { return !loading(model, row); }, 30000))
        return -1;
    return model.index(row, 0).data(RecordTableModel::IdRole).toLongLong();
}

} // namespace

class TestPageReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pagesAreRightAtEveryJump_data();
    void pagesAreRightAtEveryJump();
    void dataNeverWaitsForAnUncachedPage();
    void firstPageComesBeforeTheCount();

private:
    QTemporaryDir m_dir;
};

void TestPageReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(Database::open(Engines::location(m_dir.filePath("pages.sqlite")), Db).isEmpty());
    // Several pages, so that the first, middle and last pages are different queries.
    QCOMPARE(DemoData(Db).generate({.leads = 900}), QString());
}

void TestPageReader::pagesAreRightAtEveryJump_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("sortField"); // "" = by id
    QTest::addColumn<bool>("descending");
    QTest::newRow("by id") << "" << "" << false;
    QTest::newRow("Last Name (an index)") << "" << "last_name" << false;
    QTest::newRow("Last Name descending") << "" << "last_name" << true;
    QTest::newRow("Title (no index)") << "" << "title" << false;
    QTest::newRow("search one letter") << "a" << "last_name" << false;
    QTest::newRow("search two letters, by Title") << "er" << "title" << true;
    QTest::newRow("search a word") << "example" << "city" << false;
    // Fewer matches than a page: the walk of the Last Name index finds too few, the search
    // index answers.
    QTest::newRow("search fewer than a page") << "mu" << "last_name" << false;
    QTest::newRow("search absent") << "qzx" << "last_name" << false;
}

void TestPageReader::pagesAreRightAtEveryJump()
{
    QFETCH(QString, search);
    QFETCH(QString, sortField);
    QFETCH(bool, descending);
    RecordTableModel model(Entity::Lead, Db, RecordTableModel::Loading::InBackground);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const int sortColumn = sortField.isEmpty() ? -1 : column(sortField.toLatin1());
    model.sort(sortColumn, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    model.setRecordFilter({.search = search});
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
    QCOMPARE(model.lastError(), QString());
    // The reference: plain SQL, no index, no paging.
    const QString dir = descending ? " DESC" : "";
    const QString order = sortField.isEmpty()
                              ? QString("id%1").arg(dir)
                              : QString("%1%2, id%2").arg(sortField, dir);
    const QString matching =
        search.isEmpty() ? QString() : QString(" AND search_key LIKE '%%1%'").arg(search);
    const QList<qint64> expected = queryIds(
        QString("SELECT id FROM leads WHERE converted_at IS NULL%1 ORDER BY %2")
            .arg(matching, order));
    QCOMPARE(model.rowCount(), int(expected.size()));
    if (expected.size() <= RecordTableModel::PageSize) {
        QCOMPARE(model.idsInRows(0, model.rowCount()), expected);
        return;
    }
    const int last = model.rowCount() - 1;
    // Ctrl+End, the middle, back up by pages, Ctrl+Home.
    for (int row : {last, last / 2, last / 2 - RecordTableModel::PageSize, 1, last - 1, 0})
        QCOMPARE(shownId(model, row), expected.at(row));
    QCOMPARE(model.lastError(), QString());
}

// GIVEN a big list shown, WHEN the user jumps to its end, THEN data() answers "loading" at
// once while the page is read on the reader's thread, and fills in after.
void TestPageReader::dataNeverWaitsForAnUncachedPage()
{
    RecordTableModel model(Entity::Lead, Db, RecordTableModel::Loading::InBackground);
    model.sort(column("last_name"));
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
    const int last = model.rowCount() - 1;
    QVERIFY(last > RecordTableModel::PageSize);
    const int queries = model.queriesRun();
    PageGate gate;
    QSignalSpy filled(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(loading(model, last));
    QCOMPARE(model.index(last, column("last_name")).data(), QVariant());
    QVERIFY(gate.waitUntilHeld()); // the page's query is held on the reader's thread
    // The window's thread goes on and asks again: still "loading", nothing read here.
    bool ticked = false;
    QTimer::singleShot(0, this, [&] { ticked = true; });
    QTRY_VERIFY(ticked);
    QVERIFY(loading(model, last));
    QCOMPARE(model.queriesRun(), queries);
    QCOMPARE(filled.size(), 0);
    gate.open();
    QTRY_VERIFY(!loading(model, last));
    QCOMPARE(filled.size(), 1);
    QVERIFY(filled.at(0).at(0).toModelIndex().row() <= last);
    QVERIFY(filled.at(0).at(1).toModelIndex().row() == last);
    const QList<qint64> expected = queryIds(
        "SELECT id FROM leads WHERE converted_at IS NULL ORDER BY last_name DESC, id DESC "
        "LIMIT 1");
    QCOMPARE(model.idAt(last), expected.value(0));
    QCOMPARE(model.queriesRun(), queries);
}

// GIVEN the count and ordered ids of a search held on their reader, THEN its first page (a
// LIMIT query) is shown alone; WHEN they come, the rows grow to the count without a reset.
void TestPageReader::firstPageComesBeforeTheCount()
{
    RecordTableModel model(Entity::Lead, Db, RecordTableModel::Loading::InBackground);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
    const QList<qint64> expected = queryIds(
        "SELECT id FROM leads WHERE converted_at IS NULL AND search_key LIKE '%e%' "
        "ORDER BY title, id");
    QVERIFY(expected.size() > RecordTableModel::PageSize);
    ReaderGate gate;
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.sort(column("title"));
    model.setRecordFilter({.search = "e"});
    QVERIFY(gate.waitUntilHeld());
    QTRY_COMPARE(model.rowCount(), RecordTableModel::PageSize);
    QVERIFY(model.isLoading()); // the count is still coming
    QCOMPARE(model.idsInRows(0, RecordTableModel::PageSize),
             expected.mid(0, RecordTableModel::PageSize));
    QCOMPARE(resets.size(), 1);
    gate.open();
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
    QCOMPARE(model.rowCount(), int(expected.size()));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QVERIFY(model.holdsOrderedIds());
    QCOMPARE(model.idsInRows(0, model.rowCount()), expected);
}

QTEST_GUILESS_MAIN(TestPageReader)
#include "tst_pagereader.moc"
