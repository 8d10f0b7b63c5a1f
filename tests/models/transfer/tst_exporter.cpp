// The CSV writer and exporter: RFC 4180 quoting, the formula guard, filters, and the round
// trip export -> import (update) -> export giving the same bytes.
#include "csv/csvwriter.h"
#include "storage/database.h"
#include "storage/demodata.h"
#include "transfer/exporter.h"
#include "transfer/importer.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"

#include <QBuffer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void quoting_data();
    void quoting();
    void formulaGuard_data();
    void formulaGuard();
    void exportsWhatTheFilterShows();
    void bomSemicolonAndColumns();
    void roundTripIsByteIdentical();

private:
    QByteArray exportBytes(Entity e, const ExportOptions &o = {});
    QTemporaryDir m_dir;
    QString m_db;
    int m_n = 0;
};

void TestExporter::init()
{
    m_db = QStringLiteral("exp%1").arg(++m_n);
    QVERIFY(Database::open(m_dir.filePath(m_db + ".sqlite"), m_db).isEmpty());
}

void TestExporter::cleanup()
{
    Database::close(m_db);
}

QByteArray TestExporter::exportBytes(Entity e, const ExportOptions &o)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Exporter exporter(m_db);
    const qint64 rows = exporter.write(e, o, &buffer);
    if (rows < 0)
        qWarning() << exporter.errorString();
    return buffer.data();
}

void TestExporter::quoting_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("csv");
    QTest::newRow("plain") << "Acme" << "Acme";
    QTest::newRow("empty") << "" << "";
    QTest::newRow("comma") << "Acme, Inc" << "\"Acme, Inc\"";
    QTest::newRow("quote") << "5\" disk" << "\"5\"\" disk\"";
    QTest::newRow("newline") << "a\nb" << "\"a\nb\"";
    QTest::newRow("CR") << "a\rb" << "\"a\rb\"";
    QTest::newRow("leading space") << " x" << "\" x\"";
    QTest::newRow("semicolon is plain with comma delimiter") << "a;b" << "a;b";
}

void TestExporter::quoting()
{
    QFETCH(QString, cell);
    QFETCH(QString, csv);
    QCOMPARE(CsvWriter::quoted(cell, QLatin1Char(',')), csv);
}

void TestExporter::formulaGuard_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("guarded");
    QTest::newRow("=") << "=HYPERLINK(\"http://x\")" << "'=HYPERLINK(\"http://x\")";
    QTest::newRow("+") << "+49 30 1234" << "'+49 30 1234";
    QTest::newRow("-") << "-2+3" << "'-2+3";
    QTest::newRow("@") << "@SUM(A1)" << "'@SUM(A1)";
    QTest::newRow("tab") << "\t=1" << "'\t=1";
    QTest::newRow("CR") << "\r=1" << "'\r=1";
    QTest::newRow("apostrophe then =") << "'=x" << "''=x";
    QTest::newRow("plain apostrophe") << "'quoted'" << "'quoted'";
    QTest::newRow("text") << "Acme" << "Acme";
}

void TestExporter::formulaGuard()
{
    QFETCH(QString, cell);
    QFETCH(QString, guarded);
    QCOMPARE(CsvWriter::guarded(cell), guarded);
    QCOMPARE(CsvWriter::unguarded(guarded), cell); // the importer's inverse
}

void TestExporter::exportsWhatTheFilterShows()
{
    // GIVEN three leads, one converted, one with a formula-like company and a negative revenue
    RecordStore store(m_db);
    const qint64 a = store.insert(Entity::Lead, {{"last_name", "Müller"}, {"company", "=cmd|' /C calc'!A0"},
                                                 {"annual_revenue", -1500.5}, {"email", "m@x.example"}}).id;
    const qint64 b = store.insert(Entity::Lead, {{"last_name", "Hopper"}, {"phone", "+1 555 0100"}}).id;
    const qint64 c = store.insert(Entity::Lead, {{"last_name", "Converted"}}).id;
    QSqlQuery q(QSqlDatabase::database(m_db));
    QVERIFY(q.exec(QStringLiteral("UPDATE leads SET converted_at = 'x' WHERE id = %1").arg(c)));
    // WHEN all shown leads are exported with the guard on
    ExportOptions o;
    o.columns = {"last_name", "company", "annual_revenue", "phone"};
    const QByteArray all = exportBytes(Entity::Lead, o);
    // THEN the converted one is left out, formulas are neutralised, numbers are not
    QCOMPARE(all, QByteArray("Record Id,Last Name,Company,Annual Revenue,Phone\r\n"
                             "1,Müller,'=cmd|' /C calc'!A0,-1500.5,\r\n"
                             "2,Hopper,,,'+1 555 0100\r\n"));
    // AND a plain dump writes them as stored
    o.formulaGuard = false;
    QVERIFY(exportBytes(Entity::Lead, o).contains("1,Müller,=cmd|' /C calc'!A0,-1500.5,\r\n"));
    // AND the search, the converted switch and an id list each narrow the rows
    o.filter.search = "MULLER";
    QCOMPARE(exportBytes(Entity::Lead, o).count("\r\n"), 2);
    o.filter = {};
    o.filter.converted = RecordFilter::Converted::Include;
    QCOMPARE(exportBytes(Entity::Lead, o).count("\r\n"), 4);
    o.ids = {c, a};
    const QByteArray picked = exportBytes(Entity::Lead, o);
    QCOMPARE(picked.count("\r\n"), 3);
    QVERIFY(!picked.contains("Hopper"));
    Q_UNUSED(b)
}

void TestExporter::bomSemicolonAndColumns()
{
    RecordStore store(m_db);
    QVERIFY(store.insert(Entity::Account, {{"account_name", "Acme; Inc"}, {"annual_revenue", 1e6}}).ok());
    ExportOptions o;
    o.bom = true;
    o.delimiter = QLatin1Char(';');
    o.columns = {"account_name", "annual_revenue"};
    QCOMPARE(exportBytes(Entity::Account, o),
             QByteArray("\xEF\xBB\xBFRecord Id;Account Name;Annual Revenue\r\n1;\"Acme; Inc\";1000000\r\n"));
    o.columns = {"no_such_field"};
    Exporter exporter(m_db);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QCOMPARE(exporter.write(Entity::Account, o, &buffer), qint64(-1));
    QVERIFY(exporter.errorString().contains("no_such_field"));
}

void TestExporter::roundTripIsByteIdentical()
{
    // GIVEN generated records of every type plus awkward values
    QVERIFY(DemoData(m_db).generate({150, 80, 30, 40, 60}).isEmpty());
    RecordStore store(m_db);
    QVERIFY(store.insert(Entity::Lead, {{"last_name", "O'Brien, \"Jr\""}, {"phone", "+49 30 123"},
                                        {"company", "-minus"}, {"description", "two\nlines\r\nand\ttab"},
                                        {"title", "'=already guarded"}, {"annual_revenue", 0.1},
                                        {"employees", 12}, {"email_opt_out", true}}).ok());
    for (Entity e : allEntities()) {
        // WHEN it is exported, re-imported with "update" and exported again
        const QByteArray first = exportBytes(e);
        const QString path = m_dir.filePath(QStringLiteral("%1-%2.csv").arg(m_db, entityDef(e).table));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(first);
        f.close();
        ImportOptions io;
        io.entity = e;
        io.filePath = path;
        io.onDuplicate = DuplicatePolicy::Update;
        const ImportResult r = Importer(m_db).run(io);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.created, 0);
        QCOMPARE(r.rejected, 0);
        QCOMPARE(r.updated, r.rows);
        // THEN the second export is the same file, byte for byte
        QCOMPARE(exportBytes(e), first);
    }
}

QTEST_GUILESS_MAIN(TestExporter)
#include "tst_exporter.moc"
