// "Reps may change only their own records" on a team server: the server refuses, Rapport
// says whose record it is and writes nothing, a rep still changes their own and unowned
// records, the setting is the admin's, and who "I" am is the login role. Two reps are login
// roles of their own (support/reproles.h). PostgreSQL only, but for SQLite's lack of it.

#include "conversion/conversionmapping.h"
#include "conversion/conversionplan.h"
#include "activities/attendees.h"
#include "conversion/converter.h"
#include "storage/changelog.h"
#include "storage/database.h"
#include "storage/notestore.h"
#include "storage/owner.h"
#include "storage/ownerassignment.h"
#include "storage/recordstore.h"
#include "storage/rowsecurity.h"
#include "storage/teamsettings.h"
#include "storage/userdirectory.h"
#include "support/engines.h"
#include "support/reproles.h"
#include "transfer/importer.h"

#include <QFile>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const QString Admin = QStringLiteral("admin"); // the tables' owner, who made the database
const QString RepA = QStringLiteral("repA");
const QString RepB = QStringLiteral("repB");

QString lastName(qint64 id)
{
    QSqlQuery q(QSqlDatabase::database(Admin));
    q.prepare(QStringLiteral("SELECT last_name FROM leads WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() && q.next() ? q.value(0).toString() : QStringLiteral("<none>");
}

qint64 count(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(Admin));
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestRowSecurity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void sqliteHasNoSuchSetting();
    void aRepCannotChangeAnotherRepsLead();
    void aRepChangesTheirOwnAndUnownedLeads();
    void withTheSettingOffBothMayChange();
    void onlyAnAdminMaySwitchIt();
    void aDeleteOrAssignmentTouchingAnotherRepsRecordWritesNothing();
    void aRepCannotAddARecordForAnotherRep();
    void aRepsImportCannotPlantAnotherRepsLead();
    void aRepCannotUndoAnotherRepsConversion();
    void aRecordsNotesAndAttendeesAreItsOwners();
    void aTeamDatabaseFromBeforeGetsThePartsPolicies();
    void whoAndOwnerComeFromTheLoginRole();

private:
    qint64 addLead(const QString &name, const QString &owner);
    bool openReps();

    QTemporaryDir m_dir;
    Engines::RepRoles m_roles;
    QString m_location;
};

void TestRowSecurity::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (Engines::postgres())
        QVERIFY2(m_roles.create(), "the test role needs CREATEROLE (see .ci/setup)");
}

void TestRowSecurity::cleanupTestCase()
{
    if (Engines::postgres())
        m_roles.drop();
}

void TestRowSecurity::init()
{
    setSessionUserName({});
    m_location = Engines::location(m_dir.filePath(QStringLiteral("team.sqlite")));
    QCOMPARE(Database::open(m_location, Admin), QString());
}

void TestRowSecurity::cleanup()
{
    Database::close(RepA);
    Database::close(RepB);
    if (Engines::postgres()) {
        // The database goes back to the pool: as a new one, without the setting or grants.
        RowSecurity(Admin).setOn(false);
        m_roles.revoke(Admin);
    }
    Database::close(Admin);
    setSessionUserName({});
}

qint64 TestRowSecurity::addLead(const QString &name, const QString &owner)
{
    const WriteResult w = RecordStore(Admin).insert(
        Entity::Lead, {{"last_name", name}, {"company", "Acme"}, {"owner", owner}});
    return w.ok() ? w.id : 0;
}

bool TestRowSecurity::openReps()
{
    if (!m_roles.grant(Admin))
        return false;
    for (const auto &[connection, role] : {std::pair{RepA, m_roles.a()}, {RepB, m_roles.b()}}) {
        if (const QString e = Database::open(Engines::RepRoles::as(m_location, role), connection);
            !e.isEmpty()) {
            qWarning() << e;
            return false;
        }
    }
    return true;
}

void TestRowSecurity::sqliteHasNoSuchSetting()
{
    SQLITE_ONLY("a file has no roles");
    RowSecurity security(Admin);
    QVERIFY(!security.isAvailable());
    QVERIFY(!security.isOn());
    QVERIFY(!security.setOn(true).isEmpty());
    QCOMPARE(security.refusal(Entity::Lead, 1), QString());
}

void TestRowSecurity::aRepCannotChangeAnotherRepsLead()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    // GIVEN rep A's lead, and the admin's setting on
    const qint64 lead = addLead("Alpha", m_roles.a());
    QVERIFY(lead);
    QCOMPARE(RowSecurity(Admin).setOn(true), QString());
    QVERIFY(openReps());
    QVERIFY(RowSecurity(RepB).isOn());
    const qint64 changes = count("SELECT COUNT(*) FROM changes");
    // WHEN rep B saves a change to it
    const WriteResult w = RecordStore(RepB).update(Entity::Lead, lead, {{"last_name", "Beta"}});
    // THEN it is refused, Rapport says whose it is, and nothing changed
    QVERIFY(!w.ok());
    QVERIFY(w.refused);
    QCOMPARE(w.error, QStringLiteral("Only %1, its owner, can change this lead.").arg(m_roles.a()));
    QCOMPARE(lastName(lead), QStringLiteral("Alpha"));
    QCOMPARE(count("SELECT COUNT(*) FROM changes"), changes);
    // AND the server itself refuses: rep B's own UPDATE, past Rapport, changes no row
    QSqlQuery q(QSqlDatabase::database(RepB));
    QVERIFY(q.exec(QStringLiteral("UPDATE leads SET last_name = 'Gamma' WHERE id = %1").arg(lead)));
    QCOMPARE(q.numRowsAffected(), 0);
    QCOMPARE(lastName(lead), QStringLiteral("Alpha"));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM leads WHERE id = %1").arg(lead)));
    QCOMPARE(q.numRowsAffected(), 0);
    // AND rep B still reads it
    QVERIFY(RecordStore(RepB).load(Entity::Lead, lead));
}

void TestRowSecurity::aRepChangesTheirOwnAndUnownedLeads()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    const qint64 mine = addLead("Mine", m_roles.b());
    const qint64 nobodys = addLead("Nobody's", QString());
    QVERIFY(mine && nobodys);
    QCOMPARE(RowSecurity(Admin).setOn(true), QString());
    QVERIFY(openReps());
    RecordStore store(RepB);
    QVERIFY(store.update(Entity::Lead, mine, {{"last_name", "Mine too"}}).ok());
    QVERIFY(store.update(Entity::Lead, nobodys, {{"last_name", "Taken"}}).ok());
    QCOMPARE(lastName(mine), QStringLiteral("Mine too"));
    QCOMPARE(lastName(nobodys), QStringLiteral("Taken"));
    QCOMPARE(store.remove(Entity::Lead, mine), QString());
    QCOMPARE(lastName(mine), QStringLiteral("<none>"));
}

void TestRowSecurity::withTheSettingOffBothMayChange()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    const qint64 lead = addLead("Alpha", m_roles.a());
    QCOMPARE(RowSecurity(Admin).setOn(true), QString());
    QCOMPARE(RowSecurity(Admin).setOn(false), QString());
    QVERIFY(openReps());
    QVERIFY(!RowSecurity(RepB).isOn());
    QVERIFY(RecordStore(RepB).update(Entity::Lead, lead, {{"last_name", "By B"}}).ok());
    QVERIFY(RecordStore(RepA).update(Entity::Lead, lead, {{"last_name", "By A"}}).ok());
    QCOMPARE(lastName(lead), QStringLiteral("By A"));
}

void TestRowSecurity::onlyAnAdminMaySwitchIt()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    QVERIFY(openReps());
    QVERIFY(RowSecurity(Admin).isAdmin());
    QVERIFY(!RowSecurity(RepB).isAdmin());
    // A rep is told, and it stays off
    QVERIFY(RowSecurity(RepB).setOn(true).contains(QStringLiteral("admin")));
    QVERIFY(!RowSecurity(Admin).isOn());
    // The admin switches it, and the team settings say so
    QCOMPARE(RowSecurity(Admin).setOn(true), QString());
    QVERIFY(RowSecurity(RepA).isOn());
    QCOMPARE(TeamSettings::read(Admin, RowSecurity::settingKey()).object().value("on"), true);
    // A rep cannot switch it off either
    QVERIFY(!RowSecurity(RepA).setOn(false).isEmpty());
    QVERIFY(RowSecurity(Admin).isOn());
}

void TestRowSecurity::aDeleteOrAssignmentTouchingAnotherRepsRecordWritesNothing()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    const qint64 mine = addLead("Mine", m_roles.b());
    const qint64 theirs = addLead("Theirs", m_roles.a());
    QCOMPARE(RowSecurity(Admin).setOn(true), QString());
    QVERIFY(openReps());
    // WHEN rep B deletes both: refused as a whole, naming the other's lead
    const QString error = RecordStore(RepB).removeMany(Entity::Lead, {mine, theirs},
                                                       DeleteRule::Refuse);
    QCOMPARE(error, QStringLiteral("Only %1, its owner, can change the lead “Theirs”, so "
                                   "nothing was changed.").arg(m_roles.a()));
    QCOMPARE(lastName(mine), QStringLiteral("Mine"));
    QCOMPARE(lastName(theirs), QStringLiteral("Theirs"));
    // WHEN rep B gives both to themselves: nothing is assigned
    const AssignResult r = OwnerAssignment(RepB).assign(Entity::Lead, {mine, theirs}, m_roles.b());
    QVERIFY(!r.ok());
    QVERIFY(r.refused);
    QVERIFY(r.error.contains(m_roles.a()));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM leads WHERE owner = '%1'")
                       .arg(m_roles.a())), 1);
}

void TestRowSecurity::aRepCannotAddARecordForAnotherRep()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    QCOMPARE(RowSecurity(Admin).setOn(true), QString());
    QVERIFY(openReps());
    const qint64 before = count("SELECT COUNT(*) FROM leads");
    const WriteResult w = RecordStore(RepB).insert(
        Entity::Lead, {{"last_name", "Planted"}, {"owner", m_roles.a()}});
    QVERIFY(w.refused);
    QVERIFY(w.error.contains(m_roles.a()));
    QCOMPARE(count("SELECT COUNT(*) FROM leads"), before);
    // The server says no too (SQLSTATE 42501), past Rapport
    QSqlQuery q(QSqlDatabase::database(RepB));
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO leads (last_name, owner) VALUES ('X', '%1')")
                        .arg(m_roles.a())));
    QVERIFY(RowSecurity::isRefusal(q.lastError()));
    QVERIFY(RecordStore(RepB).insert(Entity::Lead, {{"last_name", "Own"},
                                                    {"owner", m_roles.b()}}).ok());
}

// An import's new rows go to the server by COPY into a table of the import's own, then into
// leads: the policies see every row there as they see a single insert.
void TestRowSecurity::aRepsImportCannotPlantAnotherRepsLead()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    QCOMPARE(RowSecurity(Admin).setOn(true), QString());
    QVERIFY(openReps());
    const qint64 leads = count("SELECT COUNT(*) FROM leads");
    const qint64 imports = count("SELECT COUNT(*) FROM imports");
    auto csv = [this](const QByteArray &bytes) {
        const QString path = m_dir.filePath(QStringLiteral("reps.csv"));
        QFile f(path);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(bytes);
        return path;
    };
    const QByteArray own = "Last Name,Lead Owner\nOwn," + m_roles.b().toUtf8() + "\nFree,\n";
    ImportOptions o;
    o.filePath = csv(own + "Planted," + m_roles.a().toUtf8() + "\n");
    // Rep B's file with a lead of rep A's among B's own: refused whole, in Rapport's words
    ImportResult r = Importer(RepB).run(o);
    QCOMPARE(r.status, ImportResult::Status::Failed);
    QVERIFY2(r.error.startsWith("Line 4: Only " + m_roles.a() + " or an admin can add a lead")
                 && r.error.endsWith("Nothing was imported."),
             qPrintable(r.error));
    QCOMPARE(count("SELECT COUNT(*) FROM leads"), leads);
    QCOMPARE(count("SELECT COUNT(*) FROM imports"), imports);
    // …and without it, imported
    o.filePath = csv(own);
    r = Importer(RepB).run(o);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 2);
    QCOMPARE(count("SELECT COUNT(*) FROM leads"), leads + 2);
}

void TestRowSecurity::aRepCannotUndoAnotherRepsConversion()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    // GIVEN rep A's lead, converted by rep A, with the setting on
    const qint64 lead = addLead("Alpha", m_roles.a());
    QVERIFY(lead);
    QCOMPARE(RowSecurity(Admin).setOn(true), QString());
    QVERIFY(openReps());
    const auto loaded = RecordStore(RepA).load(Entity::Lead, lead);
    QVERIFY(loaded);
    const ConversionResult converted = Converter(RepA).convert(
        ConversionPlan::suggested(lead, *loaded, ConversionMapping::defaults()));
    QVERIFY2(converted.ok(), qPrintable(converted.error));
    const qint64 changes = count("SELECT COUNT(*) FROM changes");
    // WHEN rep B undoes the conversion
    const UnconvertReport check = Converter(RepB).checkUnconvert(lead);
    const UnconvertReport undone = Converter(RepB).unconvert(lead, UnconvertMode::Discard);
    // THEN both are refused in words, before anything is written
    const QString whose = QStringLiteral("Only %1, its owner, can change this lead.")
                              .arg(m_roles.a());
    QCOMPARE(check.status, UnconvertReport::Status::Refused);
    QCOMPARE(check.error, whose);
    QCOMPARE(undone.status, UnconvertReport::Status::Refused);
    QCOMPARE(undone.error, whose);
    QCOMPARE(count("SELECT COUNT(*) FROM changes"), changes);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM leads WHERE id = %1 AND converted_at "
                                  "IS NOT NULL").arg(lead)), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM deals WHERE id = %1")
                       .arg(converted.dealId)), 1);
    // AND rep A may
    const UnconvertReport own = Converter(RepA).unconvert(lead, UnconvertMode::Discard);
    QVERIFY2(own.ok(), qPrintable(own.error));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM deals WHERE id = %1")
                       .arg(converted.dealId)), 0);
}

// A note on a record and a meeting's attendees are the record's: a rep who may not change the
// record may not add to them or take them away, told so by Rapport and held to it by the server.
void TestRowSecurity::aRecordsNotesAndAttendeesAreItsOwners()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    const qint64 lead = addLead("Alpha", m_roles.a());
    const qint64 own = addLead("Own", m_roles.b());
    const qint64 meeting = RecordStore(Admin).insert(
        Entity::Activity, {{"subject", "Visit"}, {"activity_type", "Meeting"},
                           {"owner", m_roles.a()}}).id;
    const qint64 contact = RecordStore(Admin).insert(
        Entity::Contact, {{"last_name", "Guest"}, {"owner", m_roles.b()}}).id;
    QVERIFY(lead && own && meeting && contact);
    QCOMPARE(RowSecurity(Admin).setOn(true), QString());
    QVERIFY(openReps());
    QVERIFY(NoteStore(RepA).add(Entity::Lead, lead, QStringLiteral("Called, no answer")).ok());
    QCOMPARE(Attendees(RepA).add(meeting, contact), QString());
    const QString notes = QStringLiteral("SELECT COUNT(*) FROM notes");
    const QString attendees = QStringLiteral("SELECT COUNT(*) FROM activity_attendees");

    // WHEN rep B adds a note to rep A's lead: refused in words, nothing written
    const WriteResult note = NoteStore(RepB).add(Entity::Lead, lead, QStringLiteral("Mine now"));
    QVERIFY(note.refused);
    QCOMPARE(note.error,
             QStringLiteral("Only %1, its owner, can add notes to this lead.").arg(m_roles.a()));
    QCOMPARE(count(notes), 1);
    // …and to their own lead: added
    QVERIFY(NoteStore(RepB).add(Entity::Lead, own, QStringLiteral("Mine")).ok());
    QCOMPARE(count(notes), 2);
    // WHEN rep B takes a guest off rep A's meeting: refused, the guest stays
    QCOMPARE(Attendees(RepB).remove(meeting, contact),
             QStringLiteral("Only %1, its owner, can change this activity.").arg(m_roles.a()));
    QCOMPARE(count(attendees), 1);

    // AND the server holds rep B to it past Rapport
    QSqlQuery q(QSqlDatabase::database(RepB));
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO notes (entity, record_id, body, created_at) "
                                   "VALUES ('leads', %1, 'x', 'now')").arg(lead)));
    QVERIFY(RowSecurity::isRefusal(q.lastError()));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM notes WHERE record_id = %1").arg(lead)));
    QCOMPARE(q.numRowsAffected(), 0);
    QVERIFY(q.exec(QStringLiteral("UPDATE notes SET body = 'y' WHERE record_id = %1").arg(lead)));
    QCOMPARE(q.numRowsAffected(), 0);
    QVERIFY(q.exec(QStringLiteral("DELETE FROM activity_attendees")));
    QCOMPARE(q.numRowsAffected(), 0);
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO activity_attendees VALUES (%1, %2)")
                        .arg(meeting).arg(contact)));
    QVERIFY(RowSecurity::isRefusal(q.lastError()));
    QCOMPARE(count(notes), 2);
    QCOMPARE(count(attendees), 1);
    // AND rep B still reads them
    QCOMPARE(NoteStore(RepB).list(Entity::Lead, lead).size(), 1);
    QCOMPARE(Attendees(RepB).of(meeting).size(), 1);
}

// A team database of schema 11 with the setting on: opened by this Rapport, its notes and
// attendees are held to their records' owners too, once.
void TestRowSecurity::aTeamDatabaseFromBeforeGetsThePartsPolicies()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    QCOMPARE(RowSecurity(Admin).setOn(true), QString());
    {
        QSqlQuery q(QSqlDatabase::database(Admin));
        for (const char *table : {"notes", "activity_attendees"}) {
            for (const char *policy : {"rapport_read", "rapport_add", "rapport_change",
                                       "rapport_remove"})
                QVERIFY(q.exec(QStringLiteral("DROP POLICY %1 ON %2").arg(policy, table)));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE %1 DISABLE ROW LEVEL SECURITY").arg(table)));
        }
        QVERIFY(q.exec("UPDATE meta SET value = '11' WHERE key = 'schema_version'"));
    }
    Database::close(Admin);
    QCOMPARE(Database::open(m_location, Admin), QString());
    QCOMPARE(count("SELECT value FROM meta WHERE key = 'schema_version'"), Database::SchemaVersion);
    QCOMPARE(count("SELECT COUNT(*) FROM pg_class WHERE relname IN ('notes', "
                   "'activity_attendees') AND relrowsecurity"), 2);
    QCOMPARE(count("SELECT COUNT(*) FROM pg_policies WHERE tablename IN ('notes', "
                   "'activity_attendees')"), 8);
}

void TestRowSecurity::whoAndOwnerComeFromTheLoginRole()
{
    POSTGRESQL_ONLY("a server's login role is its user");
    QCOMPARE(RowSecurity(Admin).setOn(true), QString());
    QVERIFY(openReps());
    // $RAPPORT_USER (set for the test suite) does not stand in for the role
    QVERIFY(!qEnvironmentVariable("RAPPORT_USER").isEmpty());
    UserDirectory users(RepA);
    QCOMPARE(users.activate(), QString());
    QCOMPARE(users.currentUser(), m_roles.a());
    QCOMPARE(currentUserName(), m_roles.a());
    QCOMPARE(ChangeLog::who(), m_roles.a());
    // The reps are the server's users, listed for assigning before their first connect
    QVERIFY(users.findByName(m_roles.b()));
    const WriteResult w = RecordStore(RepA).insert(
        Entity::Lead, {{"last_name", "Own"}, {"owner", currentUserName()}});
    QVERIFY2(w.ok(), qPrintable(w.error));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM changes WHERE record_id = %1 AND "
                                  "entity = 'leads' AND who = '%2'").arg(w.id).arg(m_roles.a())),
             1);
    QCOMPARE(UserDirectory(RepB).activate(), QString());
    QCOMPARE(currentUserName(), m_roles.b());
}

QTEST_GUILESS_MAIN(TestRowSecurity)
#include "tst_rowsecurity.moc"
