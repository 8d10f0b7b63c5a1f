// The quick search's trigram index: same results as the LIKE scan, really used, kept right
// by every kind of write, and added to databases made before it existed. SQLite only: the index
// is an FTS5 table; PostgreSQL scans (textSearchFor), as tst_quicksearch checks on both engines.
#include "storage/database.h"
#include "storage/demodata.h"
#include "lists/recordfilter.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"
#include "storage/searchindex.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const char *const Db = "searchindex";

QList<qint64> idsFor(const QString &connection, Entity e, const QString &search, TextSearch how)
{
    const SqlWhere w = buildWhere(e, {.search = search, .converted = RecordFilter::Converted::Include},
                                  how);
    QSqlQuery q(QSqlDatabase::database(connection));
    q.prepare(QStringLiteral("SELECT id FROM %1%2 ORDER BY id")
                  .arg(QLatin1String(entityDef(e).table), w.clause));
    for (const QVariant &v : w.binds)
        q.addBindValue(v);
    if (!q.exec())
        qWarning() << q.lastError().text();
    QList<qint64> ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

QString plan(Entity e, const QString &search)
{
    const SqlWhere w = buildWhere(e, {.search = search}, TextSearch::TrigramIndex);
    QSqlQuery q(QSqlDatabase::database(Db));
    q.prepare(QStringLiteral("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM %1%2")
                  .arg(QLatin1String(entityDef(e).table), w.clause));
    for (const QVariant &v : w.binds)
        q.addBindValue(v);
    QStringList lines;
    if (q.exec()) {
        while (q.next())
            lines << q.value(3).toString();
    }
    return lines.join(QLatin1Char('\n'));
}

// FTS5's own check of an external-content index against its table.
QString integrity(const QString &connection)
{
    QSqlQuery q(QSqlDatabase::database(connection));
    for (Entity e : allEntities()) {
        const QString fts = SearchIndex::tableFor(e);
        if (!q.exec(QStringLiteral("INSERT INTO %1 (%1, rank) VALUES ('integrity-check', 1)")
                        .arg(fts)))
            return fts + QStringLiteral(": ") + q.lastError().text();
    }
    return {};
}

} // namespace

class TestSearchIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void indexFindsWhatTheScanFinds_data();
    void indexFindsWhatTheScanFinds();
    void longWordsUseTheIndex();
    void everyWriteKeepsTheIndexRight();
    void insertedIdIsTheRecordsNotTheIndexs();
    void olderDatabaseGetsTheIndex();

private:
    QTemporaryDir m_dir;
};

void TestSearchIndex::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(Database::open(m_dir.filePath("index.sqlite"), Db).isEmpty());
    QCOMPARE(DemoData(Db).generate({.leads = 300, .contacts = 100, .accounts = 20, .deals = 50}),
             QString());
    RecordStore s(Db);
    const QList<QVariantMap> leads = {
        {{"last_name", "Quote'Smith"}},
        {{"last_name", "Percent"}, {"company", "100% Organic"}},
        {{"last_name", "NoPercent"}, {"company", "100 Organic"}},
        {{"last_name", "Under_Score"}}, {{"last_name", "UnderXScore"}},
        {{"last_name", "Back\\Slash"}}, {{"last_name", "Rocket 🚀🚀🚀"}},
        {{"last_name", "Say \"Hi\" Ltd"}},
        {{"last_name", "Müller"}, {"first_name", "Jürgen"}}, {{"last_name", "MULLER"}},
        {{"last_name", "Straße"}}, {{"last_name", "İstanbul"}},
    };
    for (const QVariantMap &lead : leads)
        QVERIFY(s.insert(Entity::Lead, lead).ok());
    QCOMPARE(integrity(Db), QString());
}

void TestSearchIndex::indexFindsWhatTheScanFinds_data()
{
    QTest::addColumn<QString>("text");
    for (const char *text : {"muller", "MÜLLER jürgen", "100%", "0% o", "% organic", "_sc",
                             "r_s", "k\\sl", "\\", "🚀🚀🚀", "t🚀🚀", "'smith", "\"hi\"",
                             "hi\" ltd", "strasse", "straße", "istanbul", "ab", "a", "example.com",
                             "555", "gmbh smith", "zzzzzz", "*", "\"", "OR", "NEAR(a b)",
                             "m*ller", "mul ler", "'); DROP TABLE leads;--",
                             // one or two characters: the index of short pieces
                             "🚀", "t🚀", "🚀🚀", "ß", "ü", "İ", "ll", "5", "%", "_", "\\",
                             "\"h", "q", "zq", "e 🚀", "r"})
        QTest::newRow(text) << QString::fromUtf8(text);
}

void TestSearchIndex::indexFindsWhatTheScanFinds()
{
    QFETCH(QString, text);
    for (Entity e : allEntities()) {
        const QList<qint64> scan = idsFor(Db, e, text, TextSearch::Scan);
        QCOMPARE(idsFor(Db, e, text, TextSearch::TrigramIndex), scan);
    }
}

void TestSearchIndex::longWordsUseTheIndex()
{
    QVERIFY2(plan(Entity::Lead, "muller").contains("leads_fts VIRTUAL TABLE"),
             qPrintable(plan(Entity::Lead, "muller")));
    QVERIFY(!plan(Entity::Lead, "mu").contains("leads_fts"));
    // Shorter words than a trigram: the table of short pieces, not a scan of the leads.
    for (const char *word : {"mu", "m", "🚀"}) {
        const QString p = plan(Entity::Lead, QString::fromUtf8(word));
        QVERIFY2(p.contains("leads_grams VIRTUAL TABLE"), qPrintable(p));
    }
    const QString contacts = plan(Entity::Contact, "acme");
    QVERIFY2(contacts.contains("contacts_fts") && contacts.contains("accounts_fts"),
             qPrintable(contacts));
}

void TestSearchIndex::everyWriteKeepsTheIndexRight()
{
    RecordStore store(Db);
    const qint64 id = store.insert(Entity::Lead, {{"last_name", "Quokka"}}).id;
    QCOMPARE(idsFor(Db, Entity::Lead, "quokka", TextSearch::TrigramIndex), QList<qint64>{id});
    QVERIFY(store.update(Entity::Lead, id, {{"last_name", "Wombat"}}).ok());
    QVERIFY(idsFor(Db, Entity::Lead, "quokka", TextSearch::TrigramIndex).isEmpty());
    QCOMPARE(idsFor(Db, Entity::Lead, "wombat", TextSearch::TrigramIndex), QList<qint64>{id});
    QSqlQuery q(QSqlDatabase::database(Db));
    // Writes that leave search_key alone, and raw writes such as an import's undo.
    QVERIFY(q.exec("UPDATE leads SET converted_at = '2026-01-01' WHERE id % 7 = 0"));
    QVERIFY(q.exec("UPDATE accounts SET search_key = 'renamed ' || search_key WHERE id < 5"));
    QVERIFY(q.exec("UPDATE leads SET search_key = NULL WHERE id = 3"));
    QVERIFY(q.exec("DELETE FROM leads WHERE id BETWEEN 10 AND 40"));
    QCOMPARE(store.remove(Entity::Account, 7, DeleteRule::DeleteRelated), QString());
    QCOMPARE(store.remove(Entity::Lead, id), QString());
    QVERIFY(idsFor(Db, Entity::Lead, "wombat", TextSearch::TrigramIndex).isEmpty());
    QCOMPARE(integrity(Db), QString());
    // The short pieces follow every write too.
    for (const char *word : {"wo", "w", "qu", "re", "r", "k"}) {
        for (Entity e : {Entity::Lead, Entity::Account})
            QCOMPARE(idsFor(Db, e, word, TextSearch::TrigramIndex),
                     idsFor(Db, e, word, TextSearch::Scan));
    }
    QCOMPARE(idsFor(Db, Entity::Account, "renamed", TextSearch::TrigramIndex),
             idsFor(Db, Entity::Account, "renamed", TextSearch::Scan));
    QCOMPARE(idsFor(Db, Entity::Account, "renamed", TextSearch::Scan).size(), 4);
}

void TestSearchIndex::insertedIdIsTheRecordsNotTheIndexs()
{
    // The CSV importer takes a new record's id from the last insert rowid.
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("INSERT INTO leads (last_name, search_key) VALUES ('Rowid', 'rowid')"));
    const qint64 id = q.lastInsertId().toLongLong();
    QVERIFY(q.exec("SELECT MAX(id) FROM leads") && q.next());
    QCOMPARE(id, q.value(0).toLongLong());
}

void TestSearchIndex::olderDatabaseGetsTheIndex()
{
    // GIVEN a database of a Rapport without the search index, with records
    const QString path = m_dir.filePath("old.sqlite");
    QVERIFY(Database::open(path, "old").isEmpty());
    QCOMPARE(DemoData("old").generate({.leads = 50, .contacts = 10, .accounts = 5}), QString());
    {
        QSqlQuery q(QSqlDatabase::database("old"));
        for (Entity e : allEntities()) {
            for (const QString &fts : {SearchIndex::tableFor(e), SearchIndex::shortTableFor(e)}) {
                for (const char *trigger : {"_insert", "_update", "_delete"})
                    QVERIFY(q.exec(QStringLiteral("DROP TRIGGER %1%2").arg(fts, trigger)));
                QVERIFY(q.exec(QStringLiteral("DROP TABLE %1").arg(fts)));
            }
        }
        QVERIFY(q.exec("INSERT INTO leads (last_name, search_key) VALUES ('Late', 'late')"));
    }
    QVERIFY(!SearchIndex(QSqlDatabase::database("old")).isComplete());
    Database::close("old");
    // WHEN it is opened
    QVERIFY(Database::open(path, "old").isEmpty());
    // THEN it is upgraded (after a backup), the index holds every record and searches use it
    QVERIFY(!Database::lastBackupPath("old").isEmpty());
    QVERIFY(SearchIndex(QSqlDatabase::database("old")).isComplete());
    QCOMPARE(integrity("old"), QString());
    QCOMPARE(idsFor("old", Entity::Lead, "late", TextSearch::TrigramIndex).size(), 1);
    QCOMPARE(idsFor("old", Entity::Lead, "example", TextSearch::TrigramIndex).size(), 50);
    for (const char *word : {"la", "l", "ex", "x"}) {
        QCOMPARE(idsFor("old", Entity::Lead, word, TextSearch::TrigramIndex),
                 idsFor("old", Entity::Lead, word, TextSearch::Scan));
    }
    QCOMPARE(idsFor("old", Entity::Lead, "la", TextSearch::TrigramIndex).size() > 0, true);
    Database::close("old");
}

QTEST_GUILESS_MAIN(TestSearchIndex)
#include "tst_searchindex.moc"
