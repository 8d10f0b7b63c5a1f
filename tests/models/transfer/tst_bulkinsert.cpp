// The import's batched write path (transfer/bulkinsert.h, transfer/importwriter.h): files
// around the batch size import exactly and are undone exactly, a cancel in the middle of a
// batch leaves nothing, the batched path leaves the same database as one INSERT per row
// (search included), and a re-imported unchanged export writes nothing.
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/demodata.h"
#include "storage/recordstore.h"
#include "storage/searchindex.h"
#include "support/dbsnapshot.h"
#include "support/engines.h"
#include "support/testclock.h"
#include "transfer/bulkinsert.h"
#include "transfer/democsv.h"
#include "transfer/exporter.h"
#include "transfer/importer.h"
#include "transfer/importjournal.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestBulkInsert : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void batchBoundariesImportAndUndoExactly_data();
    void batchBoundariesImportAndUndoExactly();
    void cancelInTheMiddleOfABatchWritesNothing();
    void batchedAndRowByRowGiveTheSameDatabase_data();
    void batchedAndRowByRowGiveTheSameDatabase();
    void unchangedReimportWritesNothing();

private:
    QString open(const QString &name);
    QString file(const QByteArray &bytes);
    QByteArray leads(qint64 rows, int from = 0);
    qint64 count(const QString &connection, const QString &sql);
    QList<qint64> found(const QString &connection, const QString &word);
    QTemporaryDir m_dir;
    QString m_db;
    QStringList m_open;
    int m_n = 0;
    TestClock m_clock;
};

void TestBulkInsert::init()
{
    m_db = open(QStringLiteral("bulk%1").arg(++m_n));
    QVERIFY(!m_db.isEmpty());
}

void TestBulkInsert::cleanup()
{
    for (const QString &c : std::as_const(m_open))
        Database::close(c);
    m_open.clear();
}

QString TestBulkInsert::open(const QString &name)
{
    if (!Database::open(Engines::location(m_dir.filePath(name + ".sqlite")), name).isEmpty())
        return {};
    m_open << name;
    return name;
}

QString TestBulkInsert::file(const QByteArray &bytes)
{
    const QString path = m_dir.filePath(QStringLiteral("f%1.csv").arg(++m_n));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    return path;
}

// Rows with a word of their own each ("zq<n>x"), so that search can find every one.
QByteArray TestBulkInsert::leads(qint64 rows, int from)
{
    QByteArray csv = "Last Name,Email,City,Lead Owner\n";
    for (qint64 i = from; i < from + rows; ++i) {
        const QByteArray n = QByteArray::number(i);
        csv += "Zq" + n + "x,l" + n + "@x.example,Köln," + (i % 3 ? "Ann Lee" : "") + "\n";
    }
    return csv;
}

qint64 TestBulkInsert::count(const QString &connection, const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(connection));
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

// The leads quick search finds for `word`: through the FTS5 index on SQLite.
QList<qint64> TestBulkInsert::found(const QString &connection, const QString &word)
{
    QSqlQuery q(QSqlDatabase::database(connection));
    if (Engines::postgres()) {
        q.prepare("SELECT id FROM leads WHERE search_key LIKE ? ORDER BY id");
        q.addBindValue('%' + word + '%');
    } else if (word.size() < 3) { // the short pieces' index
        q.prepare(QStringLiteral("SELECT rowid FROM %1 WHERE %1 MATCH ? ORDER BY rowid")
                      .arg(SearchIndex::shortTableFor(Entity::Lead)));
        q.addBindValue(SearchIndex::shortPhraseFor(word));
    } else {
        q.prepare("SELECT rowid FROM leads_fts WHERE leads_fts MATCH ? ORDER BY rowid");
        q.addBindValue(SearchIndex::phraseFor(word));
    }
    QList<qint64> ids;
    if (!q.exec())
        qWarning() << q.lastError().text();
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

void TestBulkInsert::batchBoundariesImportAndUndoExactly_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("existing");
    const int n = BulkInsert::BatchRows;
    for (int existing : {0, 3 * n}) { // a load into an empty table, and a small one
        for (int rows : {n - 1, n, n + 1, 2 * n + 1}) {
            QTest::addRow("%d rows, %d before", rows, existing) << rows << existing;
        }
    }
}

void TestBulkInsert::batchBoundariesImportAndUndoExactly()
{
    QFETCH(int, rows);
    QFETCH(int, existing);
    // GIVEN a database with `existing` leads and a file of `rows` around the batch size
    QVERIFY(DemoData(m_db).generate({existing, 0, 0, 0}).isEmpty());
    const auto before = undoSnapshot(m_db, recordTables());
    ImportOptions o;
    o.filePath = file(leads(rows));
    // WHEN it is imported
    const ImportResult r = Importer(m_db).run(o);
    // THEN every row is there once, in file order, journalled as runs, and searchable
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, rows);
    QCOMPARE(count(m_db, "SELECT COUNT(*) FROM leads"), existing + rows);
    QCOMPARE(count(m_db, QStringLiteral("SELECT SUM(last_id - first_id + 1) FROM import_records "
                                        "WHERE import_id = %1 AND previous IS NULL "
                                        "AND entity IS NULL").arg(r.importId)), rows);
    QVERIFY(count(m_db, QStringLiteral("SELECT COUNT(*) FROM import_records WHERE import_id = %1")
                            .arg(r.importId)) <= 2);
    const qint64 first = count(m_db, "SELECT MIN(id) FROM leads WHERE last_name = 'Zq0x'");
    const qint64 last = count(m_db, QStringLiteral("SELECT MAX(id) FROM leads WHERE "
                                                   "last_name = 'Zq%1x'").arg(rows - 1));
    QCOMPARE(last - first, rows - 1);
    for (int i : {0, rows / 2, rows - 1})
        QCOMPARE(found(m_db, QStringLiteral("zq%1x").arg(i)), QList<qint64>{first + i});
    QCOMPARE(found(m_db, "@x.example").size(), rows);
    // AND undo puts back every row as it was
    QCOMPARE(ImportJournal(m_db).undo(r.importId), ImportJournal::UndoResult::Done);
    COMPARE_SNAPSHOTS(undoSnapshot(m_db, recordTables()), before);
    QVERIFY(found(m_db, "zq0x").isEmpty());
}

void TestBulkInsert::cancelInTheMiddleOfABatchWritesNothing()
{
    // GIVEN an empty database (the load pauses the search index's trigger) and a long file
    const auto before = dbSnapshot(m_db);
    std::atomic_bool cancel = false;
    Importer importer(m_db);
    importer.setCancelFlag(&cancel);
    int reports = 0;
    // WHEN the user cancels once 2,000 rows are written: the next batch has begun
    importer.setProgressCallback([&](Importer::Phase phase, qint64, qint64) {
        if (phase == Importer::Phase::Writing && ++reports == 2)
            cancel = true;
    });
    ImportOptions o;
    o.filePath = file(leads(5000));
    QVERIFY(2000 % BulkInsert::BatchRows == 0);
    const ImportResult r = importer.run(o);
    // THEN nothing is written, and the search index's trigger is back
    QCOMPARE(r.status, ImportResult::Status::Cancelled);
    COMPARE_SNAPSHOTS(dbSnapshot(m_db), before);
    const auto made = RecordStore(m_db).insert(Entity::Lead, {{"last_name", "Zq77x"}});
    QVERIFY(made.ok());
    QCOMPARE(found(m_db, "zq77x").size(), 1);
}

void TestBulkInsert::batchedAndRowByRowGiveTheSameDatabase_data()
{
    QTest::addColumn<int>("existing");
    QTest::addColumn<int>("rows");
    const int rows = 2 * BulkInsert::BatchRows + 7;
    QTest::addRow("into an empty table") << 0 << rows;
    QTest::addRow("into a larger table") << 1000 << rows;
    // The search indexes of a load are filled a piece of ids at a time.
    QTest::addRow("more rows than one piece of the index fill")
        << 0 << int(SearchIndex::LoadIndexPiece + 7);
}

void TestBulkInsert::batchedAndRowByRowGiveTheSameDatabase()
{
    QFETCH(int, existing);
    QFETCH(int, rows);
    // GIVEN two equal databases and a generated file (owners, companies, descriptions)
    const QString rowDb = open(QStringLiteral("row%1").arg(m_n));
    QVERIFY(DemoData(m_db).generate({existing, 0, 0, 0}).isEmpty());
    QVERIFY(DemoData(rowDb).generate({existing, 0, 0, 0}).isEmpty());
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    QVERIFY(writeDemoLeadsCsv(&csv, rows, DemoCsvHeader::Zoho, 7)
                .isEmpty());
    ImportOptions o;
    o.filePath = file(csv.data());
    // WHEN one imports it batched and the other row by row
    const ImportResult batched = Importer(m_db).run(o);
    o.rowByRow = true;
    const ImportResult single = Importer(rowDb).run(o);
    // THEN the two databases are equal, row for row, and search finds the same records
    QVERIFY2(batched.ok() && single.ok(), qPrintable(batched.error + single.error));
    QCOMPARE(batched.created, single.created);
    COMPARE_SNAPSHOTS(dbSnapshot(m_db), dbSnapshot(rowDb));
    QSqlQuery last(QSqlDatabase::database(m_db));
    QVERIFY(last.exec("SELECT LOWER(last_name), LOWER(company) FROM leads ORDER BY id DESC")
            && last.next());
    QStringList words{last.value(0).toString(), last.value(1).toString(), "gmbh", "ing", "str",
                      "mu", "e"};
    last.finish();
    QVERIFY(!found(m_db, words.first()).isEmpty());
    QVERIFY(!found(m_db, QStringLiteral("e")).isEmpty());
    for (const QString &word : std::as_const(words))
        QCOMPARE(found(m_db, word), found(rowDb, word));
    if (!Engines::postgres()) {
        QSqlQuery q(QSqlDatabase::database(m_db));
        QVERIFY(q.exec("PRAGMA integrity_check") && q.next());
        QCOMPARE(q.value(0).toString(), QString("ok"));
        QVERIFY2(q.exec("INSERT INTO leads_fts (leads_fts) VALUES ('integrity-check')"),
                 qPrintable(q.lastError().text()));
        const QString schema("SELECT COUNT(*) FROM sqlite_master WHERE type IN ('index', 'trigger')");
        QCOMPARE(count(m_db, schema), count(rowDb, schema));
    }
}

void TestBulkInsert::unchangedReimportWritesNothing()
{
    // GIVEN leads, some fields empty, and their export
    const QStringList leadTables = Engines::postgres() ? QStringList{"leads"}
                                                       : QStringList{"leads", "leads_fts"};
    QVERIFY(DemoData(m_db).generate({300, 0, 0, 0}).isEmpty());
    QSqlQuery q(QSqlDatabase::database(m_db));
    QVERIFY(q.exec("UPDATE leads SET email_opt_out = NULL, annual_revenue = NULL "
                   "WHERE id % 2 = 0"));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    QCOMPARE(Exporter(m_db).write(Entity::Lead, ExportOptions(), &out), 300);
    const auto before = dbSnapshot(m_db, leadTables);
    const auto beforeButVersion = dbSnapshot(m_db, leadTables, {}, {"version"});
    ImportOptions o;
    o.filePath = file(out.data());
    o.onDuplicate = DuplicatePolicy::Update;
    // WHEN the unchanged export is imported again with update
    ImportResult r = Importer(m_db).run(o);
    // THEN no record is written: no version, no time stamp, nothing to undo per record
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.updated, 0);
    QCOMPARE(r.unchanged, 300);
    COMPARE_SNAPSHOTS(dbSnapshot(m_db, leadTables), before);
    QCOMPARE(count(m_db, QStringLiteral("SELECT COUNT(*) FROM import_records WHERE import_id = %1")
                             .arg(r.importId)), 0);
    // AND a file with one changed cell changes that record's cell alone, undone exactly
    QByteArray changed = out.data();
    const int at = changed.indexOf("\n2,") + 1;
    QVERIFY(at > 0);
    const int end = changed.indexOf('\n', at);
    QByteArray line = changed.mid(at, end - at);
    QVERIFY(q.exec("SELECT last_name FROM leads WHERE id = 2") && q.next());
    const QByteArray name = q.value(0).toString().toUtf8();
    q.finish();
    QVERIFY(line.contains("," + name + ","));
    changed.replace(at, end - at, line.replace("," + name + ",", ",Renamed,"));
    o.filePath = file(changed);
    m_clock.advance();
    r = Importer(m_db).run(o);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.updated, 1);
    QCOMPARE(r.unchanged, 299);
    QCOMPARE(count(m_db, "SELECT COUNT(*) FROM leads WHERE version > 1"), 1);
    QCOMPARE(found(m_db, "renamed").size(), 1);
    QCOMPARE(ImportJournal(m_db).undo(r.importId), ImportJournal::UndoResult::Done);
    COMPARE_SNAPSHOTS(dbSnapshot(m_db, leadTables, {}, {"version"}),
                      beforeButVersion);
    QVERIFY(found(m_db, "renamed").isEmpty());
}

QTEST_GUILESS_MAIN(TestBulkInsert)
#include "tst_bulkinsert.moc"
