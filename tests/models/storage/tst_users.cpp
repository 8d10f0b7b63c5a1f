// The users who own records: the migration that makes one of every owner the records name,
// adding and finding users, owners written as users by every writer, renaming, and who "I"
// am on SQLite (chosen, kept per database on this machine) and on PostgreSQL (the login
// role). Each runs on SQLite and, with RAPPORT_TEST_POSTGRESQL set, on PostgreSQL.

#include "storage/changelog.h"
#include "storage/database.h"
#include "storage/owner.h"
#include "storage/ownerassignment.h"
#include "storage/recordstore.h"
#include "storage/userdirectory.h"
#include "support/engines.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Rapport;

class TestUsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void migrationMakesAUserOfEveryOwner();
    void usersAreAddedAndFoundWhateverTheCase();
    void aSavedOwnerBecomesAUserSpelledAsTheUser();
    void renamingAUserRenamesTheirRecordsOwner();
    void bulkAssignLogsEachRecordAndUndoes();
    void theCurrentUserOnSqliteIsChosenOncePerDatabase();
    void theCurrentUserOnPostgresqlIsTheLoginRole();

private:
    Engines::FreshDatabase m_fresh{QStringLiteral("users")};
    QTemporaryDir m_dir;
};

namespace {

const QString Db = QStringLiteral("db");

bool exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    if (q.exec(sql))
        return true;
    qWarning() << sql << q.lastError().text();
    return false;
}

using Engines::serverUrl;

} // namespace

void TestUsers::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_users");
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void TestUsers::init()
{
    qunsetenv("RAPPORT_USER");
    setSessionUserName({});
}

void TestUsers::cleanup()
{
    Database::close(Db);
    QVERIFY(m_fresh.drop());
}


void TestUsers::migrationMakesAUserOfEveryOwner()
{
    QVERIFY(m_fresh.open(Db));
    // GIVEN a schema 5 database, from before users: owners as free text, one written two ways
    QVERIFY(exec("INSERT INTO leads (last_name, owner) VALUES ('A', 'Ada Lovelace'), "
                 "('B', 'Ada Lovelace'), ('C', 'ada lovelace'), ('D', NULL), ('E', '')"));
    QVERIFY(exec("INSERT INTO deals (deal_name, owner) VALUES ('Big', 'Grace Hopper')"));
    QVERIFY(exec("INSERT INTO activities (subject, activity_type, owner) "
                 "VALUES ('Call', 'Call', '  Alan  Turing ')"));
    QVERIFY(exec("DROP TABLE users"));
    QVERIFY(exec("UPDATE meta SET value = '5' WHERE key = 'schema_version'"));
    Database::close(Db);
    // WHEN it is opened by this Rapport
    QCOMPARE(Database::open(m_fresh.location(), Db), QString());
    // THEN every owner is a user, once, in the spelling most records use
    UserDirectory users(Db);
    QCOMPARE(users.names(), (QStringList{"Ada Lovelace", "Alan Turing", "Grace Hopper"}));
    QVERIFY(users.findByName("ADA LOVELACE"));
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("SELECT value FROM meta WHERE key = 'schema_version'") && q.next());
    QCOMPARE(q.value(0).toInt(), Database::SchemaVersion);
}

void TestUsers::usersAreAddedAndFoundWhateverTheCase()
{
    QVERIFY(m_fresh.open(Db));
    UserDirectory users(Db);
    QString error;
    const auto ada = users.add("  Ada   Lovelace ", "Ada@Example.org", &error);
    QVERIFY2(ada, qPrintable(error));
    QCOMPARE(ada->name, QString("Ada Lovelace"));
    // The same name in another case is the same user: refused, and found.
    QVERIFY(!users.add("ADA LOVELACE", {}, &error));
    QVERIFY(error.contains("Ada Lovelace") || error.contains("ADA LOVELACE"));
    QVERIFY(!users.add("   ", {}, &error));
    QCOMPARE(users.findByName("ada lovelace")->id, ada->id);
    QCOMPARE(users.findByEmail("ada@example.ORG")->name, QString("Ada Lovelace"));
    QVERIFY(!users.findByName("Grace Hopper"));
    QCOMPARE(users.ensure("grace hopper", &error), QString("grace hopper"));
    QCOMPARE(users.ensure("GRACE HOPPER", &error), QString("grace hopper"));
    QCOMPARE(users.list().size(), 2);
}

void TestUsers::aSavedOwnerBecomesAUserSpelledAsTheUser()
{
    QVERIFY(m_fresh.open(Db));
    UserDirectory users(Db);
    QString error;
    QVERIFY(users.add("Ada Lovelace", {}, &error));
    RecordStore store(Db);
    // A known owner typed in another case is stored as the user spells it ...
    const WriteResult a = store.insert(Entity::Lead, {{"last_name", "A"}, {"owner", "ada LOVELACE"}});
    QVERIFY(a.ok());
    QCOMPARE(store.load(Entity::Lead, a.id)->value("owner").toString(), QString("Ada Lovelace"));
    // ... and a new one becomes a user with the record.
    const WriteResult b = store.insert(Entity::Deal, {{"deal_name", "B"}, {"owner", "Grace Hopper"}});
    QVERIFY(b.ok());
    QVERIFY(users.findByName("Grace Hopper"));
    QVERIFY(store.update(Entity::Lead, a.id, {{"owner", "Alan Turing"}}).ok());
    QCOMPARE(users.names(), (QStringList{"Ada Lovelace", "Alan Turing", "Grace Hopper"}));
}

void TestUsers::renamingAUserRenamesTheirRecordsOwner()
{
    QVERIFY(m_fresh.open(Db));
    RecordStore store(Db);
    const qint64 lead = store.insert(Entity::Lead, {{"last_name", "A"}, {"owner", "Ada"}}).id;
    const qint64 task = store.insert(Entity::Activity, {{"subject", "T"}, {"owner", "Ada"}}).id;
    const qint64 other = store.insert(Entity::Lead, {{"last_name", "B"}, {"owner", "Grace"}}).id;
    UserDirectory users(Db);
    const qint64 ada = users.findByName("Ada")->id;
    QCOMPARE(users.rename(ada, "Grace"), QString("There is a user named “Grace” already."));
    QCOMPARE(users.rename(ada, "Ada Lovelace"), QString());
    QCOMPARE(store.load(Entity::Lead, lead)->value("owner").toString(), QString("Ada Lovelace"));
    QCOMPARE(store.load(Entity::Activity, task)->value("owner").toString(), QString("Ada Lovelace"));
    QCOMPARE(store.load(Entity::Lead, other)->value("owner").toString(), QString("Grace"));
    QCOMPARE(store.load(Entity::Lead, lead)->value("version").toLongLong(), 2);
    // Each record's timeline says so.
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("SELECT entity, record_id, old_value, new_value FROM changes "
                   "WHERE field = 'owner' ORDER BY entity"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QString("activities"));
    QCOMPARE(q.value(1).toLongLong(), task);
    QVERIFY(q.next());
    QCOMPARE(q.value(1).toLongLong(), lead);
    QCOMPARE(q.value(2).toString(), QString("Ada"));
    QCOMPARE(q.value(3).toString(), QString("Ada Lovelace"));
    QVERIFY(!q.next());
}

void TestUsers::bulkAssignLogsEachRecordAndUndoes()
{
    QVERIFY(m_fresh.open(Db));
    RecordStore store(Db);
    QList<qint64> ids;
    for (const char *owner : {"Ada", "Grace", ""})
        ids << store.insert(Entity::Contact, {{"last_name", "X"}, {"owner", owner}}).id;
    OwnerAssignment assignment(Db);
    // An unknown id refuses the whole assignment.
    AssignResult r = assignment.assign(Entity::Contact, ids + QList<qint64>{9999}, "Alan");
    QVERIFY(!r.ok() && r.unknownRecord);
    QCOMPARE(store.load(Entity::Contact, ids[0])->value("owner").toString(), QString("Ada"));
    QVERIFY(!UserDirectory(Db).findByName("Alan"));
    // Given to Grace: two change, one (hers already) does not.
    r = assignment.assign(Entity::Contact, ids, "grace");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.changes.size(), 2);
    for (qint64 id : ids)
        QCOMPARE(store.load(Entity::Contact, id)->value("owner").toString(), QString("Grace"));
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("SELECT COUNT(*) FROM changes WHERE field = 'owner'") && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
    // Undone, each has its owner back; redone, Grace's again.
    QCOMPARE(assignment.revert(Entity::Contact, r.changes), QString());
    QCOMPARE(store.load(Entity::Contact, ids[0])->value("owner").toString(), QString("Ada"));
    QVERIFY(store.load(Entity::Contact, ids[2])->value("owner").toString().isEmpty());
    QCOMPARE(assignment.reapply(Entity::Contact, r.changes), QString());
    // Changed since by someone else: the undo refuses, and changes nothing.
    QVERIFY(store.update(Entity::Contact, ids[2], {{"owner", "Alan"}}).ok());
    QVERIFY(assignment.revert(Entity::Contact, r.changes).contains("changed since"));
    QCOMPARE(store.load(Entity::Contact, ids[0])->value("owner").toString(), QString("Grace"));
}

void TestUsers::theCurrentUserOnSqliteIsChosenOncePerDatabase()
{
    SQLITE_ONLY("on a server the login role is the user, never chosen (the next test)");
    QCOMPARE(Database::open(Engines::location(m_dir.filePath("mine.sqlite")), Db), QString());
    UserDirectory users(Db);
    // Nothing chosen yet: asked for, and meanwhile the system account's name.
    QVERIFY(users.needsChoice());
    QCOMPARE(users.currentUser(), systemUserName());
    QCOMPARE(users.choose("Ada Lovelace", "ada@example.org"), QString());
    QVERIFY(!users.needsChoice());
    QCOMPARE(users.currentUser(), QString("Ada Lovelace"));
    QCOMPARE(currentUserName(), QString("Ada Lovelace"));
    QCOMPARE(users.findByName("Ada Lovelace")->email, QString("ada@example.org"));
    // Another database on this machine asks again.
    Database::close(Db);
    QCOMPARE(Database::open(Engines::location(m_dir.filePath("other.sqlite")), Db), QString());
    QVERIFY(UserDirectory(Db).needsChoice());
    Database::close(Db);
    // The first one remembers, and $RAPPORT_USER still wins.
    QCOMPARE(Database::open(Engines::location(m_dir.filePath("mine.sqlite")), Db), QString());
    QCOMPARE(UserDirectory(Db).activate(), QString());
    QCOMPARE(currentUserName(), QString("Ada Lovelace"));
    qputenv("RAPPORT_USER", "Grace Hopper");
    QVERIFY(!UserDirectory(Db).needsChoice());
    QCOMPARE(UserDirectory(Db).currentUser(), QString("Grace Hopper"));
    QCOMPARE(currentUserName(), QString("Grace Hopper"));
}

void TestUsers::theCurrentUserOnPostgresqlIsTheLoginRole()
{
    POSTGRESQL_ONLY("a server's login role is its user");
    // A database without Rapport's schema: the user's row comes from the first connect.
    QCOMPARE(Database::open(Engines::location(m_dir.filePath("role.sqlite"), Engines::Schema::None),
                            Db), QString());
    UserDirectory users(Db);
    // Never asked; the role is the user, and has a row from its first connect on.
    QVERIFY(!users.needsChoice());
    QCOMPARE(users.currentUser(), serverUrl().userName());
    QVERIFY(!users.findByName(serverUrl().userName()));
    QCOMPARE(users.activate(), QString());
    QVERIFY(users.findByName(serverUrl().userName()));
    QCOMPARE(currentUserName(), serverUrl().userName());
    QCOMPARE(ChangeLog::who(), serverUrl().userName());
}

QTEST_GUILESS_MAIN(TestUsers)
#include "tst_users.moc"
