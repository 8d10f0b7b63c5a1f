// rapport-cli convert / unconvert as users script them: the built executable run on a real
// database file, checked for exit codes, the JSON keys of cli.md and what was written.
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/engines.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
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

class TestCliConvert : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void convertNewPrintsContractJson();
    void convertTwiceIsRefused();
    void badInputAndUsage_data();
    void badInputAndUsage();
    void defaultAccountIsTheUnambiguousMatch();
    void ambiguousMatchMakesNewAccount();
    void b2cWithoutDeal();
    void dealOptions();
    void unconvertAndConflicts();

private:
    Run cli(const QStringList &args);
    qint64 insert(Entity e, const QVariantMap &values);
    QVariant value(const QString &sql);
    QTemporaryDir m_dir;
    QString m_path;
    int m_count = 0;
};

void TestCliConvert::init()
{
    m_path = Engines::location(m_dir.filePath(QString("cli%1.sqlite").arg(++m_count)));
    QVERIFY(Database::open(m_path, "setup").isEmpty());
    Database::close("setup");
}

Run TestCliConvert::cli(const QStringList &args)
{
    QProcess p;
    p.start(RAPPORT_CLI, QStringList{"--db", m_path} + args);
    Run r;
    if (!p.waitForFinished(30000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Opens the file only for the write, so the CLI sees a quiet database.
qint64 TestCliConvert::insert(Entity e, const QVariantMap &values)
{
    qint64 id = -1;
    if (!Database::open(m_path, "setup").isEmpty())
        return id;
    const WriteResult r = RecordStore("setup").insert(e, values);
    id = r.ok() ? r.id : -1;
    Database::close("setup");
    return id;
}

QVariant TestCliConvert::value(const QString &sql)
{
    QVariant v;
    if (!Database::open(m_path, "check").isEmpty())
        return v;
    {
        QSqlQuery q(QSqlDatabase::database("check"));
        if (q.exec(sql) && q.next())
            v = q.value(0);
    }
    Database::close("check");
    return v;
}

void TestCliConvert::convertNewPrintsContractJson()
{
    const qint64 lead = insert(Entity::Lead, {{"first_name", "Ada"}, {"last_name", "Lovelace"},
                                              {"company", "Engines Ltd"}, {"lead_status", "Contacted"}});
    const Run r = cli({"--json", "convert", QString::number(lead)});
    QCOMPARE(r.code, 0);
    const QJsonObject j = r.json();
    for (const char *key : {"lead", "account", "account_created", "contact", "contact_created", "deal"})
        QVERIFY2(j.contains(key), key);
    QCOMPARE(j["lead"].toInteger(), lead);
    QVERIFY(j["account_created"].toBool());
    QVERIFY(j["contact_created"].toBool());
    QVERIFY(j["deal"].toInteger() > 0);
    QCOMPARE(j["dropped"].toArray().first().toString(), QString("lead_status"));
    QCOMPARE(value(QString("SELECT converted_contact_id FROM leads WHERE id = %1").arg(lead)).toLongLong(),
             j["contact"].toInteger());
    QCOMPARE(value(QString("SELECT account_name FROM accounts WHERE id = %1")
                       .arg(j["account"].toInteger())).toString(), QString("Engines Ltd"));
    // Without --json: one line on stdout
    const qint64 other = insert(Entity::Lead, {{"last_name", "Babbage"}, {"company", "Diff"}});
    const Run text = cli({"convert", QString::number(other)});
    QCOMPARE(text.code, 0);
    QVERIFY2(text.out.startsWith("Converted lead"), text.out);
}

void TestCliConvert::convertTwiceIsRefused()
{
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Twice"}, {"company", "T"}});
    QCOMPARE(cli({"convert", QString::number(lead)}).code, 0);
    const QVariant accounts = value("SELECT COUNT(*) FROM accounts");
    const Run again = cli({"--json", "convert", QString::number(lead)});
    QCOMPARE(again.code, 4);
    QVERIFY(again.out.isEmpty());
    QCOMPARE(again.err.count('\n'), 1);
    QVERIFY2(again.err.contains("already converted"), again.err);
    QCOMPARE(value("SELECT COUNT(*) FROM accounts"), accounts);
}

void TestCliConvert::badInputAndUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::newRow("unknown lead") << QStringList{"convert", "999"} << 3;
    QTest::newRow("not an id") << QStringList{"convert", "abc"} << 2;
    QTest::newRow("no id") << QStringList{"convert"} << 2;
    QTest::newRow("unknown account") << QStringList{"convert", "1", "--account", "999"} << 3;
    QTest::newRow("unknown contact") << QStringList{"convert", "1", "--contact", "999"} << 3;
    QTest::newRow("bad account") << QStringList{"convert", "1", "--account", "old"} << 2;
    QTest::newRow("account and no account")
        << QStringList{"convert", "1", "--account", "new", "--no-account"} << 2;
    QTest::newRow("no deal and deal name")
        << QStringList{"convert", "1", "--no-deal", "--deal-name", "X"} << 2;
    QTest::newRow("bad date") << QStringList{"convert", "1", "--closing-date", "31.12.2026"} << 2;
    QTest::newRow("bad amount") << QStringList{"convert", "1", "--amount", "lots"} << 2;
    QTest::newRow("empty deal name") << QStringList{"convert", "1", "--deal-name", ""} << 3;
    QTest::newRow("unconvert unknown") << QStringList{"unconvert", "999"} << 3;
    QTest::newRow("unconvert not converted") << QStringList{"unconvert", "1"} << 4;
    QTest::newRow("unconvert both modes")
        << QStringList{"unconvert", "1", "--discard", "--keep-edited"} << 2;
}

void TestCliConvert::badInputAndUsage()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QCOMPARE(insert(Entity::Lead, {{"last_name", "One"}, {"company", "C"}}), 1);
    const Run r = cli(args);
    QCOMPARE(r.code, code);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY(r.err.startsWith("rapport-cli: "));
    // nothing written
    QCOMPARE(value("SELECT COUNT(*) FROM accounts").toInt(), 0);
    QCOMPARE(value("SELECT COUNT(*) FROM contacts").toInt(), 0);
    QVERIFY(value("SELECT converted_at FROM leads WHERE id = 1").isNull());
}

void TestCliConvert::defaultAccountIsTheUnambiguousMatch()
{
    const qint64 acct = insert(Entity::Account, {{"account_name", "Acme GmbH"}});
    const qint64 contact = insert(Entity::Contact, {{"last_name", "Roadrunner"},
                                                    {"email", "beep@acme.example"}});
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Roadrunner"}, {"company", "ACME"},
                                              {"email", "Beep@Acme.example"}});
    const Run r = cli({"--json", "convert", QString::number(lead)});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.json()["account"].toInteger(), acct);
    QVERIFY(!r.json()["account_created"].toBool());
    QCOMPARE(r.json()["contact"].toInteger(), contact);
    QVERIFY(!r.json()["contact_created"].toBool());
    // --account new / --contact new override the match
    const qint64 lead2 = insert(Entity::Lead, {{"last_name", "Roadrunner"}, {"company", "ACME"},
                                               {"email", "beep@acme.example"}});
    const Run forced = cli({"--json", "convert", QString::number(lead2), "--account", "new",
                            "--contact", "new"});
    QCOMPARE(forced.code, 0);
    QVERIFY(forced.json()["account_created"].toBool());
    QVERIFY(forced.json()["contact_created"].toBool());
}

void TestCliConvert::ambiguousMatchMakesNewAccount()
{
    insert(Entity::Account, {{"account_name", "Acme GmbH"}});
    insert(Entity::Account, {{"account_name", "ACME Inc."}});
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Coyote"}, {"company", "Acme"}});
    const Run r = cli({"--json", "convert", QString::number(lead)});
    QCOMPARE(r.code, 0);
    QVERIFY(r.json()["account_created"].toBool());
    QCOMPARE(value("SELECT COUNT(*) FROM accounts").toInt(), 3);
}

void TestCliConvert::b2cWithoutDeal()
{
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Consumer"}});
    const Run r = cli({"--json", "convert", QString::number(lead), "--no-deal"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.json()["account"].isNull());
    QVERIFY(!r.json()["account_created"].toBool());
    QVERIFY(r.json()["deal"].isNull());
    const qint64 withCompany = insert(Entity::Lead, {{"last_name", "Pro"}, {"company", "Pro AG"}});
    const Run b2c = cli({"--json", "convert", QString::number(withCompany), "--no-account"});
    QCOMPARE(b2c.code, 0);
    QVERIFY(b2c.json()["account"].isNull());
    QVERIFY(b2c.json()["deal"].toInteger() > 0);
    QCOMPARE(value("SELECT COUNT(*) FROM accounts").toInt(), 0);
}

void TestCliConvert::dealOptions()
{
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Deal"}, {"company", "D"}});
    const Run r = cli({"--json", "convert", QString::number(lead), "--deal-name", "Big one",
                       "--amount", "12500.5", "--stage", "Proposal", "--closing-date", "2027-03-31"});
    QCOMPARE(r.code, 0);
    const QString where = QString(" FROM deals WHERE id = %1").arg(r.json()["deal"].toInteger());
    QCOMPARE(value("SELECT deal_name" + where).toString(), QString("Big one"));
    QCOMPARE(value("SELECT amount" + where).toDouble(), 12500.5);
    QCOMPARE(value("SELECT stage" + where).toString(), QString("Proposal"));
    QCOMPARE(value("SELECT closing_date" + where).toString(), QString("2027-03-31"));
}

void TestCliConvert::unconvertAndConflicts()
{
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Undo"}, {"company", "U"}});
    const Run conv = cli({"--json", "convert", QString::number(lead)});
    QCOMPARE(conv.code, 0);
    const Run undo = cli({"--json", "unconvert", QString::number(lead)});
    QCOMPARE(undo.code, 0);
    QCOMPARE(undo.json()["deleted"].toArray().size(), 3);
    QCOMPARE(value("SELECT COUNT(*) FROM accounts").toInt(), 0);
    QVERIFY(value(QString("SELECT converted_at FROM leads WHERE id = %1").arg(lead)).isNull());
    QCOMPARE(cli({"unconvert", QString::number(lead)}).code, 4);
    // A conflicting edit since the conversion: refused (4) and reported, then --discard
    const Run again = cli({"--json", "convert", QString::number(lead)});
    QCOMPARE(again.code, 0);
    if (!Database::open(m_path, "edit").isEmpty())
        QFAIL("cannot open");
    QVERIFY(RecordStore("edit").update(Entity::Contact, again.json()["contact"].toInteger(),
                                       {{"title", "Edited"}}).ok());
    Database::close("edit");
    const Run refused = cli({"--json", "unconvert", QString::number(lead)});
    QCOMPARE(refused.code, 4);
    QCOMPARE(refused.err.count('\n'), 1);
    const QJsonArray conflicts = refused.json()["conflicts"].toArray();
    QCOMPARE(conflicts.size(), 1);
    QCOMPARE(conflicts[0].toObject()["field"].toString(), QString("title"));
    QCOMPARE(conflicts[0].toObject()["module"].toString(), QString("contacts"));
    QVERIFY(!value(QString("SELECT converted_at FROM leads WHERE id = %1").arg(lead)).isNull());
    const Run kept = cli({"--json", "unconvert", QString::number(lead), "--keep-edited"});
    QCOMPARE(kept.code, 0);
    QCOMPARE(kept.json()["kept"].toArray().size(), 2); // the contact, and its account
    QCOMPARE(value("SELECT COUNT(*) FROM contacts").toInt(), 1);
    QCOMPARE(value("SELECT COUNT(*) FROM deals").toInt(), 0);
}

QTEST_GUILESS_MAIN(TestCliConvert)
#include "tst_cliconvert.moc"
