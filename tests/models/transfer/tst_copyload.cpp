// The import's rows sent by COPY on PostgreSQL (transfer/copyload.h): COPY's text format
// keeps every character a cell may hold, and a row the database refuses in a later chunk
// leaves nothing written, after which the same connection imports again. The import tests
// run on both engines: on SQLite the same files go through INSERT, and must end the same.
#include "storage/database.h"
#include "support/dbsnapshot.h"
#include "support/engines.h"
#include "support/testclock.h"
#include "transfer/copyload.h"
#include "transfer/importer.h"
#include "transfer/importjournal.h"

#include <QDate>
#include <QSqlError>
#include <QSqlQuery>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestCopyLoad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void encodesValuesAsCopyText_data();
    void encodesValuesAsCopyText();
    void awkwardTextSurvivesTheImport();
    void aRowRefusedInALaterChunkWritesNothing();

private:
    QString file(const QByteArray &bytes);
    QTemporaryDir m_dir;
    QString m_db;
    int m_n = 0;
    TestClock m_clock;
};

void TestCopyLoad::init()
{
    m_db = QStringLiteral("copy%1").arg(++m_n);
    QCOMPARE(Database::open(Engines::location(m_dir.filePath(m_db + ".sqlite")), m_db),
             QString());
}

void TestCopyLoad::cleanup()
{
    Database::close(m_db);
}

QString TestCopyLoad::file(const QByteArray &bytes)
{
    const QString path = m_dir.filePath(QStringLiteral("f%1.csv").arg(++m_n));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    return path;
}

void TestCopyLoad::encodesValuesAsCopyText_data()
{
    QTest::addColumn<QVariantList>("values");
    QTest::addColumn<QByteArray>("line");
    QTest::addRow("plain") << QVariantList{"Lee", 42, 2.5} << QByteArray("Lee\t42\t2.5\n");
    QTest::addRow("no value, and text that only looks like none")
        << QVariantList{QVariant(), "\\N", "N", ""} << QByteArray("\\N\t\\\\N\tN\t\n");
    QTest::addRow("tab, newline, carriage return, backslash")
        << QVariantList{"a\tb", "x\r\ny", "C:\\temp\\new"}
        << QByteArray("a\\tb\tx\\r\\ny\tC:\\\\temp\\\\new\n");
    QTest::addRow("NUL dropped, UTF-8 kept")
        << QVariantList{QString::fromUtf8("K\xc3\xb6ln") + QChar(0) + "!"}
        << QByteArray("K\xc3\xb6ln!\n");
    QTest::addRow("yes/no and dates")
        << QVariantList{true, false, QDate(2026, 12, 7)} << QByteArray("t\tf\t2026-12-07\n");
}

void TestCopyLoad::encodesValuesAsCopyText()
{
    QFETCH(QVariantList, values);
    QFETCH(QByteArray, line);
    QCOMPARE(CopyLoad::encodeRow(values), line);
}

void TestCopyLoad::awkwardTextSurvivesTheImport()
{
    // GIVEN a file whose descriptions hold what COPY's text format escapes
    const QStringList texts{
        "C:\\temp\\new", "a\tb", "\\N", "\\\\N", "N", "line one\nline two", "back\\",
        "\\t is not a tab", "quote \" and , comma", QString::fromUtf8("Gr\xc3\xbc\xc3\x9f" "e \xe2\x82\xac")};
    QByteArray csv = "Last Name,Description\n";
    for (int i = 0; i < texts.size(); ++i) {
        QString cell = texts[i];
        cell.replace('"', "\"\"");
        csv += "Row" + QByteArray::number(i) + ",\"" + cell.toUtf8() + "\"\n";
    }
    ImportOptions o;
    o.filePath = file(csv);
    QCOMPARE(CopyLoad::isAvailable(m_db), Engines::postgres());
    // WHEN it is imported
    const ImportResult r = Importer(m_db).run(o);
    // THEN each description is stored exactly as the file had it
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, texts.size());
    QSqlQuery q(QSqlDatabase::database(m_db));
    QVERIFY(q.exec("SELECT description, last_name FROM leads ORDER BY id"));
    QStringList stored;
    while (q.next()) {
        QCOMPARE(q.value(1).toString(), QStringLiteral("Row%1").arg(stored.size()));
        stored << q.value(0).toString();
    }
    QCOMPARE(stored, texts);
}

void TestCopyLoad::aRowRefusedInALaterChunkWritesNothing()
{
    // GIVEN a database that refuses one lead by name, and a file with that lead in its
    // second chunk (a rule of the server's own, which the import's checks cannot know)
    QSqlQuery q(QSqlDatabase::database(m_db));
    const bool pg = Engines::postgres();
    QVERIFY2(q.exec(pg ? "ALTER TABLE leads ADD CONSTRAINT refuse_one "
                         "CHECK (last_name <> 'Refused')"
                       : "CREATE TRIGGER refuse_one BEFORE INSERT ON leads "
                         "WHEN NEW.last_name = 'Refused' BEGIN SELECT RAISE(ABORT, 'no'); END"),
             qPrintable(q.lastError().text()));
    auto dropRule = qScopeGuard([this, pg] {
        QSqlQuery(QSqlDatabase::database(m_db))
            .exec(pg ? "ALTER TABLE leads DROP CONSTRAINT refuse_one"
                     : "DROP TRIGGER refuse_one");
    });
    const int rows = CopyLoad::ChunkRows + 50, refused = CopyLoad::ChunkRows + 10;
    QByteArray csv = "Last Name,Email\n";
    for (int i = 0; i < rows; ++i)
        csv += (i == refused ? QByteArray("Refused") : "L" + QByteArray::number(i)) + ",l"
            + QByteArray::number(i) + "@x.example\n";
    const auto before = dbSnapshot(m_db);
    const auto records = undoSnapshot(m_db, recordTables());
    ImportOptions o;
    o.filePath = file(csv);
    // WHEN it is imported
    const ImportResult r = Importer(m_db).run(o);
    // THEN the import fails naming the row's line (or its chunk's), and nothing is written
    QCOMPARE(r.status, ImportResult::Status::Failed);
    const qint64 line = refused + 2, chunkFirst = CopyLoad::ChunkRows + 2;
    QVERIFY2(r.error.startsWith(pg ? QStringLiteral("Lines %1 to %2:").arg(chunkFirst).arg(rows + 1)
                                   : QStringLiteral("Line %1:").arg(line)),
             qPrintable(r.error));
    QVERIFY2(r.error.endsWith("nothing was imported."), qPrintable(r.error));
    COMPARE_SNAPSHOTS(dbSnapshot(m_db), before);
    // AND once the rule is gone the same connection imports the file, undone exactly
    dropRule.dismiss();
    QVERIFY(q.exec(pg ? "ALTER TABLE leads DROP CONSTRAINT refuse_one" : "DROP TRIGGER refuse_one"));
    const ImportResult again = Importer(m_db).run(o);
    QVERIFY2(again.ok(), qPrintable(again.error));
    QCOMPARE(again.created, rows);
    QVERIFY(q.exec("SELECT COUNT(*) FROM leads") && q.next());
    QCOMPARE(q.value(0).toInt(), rows);
    q.finish();
    QCOMPARE(ImportJournal(m_db).undo(again.importId), ImportJournal::UndoResult::Done);
    COMPARE_SNAPSHOTS(undoSnapshot(m_db, recordTables()), records);
}

QTEST_GUILESS_MAIN(TestCopyLoad)
#include "tst_copyload.moc"
