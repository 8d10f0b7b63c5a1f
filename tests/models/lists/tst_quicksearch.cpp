// The quick search of every tab, end to end through the table model: what a user types is
// text to find, never SQL or LIKE wildcards, and accents and case do not matter. The expected
// rows are the same on both engines, whichever index serves the search (SQLite's FTS5 table,
// PostgreSQL's pg_trgm and short-piece indexes, or none for the shortest words on SQLite).
#include "storage/database.h"
#include "storage/recordstore.h"
#include "lists/recordtablemodel.h"
#include "lists/recordtablesql.h"
#include "storage/serversearchindex.h"
#include "records/recordtypes.h"
#include "support/engines.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlField>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const char *const Db = "quicksearch";
const char *const PlanDb = "quicksearch-plan";
constexpr int LeadCount = 19;

QList<qint64> queryIds(const QString &connection, const QString &sql)
{
    QList<qint64> ids;
    QSqlQuery q(QSqlDatabase::database(connection));
    q.exec(sql);
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

int column(Entity e, const char *name)
{
    return fieldIndex(e, QLatin1String(name));
}

QStringList shown(const RecordTableModel &model, int col)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, col).data().toString();
    out.sort();
    return out;
}

QList<qint64> idsFor(const QString &connection, const QString &search, TextSearch how)
{
    const SqlWhere w = buildWhere(Entity::Lead, {.search = search}, how);
    QSqlQuery q(QSqlDatabase::database(connection));
    q.prepare(QStringLiteral("SELECT id FROM leads%1 ORDER BY id").arg(w.clause));
    for (const QVariant &v : w.binds)
        q.addBindValue(v);
    if (!q.exec())
        qWarning() << q.lastError().text();
    QList<qint64> ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

// PostgreSQL's plan of a statement, its bound values written in as the driver quotes them
// (EXPLAIN cannot be prepared). Placeholders are the only question marks in Rapport's SQL.
QString serverPlan(const RecordTableSql::Statement &s)
{
    QSqlDatabase db = QSqlDatabase::database(PlanDb);
    QString sql;
    qsizetype bind = 0;
    for (QChar c : s.sql) {
        if (c != QLatin1Char('?')) {
            sql += c;
            continue;
        }
        const QVariant v = s.binds.value(bind++);
        QSqlField field(QString(), v.metaType());
        field.setValue(v);
        sql += db.driver()->formatValue(field);
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("EXPLAIN ") + sql))
        return q.lastError().text();
    QStringList lines;
    while (q.next())
        lines << q.value(0).toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestQuickSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hostileSearch_data();
    void hostileSearch();
    void contactsAreFoundByTheirAccount();
    void serverSearchUsesItsIndexes_data();
    void serverSearchUsesItsIndexes();
    void serverIndexesAreAddedToOlderDatabases();
    void missingExtensionIsExplained();

private:
    QTemporaryDir m_dir;
};

void TestQuickSearch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(Database::open(Engines::location(m_dir.filePath("search.sqlite")), Db).isEmpty());
    RecordStore s(Db);
    const QList<QVariantMap> leads = {
        {{"last_name", "Quote'Smith"}},
        {{"last_name", "Double"}, {"company", "Say \"Hi\" Ltd"}},
        {{"last_name", "Percent"}, {"company", "100% Organic"}},
        {{"last_name", "NoPercent"}, {"company", "100 Organic"}},
        {{"last_name", "Under_Score"}},
        {{"last_name", "UnderXScore"}},
        {{"last_name", "Back\\Slash"}},
        {{"last_name", "BackSlash"}},
        {{"last_name", "Rocket 🚀"}},
        {{"last_name", "Robert'); DROP TABLE leads;--"}},
        {{"last_name", "Müller"}, {"first_name", "Jürgen"}},
        {{"last_name", "MULLER"}},
        {{"last_name", "Mueller"}},
        {{"last_name", "Plain"}, {"email", "plain@example.com"}},
        {{"last_name", "Faßbender"}, {"company", "Ærø Ølbryggeri"}},
        {{"last_name", "Ng"}, {"phone", "+49 (30) 1234-567"}},
        {{"last_name", "Ox"}, {"company", "Xu & Co"}},
        {{"last_name", "Жуков"}, {"email", "zhukov@example.org"}},
        {{"last_name", "Party🎉Ja"}},
    };
    for (const QVariantMap &lead : leads)
        QVERIFY(s.insert(Entity::Lead, lead).ok());
}

void TestQuickSearch::hostileSearch_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("lastNames");
    QTest::newRow("quote") << "'" << QStringList{"Quote'Smith", "Robert'); DROP TABLE leads;--"};
    QTest::newRow("double quote") << "\"" << QStringList{"Double"};
    QTest::newRow("percent") << "%" << QStringList{"Percent"};
    QTest::newRow("underscore") << "_" << QStringList{"Under_Score"};
    QTest::newRow("backslash") << "\\" << QStringList{"Back\\Slash"};
    QTest::newRow("emoji") << "🚀" << QStringList{"Rocket 🚀"};
    QTest::newRow("injection") << "Robert'); DROP TABLE leads;--"
                               << QStringList{"Robert'); DROP TABLE leads;--"};
    QTest::newRow("accents and case") << "muller" << QStringList{"MULLER", "Müller"};
    QTest::newRow("upper case accented") << "  MÜLLER " << QStringList{"MULLER", "Müller"};
    QTest::newRow("first name without accent") << "jurgen" << QStringList{"Müller"};
    QTest::newRow("email") << "PLAIN@example" << QStringList{"Plain"};
    QTest::newRow("nothing") << "%_\\" << QStringList{};
    QTest::newRow("ß typed as ss") << "fassbender" << QStringList{"Faßbender"};
    QTest::newRow("ß typed as ß") << "FASSBENDER" << QStringList{"Faßbender"};
    QTest::newRow("æ and ø typed plainly") << "aero olbrygg" << QStringList{"Faßbender"};
    // Words of one and two characters, which no trigram index serves.
    QTest::newRow("one letter") << "q" << QStringList{"Quote'Smith"};
    QTest::newRow("one upper-case letter") << "Q" << QStringList{"Quote'Smith"};
    QTest::newRow("one Cyrillic letter") << "ж" << QStringList{"Жуков"};
    QTest::newRow("two letters") << "ox" << QStringList{"Ox"};
    QTest::newRow("emoji and a letter") << "🎉j" << QStringList{"Party🎉Ja"};
    QTest::newRow("letter and emoji") << "Y🎉" << QStringList{"Party🎉Ja"};
    QTest::newRow("one emoji") << "🎉" << QStringList{"Party🎉Ja"};
    QTest::newRow("two letters at the end of a key") << "ja" << QStringList{"Party🎉Ja"};
    QTest::newRow("two accented letters") << "ÜL" << QStringList{"MULLER", "Müller"};
    QTest::newRow("ß, one letter for two") << "ß" << QStringList{"Faßbender"};
    QTest::newRow("one Cyrillic capital") << "Ж" << QStringList{"Жуков"};
    QTest::newRow("absent digit") << "8" << QStringList{};
    QTest::newRow("two letters, two words") << "xu co" << QStringList{"Ox"};
    QTest::newRow("ampersand") << "&" << QStringList{"Ox"};
    QTest::newRow("quote and letter") << "'s" << QStringList{"Quote'Smith"};
    QTest::newRow("digit and percent") << "0%" << QStringList{"Percent"};
    QTest::newRow("backslash and letter") << "\\s" << QStringList{"Back\\Slash"};
    QTest::newRow("quote and h") << "\"h" << QStringList{"Double"};
    QTest::newRow("two wildcards") << "%_" << QStringList{};
    QTest::newRow("two backslashes") << "\\\\" << QStringList{};
    // Phone numbers as typed and as digits, whole words and words that are nowhere.
    QTest::newRow("phone digits") << "1234567" << QStringList{"Ng"};
    QTest::newRow("phone as written") << "(30) 1234-567" << QStringList{"Ng"};
    QTest::newRow("international prefix") << "+49" << QStringList{"Ng"};
    QTest::newRow("word") << "organic" << QStringList{"NoPercent", "Percent"};
    QTest::newRow("email domain") << "example.org" << QStringList{"Жуков"};
    QTest::newRow("absent word") << "zebra" << QStringList{};
    QTest::newRow("absent short word") << "zq" << QStringList{};
    QTest::newRow("one present, one absent") << "organic zebra" << QStringList{};
    QTest::newRow("percent in a longer word") << "100%" << QStringList{"Percent"};
    QTest::newRow("underscore in a longer word") << "r_sc" << QStringList{"Under_Score"};
    QTest::newRow("quotes in SQL") << "'); drop" << QStringList{"Robert'); DROP TABLE leads;--"};
}

void TestQuickSearch::hostileSearch()
{
    QFETCH(QString, text);
    QFETCH(QStringList, lastNames);
    RecordTableModel model(Entity::Lead, Db);
    QCOMPARE(model.rowCount(), LeadCount);
    model.setRecordFilter({.search = text});
    QCOMPARE(model.lastError(), QString());
    QCOMPARE(shown(model, column(Entity::Lead, "last_name")), lastNames);
    // The table is still there, with every lead.
    model.setRecordFilter({});
    QCOMPARE(model.rowCount(), LeadCount);
    QCOMPARE(queryIds(Db, "SELECT COUNT(*) FROM leads"), QList<qint64>{LeadCount});
    // The index this engine uses finds exactly what a plain scan finds.
    QCOMPARE(idsFor(Db, text, textSearchFor(Db)), idsFor(Db, text, TextSearch::Scan));
}

void TestQuickSearch::contactsAreFoundByTheirAccount()
{
    RecordStore store(Db);
    const qint64 account = store.insert(Entity::Account, {{"account_name", "Ærøskøbing A/S"}}).id;
    QVERIFY(account > 0);
    QVERIFY(store.insert(Entity::Contact, {{"last_name", "Jensen"}, {"account_id", account}}).ok());
    QVERIFY(store.insert(Entity::Contact, {{"last_name", "Hansen"}}).ok());
    RecordTableModel contacts(Entity::Contact, Db);
    contacts.setRecordFilter({.search = "ærøskøbing"});
    QCOMPARE(shown(contacts, column(Entity::Contact, "last_name")), QStringList{"Jensen"});
    QCOMPARE(contacts.index(0, column(Entity::Contact, "account_id")).data().toString(),
             QString("Ærøskøbing A/S"));
}

void TestQuickSearch::serverSearchUsesItsIndexes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("index");
    QTest::addColumn<int>("found");
    QTest::newRow("long word") << "bulk1234" << "idx_leads_search_trgm" << 1;
    QTest::newRow("two words") << "bulk123 bulk12" << "idx_leads_search_trgm" << 11;
    QTest::newRow("two characters") << "zq" << "idx_leads_search_short" << 3;
    QTest::newRow("one character") << "ж" << "idx_leads_search_short" << 2;
    QTest::newRow("absent") << "nowhere" << "idx_leads_search_trgm" << 0;
}

// The search's first page, its ordered ids and its count come from the search indexes, not
// from reading every lead (nor from walking the Last Name index and testing each lead).
void TestQuickSearch::serverSearchUsesItsIndexes()
{
    if (!Engines::postgres())
        QSKIP("PostgreSQL's indexes; SQLite's are tst_searchindex's");
    QFETCH(QString, text);
    QFETCH(QString, index);
    QFETCH(int, found);
    QVERIFY(Database::open(Engines::location(m_dir.filePath("plan.sqlite")), PlanDb).isEmpty());
    QSqlQuery q(QSqlDatabase::database(PlanDb));
    QVERIFY(q.exec("INSERT INTO leads (last_name, search_key) SELECT 'Bulk' || g, "
                   "'bulk' || g || ' filler text ' || CASE WHEN g % 2000 = 7 THEN 'zq ' "
                   "WHEN g % 2500 = 9 THEN 'ж ' ELSE '' END || 'example.com' "
                   "FROM generate_series(1, 5000) AS g"));
    // VACUUM moves the new rows from the GIN indexes' pending lists into the indexes proper,
    // as autovacuum does on a live server. On a table this small reading it all is cheapest;
    // on a big one it is not. With sequential scans priced out the plan shows which index
    // the search can use.
    QVERIFY(q.exec("VACUUM ANALYZE leads"));
    QVERIFY(q.exec("SET enable_seqscan = off"));
    const RecordFilter filter{.search = text};
    const RecordTableSql sql(Entity::Lead, true);
    const int byName = RecordTableSql::defaultSortColumn(Entity::Lead);
    for (const auto &statement : {sql.orderedIds(filter, byName, Qt::AscendingOrder),
                                  sql.page(filter, byName, Qt::AscendingOrder, 0, 128),
                                  sql.count(filter)}) {
        const QString plan = serverPlan(statement);
        QVERIFY2(plan.contains(index), qPrintable(plan));
        QVERIFY2(!plan.contains("Seq Scan"), qPrintable(plan));
    }
    QCOMPARE(countRecords(PlanDb, Entity::Lead, filter), found);
    Database::close(PlanDb);
}

void TestQuickSearch::serverIndexesAreAddedToOlderDatabases()
{
    if (!Engines::postgres())
        QSKIP("PostgreSQL's indexes; SQLite's are tst_searchindex's");
    const QString location = Engines::location(m_dir.filePath("older.sqlite"));
    QVERIFY(Database::open(location, PlanDb).isEmpty());
    {
        // What a server database made before the indexes holds.
        QSqlQuery q(QSqlDatabase::database(PlanDb));
        QVERIFY(q.exec("DROP FUNCTION rapport_short_grams CASCADE"));
        QVERIFY(q.exec("DROP EXTENSION pg_trgm CASCADE"));
    }
    Database::close(PlanDb);
    QVERIFY(Database::open(location, PlanDb).isEmpty());
    QSqlQuery q(QSqlDatabase::database(PlanDb));
    QVERIFY(q.exec("SELECT COUNT(*) FROM pg_indexes WHERE indexname LIKE 'idx\\_%\\_search\\_%'"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), int(2 * allEntities().size()));
    Database::close(PlanDb);
}

// A role that may not install pg_trgm is told what an administrator has to do; once done,
// the database opens.
void TestQuickSearch::missingExtensionIsExplained()
{
    if (!Engines::postgres())
        QSKIP("PostgreSQL's extension");
    const QString location = Engines::location(m_dir.filePath("noextension.sqlite"));
    QVERIFY(Database::open(location, PlanDb).isEmpty());
    const QString name = QSqlDatabase::database(PlanDb).databaseName();
    {
        QSqlQuery q(QSqlDatabase::database(PlanDb));
        QVERIFY(q.exec("DROP EXTENSION pg_trgm CASCADE"));
        QVERIFY(q.exec(QString("REVOKE CREATE ON DATABASE %1 FROM CURRENT_USER")
                           .arg(name)));
    }
    Database::close(PlanDb);
    const QString error = Database::open(location, PlanDb);
    QVERIFY2(error.contains("pg_trgm") && error.contains("postgresql-contrib"), qPrintable(error));
    QVERIFY(Engines::admin(QString("GRANT CREATE ON DATABASE %1 TO CURRENT_USER").arg(name)));
    QCOMPARE(Database::open(location, PlanDb), QString());
    QCOMPARE(countRecords(PlanDb, Entity::Lead, {.search = "ox"}), 0);
    Database::close(PlanDb);
}

QTEST_GUILESS_MAIN(TestQuickSearch)
#include "tst_quicksearch.moc"
