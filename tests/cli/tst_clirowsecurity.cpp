// rapport-cli on a team server where reps may change only their own records: the setting is
// the admin's (own-records-only), a rep's refused update, conversion or assignment exits 4
// with whose record it is and writes nothing, and a rep's new records and timeline entries
// carry their login role, whatever $RAPPORT_USER says. Reps are login roles of their own
// (support/reproles.h).
#include "storage/database.h"
#include "storage/recordstore.h"
#include "storage/rowsecurity.h"
#include "support/cliruns.h"
#include "support/engines.h"
#include "support/reproles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const QString Setup = QStringLiteral("setup");
using CliRuns::Run;

} // namespace

class TestCliRowSecurity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void aFileHasNoSuchSetting();
    void onlyTheAdminSwitchesIt();
    void aRepsRefusedWritesExitFourAndChangeNothing();
    void aRepsRecordsAndTimelineCarryTheirRole();

private:
    Run cli(const QString &role, const QStringList &args);
    QTemporaryDir m_dir;
    Engines::RepRoles m_roles;
    QString m_location;
    int m_count = 0;
    qint64 m_lead = 0; // rep A's
};

void TestCliRowSecurity::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (Engines::postgres())
        QVERIFY2(m_roles.create(), "the test role needs CREATEROLE (see .ci/setup)");
}

void TestCliRowSecurity::cleanupTestCase()
{
    if (Engines::postgres())
        m_roles.drop();
}

void TestCliRowSecurity::init()
{
    m_location = Engines::location(m_dir.filePath(QStringLiteral("rls%1.sqlite").arg(++m_count)));
    QCOMPARE(Database::open(m_location, Setup), QString());
    if (Engines::postgres())
        QVERIFY(m_roles.grant(Setup));
    m_lead = RecordStore(Setup).insert(Entity::Lead, {{"last_name", "Babbage"},
                                                      {"company", "Engines Ltd"},
                                                      {"owner", m_roles.a()}}).id;
    QVERIFY(m_lead);
}

void TestCliRowSecurity::cleanup()
{
    if (Engines::postgres()) {
        RowSecurity(Setup).setOn(false);
        m_roles.revoke(Setup);
    }
    Database::close(Setup);
}

Run TestCliRowSecurity::cli(const QString &role, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("RAPPORT_USER", "Test User"); // never stands in for the role
    env.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
    p.setProcessEnvironment(env);
    const QString db = role.isEmpty() ? m_location : Engines::RepRoles::as(m_location, role);
    p.start(RAPPORT_CLI, QStringList{"--db", db} + args);
    return CliRuns::finish(p);
}

void TestCliRowSecurity::aFileHasNoSuchSetting()
{
    SQLITE_ONLY("a file has no roles");
    const Run r = cli({}, {"own-records-only", "on"});
    QCOMPARE(r.code, 3);
    QVERIFY(r.err.contains("PostgreSQL"));
}

void TestCliRowSecurity::onlyTheAdminSwitchesIt()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    Run r = cli(m_roles.b(), {"own-records-only", "on"});
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.contains("admin"), r.err.constData());
    QCOMPARE(cli({}, {"--json", "own-records-only"}).json().value("own_records_only"), false);
    r = cli({}, {"--json", "own-records-only", "on"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.json().value("own_records_only"), true);
    QCOMPARE(cli(m_roles.a(), {"--json", "own-records-only"}).json().value("own_records_only"),
             true);
    QCOMPARE(cli(m_roles.a(), {"own-records-only", "off"}).code, 4);
    QCOMPARE(cli({}, {"own-records-only", "sometimes"}).code, 2);
}

void TestCliRowSecurity::aRepsRefusedWritesExitFourAndChangeNothing()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    QCOMPARE(RowSecurity(Setup).setOn(true), QString());
    const QString id = QString::number(m_lead);
    const QByteArray told = QStringLiteral("Only %1, its owner, can change this lead.")
                                .arg(m_roles.a()).toUtf8();
    // WHEN rep B updates, converts and takes rep A's lead
    Run r = cli(m_roles.b(), {"update", "leads", id, "--set", "Last Name=Lovelace"});
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.contains(told), r.err.constData());
    r = cli(m_roles.b(), {"convert", id, "--no-deal"});
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.contains(told), r.err.constData());
    r = cli(m_roles.b(), {"assign", "leads", "--to", "me", id});
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.contains(m_roles.a().toUtf8()), r.err.constData());
    // THEN the lead is as it was: name, owner, not converted, and no account was made
    const std::optional<QVariantMap> lead = RecordStore(Setup).load(Entity::Lead, m_lead);
    QVERIFY(lead);
    QCOMPARE(lead->value("last_name").toString(), QStringLiteral("Babbage"));
    QCOMPARE(lead->value("owner").toString(), m_roles.a());
    QVERIFY(lead->value("converted_at").isNull());
    QCOMPARE(RecordStore(Setup).count(Entity::Account), 0);
    // AND rep A, its owner, may
    QCOMPARE(cli(m_roles.a(), {"update", "leads", id, "--set", "Last Name=Lovelace"}).code, 0);
    QCOMPARE(cli(m_roles.a(), {"convert", id, "--no-deal"}).code, 0);
}

void TestCliRowSecurity::aRepsRecordsAndTimelineCarryTheirRole()
{
    POSTGRESQL_ONLY("a server's login role is its user");
    QCOMPARE(RowSecurity(Setup).setOn(true), QString());
    Run r = cli(m_roles.b(), {"--json", "add", "leads", "--set", "Last Name=Hopper"});
    QCOMPARE(r.code, 0);
    const QString id = QString::number(r.json().value("id").toInteger());
    r = cli(m_roles.b(), {"--json", "get", "leads", id});
    QCOMPARE(r.json().value("fields").toObject().value("Owner").toString(), m_roles.b());
    r = cli(m_roles.b(), {"update", "leads", id, "--set", "Title=Rear Admiral"});
    QCOMPARE(r.code, 0);
    r = cli(m_roles.b(), {"--json", "timeline", "leads", id});
    const QJsonArray entries = r.json().value("entries").toArray();
    QVERIFY(!entries.isEmpty());
    for (const QJsonValue &e : entries)
        QCOMPARE(e.toObject().value("who").toString(), m_roles.b());
}

QTEST_GUILESS_MAIN(TestCliRowSecurity)
#include "tst_clirowsecurity.moc"
