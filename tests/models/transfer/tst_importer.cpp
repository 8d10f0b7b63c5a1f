// The importer: duplicate policies, in-file duplicates, dry run, validation and conversion of
// values, cancel mid-way and undo (database compared row by row), and every bad file.
#include "storage/database.h"
#include "support/dbsnapshot.h"
#include "storage/demodata.h"
#include "transfer/importer.h"
#include "transfer/importjournal.h"
#include "lists/recordfilter.h"
#include "storage/recordstore.h"
#include "storage/userdirectory.h"
#include "records/recordtypes.h"
#include "transfer/rowconverter.h"
#include "records/searchkey.h"
#include "support/bytes.h"
#include "support/testclock.h"
#include "support/engines.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Rapport;

class TestImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createsRecordsAsRecordStoreDoes();
    void duplicatePolicies_data();
    void duplicatePolicies();
    void duplicatesInsideTheFile();
    void dryRunWritesNothing();
    void valuesAreConvertedOrRejected();
    void datesAmbiguousOrConflicting();
    void cancelMidwayLeavesDatabaseAsBefore();
    void undoRestoresExactly();
    void undoRefusedAfterLaterEdit();
    void badFilesWriteNothing_data();
    void badFilesWriteNothing();
    void rejectedRowsAsCsv();
    void raggedRowsAreRejectedAlone();
    void unmappedColumnsGoToDescription();
    void chosenColumnsGoToDescription();
    void rowFixesAreReadFromTheUsersFile();
    void runsOnWorkerThreadWithItsOwnConnection();
    void newLeadsGetTheDefaultStatusAndOwnersBecomeUsers();

private:
    QString file(const QByteArray &bytes);
    ImportResult import(const QByteArray &bytes, DuplicatePolicy p = DuplicatePolicy::Skip,
                        Entity e = Entity::Lead, bool dryRun = false);
    QTemporaryDir m_dir;
    QString m_db;
    int m_n = 0;
    TestClock m_clock;
};

void TestImporter::init()
{
    m_db = QStringLiteral("imp%1").arg(++m_n);
    QVERIFY(Database::open(Engines::location(m_dir.filePath(m_db + ".sqlite")), m_db).isEmpty());
}

void TestImporter::cleanup()
{
    Database::close(m_db);
}

QString TestImporter::file(const QByteArray &bytes)
{
    const QString path = m_dir.filePath(QStringLiteral("%1-%2.csv").arg(m_db).arg(++m_n));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    return path;
}

ImportResult TestImporter::import(const QByteArray &bytes, DuplicatePolicy p, Entity e, bool dryRun)
{
    ImportOptions o;
    o.entity = e;
    o.filePath = file(bytes);
    o.onDuplicate = p;
    o.dryRun = dryRun;
    return Importer(m_db).run(o);
}

void TestImporter::createsRecordsAsRecordStoreDoes()
{
    // GIVEN a Zoho-style file WHEN it is imported
    const ImportResult r = import("First Name,Last Name,E-mail Address,Phone\r\n"
                                  "Jürgen,Müller,jm@x.example,'+49 30 123\r\n"
                                  "Ada,Lovelace,ada@x.example,\r\n");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 2);
    QVERIFY(r.importId > 0);
    // THEN the records have time stamps and the same search key RecordStore would give
    const auto lead = RecordStore(m_db).load(Entity::Lead, 1);
    QVERIFY(lead);
    QCOMPARE(lead->value("phone").toString(), QString("+49 30 123")); // guard undone
    QVERIFY(!lead->value("created_at").toString().isEmpty());
    QCOMPARE(lead->value("modified_at"), lead->value("created_at"));
    QCOMPARE(lead->value("search_key").toString(), SearchKey::compute(Entity::Lead, *lead));
    QVERIFY(lead->value("search_key").toString().contains("muller"));
    QVERIFY(lead->value("email_opt_out").isNull()); // not in the file: left alone
}

void TestImporter::duplicatePolicies_data()
{
    QTest::addColumn<int>("policy");
    QTest::addColumn<int>("created");
    QTest::addColumn<int>("updated");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<QString>("firstLastName");
    QTest::newRow("skip") << int(DuplicatePolicy::Skip) << 1 << 0 << 1 << "Old";
    QTest::newRow("update") << int(DuplicatePolicy::Update) << 1 << 1 << 0 << "New";
    QTest::newRow("create") << int(DuplicatePolicy::Create) << 2 << 0 << 0 << "Old";
}

void TestImporter::duplicatePolicies()
{
    QFETCH(int, policy);
    QFETCH(int, created);
    QFETCH(int, updated);
    QFETCH(int, skipped);
    QFETCH(QString, firstLastName);
    // GIVEN a lead with an email, and a file with that email in other case and a new one
    QVERIFY(RecordStore(m_db).insert(Entity::Lead, {{"last_name", "Old"}, {"email", "ann@x.example"}}).ok());
    const ImportResult r = import("Last Name;Email\nNew;ANN@X.example\nOther;o@x.example\n",
                                  DuplicatePolicy(policy));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, created);
    QCOMPARE(r.updated, updated);
    QCOMPARE(r.skipped, skipped);
    QCOMPARE(RecordStore(m_db).load(Entity::Lead, 1)->value("last_name").toString(), firstLastName);
    QCOMPARE(countRecords(m_db, Entity::Lead, {}), qint64(1 + created));
}

void TestImporter::duplicatesInsideTheFile()
{
    const QByteArray csv = "Last Name,Email\nA,same@x.example\nB, Same@X.example \nC,\nD,\n";
    ImportResult r = import(csv);
    QCOMPARE(r.created, 3); // rows without email are never duplicates
    QCOMPARE(r.skipped, 1);
    QVERIFY(r.notes.join(" ").contains("repeat"));
    r = import(csv, DuplicatePolicy::Create);
    QCOMPARE(r.created, 4);
}

void TestImporter::dryRunWritesNothing()
{
    QVERIFY(DemoData(m_db).generate({50, 0, 0, 0}).isEmpty());
    const auto before = dbSnapshot(m_db);
    const ImportResult r = import("Last Name,Email\nX,x@x.example\nY,bad-email\n",
                                  DuplicatePolicy::Skip, Entity::Lead, true);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 1);
    QCOMPARE(r.rejected, 1);
    QCOMPARE(r.importId, 0);
    COMPARE_SNAPSHOTS(dbSnapshot(m_db), before);
}

void TestImporter::valuesAreConvertedOrRejected()
{
    // GIVEN a German Excel file (";" and decimal commas) with some bad rows
    const ImportResult r = import(
        "Nachname;Last Name;Email;Annual Revenue;No. of Employees;Email Opt Out;Lead Status\r\n"
        "x;Müller;m@x.example;1.234,56;1.200;ja;contacted\r\n"
        "x;;n@x.example;1;2;no;\r\n"
        "x;Bad;not-an-email;1;2;;\r\n"
        "x;Num;b@x.example;zwölf;2,5;vielleicht;Hot Lead\r\n"
        "x;Plain;p@x.example;99,5;;0;\r\n");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 2);
    QCOMPARE(r.rejected, 3);
    // THEN each rejected row names its line and every problem
    QCOMPARE(r.problems.size(), 3);
    QCOMPARE(r.problems[0].line, 3);
    QVERIFY(r.problems[0].message.contains("Last Name is required"));
    QCOMPARE(r.problems[1].line, 4);
    QVERIFY(r.problems[1].message.contains("not a valid email"));
    QVERIFY(r.problems[2].message.contains("“zwölf” is not a number"));
    QVERIFY(r.problems[2].message.contains("“2,5” is not a whole number"));
    QVERIFY(r.problems[2].message.contains("neither yes nor no"));
    // AND the good rows are read as the user meant
    const auto m = RecordStore(m_db).load(Entity::Lead, 1);
    QCOMPARE(m->value("annual_revenue").toDouble(), 1234.56);
    QCOMPARE(m->value("employees").toLongLong(), 1200);
    QCOMPARE(m->value("email_opt_out").toInt(), 1);
    QCOMPARE(m->value("lead_status").toString(), QString("Contacted"));
    QCOMPARE(RecordStore(m_db).load(Entity::Lead, 2)->value("annual_revenue").toDouble(), 99.5);
    QCOMPARE(*RowConverter::parseDecimal("1,234.5", QLatin1Char(',')), QString("1234.5"));
    QCOMPARE(*RowConverter::parseDecimal("1,5", QLatin1Char(',')), QString("1.5"));
    QCOMPARE(*RowConverter::parseDecimal("€ 1 234,50", QLatin1Char(';')), QString("1234.50"));
    QVERIFY(!RowConverter::parseDecimal("1,2,3", QLatin1Char(',')));
}

void TestImporter::datesAmbiguousOrConflicting()
{
    QVERIFY(RecordStore(m_db).insert(Entity::Account, {{"account_name", "Acme"}}).ok());
    // Ambiguous only: flagged, read in one order
    ImportResult r = import("Deal Name,Closing Date,Account Name\nA,01/03/2026,Acme\nB,2026-05-06,1\n",
                            DuplicatePolicy::Skip, Entity::Deal);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY2(r.notes.join(" ").contains("could be day/month or month/day"), qPrintable(r.notes.join(" ")));
    const QString a = RecordStore(m_db).load(Entity::Deal, 1)->value("closing_date").toString();
    QVERIFY(a == "2026-03-01" || a == "2026-01-03");
    QCOMPARE(RecordStore(m_db).load(Entity::Deal, 1)->value("account_id").toLongLong(), 1);
    // One unambiguous row decides the column
    r = import("Deal Name,Closing Date\nC,01/03/2026\nD,12/31/2026\n", DuplicatePolicy::Skip, Entity::Deal);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(RecordStore(m_db).load(Entity::Deal, 3)->value("closing_date").toString(), QString("2026-01-03"));
    // Both orders in one column: refused, nothing written
    const auto before = dbSnapshot(m_db);
    r = import("Deal Name,Closing Date\nE,13/01/2026\nF,01/13/2026\n", DuplicatePolicy::Skip, Entity::Deal);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains("mixes day/month"), qPrintable(r.error));
    COMPARE_SNAPSHOTS(dbSnapshot(m_db), before);
    // Unknown account names are rejected with a hint when the import may not make them
    ImportOptions o;
    o.entity = Entity::Deal;
    o.filePath = file("Deal Name,Account Name\nG,Nowhere Ltd\n");
    o.createMissing = false;
    r = Importer(m_db).run(o);
    QCOMPARE(r.rejected, 1);
    QVERIFY2(r.problems.first().message.contains("no Account “Nowhere Ltd” (import those first"),
             qPrintable(r.problems.first().message));
}

void TestImporter::cancelMidwayLeavesDatabaseAsBefore()
{
    // GIVEN a database with records and a 10,000-row file
    QVERIFY(DemoData(m_db).generate({100, 10, 5, 5}).isEmpty());
    QByteArray csv = "Last Name,Email,City\n";
    for (int i = 0; i < 10000; ++i)
        csv += "L" + QByteArray::number(i) + ",l" + QByteArray::number(i) + "@x.example,Köln\n";
    const auto before = dbSnapshot(m_db);
    // WHEN the user cancels once the writing pass is under way
    std::atomic_bool cancel = false;
    qint64 writingReports = 0;
    Importer importer(m_db);
    importer.setCancelFlag(&cancel);
    importer.setProgressCallback([&](Importer::Phase phase, qint64 done, qint64 total) {
        QVERIFY(done <= total);
        if (phase == Importer::Phase::Writing && ++writingReports == 3)
            cancel = true; // rows 0..4000 are already inserted by now
    });
    ImportOptions o;
    o.filePath = file(csv);
    const ImportResult r = importer.run(o);
    // THEN the import says so and the database is row for row as before
    QCOMPARE(r.status, ImportResult::Status::Cancelled);
    QCOMPARE(writingReports, 3);
    COMPARE_SNAPSHOTS(dbSnapshot(m_db), before);
    // AND the same file imports fine afterwards
    cancel = false;
    writingReports = -1000;
    QCOMPARE(importer.run(o).created, 10000);
}

void TestImporter::undoRestoresExactly()
{
    // GIVEN generated records, then an import that updates some and creates others
    QVERIFY(DemoData(m_db).generate({200, 50, 20, 20}).isEmpty());
    const auto before = undoSnapshot(m_db, recordTables());
    QSqlQuery q(QSqlDatabase::database(m_db));
    QVERIFY(q.exec("SELECT email FROM leads WHERE email IS NOT NULL ORDER BY id LIMIT 5"));
    QByteArray csv = "Last Name,Email,Company,Annual Revenue\n";
    while (q.next())
        csv += "Changed," + q.value(0).toString().toUtf8() + ",New Co,1\n";
    csv += "Brand,new1@x.example,,\nNew,new2@x.example,,\n";
    q.finish();
    const ImportResult r = import(csv, DuplicatePolicy::Update);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.updated, 5);
    QCOMPARE(r.created, 2);
    QVERIFY(undoSnapshot(m_db, recordTables()) != before);
    // WHEN it is undone
    ImportJournal journal(m_db);
    QCOMPARE(journal.undo(r.importId), ImportJournal::UndoResult::Done);
    // THEN every row of every record table is as before (its version moved on), and the
    // history says undone
    COMPARE_SNAPSHOTS(undoSnapshot(m_db, recordTables()), before);
    QVERIFY(journal.find(r.importId)->undone);
    QCOMPARE(journal.undo(r.importId), ImportJournal::UndoResult::AlreadyUndone);
    QCOMPARE(journal.undo(9999), ImportJournal::UndoResult::UnknownImport);
}

void TestImporter::undoRefusedAfterLaterEdit()
{
    const ImportResult r = import("Last Name,Email\nA,a@x.example\nB,b@x.example\n");
    QVERIFY(r.ok());
    m_clock.advance(); // a later time stamp
    QVERIFY(RecordStore(m_db).update(Entity::Lead, 2, {{"city", "Paris"}}).ok());
    const auto before = dbSnapshot(m_db);
    ImportJournal journal(m_db);
    QCOMPARE(journal.undo(r.importId), ImportJournal::UndoResult::Conflict);
    QVERIFY2(journal.errorString().contains("Lead 2 was changed"), qPrintable(journal.errorString()));
    COMPARE_SNAPSHOTS(dbSnapshot(m_db), before);
}

void TestImporter::badFilesWriteNothing_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    const QByteArray big(2 * 1024 * 1024, 'x');
    QFile binary(QStringLiteral(RAPPORT_TEST_DATA "/csv/binary.csv"));
    binary.open(QIODevice::ReadOnly);
    QTest::newRow("empty") << QByteArray() << "is empty";
    QTest::newRow("blank lines only") << QByteArray("\r\n\r\n") << "nothing in it but blank lines";
    QTest::newRow("header only") << QByteArray("Last Name,Email\r\n") << "no rows to import";
    QTest::newRow("every row ragged") << QByteArray("Last Name,Email\nA,a@x.example,1\nB,b@x.example,2\n")
                                      << "its delimiter is not";
    QTest::newRow("unterminated quote") << QByteArray("Last Name,Email\nA,\"a@x.example\nB,b\n")
                                        << "never closed";
    QTest::newRow("NUL") << rawBytes("Last Name,Email\nA,a\0b\n") << "NUL byte";
    QTest::newRow("2 MB cell") << "Last Name,Description\nA,\"" + big + "\"\n" << "longer than";
    QTest::newRow("binary renamed .csv") << binary.readAll() << "not a text file";
    QTest::newRow("no usable column") << QByteArray("Foo,Bar\n1,2\n") << "“Last Name”";
}

void TestImporter::badFilesWriteNothing()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QVERIFY(RecordStore(m_db).insert(Entity::Lead, {{"last_name", "Keep"}}).ok());
    const auto before = dbSnapshot(m_db);
    const ImportResult r = import(bytes);
    QCOMPARE(r.status, ImportResult::Status::Failed);
    QVERIFY2(r.error.contains(error), qPrintable(r.error));
    COMPARE_SNAPSHOTS(dbSnapshot(m_db), before);
}

void TestImporter::raggedRowsAreRejectedAlone()
{
    // GIVEN a file where two rows have too many or too few cells
    ImportOptions o;
    o.filePath = file("Last Name,Email\nA,a@x.example\nB,b@x.example,extra\nC\nD,d@x.example\n");
    Importer importer(m_db);
    // WHEN it is imported
    const ImportResult r = importer.run(o);
    // THEN the good rows are in, the two others rejected with their line and why
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 2);
    QCOMPARE(r.rejected, 2);
    QCOMPARE(r.problems.at(0).line, 3);
    QVERIFY2(r.problems.at(0).message.startsWith(QStringLiteral("The row has 3 value"))
                 && r.problems.at(0).message.contains(QStringLiteral("the header has 2 value")),
             qPrintable(r.problems.at(0).message));
    QCOMPARE(r.problems.at(1).line, 4);
    QVERIFY(r.problems.at(1).message.startsWith(QStringLiteral("The row has 1 value")));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    QVERIFY(importer.writeRejected(o, r, &out).isEmpty());
    const QString csv = QString::fromUtf8(out.data());
    QVERIFY2(csv.contains(QStringLiteral("\r\nB,b@x.example,extra,3,The row has 3")), qPrintable(csv));
}

void TestImporter::rejectedRowsAsCsv()
{
    ImportOptions o;
    o.filePath = file("Last Name;Email\nGood;g@x.example\n;\"multi\nline\"\nBad;=bad\n");
    Importer importer(m_db);
    const ImportResult r = importer.run(o);
    QCOMPARE(r.rejected, 2);
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    QString error;
    error = importer.writeRejected(o, r, &out);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString csv = QString::fromUtf8(out.data());
    QVERIFY2(csv.startsWith("Last Name;Email;Line;Problem\r\n;\"multi\nline\";3;"), qPrintable(csv));
    QVERIFY2(csv.contains("\r\nBad;'=bad;5;Email: “=bad” is not a valid email address.\r\n"), qPrintable(csv));
}

void TestImporter::unmappedColumnsGoToDescription()
{
    ImportOptions o;
    o.filePath = file("Last Name,Hobby,Description,Shoe Size\nA,Chess,Met at fair,\nB,,,44\n");
    o.unmappedToDescription = true;
    const ImportResult r = Importer(m_db).run(o);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(RecordStore(m_db).load(Entity::Lead, 1)->value("description").toString(),
             QString("Met at fair\nHobby: Chess"));
    QCOMPARE(RecordStore(m_db).load(Entity::Lead, 2)->value("description").toString(),
             QString("Shoe Size: 44"));
    // also when the file has no Description column at all
    o.filePath = file("Last Name,Hobby\nC,Go\n");
    QVERIFY(Importer(m_db).run(o).ok());
    QCOMPARE(RecordStore(m_db).load(Entity::Lead, 3)->value("description").toString(),
             QString("Hobby: Go"));
}

void TestImporter::chosenColumnsGoToDescription()
{
    // GIVEN a mapping that sends Hobby to Description and skips Shoe Size
    ImportOptions o;
    o.filePath = file("Last Name,Hobby,Shoe Size\nA,Chess,44\n");
    o.mapping = {"last_name", ImportOptions::toDescription(), ""};
    // WHEN it is imported THEN only Hobby is kept there
    const ImportResult r = Importer(m_db).run(o);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(RecordStore(m_db).load(Entity::Lead, 1)->value("description").toString(),
             QString("Hobby: Chess"));
}

void TestImporter::rowFixesAreReadFromTheUsersFile()
{
    // GIVEN a file whose line 3 has a bad number and line 4 is junk, fixed and dropped by
    // the user
    const QString path = file("Last Name,Email,No. of Employees\n"
                              "Good,good@x.example,12\n"
                              "Fixed,fixed@x.example,a dozen\n"
                              "Junk,junk@x.example,many\n");
    const QByteArray before = [&] { QFile f(path); f.open(QIODevice::ReadOnly); return f.readAll(); }();
    ImportOptions o;
    o.filePath = path;
    o.dryRun = true;
    ImportResult check = Importer(m_db).run(o);
    QVERIFY(check.ok());
    QCOMPARE(check.rejected, 2);
    o.edits.replaced.insert(3, {"Fixed", "fixed@x.example", "13"});
    o.edits.dropped.insert(4);
    // WHEN it is checked and imported with the fixes
    check = Importer(m_db).run(o);
    QVERIFY(check.ok());
    QCOMPARE(check.rejected, 0);
    QCOMPARE(check.created, 2);
    o.dryRun = false;
    const ImportResult r = Importer(m_db).run(o);
    QVERIFY2(r.ok(), qPrintable(r.error));
    // THEN the fixed row is in with its new value, the dropped one is not, the user's file
    // is untouched and the history names it
    QCOMPARE(r.created, 2);
    QCOMPARE(RecordStore(m_db).load(Entity::Lead, 2)->value("employees").toInt(), 13);
    QVERIFY(!RecordStore(m_db).exists(Entity::Lead, 3));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QCOMPARE(ImportJournal(m_db).find(r.importId)->file, QFileInfo(path).fileName());
}

void TestImporter::runsOnWorkerThreadWithItsOwnConnection()
{
    // GIVEN a file, and the main thread's connection open as the app has it
    QByteArray csv = "Last Name,Email\n";
    for (int i = 0; i < 5000; ++i)
        csv += "W" + QByteArray::number(i) + ",w" + QByteArray::number(i) + "@x.example\n";
    ImportOptions o;
    o.filePath = file(csv);
    // WHEN the import runs on a worker thread with a clone of that connection
    ImportResult r;
    std::atomic<qint64> reports = 0;
    QThread *worker = QThread::create([&] {
        const QString name = QStringLiteral("worker-%1").arg(m_db);
        if (!Database::openClone(m_db, name).isEmpty())
            return;
        {
            Importer importer(name);
            importer.setProgressCallback([&](Importer::Phase, qint64, qint64) { ++reports; });
            r = importer.run(o);
        }
        Database::close(name);
    });
    worker->start();
    QVERIFY(worker->wait(60000));
    delete worker;
    // THEN the records are visible on the main connection and progress was reported
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(countRecords(m_db, Entity::Lead, {}), qint64(5000));
    QVERIFY(reports >= 4);
}

void TestImporter::newLeadsGetTheDefaultStatusAndOwnersBecomeUsers()
{
    // GIVEN a file without a status column, whose owners are no users yet (one written twice)
    const ImportResult r = import("Last Name,Lead Owner\r\n"
                                  "Lovelace,Charles Babbage\r\n"
                                  "Byron,charles babbage\r\n"
                                  "Somerville,\r\n");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 3);
    // THEN each new lead has the status a new lead starts with
    RecordStore store(m_db);
    for (qint64 id = 1; id <= 3; ++id)
        QCOMPARE(store.load(Entity::Lead, id)->value("lead_status").toString(),
                 QString("Not Contacted"));
    // and each owner is one user, added once, its records spelled as the user
    QCOMPARE(UserDirectory(m_db).names(), QStringList{"Charles Babbage"});
    QCOMPARE(store.load(Entity::Lead, 2)->value("owner").toString(), QString("Charles Babbage"));
    QVERIFY(store.load(Entity::Lead, 3)->value("owner").toString().isEmpty());
    // A status the file gives is kept.
    QVERIFY(import("Last Name,Lead Status\r\nHopper,Contacted\r\n").ok());
    QCOMPARE(store.load(Entity::Lead, 4)->value("lead_status").toString(), QString("Contacted"));
}

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
