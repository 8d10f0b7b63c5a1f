// The first page of a search found by walking the sort index in windows is exactly the page
// of the plain query: for a word clustered far along the order (found window by window), a
// word with fewer matches than a page (the walk reaches the end), both directions, by id; the
// walk gives up when its budget is spent; its statements read the index in order, no sort.
// SQLite only: PostgreSQL has no walk (RecordTableSql::walks()).
#include "lists/indexwalk.h"
#include "lists/pagereader.h"
#include "lists/viewrows.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/recordstore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const char *const Db = "indexwalk";

QString readInto(const RecordTableSql::Statement &s, IndexWalk::Rows *rows)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    if (!q.prepare(s.sql))
        return q.lastError().text();
    for (const QVariant &v : s.binds)
        q.addBindValue(v);
    if (!q.exec())
        return q.lastError().text();
    while (q.next()) {
        QVariantList row;
        for (int i = 0; i < 3; ++i)
            row << q.value(i);
        *rows << row;
    }
    return {};
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
    void walkGivesTheScansPage_data();
    void walkGivesTheScansPage();
    void walkGivesUpWhenItsBudgetIsSpent();
    void firstPageThroughThePageReader_data();
    void firstPageThroughThePageReader();
    void statementsReadTheIndexInOrder();

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
        for (const auto &s : {sql.walkBound(filter, m_lastName, order, {}, 4096),
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
            // The key is a range of the index, not a filter of every entry.
            if (s.binds.contains(key.first()))
                QVERIFY2(plan.contains(QLatin1String("last_name>")) ||
                             plan.contains(QLatin1String("last_name<")), qPrintable(plan));
        }
    }
}

QTEST_GUILESS_MAIN(TestIndexWalk)
#include "tst_indexwalk.moc"
