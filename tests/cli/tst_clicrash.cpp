// rapport-cli killed (SIGKILL) at random moments of an import, an undo of an import, a lead
// conversion and a migration: afterwards the database passes its integrity check and holds
// all or none of the operation, on both engines. The moments come from a seeded generator
// (RAPPORT_CRASH_SEED repeats a run; the seed is printed), spread over how long the operation
// takes when left alone; a process that finished before its moment counts as "all".
#include "support/engines.h"

#include "storage/database.h"
#include "storage/recordstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QUrl>

using namespace Rapport;

namespace {

const QString Check = QStringLiteral("check");
constexpr int Rounds = 12;
constexpr int Rows = 2000;

} // namespace

class TestCliCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void aKilledImportLeavesAllOrNone();
    void aKilledUndoOfAnImportLeavesAllOrNone();
    void aKilledConversionLeavesAllOrNone();
    void aKilledMigrationLeavesTheOldOrTheNewSchema();

private:
    // Runs rapport-cli on the test's database to its end; its exit code.
    int run(const QStringList &args, qint64 *ms = nullptr);
    // Starts it and kills it after `ms` milliseconds (unless it ended before).
    void killAfter(const QStringList &args, int ms, const QString &location = {});
    int moment(qint64 took) { return int(m_random.bounded(qint64(took * 1.2) + 20)); }
    qint64 value(const QString &sql, const QVariantList &binds = {});
    // The engine's own check and Rapport's invariants that hold whatever was killed.
    void checkIntegrity();
    QString csv(int round);

    Engines::FreshDatabase m_fresh{QStringLiteral("clicrash")};
    QRandomGenerator m_random;
    int m_runs = 0;   // killAfter()s of the test function
    int m_killed = 0; // of which killed before they ended
};

void TestCliCrash::initTestCase()
{
    const quint32 seed = qEnvironmentVariableIsSet("RAPPORT_CRASH_SEED")
                           ? quint32(qEnvironmentVariableIntValue("RAPPORT_CRASH_SEED"))
                           : QRandomGenerator::global()->generate();
    qInfo("RAPPORT_CRASH_SEED=%u", seed);
    m_random.seed(seed);
}

void TestCliCrash::cleanup()
{
    // How many rounds really cut the process short: told, not asserted (it depends on speed).
    qInfo("%d of %d runs killed before they ended", m_killed, m_runs);
    m_runs = m_killed = 0;
    Database::close(Check);
    m_fresh.drop();
}

int TestCliCrash::run(const QStringList &args, qint64 *ms)
{
    QProcess p;
    QElapsedTimer timer;
    timer.start();
    p.start(QStringLiteral(RAPPORT_CLI), QStringList{"--db", m_fresh.location()} + args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit)
        return -1;
    if (ms)
        *ms = timer.elapsed();
    if (p.exitCode() != 0)
        qWarning() << p.readAllStandardError();
    return p.exitCode();
}

void TestCliCrash::killAfter(const QStringList &args, int ms, const QString &location)
{
    const QString db = location.isEmpty() ? m_fresh.location() : location;
    QProcess p;
    p.start(QStringLiteral(RAPPORT_CLI), QStringList{"--db", db} + args);
    QVERIFY(p.waitForStarted());
    if (!p.waitForFinished(ms)) {
        p.kill(); // SIGKILL: no handler, no cleanup, as a power cut or the OOM killer
        QVERIFY(p.waitForFinished(10000));
        ++m_killed;
    }
    ++m_runs;
    // The server decides the outcome when it finds its client gone (a COMMIT already sent
    // still commits): look once the killed client's session has ended.
    if (Engines::postgres()) {
        const QString name = QUrl(db).path().mid(1);
        QVERIFY(QTest::qWaitFor([this, name] {
            return value("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? AND pid <> "
                         "pg_backend_pid()", {name}) == 0;
        }, 10000));
    }
}

qint64 TestCliCrash::value(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(QSqlDatabase::database(Check, false));
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next()) {
        qWarning() << sql << q.lastError().text();
        return -1;
    }
    return q.value(0).toLongLong();
}

void TestCliCrash::checkIntegrity()
{
    if (!Engines::postgres()) {
        QSqlQuery q(QSqlDatabase::database(Check, false));
        QVERIFY(q.exec("PRAGMA integrity_check") && q.next());
        QCOMPARE(q.value(0).toString(), QString("ok"));
        QVERIFY(q.exec("PRAGMA foreign_key_check"));
        QVERIFY2(!q.next(), "a row refers to one that is not there");
    }
    // Every import that stands has its journal's rows, and exactly as many as it says it made.
    QCOMPARE(value("SELECT COUNT(*) FROM imports i WHERE i.undone_at IS NULL AND i.created <> "
                   "(SELECT COALESCE(SUM(r.last_id - r.first_id + 1), 0) FROM import_records r "
                   "WHERE r.import_id = i.id AND r.entity IS NULL AND r.previous IS NULL)"), 0);
    // No journal row without its import.
    QCOMPARE(value("SELECT COUNT(*) FROM import_records r WHERE NOT EXISTS "
                   "(SELECT 1 FROM imports i WHERE i.id = r.import_id)"), 0);
    // A lead is converted exactly when a standing conversion says so, into records that exist.
    QCOMPARE(value("SELECT COUNT(*) FROM leads l WHERE (l.converted_at IS NOT NULL) <> EXISTS "
                   "(SELECT 1 FROM conversions c WHERE c.lead_id = l.id AND c.undone_at IS NULL)"),
             0);
    QCOMPARE(value("SELECT COUNT(*) FROM conversions c WHERE c.undone_at IS NULL AND ("
                   "(c.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts a "
                   "WHERE a.id = c.account_id)) OR (c.contact_id IS NOT NULL AND NOT EXISTS "
                   "(SELECT 1 FROM contacts t WHERE t.id = c.contact_id)) OR (c.deal_id IS NOT "
                   "NULL AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.id = c.deal_id)))"), 0);
}

QString TestCliCrash::csv(int round)
{
    QByteArray text = "First Name,Last Name,Company,Email\n";
    for (int i = 0; i < Rows; ++i)
        text += QStringLiteral("R%1,Row%2,Firm%2 Ltd,r%1.%2@example.com\n").arg(round).arg(i).toUtf8();
    QFile f(m_fresh.path(QStringLiteral("round%1.csv").arg(round)));
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        return {};
    return f.fileName();
}

void TestCliCrash::aKilledImportLeavesAllOrNone()
{
    QVERIFY(m_fresh.open(Check));
    qint64 took = 0;
    QCOMPARE(run({"import", "leads", csv(-1)}, &took), 0); // how long one takes, undisturbed
    for (int round = 0; round < Rounds; ++round) {
        const QString file = csv(round);
        QVERIFY(!file.isEmpty());
        const qint64 leads = value("SELECT COUNT(*) FROM leads");
        const qint64 imports = value("SELECT COUNT(*) FROM imports");
        // WHEN an import is killed at a random moment
        killAfter({"import", "leads", file}, moment(took));
        // THEN the database is sound and has the whole file or none of it
        checkIntegrity();
        const qint64 added = value("SELECT COUNT(*) FROM leads") - leads;
        const qint64 logged = value("SELECT COUNT(*) FROM imports") - imports;
        QVERIFY2((added == 0 && logged == 0) || (added == Rows && logged == 1),
                 qPrintable(QStringLiteral("round %1: %2 leads, %3 imports added")
                                .arg(round).arg(added).arg(logged)));
        if (QTest::currentTestFailed())
            return;
    }
}

void TestCliCrash::aKilledUndoOfAnImportLeavesAllOrNone()
{
    QVERIFY(m_fresh.open(Check));
    qint64 took = 0;
    QCOMPARE(run({"import", "leads", csv(-1)}, &took), 0);
    QCOMPARE(run({"undo-import", QString::number(value("SELECT MAX(id) FROM imports"))}, &took),
             0);
    for (int round = 0; round < Rounds; ++round) {
        // GIVEN an import
        QCOMPARE(run({"import", "leads", csv(round)}), 0);
        const qint64 id = value("SELECT MAX(id) FROM imports");
        const qint64 leads = value("SELECT COUNT(*) FROM leads");
        // WHEN its undo is killed at a random moment
        killAfter({"undo-import", QString::number(id)}, moment(took));
        // THEN it is undone entirely (its rows gone, marked undone) or not at all
        checkIntegrity();
        const qint64 removed = leads - value("SELECT COUNT(*) FROM leads");
        const bool undone = value("SELECT COUNT(*) FROM imports WHERE id = ? AND undone_at IS "
                                  "NOT NULL", {id}) == 1;
        QVERIFY2((removed == 0 && !undone) || (removed == Rows && undone),
                 qPrintable(QStringLiteral("round %1: %2 leads removed, undone %3")
                                .arg(round).arg(removed).arg(undone)));
        if (QTest::currentTestFailed())
            return;
    }
}

void TestCliCrash::aKilledConversionLeavesAllOrNone()
{
    QVERIFY(m_fresh.open(Check));
    RecordStore store(Check);
    auto newLead = [&store](int n) {
        return store.insert(Entity::Lead, {{"last_name", QStringLiteral("Kill%1").arg(n)},
                                           {"company", QStringLiteral("Kill %1 GmbH").arg(n)}})
            .id;
    };
    qint64 took = 0;
    QCOMPARE(run({"convert", QString::number(newLead(-1)), "--account", "new", "--contact", "new"},
                 &took), 0);
    for (int round = 0; round < Rounds + 8; ++round) {
        const qint64 lead = newLead(round);
        QVERIFY(lead > 0);
        const qint64 accounts = value("SELECT COUNT(*) FROM accounts");
        const qint64 contacts = value("SELECT COUNT(*) FROM contacts");
        const qint64 deals = value("SELECT COUNT(*) FROM deals");
        // WHEN its conversion is killed at a random moment
        killAfter({"convert", QString::number(lead), "--account", "new", "--contact", "new"},
                  moment(took));
        // THEN the lead is converted into an account, a contact and a deal, or nothing is
        checkIntegrity();
        const bool converted = value("SELECT COUNT(*) FROM leads WHERE id = ? AND converted_at "
                                     "IS NOT NULL", {lead}) == 1;
        const qint64 made = converted ? 1 : 0;
        QCOMPARE(value("SELECT COUNT(*) FROM accounts") - accounts, made);
        QCOMPARE(value("SELECT COUNT(*) FROM contacts") - contacts, made);
        QCOMPARE(value("SELECT COUNT(*) FROM deals") - deals, made);
        QCOMPARE(value("SELECT COUNT(*) FROM conversions WHERE lead_id = ?", {lead}), made);
    }
}

// A connection of the test's own to `location`, as it is: not through Database::open(), which
// would migrate it.
QSqlDatabase rawOpen(const QString &location, const QString &name)
{
    QSqlDatabase db;
    if (Engines::postgres()) {
        const QUrl url(location);
        db = QSqlDatabase::addDatabase("QPSQL", name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        db.setConnectOptions("options='-c client_min_messages=warning'");
    } else {
        db = QSqlDatabase::addDatabase("QSQLITE", name);
        db.setDatabaseName(location);
    }
    db.open();
    return db;
}

// A database as a Rapport of schema 0 left it: leads with only a few fields.
void makeOld(const QString &location)
{
    {
        QSqlDatabase db = rawOpen(location, "old");
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        QVERIFY(q.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)"));
        QVERIFY(q.exec("INSERT INTO meta VALUES ('schema_version', '0')"));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE leads (id %1, first_name TEXT, last_name "
                                      "TEXT NOT NULL, company TEXT, email TEXT)")
                           .arg(Engines::postgres() ? "BIGSERIAL PRIMARY KEY"
                                                    : "INTEGER PRIMARY KEY AUTOINCREMENT")));
        QVERIFY(db.transaction());
        q.prepare("INSERT INTO leads (first_name, last_name, company, email) VALUES (?, ?, ?, ?)");
        for (int i = 0; i < Rows; ++i) {
            q.addBindValue(QStringLiteral("Jürgen%1").arg(i));
            q.addBindValue(QStringLiteral("Müller%1").arg(i));
            q.addBindValue(QStringLiteral("Acme %1 GmbH").arg(i));
            q.addBindValue(QStringLiteral("jm%1@acme.example").arg(i));
            QVERIFY(q.exec());
        }
        QVERIFY(db.commit());
    }
    QSqlDatabase::removeDatabase("old");
}

void TestCliCrash::aKilledMigrationLeavesTheOldOrTheNewSchema()
{
    QVERIFY(m_fresh.open(Check)); // the test's look at the server's sessions
    qint64 took = 0;
    for (int round = -1; round < Rounds; ++round) {
        // GIVEN a database of an older Rapport, with a few thousand leads
        const QString location = Engines::location(
            m_fresh.path(QStringLiteral("old%1.sqlite").arg(round)), Engines::Schema::None);
        makeOld(location);
        if (QTest::currentTestFailed())
            return;
        const QStringList count{"--db", location, "count", "leads"};
        if (round < 0) { // how long one takes, undisturbed
            QElapsedTimer timer;
            timer.start();
            QProcess p;
            p.start(QStringLiteral(RAPPORT_CLI), count);
            QVERIFY(p.waitForFinished(120000) && p.exitCode() == 0);
            took = timer.elapsed();
            continue;
        }
        // WHEN the first Rapport to open it is killed at a random moment
        killAfter({"count", "leads"}, moment(took), location);
        // THEN it is sound, at the old version untouched or the new one complete
        {
            QSqlDatabase db = rawOpen(location, "killed");
            QVERIFY(db.isOpen());
            QSqlQuery q(db);
            if (!Engines::postgres()) {
                QVERIFY(q.exec("PRAGMA integrity_check") && q.next());
                QCOMPARE(q.value(0).toString(), QString("ok"));
            }
            QVERIFY(q.exec("SELECT value FROM meta WHERE key = 'schema_version'") && q.next());
            const int version = q.value(0).toInt();
            QVERIFY2(version == 0 || version == Database::SchemaVersion,
                     qPrintable(QString::number(version)));
            QVERIFY(q.exec("SELECT COUNT(*) FROM leads") && q.next());
            QCOMPARE(q.value(0).toInt(), Rows);
            QCOMPARE(db.record("leads").contains("lead_status"), version != 0);
            QCOMPARE(db.tables().contains("imports"), version != 0);
        }
        QSqlDatabase::removeDatabase("killed");
        // AND the next Rapport opens it and finds every lead
        QProcess p;
        p.start(QStringLiteral(RAPPORT_CLI), count);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray::number(Rows));
    }
}

QTEST_GUILESS_MAIN(TestCliCrash)
#include "tst_clicrash.moc"
