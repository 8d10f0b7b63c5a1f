// Schema creation, migration of older databases, and refusal of foreign files.
#include "storage/database.h"
#include "storage/schema.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"
#include "support/engines.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Rapport;

class TestSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newDatabaseHasEveryFieldAsColumn();
    void connectionSettings();
    void olderDatabaseIsMigratedWithBackup();
    void anUpgradeOfTheVersionAloneCopiesNothing();
    void newerDatabaseIsRefused();
    void keysFoldedBeforeSharpSAreFoldedAgain();
    void foreignFilesAreRefused_data();
    void foreignFilesAreRefused();
    void cloneOnWorkerThread();
    void missingJournalTablesAreAdded();

private:
    QTemporaryDir m_dir;
};

void TestSchema::newDatabaseHasEveryFieldAsColumn()
{
    // GIVEN a path where nothing exists yet
    const QString path = Engines::location(m_dir.filePath("sub/folder/new.sqlite"),
                                           Engines::Schema::None);
    // WHEN Rapport opens it
    const QString error = Database::open(path, "new");
    // THEN it is created with a column for every field of every record type
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSqlDatabase db = QSqlDatabase::database("new");
    for (Entity e : allEntities()) {
        const QSqlRecord rec = db.record(entityDef(e).table);
        for (const FieldDef &f : entityDef(e).fields)
            QVERIFY2(rec.contains(f.name), f.name);
    }
    QSqlQuery q(db);
    QVERIFY(q.exec("SELECT value FROM meta WHERE key = 'schema_version'") && q.next());
    QCOMPARE(q.value(0).toInt(), Database::SchemaVersion);
    QVERIFY(Database::lastBackupPath("new").isEmpty());
    Database::close("new");
}

void TestSchema::connectionSettings()
{
    QVERIFY(Database::open(Engines::location(m_dir.filePath("pragmas.sqlite")), "p").isEmpty());
    QSqlQuery q(QSqlDatabase::database("p"));
    // SQLite's settings are per connection; a server enforces foreign keys by itself.
    if (!Engines::postgres()) {
        QVERIFY(q.exec("PRAGMA foreign_keys") && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec("PRAGMA journal_mode") && q.next());
        QCOMPARE(q.value(0).toString(), QString("wal"));
        QVERIFY(q.exec("PRAGMA busy_timeout") && q.next());
        QVERIFY(q.value(0).toInt() >= 1000);
        q.finish();
    }
    // A contact cannot point at an account that does not exist.
    QVERIFY(!q.exec("INSERT INTO contacts (last_name, account_id) VALUES ('X', 999)"));
    Database::close("p");
}

void TestSchema::olderDatabaseIsMigratedWithBackup()
{
    SQLITE_ONLY("the backup is a copy of the file; a server's administrator keeps its own");
    // GIVEN a database written by an older Rapport: leads without several later fields
    const QString path = m_dir.filePath("old.sqlite");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "old");
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)"));
        QVERIFY(q.exec("INSERT INTO meta VALUES ('schema_version', '0')"));
        QVERIFY(q.exec("CREATE TABLE leads (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                       "first_name TEXT, last_name TEXT NOT NULL, company TEXT, email TEXT)"));
        QVERIFY(q.exec("INSERT INTO leads (first_name, last_name, company, email) "
                       "VALUES ('Jürgen', 'Müller', 'Acme GmbH', 'jm@acme.example')"));
    }
    QSqlDatabase::removeDatabase("old");
    // WHEN the current Rapport opens it
    const QString error = Database::open(path, "migrated");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // THEN the data is still there, every field exists, the version is current...
    RecordStore store("migrated");
    const auto lead = store.load(Entity::Lead, 1);
    QVERIFY(lead);
    QCOMPARE(lead->value("last_name").toString(), QString("Müller"));
    QVERIFY(lead->contains("lead_status"));
    QVERIFY2(lead->value("search_key").toString().contains("muller"),
             qPrintable(lead->value("search_key").toString()));
    QSqlQuery q(QSqlDatabase::database("migrated"));
    QVERIFY(q.exec("SELECT value FROM meta WHERE key = 'schema_version'") && q.next());
    QCOMPARE(q.value(0).toInt(), Database::SchemaVersion);
    q.finish();
    // ... and a backup of the old file was kept, still at the old version
    const QString backup = Database::lastBackupPath("migrated");
    QVERIFY(QFile::exists(backup));
    Database::close("migrated");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "backup");
        db.setDatabaseName(backup);
        QVERIFY(db.open());
        QSqlQuery b(db);
        QVERIFY(b.exec("SELECT value FROM meta WHERE key = 'schema_version'") && b.next());
        QCOMPARE(b.value(0).toInt(), 0);
        QVERIFY(!db.record("leads").contains("lead_status"));
    }
    QSqlDatabase::removeDatabase("backup");
}

void TestSchema::keysFoldedBeforeSharpSAreFoldedAgain()
{
    // GIVEN a database of schema 1, whose keys kept ß as it was
    const QString path = Engines::location(m_dir.filePath("sharp-s.sqlite"));
    QVERIFY(Database::open(path, "s1").isEmpty());
    const qint64 contact = RecordStore("s1").insert(Entity::Contact, {{"last_name", "Faßbender"}}).id;
    const qint64 plain = RecordStore("s1").insert(Entity::Contact, {{"last_name", "Plain"}}).id;
    {
        QSqlQuery q(QSqlDatabase::database("s1"));
        QVERIFY(q.exec("UPDATE meta SET value = '1' WHERE key = 'schema_version'"));
        QVERIFY(q.prepare("UPDATE contacts SET search_key = ?, name_key = ? WHERE id = ?"));
        q.addBindValue("faßbender");
        q.addBindValue("faßbender");
        q.addBindValue(contact);
        QVERIFY(q.exec());
        QVERIFY(q.exec(QString("UPDATE contacts SET search_key = 'untouched' WHERE id = %1").arg(plain)));
    }
    Database::close("s1");
    // WHEN it is opened THEN those keys are folded the new way, and no other row is rewritten
    QVERIFY(Database::open(path, "s2").isEmpty());
    QSqlQuery q(QSqlDatabase::database("s2"));
    QVERIFY(q.exec(QString("SELECT search_key, name_key FROM contacts WHERE id = %1").arg(contact)) && q.next());
    QCOMPARE(q.value(0).toString(), QString("fassbender"));
    QCOMPARE(q.value(1).toString(), QString("fassbender"));
    QVERIFY(q.exec(QString("SELECT search_key FROM contacts WHERE id = %1").arg(plain)) && q.next());
    QCOMPARE(q.value(0).toString(), QString("untouched"));
    q.finish();
    Database::close("s2");
}

void TestSchema::newerDatabaseIsRefused()
{
    const QString path = Engines::location(m_dir.filePath("newer.sqlite"));
    QVERIFY(Database::open(path, "n").isEmpty());
    {
        QSqlQuery q(QSqlDatabase::database("n"));
        QVERIFY(q.exec("UPDATE meta SET value = '999' WHERE key = 'schema_version'"));
    }
    Database::close("n");
    const QString error = Database::open(path, "n2");
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains("newer Rapport"), qPrintable(error));
    QVERIFY(!QSqlDatabase::contains("n2"));
}

void TestSchema::foreignFilesAreRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("text file") << QByteArray("Name,Email\nAda,ada@example.com\n")
                               << QString("not a Rapport database");
    QTest::newRow("binary") << QByteArray("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16)
                            << QString("not a Rapport database");
}

void TestSchema::foreignFilesAreRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(QString("foreign-%1").arg(QTest::currentDataTag()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    const QString error = Database::open(path, "foreign");
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(expected), qPrintable(error));
    // The file is left exactly as it was.
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), content);
}

void TestSchema::cloneOnWorkerThread()
{
    // GIVEN the window's connection with one lead
    QVERIFY(Database::open(Engines::location(m_dir.filePath("clone.sqlite")), "window").isEmpty());
    QVERIFY(RecordStore("window").insert(Entity::Lead, {{"last_name", "Hopper"}}).ok());
    // WHEN a worker thread clones it and reads
    QString error = "not run";
    int leads = -1;
    // A standard thread, joined: ThreadSanitizer sees what it wrote handed over by the join.
    std::thread worker([&] {
        const QString e = Database::openClone("window", "worker");
        error = !e.isEmpty() ? e : QString();
        if (e.isEmpty()) {
            QSqlQuery q(QSqlDatabase::database("worker"));
            if (q.exec("SELECT COUNT(*) FROM leads") && q.next())
                leads = q.value(0).toInt();
        }
        Database::close("worker");
    });
    worker.join();
    // THEN it sees the same database, with Rapport's connection settings
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(leads, 1);
    Database::close("window");
}

// From schema 11 on, an SQLite file changes only in the version it records (12 is about a
// server's policies): no backup copy is made of what would be the same file.
void TestSchema::anUpgradeOfTheVersionAloneCopiesNothing()
{
    SQLITE_ONLY("the backup is a copy of the file");
    const QString path = m_dir.filePath("v11.sqlite");
    QVERIFY(Database::open(path, "v11").isEmpty());
    QVERIFY(RecordStore("v11").insert(Entity::Lead, {{"last_name", "Kept"}}).ok());
    {
        QSqlQuery q(QSqlDatabase::database("v11"));
        QVERIFY(q.exec(QStringLiteral("UPDATE meta SET value = '%1' WHERE key = "
                                      "'schema_version'").arg(Schema::LastFileChange)));
    }
    Database::close("v11");
    QVERIFY(Database::open(path, "v12").isEmpty());
    QSqlQuery q(QSqlDatabase::database("v12"));
    QVERIFY(q.exec("SELECT value FROM meta WHERE key = 'schema_version'") && q.next());
    QCOMPARE(q.value(0).toInt(), Database::SchemaVersion);
    q.finish();
    QCOMPARE(Database::lastBackupPath("v12"), QString());
    QCOMPARE(QDir(m_dir.path()).entryList({"v11.sqlite*.bak"}, QDir::Files), QStringList());
    QVERIFY(RecordStore("v12").load(Entity::Lead, 1));
    Database::close("v12");
}

void TestSchema::missingJournalTablesAreAdded()
{
    // GIVEN a current database from before the import history existed
    const QString path = Engines::location(m_dir.filePath("nojournal.sqlite"));
    QVERIFY(Database::open(path, "j").isEmpty());
    {
        QSqlQuery q(QSqlDatabase::database("j"));
        QVERIFY(q.exec("DROP TABLE import_records"));
        QVERIFY(q.exec("DROP TABLE imports"));
    }
    Database::close("j");
    // WHEN it is opened THEN the tables are back and a backup was kept first (of a file:
    // a server's database is backed up by its administrator)
    QVERIFY(Database::open(path, "j2").isEmpty());
    const QStringList tables = QSqlDatabase::database("j2").tables();
    QVERIFY(tables.contains("imports"));
    QVERIFY(tables.contains("import_records"));
    QCOMPARE(QFile::exists(Database::lastBackupPath("j2")), !Engines::postgres());
    Database::close("j2");
}

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
