// The first page of a search found by walking the sort index in windows is exactly the page
// of the plain query: for a word clustered far along the order (found window by window), a
// word with fewer matches than a page (the walk reaches the end), both directions, by id; the
// walk gives up when its budget is spent; its statements read the index in order, no sort; the
// walk by the bitmap of the search index's matches gives the same page and reads only its rows.
// SQLite only: PostgreSQL has no walk (RecordTableSql::walks()).
#include "lists/indexwalk.h"
#include "lists/pagereader.h"
#include "lists/recordtablemodel.h"
#include "lists/viewrows.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/threadgate.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const char *const Db = "indexwalk";

// Prepares, binds and runs the statement; the database's message, "" when all went well.
QString run(QSqlQuery &q, const RecordTableSql::Statement &s)
{
    q.setForwardOnly(true);
    if (!q.prepare(s.sql))
        return q.lastError().text();
    for (const QVariant &v : s.binds)
        q.addBindValue(v);
    return q.exec() ? QString() : q.lastError().text();
}

QString readInto(const RecordTableSql::Statement &s, IndexWalk::Rows *rows)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    if (const QString error = run(q, s); !error.isEmpty())
        return error;
    while (q.next()) {
        QVariantList row;
        for (int i = 0; i < 3; ++i)
            row << q.value(i);
        *rows << row;
    }
    return {};
}

// Ids through Qt's driver, one at a time: the walk's stream, as PageReader gives it from
// SQLite's own statement.
QString streamInto(const RecordTableSql::Statement &s, const std::function<bool(qint64)> &each)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    if (const QString error = run(q, s); !error.isEmpty())
        return error;
    while (q.next() && each(q.value(0).toLongLong())) {
    }
    return q.lastError().isValid() ? q.lastError().text() : QString();
}

QList<qint64> ids(const IndexWalk::Rows &rows)
{
    QList<qint64> out;
    for (const QVariantList &row : rows)
        out << row.value(0).toLongLong();
    return out;
}

} // namespace

class TestIndexWalk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void walkGivesTheScansPage_data();
    void walkGivesTheScansPage();
    void matchesWalkReadsOnlyThePage();
    void walkGivesUpWhenItsBudgetIsSpent();
    void firstPageThroughThePageReader_data();
    void firstPageThroughThePageReader();
    void statementsReadTheIndexInOrder();
    void aTabsSearchWalksTheOrderItHolds();

private:
    QTemporaryDir m_dir;
    int m_lastName = -1;
};

void TestIndexWalk::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(Database::open(m_dir.filePath("walk.sqlite"), Db).isEmpty());
    m_lastName = fieldIndex(Entity::Lead, QStringLiteral("last_name"));
    RecordStore store(Db);
    // 300 names before M, 40 Mulders in the middle, 60 Zimmers at the end; three Quinces
    // spread out; names repeat, so that ties go by id.
    const QStringList early{"Abbott", "Baker", "Carter", "Dunn", "Ellis", "Fox"};
    for (int i = 0; i < 400; ++i) {
        const QString last = i < 300 ? early[i % early.size()]
            : i < 340                ? QStringLiteral("Mulder")
                                     : QStringLiteral("Zimmer");
        QVariantMap v{{"last_name", last},
                      {"first_name", i % 150 == 7 ? QStringLiteral("Quince")
                                                  : QStringLiteral("Ann%1").arg(i % 11)},
                      {"company", QStringLiteral("Acme")}};
        QVERIFY2(store.insert(Entity::Lead, v).ok(), qPrintable(QString::number(i)));
    }
}

void TestIndexWalk::cleanup()
{
    RecordTableModel::setBaseOrderFrom(20000);
}

void TestIndexWalk::cleanupTestCase()
{
    Database::close(Db);
}

void TestIndexWalk::walkGivesTheScansPage_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<bool>("byName");
    QTest::addColumn<bool>("descending");
    QTest::newRow("clustered beyond the first window") << "mulder" << true << false;
    QTest::newRow("clustered, descending") << "mulder" << true << true;
    QTest::newRow("fewer than a page") << "quince" << true << false;
    QTest::newRow("fewer than a page, descending") << "quince" << true << true;
    QTest::newRow("common word") << "a" << true << false;
    QTest::newRow("two words") << "ann3 zimmer" << true << true;
    QTest::newRow("absent word") << "qzx" << true << false;
    QTest::newRow("by id, clustered") << "zimmer" << false << false;
    QTest::newRow("by id descending, fewer") << "quince" << false << true;
}

void TestIndexWalk::walkGivesTheScansPage()
{
    QFETCH(QString, search);
    QFETCH(bool, byName);
    QFETCH(bool, descending);
    const RecordTableSql sql(Entity::Lead, false);
    const RecordFilter filter{.search = search};
    const int column = byName ? m_lastName : -1;
    const Qt::SortOrder order = descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    QVERIFY(sql.walks(filter, column));
    IndexWalk::Rows expected;
    QCOMPARE(readInto(sql.page(filter, column, order, 0, 10), &expected), QString());

    // Windows of 16 records: the Mulders begin after 18 windows.
    const IndexWalk walk(sql, filter, column, order, 10, 16);
    IndexWalk::Rows rows;
    QString error;
    QVERIFY(walk.run(readInto, 100000, &rows, &error));
    QCOMPARE(error, QString());
    QCOMPARE(ids(rows), ids(expected));
    if (search != QLatin1String("qzx"))
        QVERIFY(!rows.isEmpty());
    // AND the same page by the bitmap of the search index's matches along the order's index
    IndexWalk::Rows byMatches;
    QVERIFY(walk.run(readInto, 100000, &byMatches, &error, streamInto));
    QCOMPARE(error, QString());
    QCOMPARE(ids(byMatches), ids(expected));
}

void TestIndexWalk::matchesWalkReadsOnlyThePage()
{
    // GIVEN a word whose 40 records lie 300 records along the Last Name order
    const RecordTableSql sql(Entity::Lead, false);
    const RecordFilter filter{.search = "mulder"};
    const IndexWalk walk(sql, filter, m_lastName, Qt::AscendingOrder, 10, 16);
    QStringList read, streamed;
    const auto reading = [&read](const RecordTableSql::Statement &s, IndexWalk::Rows *rows) {
        read << s.sql;
        return readInto(s, rows);
    };
    const auto streaming = [&streamed](const RecordTableSql::Statement &s,
                                       const std::function<bool(qint64)> &each) {
        streamed << s.sql;
        return streamInto(s, each);
    };
    // WHEN the first window leaves the page empty and the ids can be streamed
    IndexWalk::Rows rows;
    QString error;
    QVERIFY(walk.run(reading, 100000, &rows, &error, streaming));
    QCOMPARE(error, QString());
    // THEN the page is the ten first Mulders
    IndexWalk::Rows expected;
    QCOMPARE(readInto(sql.page(filter, m_lastName, Qt::AscendingOrder, 0, 10), &expected),
             QString());
    QCOMPARE(ids(rows), ids(expected));
    // AND no window past the first was read: the word's ids and the order's index entries
    // were streamed, and only the page's rows read, once
    QCOMPARE(read.size(), 3); // the first window's bound and rows, then the page's rows
    QCOMPARE(streamed.size(), 2); // the word's ids, the order's ids
    QVERIFY2(streamed.first().contains(QLatin1String("MATCH")), qPrintable(streamed.first()));

    // WHEN the list's order is held in memory (a tab's), in either direction
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        IndexWalk::Rows all;
        QCOMPARE(readInto(sql.orderedIds({}, m_lastName, order), &all), QString());
        const auto inOrder = std::make_shared<const QList<qint64>>(ids(all));
        const IndexWalk held(sql, filter, m_lastName, order, 10, 16, {}, inOrder);
        read.clear();
        streamed.clear();
        QVERIFY(held.run(reading, 100000, &rows, &error, streaming));
        QCOMPARE(error, QString());
        // THEN the page is the same as the plain query's
        IndexWalk::Rows plain;
        QCOMPARE(readInto(sql.page(filter, m_lastName, order, 0, 10), &plain), QString());
        QCOMPARE(ids(rows), ids(plain));
        // AND only the word's ids were read, then the page's rows: no window, no index walk
        QCOMPARE(streamed.size(), 1);
        QCOMPARE(read.size(), 1);
    }
}

void TestIndexWalk::walkGivesUpWhenItsBudgetIsSpent()
{
    const RecordTableSql sql(Entity::Lead, false);
    const IndexWalk walk(sql, {.search = "mulder"}, m_lastName, Qt::AscendingOrder, 10, 16);
    int statements = 0;
    const auto counting = [&statements](const RecordTableSql::Statement &s,
                                        IndexWalk::Rows *rows) {
        ++statements;
        return readInto(s, rows);
    };
    // 40 matches: walking more than one window costs more than reading them.
    QCOMPARE(walk.budget(40), 20); // one window of 16: a second would pass 20
    IndexWalk::Rows rows;
    QString error;
    QVERIFY(!walk.run(counting, 40, &rows, &error));
    QCOMPARE(error, QString());
    QCOMPARE(statements, 2); // one window: its bound and its rows
    // A larger budget reaches them: 64 windows of 16 are more than the 300 names before.
    QCOMPARE(walk.budget(2048), 1024);
    QVERIFY(walk.run(counting, 2048, &rows, &error));
    QCOMPARE(rows.size(), 10);
}

void TestIndexWalk::firstPageThroughThePageReader_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("sortColumn");
    QTest::newRow("mulder by name") << "mulder" << m_lastName;
    QTest::newRow("a by name") << "a" << m_lastName;
    QTest::newRow("quince by id") << "quince" << -1;
    QTest::newRow("absent") << "qzxv" << m_lastName;
    QTest::newRow("by company (no walk)") << "mulder"
                                         << fieldIndex(Entity::Lead, QStringLiteral("company"));
}

void TestIndexWalk::firstPageThroughThePageReader()
{
    QFETCH(QString, search);
    QFETCH(int, sortColumn);
    const RecordTableSql sql(Entity::Lead, false);
    const ViewRows::View view{{.search = search}, sortColumn, Qt::DescendingOrder};
    IndexWalk::Rows expected;
    QCOMPARE(readInto(sql.page(view.filter, sortColumn, view.sortOrder, 0, 25), &expected),
             QString());
    const PageReader::Result result =
        PageReader::readNow(Db, ViewRows::firstPage(sql, view, 25));
    QCOMPARE(result.error, QString());
    QCOMPARE(ids(result.rows), ids(expected));
}

void TestIndexWalk::statementsReadTheIndexInOrder()
{
    const RecordTableSql sql(Entity::Lead, false);
    const RecordFilter filter{.search = "mu"};
    const QVariantList key{QStringLiteral("Dunn"), 40};
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        // The bitmap walk's order: the index's entries alone, no row read.
        for (const auto &s : {sql.orderedIds({}, m_lastName, order),
                              sql.walkBound(filter, m_lastName, order, {}, 4096),
                              sql.walkBound(filter, m_lastName, order, key, 4096),
                              sql.walkWindow(filter, m_lastName, order, key, key, 128)}) {
            QSqlQuery q(QSqlDatabase::database(Db));
            QVERIFY(q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + s.sql));
            for (const QVariant &v : s.binds)
                q.addBindValue(v);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QString plan;
            while (q.next())
                plan += q.value(3).toString() + QLatin1Char('\n');
            QVERIFY2(plan.contains(QLatin1String("idx_leads_active_last_name")), qPrintable(plan));
            QVERIFY2(!plan.contains(QLatin1String("TEMP B-TREE")), qPrintable(plan));
            if (s.sql.startsWith(QLatin1String("SELECT t.id FROM"))) {
                // The ids are the index's own: the program reads no column of a row (its
                // seek into the table is deferred until a column is read, so never).
                QSqlQuery program(QSqlDatabase::database(Db));
                QVERIFY(program.prepare(QStringLiteral("EXPLAIN ") + s.sql));
                for (const QVariant &v : s.binds)
                    program.addBindValue(v);
                QVERIFY(program.exec());
                QStringList opcodes;
                while (program.next())
                    opcodes << program.value(1).toString();
                QVERIFY2(opcodes.contains(QLatin1String("IdxRowid")), qPrintable(opcodes.join(' ')));
                QVERIFY2(!opcodes.contains(QLatin1String("Column")), qPrintable(opcodes.join(' ')));
            }
            // The key is a range of the index, not a filter of every entry.
            if (s.binds.contains(key.first()))
                QVERIFY2(plan.contains(QLatin1String("last_name>")) ||
                             plan.contains(QLatin1String("last_name<")), qPrintable(plan));
        }
    }
}

void TestIndexWalk::aTabsSearchWalksTheOrderItHolds()
{
    // GIVEN a tab's list long enough for its order to be held for searches
    RecordTableModel::setBaseOrderFrom(100);
    RecordTableModel model(Entity::Lead, Db, RecordTableModel::Loading::InBackground);
    const auto shownIds = [&model] {
        QList<qint64> out;
        for (int row = 0; row < model.rowCount(); ++row)
            out << model.idAt(row);
        return out;
    };
    const auto expectedIds = [](const RecordFilter &filter, int column, Qt::SortOrder order) {
        IndexWalk::Rows rows;
        const RecordTableSql sql(Entity::Lead, false);
        return readInto(sql.page(filter, column, order, 0, 1000), &rows).isEmpty() ? ids(rows)
                                                                                 : QList<qint64>();
    };
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        model.setRecordFilter({});
        model.sort(m_lastName, order);
        QTRY_VERIFY(!model.isLoading());
        // WHEN it has read its order in the background
        QTRY_VERIFY(model.holdsOrderWithoutSearch());
        // THEN a search's first page, shown while its count is still being read, is what the
        // plain query finds, in the same order: a word clustered far along, one spread out,
        // two words, an absent word, a word in every record
        for (const QString search : {"mulder", "quince", "ann3 zimmer", "qzx", "a"}) {
            const RecordFilter filter{.search = search};
            QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
            ReaderGate count;
            model.setRecordFilter(filter);
            QVERIFY(count.waitUntilHeld());
            QTRY_COMPARE(reset.count(), 1);
            QCOMPARE(shownIds(), expectedIds(filter, m_lastName, order)
                                     .mid(0, RecordTableModel::PageSize));
            // AND the whole list, once counted
            count.open();
            QTRY_VERIFY(!model.isLoading());
            QCOMPARE(shownIds(), expectedIds(filter, m_lastName, order));
        }
    }
    // AND after a write the order held is dropped, read again, and has the new record
    model.setRecordFilter({});
    QTRY_VERIFY(!model.isLoading());
    RecordStore store(Db);
    const WriteResult added =
        store.insert(Entity::Lead, {{"last_name", "Aardvark"}, {"first_name", "Mulder"}});
    QVERIFY(added.ok());
    model.reload();
    QVERIFY(!model.holdsOrderWithoutSearch());
    QTRY_VERIFY(!model.isLoading());
    QTRY_VERIFY(model.holdsOrderWithoutSearch());
    const RecordFilter mulder{.search = "mulder"};
    model.setRecordFilter(mulder);
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(shownIds(), expectedIds(mulder, m_lastName, Qt::DescendingOrder));
    QCOMPARE(shownIds().last(), added.id);
}

QTEST_GUILESS_MAIN(TestIndexWalk)
#include "tst_indexwalk.moc"
