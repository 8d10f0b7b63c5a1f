// rapport-cli add, get, update, list and timeline as scripts use them: the built executable
// on a real database, checked for exit codes, the JSON keys of cli.md and what was written.
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/engines.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {
struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};
} // namespace

class TestCliRecords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void addChecksAsTheFormDoesAndNamesLikelyDuplicates();
    void getShowsEveryFieldAndTheVersion();
    void updateRefusesAStaleVersion();
    void listShowsTheTabsRowsInItsOrder();
    void timelineTellsWhatHappened();
    void badInputAndUsage_data();
    void badInputAndUsage();

private:
    Run cli(const QStringList &args);
    QTemporaryDir m_dir;
    QString m_path;
    int m_count = 0;
    qint64 m_account = 0, m_contact = 0;
};

void TestCliRecords::init()
{
    m_path = Engines::location(m_dir.filePath(QString("rec%1.sqlite").arg(++m_count)));
    QVERIFY(Database::open(m_path, "setup").isEmpty());
    RecordStore store("setup");
    m_account = store.insert(Entity::Account, {{"account_name", "Analytical Engines"}}).id;
    m_contact = store.insert(Entity::Contact, {{"first_name", "Ada"}, {"last_name", "Lovelace"},
                                               {"email", "ada@engines.example"},
                                               {"account_id", m_account}}).id;
    for (const char *name : {"Babbage", "Byron", "Somerville"})
        store.insert(Entity::Contact, {{"last_name", name}, {"owner", "Grace Hopper"}});
    Database::close("setup");
    QVERIFY(m_contact > 0);
}

Run TestCliRecords::cli(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("RAPPORT_USER", "Grace Hopper");
    p.setProcessEnvironment(env);
    p.start(RAPPORT_CLI, QStringList{"--db", m_path} + args);
    Run r;
    if (!p.waitForFinished(30000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestCliRecords::addChecksAsTheFormDoesAndNamesLikelyDuplicates()
{
    // WHEN a contact with the same email as Ada is added, by label and by column name, with
    // its account by name
    const Run r = cli({"--json", "add", "contacts", "--set", "Last Name=King",
                       "--set", "email=ADA@engines.example", "--set", "Account Name=Analytical Engines",
                       "--set", "Email Opt Out=yes"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject o = r.json();
    QVERIFY(o["id"].toInteger() > 0);
    QCOMPARE(o["version"].toInt(), 1);
    const QJsonArray similar = o["similar"].toArray();
    QCOMPARE(similar.size(), 1);
    QCOMPARE(similar[0].toObject()["record"].toString(), QString("contacts:%1").arg(m_contact));
    QCOMPARE(similar[0].toObject()["reasons"].toArray().first().toString(), QStringLiteral("same email address"));
    // THEN it is there, with what was given
    const QJsonObject got = cli({"--json", "get", "contacts", QString::number(o["id"].toInteger())}).json();
    QCOMPARE(got["fields"]["Last Name"].toString(), QStringLiteral("King"));
    QCOMPARE(got["fields"]["Account Name"].toInteger(), m_account);
    QCOMPARE(got["fields"]["Email Opt Out"].toBool(), true);
    // A deal without its name is refused as the form refuses it, and nothing is written
    const Run bad = cli({"add", "deals", "--set", "Amount=12"});
    QCOMPARE(bad.code, 3);
    QVERIFY2(bad.err.contains("Deal Name"), bad.err.constData());
    QCOMPARE(cli({"--json", "count", "deals"}).json()["count"].toInt(), 0);
}

void TestCliRecords::getShowsEveryFieldAndTheVersion()
{
    const Run r = cli({"--json", "get", "contacts", QString::number(m_contact)});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject o = r.json();
    QCOMPARE(o["id"].toInteger(), m_contact);
    QCOMPARE(o["version"].toInt(), 1);
    const QJsonObject fields = o["fields"].toObject();
    QCOMPARE(fields["First Name"].toString(), QStringLiteral("Ada"));
    QVERIFY(fields.contains("Mobile")); // every field, empty ones as null
    QVERIFY(fields["Mobile"].isNull());
    // Without --json, the fields that have a value, references by name
    const Run text = cli({"get", "contacts", QString::number(m_contact)});
    QVERIFY2(text.out.contains("Analytical Engines"), text.out.constData());
}

void TestCliRecords::updateRefusesAStaleVersion()
{
    const QString id = QString::number(m_contact);
    const Run first = cli({"--json", "update", "contacts", id, "--set", "Title=Countess", "--if-version", "1"});
    QVERIFY2(first.code == 0, first.err.constData());
    QCOMPARE(first.json()["version"].toInt(), 2);
    // A script that read version 1 is refused with exit 4, and the record keeps the first write
    const Run stale = cli({"update", "contacts", id, "--set", "Title=Analyst", "--if-version", "1"});
    QCOMPARE(stale.code, 4);
    QVERIFY2(stale.err.contains("version 2"), stale.err.constData());
    QCOMPARE(cli({"--json", "get", "contacts", id}).json()["fields"].toObject()["Title"].toString(),
             QStringLiteral("Countess"));
    // A deal moved on by a script gets its new stage's probability, as on the board
    const Run deal = cli({"--json", "add", "deals", "--set", "Deal Name=Engines", "--set", "Stage=Proposal"});
    const QString dealId = QString::number(deal.json()["id"].toInteger());
    QCOMPARE(cli({"--json", "get", "deals", dealId}).json()["fields"].toObject()["Probability (%)"].toInt(), 50);
    QCOMPARE(cli({"update", "deals", dealId, "--set", "Stage=Closed Won"}).code, 0);
    QCOMPARE(cli({"--json", "get", "deals", dealId}).json()["fields"].toObject()["Probability (%)"].toInt(), 100);
    QCOMPARE(cli({"update", "deals", dealId, "--set", "Probability (%)=140"}).code, 3);
    // Emptying a field
    QCOMPARE(cli({"update", "contacts", id, "--set", "Title="}).code, 0);
    QVERIFY(cli({"--json", "get", "contacts", id}).json()["fields"].toObject()["Title"].isNull());
}

void TestCliRecords::listShowsTheTabsRowsInItsOrder()
{
    // The tab's order (by last name), its columns, a page of it, and the total
    Run r = cli({"--json", "list", "contacts", "--limit", "2", "--offset", "1"});
    QVERIFY2(r.code == 0, r.err.constData());
    QJsonObject o = r.json();
    QCOMPARE(o["total"].toInt(), 4);
    QCOMPARE(o["offset"].toInt(), 1);
    QJsonArray rows = o["rows"].toArray();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].toObject()["Last Name"].toString(), QStringLiteral("Byron"));
    QCOMPARE(rows[1].toObject()["Last Name"].toString(), QStringLiteral("Lovelace"));
    QCOMPARE(rows[1].toObject()["Account Name"].toString(), QStringLiteral("Analytical Engines")); // a name, not an id
    // Sorted the other way, a search, chosen fields, mine, no total
    o = cli({"--json", "list", "contacts", "--sort", "Last Name", "--desc", "--fields", "Last Name,Email"}).json();
    QCOMPARE(o["rows"].toArray().first().toObject()["Last Name"].toString(), QStringLiteral("Somerville"));
    QCOMPARE(o["rows"].toArray().first().toObject().keys(), (QStringList{"Email", "Last Name", "id"}));
    o = cli({"--json", "list", "contacts", "--search", "lovel"}).json();
    QCOMPARE(o["total"].toInt(), 1);
    o = cli({"--json", "list", "contacts", "--owner", "me", "--no-total"}).json();
    QVERIFY(o["total"].isNull());
    QCOMPARE(o["rows"].toArray().size(), 3);
}

void TestCliRecords::timelineTellsWhatHappened()
{
    const QString id = QString::number(m_contact);
    QCOMPARE(cli({"update", "contacts", id, "--set", "Title=Countess"}).code, 0);
    QCOMPARE(cli({"activity", "add", "--on", "contacts:" + id, "--subject", "Ask about the engine",
                  "--type", "call"}).code, 0);
    const Run r = cli({"--json", "timeline", "contacts", id});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonArray entries = r.json()["entries"].toArray();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries[0].toObject()["kind"].toString(), QStringLiteral("activity"));
    QCOMPARE(entries[0].toObject()["text"].toString(), QStringLiteral("Call scheduled: Ask about the engine"));
    QCOMPARE(entries[0].toObject()["who"].toString(), QStringLiteral("Grace Hopper"));
    QCOMPARE(entries[1].toObject()["kind"].toString(), QStringLiteral("change"));
    QCOMPARE(entries[1].toObject()["field"].toString(), QStringLiteral("Title"));
    QVERIFY(entries[1].toObject()["old"].isNull());
    QCOMPARE(entries[1].toObject()["new"].toString(), QStringLiteral("Countess"));
    QVERIFY(entries[1].toObject()["time"].toString().endsWith('Z'));
    QCOMPARE(entries[2].toObject()["kind"].toString(), QStringLiteral("create"));
    QCOMPARE(cli({"--json", "timeline", "contacts", id, "--limit", "1"}).json()["entries"].toArray().size(), 1);
}

void TestCliRecords::badInputAndUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown module") << QStringList{"get", "people", "1"} << 2 << "unknown module";
    QTest::newRow("no id") << QStringList{"get", "contacts"} << 2 << "usage";
    QTest::newRow("unknown id") << QStringList{"get", "contacts", "999"} << 3 << "no contact with id 999";
    QTest::newRow("unknown field") << QStringList{"add", "contacts", "--set", "Shoe Size=9"} << 3 << "no field";
    QTest::newRow("no equals") << QStringList{"add", "contacts", "--set", "Lovelace"} << 2 << "FIELD=VALUE";
    QTest::newRow("bad number") << QStringList{"update", "contacts", "1", "--set", "Email Opt Out=perhaps"} << 3 << "";
    QTest::newRow("bad version") << QStringList{"update", "contacts", "1", "--set", "Title=x", "--if-version", "v"} << 2 << "--if-version";
    QTest::newRow("update unknown") << QStringList{"update", "deals", "5", "--set", "Amount=1"} << 3 << "no deal";
    QTest::newRow("bad sort") << QStringList{"list", "contacts", "--sort", "Nope"} << 3 << "no field";
    QTest::newRow("bad limit") << QStringList{"list", "contacts", "--limit", "-1"} << 2 << "--limit";
    QTest::newRow("timeline unknown") << QStringList{"timeline", "leads", "7"} << 3 << "no lead";
}

void TestCliRecords::badInputAndUsage()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Run r = cli(args);
    QCOMPARE(r.code, code);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1); // one clear line
}

QTEST_GUILESS_MAIN(TestCliRecords)
#include "tst_clirecords.moc"
