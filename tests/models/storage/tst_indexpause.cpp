// A table's indexes set aside for a bulk write on SQLite: they come back exactly as they were,
// in the caller's transaction, so that a load that fails takes nothing of the schema with it;
// and the bulk write's page cache is what it was afterwards, however the indexes were built.

#include "storage/indexpause.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const QString Connection = QStringLiteral("indexpause");

QVariant value(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(Connection));
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

bool exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(Connection));
    const bool ok = q.exec(sql);
    if (!ok)
        qWarning() << sql << q.lastError().text();
    return ok;
}

// The table's indexes and triggers with their SQL, in name order.
QStringList schemaOf(const QString &table)
{
    QSqlQuery q(QSqlDatabase::database(Connection));
    q.exec(QStringLiteral("SELECT type || ' ' || name || ': ' || sql FROM sqlite_master "
                          "WHERE tbl_name = '%1' AND type IN ('index', 'trigger') "
                          "AND sql IS NOT NULL ORDER BY name").arg(table));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace

class TestIndexPause : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void indexesComeBackAsTheyWere();
    void aLoadThatBreaksAnIndexRollsBackWhole();

private:
    QTemporaryDir m_dir;
    QStringList m_schema;
};

void TestIndexPause::init()
{
    QVERIFY(m_dir.isValid());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), Connection);
    db.setDatabaseName(m_dir.filePath(QStringLiteral("pause.sqlite")));
    QVERIFY(db.open());
    QVERIFY(exec(QStringLiteral("CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, "
                                "name TEXT, touched INTEGER DEFAULT 0)")));
    QVERIFY(exec(QStringLiteral("CREATE TABLE log (what TEXT)")));
    QVERIFY(exec(QStringLiteral("CREATE INDEX people_name ON people (name COLLATE NOCASE, id)")));
    QVERIFY(exec(QStringLiteral("CREATE UNIQUE INDEX people_email ON people (email)")));
    QVERIFY(exec(QStringLiteral("CREATE TRIGGER people_added AFTER INSERT ON people "
                                "BEGIN INSERT INTO log VALUES (new.name); END")));
    m_schema = schemaOf(QStringLiteral("people"));
    QCOMPARE(m_schema.size(), 3);
    // A bulk write's large cache, as BulkWrite sets it.
    QVERIFY(exec(QStringLiteral("PRAGMA cache_size = -65536")));
}

void TestIndexPause::cleanup()
{
    QSqlDatabase::database(Connection).close();
    QSqlDatabase::removeDatabase(Connection);
    QFile::remove(m_dir.filePath(QStringLiteral("pause.sqlite")));
}

void TestIndexPause::indexesComeBackAsTheyWere()
{
    QVERIFY(exec(QStringLiteral("BEGIN IMMEDIATE")));
    IndexPause pause(Connection);
    QVERIFY(pause.isPossible());
    QVERIFY(!pause.pause(QStringLiteral("people"), true, {QStringLiteral("people_added")})
                 .isValid());
    QVERIFY(pause.isPaused());
    QVERIFY(pause.droppedTriggers());
    QCOMPARE(schemaOf(QStringLiteral("people")), QStringList());
    QVERIFY(exec(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
        "INSERT INTO people (email, name) SELECT 'p' || i || '@example.com', 'Person ' || "
        "(i % 97) FROM n")));
    QVERIFY(!pause.resume().isValid());
    QVERIFY(!pause.isPaused());
    QVERIFY(exec(QStringLiteral("COMMIT")));

    QCOMPARE(schemaOf(QStringLiteral("people")), m_schema);
    QCOMPARE(value(QStringLiteral("PRAGMA cache_size")).toLongLong(), -65536);
    QCOMPARE(value(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    // The rows loaded meanwhile are in the indexes built after them.
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM people INDEXED BY people_name "
                                  "WHERE name = 'person 5' COLLATE NOCASE")).toInt(), 207);
    QVERIFY(!exec(QStringLiteral("INSERT INTO people (email) VALUES ('p7@example.com')")));
    // The trigger is back for the rows after: none fired for the load.
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM log")).toInt(), 0);
    QVERIFY(exec(QStringLiteral("INSERT INTO people (email, name) VALUES ('x@y', 'X')")));
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM log")).toInt(), 1);
}

void TestIndexPause::aLoadThatBreaksAnIndexRollsBackWhole()
{
    QVERIFY(exec(QStringLiteral("INSERT INTO people (email, name) VALUES ('a@b', 'Ann')")));
    QVERIFY(exec(QStringLiteral("BEGIN IMMEDIATE")));
    IndexPause pause(Connection);
    QVERIFY(!pause.pause(QStringLiteral("people"), true, {}).isValid());
    QVERIFY(exec(QStringLiteral("INSERT INTO people (email, name) VALUES ('a@b', 'Another')")));
    const QSqlError error = pause.resume();
    QVERIFY(error.isValid());
    QVERIFY2(error.text().contains(QLatin1String("UNIQUE")), qPrintable(error.text()));
    QCOMPARE(value(QStringLiteral("PRAGMA cache_size")).toLongLong(), -65536);
    QVERIFY(exec(QStringLiteral("ROLLBACK")));

    QCOMPARE(schemaOf(QStringLiteral("people")), m_schema);
    QCOMPARE(value(QStringLiteral("SELECT group_concat(name) FROM people")).toString(),
             QStringLiteral("Ann"));
}

QTEST_GUILESS_MAIN(TestIndexPause)
#include "tst_indexpause.moc"
