// Undoing an import (transfer/importjournal.h, transfer/importundo.h): a journal of several id
// runs plus updated records restores exactly, an edit or a note made since refuses the undo
// and changes nothing, updated records get their values back with their version moved on,
// and an undo that removes most of a table (its indexes and search index built again after
// the delete on SQLite), empties it, or restores most of its search keys leaves the table,
// its indexes and both search indexes (words and one- or two-letter pieces) as before.
#include "storage/database.h"
#include "storage/demodata.h"
#include "storage/notestore.h"
#include "storage/recordstore.h"
#include "storage/searchindex.h"
#include "transfer/importer.h"
#include "transfer/importjournal.h"
#include "support/dbsnapshot.h"
#include "support/engines.h"
#include "support/testclock.h"

#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestImportJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void undoOfSeveralRunsRestoresExactly();
    void undoRefusedAfterLaterEditOrNote();
    void undoOfUpdateRestoresValuesAndMovesVersions();
    void undoOfMostOfTheTableKeepsIndexesAndSearch();
    void undoOfTheWholeTableEmptiesItAndItsSearch();
    void undoOfTheWholeTableKeepsARecordAddedSince();
    void undoOfUpdatedSearchKeysFindsTheOldWords();

private:
    ImportResult import(const QByteArray &bytes, DuplicatePolicy p = DuplicatePolicy::Skip);
    // Splits the import's one run of created ids into runs leaving out `kept`, as a journal
    // of an import whose ids others interleaved would be.
    void splitRuns(qint64 importId, const QList<qint64> &kept);
    qint64 scalar(const QString &sql);
    QByteArray newLeads(int n, const QString &tag);
    // The ids each index finds for a few words and pieces; on PostgreSQL, the same through
    // LIKE (what its search does without SQLite's tables).
    QStringList searchResults();
    QStringList schema();
    void checkIntegrity();

    QTemporaryDir m_dir;
    QString m_db;
    int m_n = 0;
    TestClock m_clock;
};

void TestImportJournal::init()
{
    m_db = QStringLiteral("ij%1").arg(++m_n);
    QVERIFY(Database::open(Engines::location(m_dir.filePath(m_db + ".sqlite")), m_db).isEmpty());
}

void TestImportJournal::cleanup()
{
    Database::close(m_db);
}

ImportResult TestImportJournal::import(const QByteArray &bytes, DuplicatePolicy p)
{
    const QString path = m_dir.filePath(QStringLiteral("%1-%2.csv").arg(m_db).arg(++m_n));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    f.close();
    ImportOptions o;
    o.entity = Entity::Lead;
    o.filePath = path;
    o.onDuplicate = p;
    return Importer(m_db).run(o);
}

QByteArray TestImportJournal::newLeads(int n, const QString &tag)
{
    QByteArray csv = "Last Name,Email,City\n";
    for (int i = 0; i < n; ++i)
        csv += QStringLiteral("%1%2,%1%2@new.example,Zyxwville\n").arg(tag).arg(i).toUtf8();
    return csv;
}

qint64 TestImportJournal::scalar(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_db));
    if (!q.exec(sql) || !q.next())
        qWarning() << sql << q.lastError().text();
    return q.value(0).toLongLong();
}

void TestImportJournal::splitRuns(qint64 importId, const QList<qint64> &kept)
{
    QSqlQuery q(QSqlDatabase::database(m_db));
    q.prepare("SELECT first_id, last_id FROM import_records WHERE import_id = ? AND "
              "previous IS NULL AND entity IS NULL");
    q.addBindValue(importId);
    QVERIFY(q.exec() && q.next());
    const qint64 first = q.value(0).toLongLong(), last = q.value(1).toLongLong();
    QVERIFY(!q.next()); // one run, as an import writes it
    q.prepare("DELETE FROM import_records WHERE import_id = ? AND previous IS NULL");
    q.addBindValue(importId);
    QVERIFY(q.exec());
    qint64 runFirst = first;
    for (qint64 id = first; id <= last + 1; ++id) {
        if (id <= last && !kept.contains(id))
            continue;
        if (runFirst < id) {
            q.prepare("INSERT INTO import_records (import_id, first_id, last_id) VALUES (?, ?, ?)");
            q.addBindValue(importId);
            q.addBindValue(runFirst);
            q.addBindValue(id - 1);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        runFirst = id + 1;
    }
}

void TestImportJournal::undoOfSeveralRunsRestoresExactly()
{
    // GIVEN generated records, then an import that updates five and creates ten, its created
    // ids journalled as three runs around two records it did not make
    QVERIFY(DemoData(m_db).generate({100, 20, 10, 10}).isEmpty());
    const DbSnapshot before = undoSnapshot(m_db, recordTables());
    QSqlQuery q(QSqlDatabase::database(m_db));
    QVERIFY(q.exec("SELECT email FROM leads WHERE email IS NOT NULL ORDER BY id LIMIT 5"));
    QByteArray csv = newLeads(10, "Run");
    while (q.next())
        csv += "Changed," + q.value(0).toString().toUtf8() + ",\n";
    q.finish();
    const ImportResult r = import(csv, DuplicatePolicy::Update);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 10);
    QCOMPARE(r.updated, 5);
    const qint64 firstNew = scalar("SELECT MIN(id) FROM leads WHERE last_name LIKE 'Run%'");
    const QList<qint64> kept{firstNew + 3, firstNew + 7};
    splitRuns(r.importId, kept);
    const DbSnapshot imported = undoSnapshot(m_db, recordTables());
    // WHEN it is undone
    ImportJournal journal(m_db);
    QCOMPARE(journal.undo(r.importId), ImportJournal::UndoResult::Done);
    // THEN every record table is as before, but for the two records outside its runs
    DbSnapshot expected = before;
    for (const QString &row : imported.value("leads")) {
        for (qint64 id : kept) {
            if (row.startsWith(QStringLiteral("id=%1|").arg(id)))
                expected["leads"] << row;
        }
    }
    COMPARE_SNAPSHOTS(undoSnapshot(m_db, recordTables()), expected);
    QCOMPARE(scalar("SELECT COUNT(*) FROM leads WHERE last_name LIKE 'Run%'"), 2);
}

void TestImportJournal::undoRefusedAfterLaterEditOrNote()
{
    // GIVEN an import of twelve leads in three runs
    const ImportResult r = import(newLeads(12, "Late"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    const qint64 first = scalar("SELECT MIN(id) FROM leads");
    splitRuns(r.importId, {first + 4, first + 8});
    m_clock.advance(); // a later time stamp
    // WHEN a record of the last run is edited since THEN undo refuses, naming it, and
    // changes nothing
    QVERIFY(RecordStore(m_db).update(Entity::Lead, first + 10, {{"city", "Paris"}}).ok());
    DbSnapshot before = dbSnapshot(m_db);
    ImportJournal journal(m_db);
    QCOMPARE(journal.undo(r.importId), ImportJournal::UndoResult::Conflict);
    QVERIFY2(journal.errorString().contains(QStringLiteral("Lead %1 was changed").arg(first + 10)),
             qPrintable(journal.errorString()));
    COMPARE_SNAPSHOTS(dbSnapshot(m_db), before);
    // WHEN (the edit aside) a record of the middle run gained a note THEN refused as well
    QSqlQuery q(QSqlDatabase::database(m_db));
    q.prepare("UPDATE leads SET modified_at = (SELECT stamp FROM imports WHERE id = ?) "
              "WHERE id = ?");
    q.addBindValue(r.importId);
    q.addBindValue(first + 10);
    QVERIFY(q.exec());
    QVERIFY(NoteStore(m_db).add(Entity::Lead, first + 6, "Called back").ok());
    before = dbSnapshot(m_db);
    QCOMPARE(journal.undo(r.importId), ImportJournal::UndoResult::Conflict);
    QVERIFY2(journal.errorString().contains(QString::number(first + 6)),
             qPrintable(journal.errorString()));
    COMPARE_SNAPSHOTS(dbSnapshot(m_db), before);
    QVERIFY(!journal.find(r.importId)->undone);
}

void TestImportJournal::undoOfUpdateRestoresValuesAndMovesVersions()
{
    // GIVEN three leads with varied values (a number, an empty one, an absent one)
    const ImportResult first = import("Last Name,Email,City,Annual Revenue,No. of Employees\n"
                                      "A,a@x.example,Berlin,1000.5,12\n"
                                      "B,b@x.example,,2000,\n"
                                      "C,c@x.example,Rome,,7\n");
    QVERIFY2(first.ok(), qPrintable(first.error));
    const DbSnapshot before = undoSnapshot(m_db, {"leads"});
    const qint64 versions = scalar("SELECT SUM(version) FROM leads");
    m_clock.advance();
    // AND an import that changes them (two of them in different columns)
    const ImportResult update = import("Last Name,Email,City,Annual Revenue,No. of Employees\n"
                                       "A2,a@x.example,Paris,1000.5,13\n"
                                       "B,b@x.example,Oslo,,\n"
                                       "C,c@x.example,Rome,3.25,\n", DuplicatePolicy::Update);
    QVERIFY2(update.ok(), qPrintable(update.error));
    QCOMPARE(update.updated, 3);
    const qint64 updatedVersions = scalar("SELECT SUM(version) FROM leads");
    QVERIFY(undoSnapshot(m_db, {"leads"}) != before);
    // WHEN the update is undone
    ImportJournal journal(m_db);
    QCOMPARE(journal.undo(update.importId), ImportJournal::UndoResult::Done);
    // THEN every value is back, types included, and each record's version moved on by one
    COMPARE_SNAPSHOTS(undoSnapshot(m_db, {"leads"}), before);
    QCOMPARE(scalar("SELECT SUM(version) FROM leads"), updatedVersions + 3);
    QVERIFY(updatedVersions >= versions);
    QCOMPARE(scalar("SELECT COUNT(*) FROM leads WHERE city = 'Oslo' OR last_name = 'A2'"), 0);
    QCOMPARE(scalar("SELECT COUNT(*) FROM leads WHERE employees IS NULL"), 1);
    // AND the first import can then be undone too
    QCOMPARE(journal.undo(first.importId), ImportJournal::UndoResult::Done);
    QCOMPARE(scalar("SELECT COUNT(*) FROM leads"), 0);
}

void TestImportJournal::undoOfMostOfTheTableKeepsIndexesAndSearch()
{
    // GIVEN ten leads, then an import of forty more (most of the table)
    QVERIFY(DemoData(m_db).generate({10, 0, 0, 0}).isEmpty());
    const DbSnapshot before = undoSnapshot(m_db, recordTables());
    const QStringList schemaBefore = schema();
    const QString someone = QString::number(scalar("SELECT MIN(id) FROM leads"));
    const ImportResult r = import(newLeads(40, "Bulk"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    // WHEN it is undone
    ImportJournal journal(m_db);
    QCOMPARE(journal.undo(r.importId), ImportJournal::UndoResult::Done);
    // THEN the ten are as they were, with the same indexes and triggers
    COMPARE_SNAPSHOTS(undoSnapshot(m_db, recordTables()), before);
    QCOMPARE(schema(), schemaBefore);
    // AND the search finds the ten and none of the forty
    if (!Engines::postgres()) {
        QSqlQuery q(QSqlDatabase::database(m_db));
        QVERIFY2(q.exec("INSERT INTO leads_fts (leads_fts) VALUES ('integrity-check')"),
                 qPrintable(q.lastError().text()));
        QCOMPARE(scalar("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH "
                        "'\"new.example\"'"), 0);
        QCOMPARE(scalar("SELECT COUNT(*) FROM leads_fts"), 10);
        QCOMPARE(scalar("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH "
                        "(SELECT '\"' || substr(search_key, 1, 6) || '\"' FROM leads WHERE id = "
                        + someone + ")"), 1);
    }
    // AND a new import is indexed as ever
    QVERIFY(import(newLeads(3, "Again")).ok());
    if (!Engines::postgres())
        QCOMPARE(scalar("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH "
                        "'\"new.example\"'"), 3);
}

QStringList TestImportJournal::searchResults()
{
    QStringList out;
    QSqlQuery q(QSqlDatabase::database(m_db));
    for (const QString word : {"m", "mu", "uz", "bulk", "new.example", "axby", "y1", "0@"}) {
        QString sql;
        if (Engines::postgres()) {
            sql = "SELECT id FROM leads WHERE search_key LIKE '%" + word + "%'";
        } else if (const QString phrase = SearchIndex::phraseFor(word); !phrase.isEmpty()) {
            sql = "SELECT rowid FROM leads_fts WHERE leads_fts MATCH '" + phrase + "'";
        } else {
            sql = "SELECT rowid FROM leads_grams WHERE leads_grams MATCH '"
                + SearchIndex::shortPhraseFor(word) + "'";
        }
        if (!q.exec(sql + " ORDER BY 1"))
            qWarning() << sql << q.lastError().text();
        QStringList ids;
        while (q.next())
            ids << q.value(0).toString();
        out << word + ": " + ids.join(',');
    }
    return out;
}

QStringList TestImportJournal::schema()
{
    QStringList out;
    QSqlQuery q(QSqlDatabase::database(m_db));
    if (Engines::postgres())
        q.exec("SELECT indexdef FROM pg_indexes WHERE tablename = 'leads'");
    else
        q.exec("SELECT type || ' ' || name || ' ' || sql FROM sqlite_master WHERE "
               "tbl_name = 'leads'");
    while (q.next())
        out << q.value(0).toString();
    out.sort();
    return out;
}

void TestImportJournal::checkIntegrity()
{
    if (Engines::postgres())
        return;
    QSqlQuery q(QSqlDatabase::database(m_db));
    QVERIFY2(q.exec("PRAGMA integrity_check") && q.next(), qPrintable(q.lastError().text()));
    QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
    QVERIFY2(q.exec("INSERT INTO leads_fts (leads_fts) VALUES ('integrity-check')"),
             qPrintable(q.lastError().text()));
}

void TestImportJournal::undoOfTheWholeTableEmptiesItAndItsSearch()
{
    // GIVEN an empty table and a schema as a new database has it
    const QStringList schemaBefore = schema();
    const QStringList searchBefore = searchResults();
    // AND an import into it, found by the search
    const ImportResult r = import(newLeads(30, "Bulk"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(searchResults() != searchBefore);
    // WHEN it is undone
    ImportJournal journal(m_db);
    QCOMPARE(journal.undo(r.importId), ImportJournal::UndoResult::Done);
    // THEN the table is empty, with the same indexes and triggers, and sound
    QCOMPARE(scalar("SELECT COUNT(*) FROM leads"), 0);
    QCOMPARE(schema(), schemaBefore);
    checkIntegrity();
    // AND neither search index finds anything, short pieces included
    QCOMPARE(searchResults(), searchBefore);
    // AND an import afterwards is found by words and by one and two letters
    QVERIFY(import(newLeads(2, "Muz")).ok());
    QCOMPARE(scalar("SELECT COUNT(*) FROM leads"), 2);
    const QStringList after = searchResults();
    QVERIFY2(after.contains(QRegularExpression("^mu: \\d+,\\d+$")), qPrintable(after.join(';')));
    QVERIFY2(after.contains(QRegularExpression("^uz: \\d+,\\d+$")), qPrintable(after.join(';')));
}

void TestImportJournal::undoOfTheWholeTableKeepsARecordAddedSince()
{
    // GIVEN an import into an empty table, one of its records deleted since and a record
    // added since (as many records as the import's ids, none of them the import's)
    const ImportResult r = import(newLeads(6, "Bulk"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    const qint64 gone = scalar("SELECT MIN(id) FROM leads");
    QVERIFY(RecordStore(m_db).remove(Entity::Lead, gone).isEmpty());
    QVERIFY(DemoData(m_db).generate({1, 0, 0, 0}).isEmpty());
    const qint64 added = scalar("SELECT MAX(id) FROM leads");
    QCOMPARE(scalar("SELECT COUNT(*) FROM leads"), 6);
    // WHEN the import is undone
    ImportJournal journal(m_db);
    QCOMPARE(journal.undo(r.importId), ImportJournal::UndoResult::Done);
    // THEN only the record added since is left, and the search finds it alone
    QCOMPARE(scalar("SELECT COUNT(*) FROM leads"), 1);
    QCOMPARE(scalar("SELECT id FROM leads"), added);
    checkIntegrity();
    if (!Engines::postgres())
        QCOMPARE(scalar("SELECT COUNT(*) FROM leads_fts"), 1);
}

void TestImportJournal::undoOfUpdatedSearchKeysFindsTheOldWords()
{
    // GIVEN twenty leads, then an import that changes the searched names of eighteen
    QVERIFY(import(newLeads(20, "Mull")).ok());
    const DbSnapshot before = undoSnapshot(m_db, {"leads"});
    const QStringList searchBefore = searchResults();
    const QStringList schemaBefore = schema();
    m_clock.advance();
    QByteArray csv = "Last Name,Email,City\n";
    for (int i = 0; i < 18; ++i)
        csv += QStringLiteral("Axby%1,Mull%1@new.example,Xville\n").arg(i).toUtf8();
    const ImportResult update = import(csv, DuplicatePolicy::Update);
    QVERIFY2(update.ok(), qPrintable(update.error));
    QCOMPARE(update.updated, 18);
    QVERIFY(searchResults() != searchBefore);
    // WHEN it is undone
    ImportJournal journal(m_db);
    QCOMPARE(journal.undo(update.importId), ImportJournal::UndoResult::Done);
    // THEN the records, the schema and what every search finds are as before
    COMPARE_SNAPSHOTS(undoSnapshot(m_db, {"leads"}), before);
    QCOMPARE(schema(), schemaBefore);
    checkIntegrity();
    QCOMPARE(searchResults(), searchBefore);
    // AND a later edit of a search key is still indexed by the triggers
    QVERIFY(import("Last Name,Email\nQuux,Mull3@new.example\n", DuplicatePolicy::Update).ok());
    if (!Engines::postgres())
        QCOMPARE(scalar("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"quux\"'"), 1);
}

QTEST_GUILESS_MAIN(TestImportJournal)
#include "tst_importjournal.moc"
