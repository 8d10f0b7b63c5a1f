// rapport-cli and owners: assign gives many records to a user in one step (each change on
// its record's timeline), add gives a new record to "me" with its type's defaults, and "me"
// is the user the app chose for the database on this machine.
#include "storage/database.h"
#include "storage/recordstore.h"
#include "storage/userdirectory.h"
#include "support/engines.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
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

class TestCliOwners : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void assignGivesRecordsToAUser();
    void assignRefusesUnknownRecordsAndBadUsage_data();
    void assignRefusesUnknownRecordsAndBadUsage();
    void addGivesANewLeadToMeWithTheDefaultStatus();
    void meIsTheUserChosenInTheApp();

private:
    Run cli(const QStringList &args, const QString &user = "Grace Hopper");
    QString owner(Entity entity, qint64 id);
    QTemporaryDir m_dir;
    QString m_path;
    int m_count = 0;
    QList<qint64> m_leads;
};

void TestCliOwners::init()
{
    m_path = Engines::location(m_dir.filePath(QString("own%1.sqlite").arg(++m_count)));
    QVERIFY(Database::open(m_path, "setup").isEmpty());
    RecordStore store("setup");
    m_leads.clear();
    for (const char *owner : {"Ada Lovelace", "Grace Hopper", ""})
        m_leads << store.insert(Entity::Lead, {{"last_name", "Babbage"}, {"owner", owner}}).id;
    Database::close("setup");
}

Run TestCliOwners::cli(const QStringList &args, const QString &user)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("RAPPORT_USER");
    if (!user.isEmpty())
        env.insert("RAPPORT_USER", user);
    env.insert("XDG_CONFIG_HOME", m_dir.filePath("config")); // the app's settings, for "me"
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

QString TestCliOwners::owner(Entity entity, qint64 id)
{
    if (!Database::open(m_path, "check").isEmpty())
        return QStringLiteral("(cannot open)");
    const QString name = RecordStore("check").load(entity, id)->value("owner").toString();
    Database::close("check");
    return name;
}

void TestCliOwners::assignGivesRecordsToAUser()
{
    // WHEN all three leads are given to a name that is no user yet
    QStringList args{"--json", "assign", "leads", "--to", "alan turing"};
    for (qint64 id : m_leads)
        args << QString::number(id);
    const Run r = cli(args);
    QVERIFY2(r.code == 0, r.err.constData());
    // THEN they are his (three changed), and he is a user
    QCOMPARE(r.json(), (QJsonObject{{"assigned", 3}}));
    for (qint64 id : m_leads)
        QCOMPARE(owner(Entity::Lead, id), QString("alan turing"));
    const QJsonArray entries = cli({"--json", "timeline", "leads", QString::number(m_leads[0])})
                                   .json()["entries"].toArray();
    QCOMPARE(entries.first()["field"].toString(), QString("Owner"));
    QCOMPARE(entries.first()["old"].toString(), QString("Ada Lovelace"));
    QCOMPARE(entries.first()["new"].toString(), QString("alan turing"));
    // "me" is the one working; those that are theirs already do not count again
    const Run mine = cli({"--json", "assign", "leads", "--to", "me", QString::number(m_leads[0]),
                          QString::number(m_leads[1])}, "Alan Turing");
    QVERIFY2(mine.code == 0, mine.err.constData());
    QCOMPARE(mine.json()["assigned"].toInt(), 0);
    const Run text = cli({"assign", "leads", "--to", "Grace Hopper", QString::number(m_leads[0])});
    QCOMPARE(text.code, 0);
    QCOMPARE(text.out.trimmed(), QByteArray("Assigned 1 lead to Grace Hopper."));
}

void TestCliOwners::assignRefusesUnknownRecordsAndBadUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::newRow("unknown id") << QStringList{"assign", "leads", "--to", "Ada", "1", "999"} << 3;
    QTest::newRow("no --to") << QStringList{"assign", "leads", "1"} << 2;
    QTest::newRow("no ids") << QStringList{"assign", "leads", "--to", "Ada"} << 2;
    QTest::newRow("not an id") << QStringList{"assign", "leads", "--to", "Ada", "x"} << 2;
    QTest::newRow("no owner") << QStringList{"assign", "notes", "--to", "Ada", "1"} << 2;
}

void TestCliOwners::assignRefusesUnknownRecordsAndBadUsage()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    const Run r = cli(args);
    QCOMPARE(r.code, code);
    QVERIFY(!r.err.isEmpty());
    QCOMPARE(owner(Entity::Lead, m_leads[0]), QString("Ada Lovelace")); // nothing written
}

void TestCliOwners::addGivesANewLeadToMeWithTheDefaultStatus()
{
    const Run r = cli({"--json", "add", "leads", "--set", "Last Name=Hopper"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject got = cli({"--json", "get", "leads", QString::number(r.json()["id"].toInteger())})
                                .json()["fields"].toObject();
    QCOMPARE(got["Owner"].toString(), QString("Grace Hopper"));
    QCOMPARE(got["Lead Status"].toString(), QString("Not Contacted"));
}

void TestCliOwners::meIsTheUserChosenInTheApp()
{
    SQLITE_ONLY("on a server \"me\" is the login role, never chosen on the machine");
    // GIVEN the app chose Ada for this database on this machine (its settings file)
    const QByteArray location = QFileInfo(m_path).absoluteFilePath().toUtf8();
    {
        QSettings app(m_dir.filePath("config/Rapport/Rapport.conf"), QSettings::IniFormat);
        app.setValue(QStringLiteral("users/%1/current").arg(QLatin1String(
                         QCryptographicHash::hash(location, QCryptographicHash::Sha1).toHex())),
                     "Ada Lovelace");
    }
    // WHEN the command line lists "my" leads, with no $RAPPORT_USER
    const Run r = cli({"--json", "list", "leads", "--owner", "me", "--no-total"}, QString());
    QVERIFY2(r.code == 0, r.err.constData());
    // THEN they are Ada's
    const QJsonArray rows = r.json()["rows"].toArray();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0]["id"].toInteger(), m_leads[0]);
}

QTEST_GUILESS_MAIN(TestCliOwners)
#include "tst_cliowners.moc"
