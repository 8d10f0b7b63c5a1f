// PostgreSQL's short-piece search index (storage/serversearchindex.h): the function under it
// gives every one- and two-character piece of a key, and a database made with the function's
// first body (which sorted and de-duplicated) gets the faster one at its next schema step,
// with searches for short words finding the same records through the index as without it.
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/demodata.h"
#include "storage/serversearchindex.h"
#include "storage/transaction.h"
#include "support/engines.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const char *const Db = "serversearch";

// The first body, as databases made before the faster one hold it.
const char *const FirstBody =
    "CREATE OR REPLACE FUNCTION rapport_short_grams(key text) RETURNS text[] "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
    "SELECT coalesce(array_agg(DISTINCT g), '{}') FROM ("
    "SELECT substr(key, i, 1) AS g FROM generate_series(1, length(key)) AS i "
    "UNION ALL SELECT substr(key, i, 2) FROM generate_series(1, length(key) - 1) AS i) AS p $$";

QSet<QString> expectedPieces(const QString &key)
{
    const QList<uint> points = key.toUcs4();
    QSet<QString> pieces;
    for (qsizetype i = 0; i < points.size(); ++i) {
        pieces << QString::fromUcs4(reinterpret_cast<const char32_t *>(&points[i]), 1);
        if (i + 1 < points.size())
            pieces << QString::fromUcs4(reinterpret_cast<const char32_t *>(&points[i]), 2);
    }
    return pieces;
}

QSet<QString> storedPieces(const QString &key)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    q.prepare("SELECT unnest(rapport_short_grams(CAST(? AS text)))");
    q.addBindValue(key);
    QSet<QString> pieces;
    if (!q.exec())
        qWarning() << q.lastError().text();
    while (q.next())
        pieces << q.value(0).toString();
    return pieces;
}

qint64 count(const QString &sql, const QString &word)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    q.prepare(sql);
    q.addBindValue(word);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestServerSearchIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void piecesAreEveryOneAndTwoCharacterPiece_data();
    void piecesAreEveryOneAndTwoCharacterPiece();
    void firstBodyIsReplacedAndSearchStaysTheSame();

private:
    QTemporaryDir m_dir;
};

void TestServerSearchIndex::init()
{
    if (!Engines::postgres())
        QSKIP("PostgreSQL's index; SQLite's is tst_searchindex's");
    QCOMPARE(Database::open(Engines::location(m_dir.filePath("s.sqlite")), Db), QString());
}

void TestServerSearchIndex::cleanup()
{
    Database::close(Db);
}

void TestServerSearchIndex::piecesAreEveryOneAndTwoCharacterPiece_data()
{
    QTest::addColumn<QString>("key");
    QTest::addRow("empty") << QString();
    QTest::addRow("one letter") << "a";
    QTest::addRow("repeats") << "aaab aaab";
    QTest::addRow("umlauts, sharp s, euro, emoji")
        << QString::fromUtf8("m\xc3\xbcller stra\xc3\x9f" "e 9 \xe2\x82\xac \xf0\x9f\x98\x80x");
    QTest::addRow("backslash, percent, underscore, two spaces") << "a\\b%c_d  e";
}

void TestServerSearchIndex::piecesAreEveryOneAndTwoCharacterPiece()
{
    QFETCH(QString, key);
    QCOMPARE(storedPieces(key), expectedPieces(key));
}

void TestServerSearchIndex::firstBodyIsReplacedAndSearchStaysTheSame()
{
    // GIVEN a database whose records were indexed by the function's first body
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY2(q.exec(FirstBody), qPrintable(q.lastError().text()));
    QVERIFY(DemoData(Db).generate({300, 0, 0, 0}).isEmpty());
    // WHEN the schema step runs
    {
        Transaction tx(Db, Transaction::Kind::Write);
        QVERIFY(tx.isActive());
        const QSqlError e = ServerSearchIndex(QSqlDatabase::database(Db)).ensure();
        QVERIFY2(!e.isValid(), qPrintable(e.text()));
        QCOMPARE(tx.commit(), QString());
    }
    // THEN the function has the new body, and the index (built by the old one) still finds
    // exactly what a scan finds, for words it holds and words it does not
    QVERIFY(q.exec("SELECT prosrc FROM pg_proc WHERE proname = 'rapport_short_grams'") && q.next());
    QVERIFY2(!q.value(0).toString().contains("DISTINCT"), qPrintable(q.value(0).toString()));
    q.finish();
    QVERIFY(ServerSearchIndex(QSqlDatabase::database(Db)).isComplete());
    QVERIFY(q.exec("SET enable_seqscan = off"));
    for (const QString &word : QStringList{"mu", "e", "a ", "zq", "9"}) {
        const qint64 indexed = count("SELECT COUNT(*) FROM leads WHERE "
                                     "rapport_short_grams(search_key) @> ARRAY[CAST(? AS text)]",
                                     word);
        const qint64 scanned = count("SELECT COUNT(*) FROM leads WHERE strpos(search_key, ?) > 0",
                                     word);
        QCOMPARE(indexed, scanned);
    }
    QVERIFY(q.exec("RESET enable_seqscan"));
}

QTEST_GUILESS_MAIN(TestServerSearchIndex)
#include "tst_serversearchindex.moc"
