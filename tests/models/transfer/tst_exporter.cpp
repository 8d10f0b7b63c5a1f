// The CSV writer and exporter: RFC 4180 quoting, the formula guard on text cells only,
// filters, references as names with their ids beside them, empty cells for no value,
// converted leads with where they went, and the round trips export -> import (update):
// nothing changed, and the next export gives the same bytes.
#include "conversion/converter.h"
#include "csv/csvrowwriter.h"
#include "csv/csvreader.h"
#include "csv/csvwriter.h"
#include "transfer/headermatcher.h"
#include "storage/database.h"
#include "storage/demodata.h"
#include "transfer/exporter.h"
#include "transfer/importer.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"
#include "support/engines.h"

#include <QBuffer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

// A CSV writer that offers no UTF-8 cells: the export reads through Qt's driver, as on
// PostgreSQL, instead of SQLite's own bytes.
class ThroughQt : public RowWriter
{
public:
    explicit ThroughQt(CsvRowWriter &csv) : m_csv(csv) {}
    bool writeHeader(const QStringList &titles) override { return m_csv.writeHeader(titles); }
    bool writeRow(const QVariantList &cells) override { return m_csv.writeRow(cells); }
    bool finish() override { return m_csv.finish(); }
    QString errorString() const override { return m_csv.errorString(); }

private:
    CsvRowWriter &m_csv;
};

} // namespace

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
    void emptyStaysEmpty();
    void reimportChangesNothing();
    void reimportKeepsAnEmptyBoolEmpty();
    void bytesArePinned_data();
    void bytesArePinned();

private:
    QByteArray exportBytes(Entity e, const ExportOptions &o = {});
    QList<QStringList> exportRows(Entity e, const ExportOptions &o = {});
    ImportResult reimport(Entity e, const QByteArray &csv);
    QList<QStringList> snapshot(Entity e);
    QTemporaryDir m_dir;
    QString m_db;
    int m_n = 0;
};

void TestExporter::init()
{
    m_db = QStringLiteral("exp%1").arg(++m_n);
    QVERIFY(Database::open(Engines::location(m_dir.filePath(m_db + ".sqlite")), m_db).isEmpty());
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
        // THEN every row matched its record, and none changed it (nothing written)
        QCOMPARE(r.unchanged, r.rows);
        QCOMPARE(r.updated, 0);
        // AND the second export is the same file, byte for byte
        QCOMPARE(exportBytes(e), first);
    }
}

QList<QStringList> TestExporter::exportRows(Entity e, const ExportOptions &o)
{
    QByteArray bytes = exportBytes(e, o);
    QList<QStringList> rows;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, CsvDialect{});
    QStringList cells;
    while (reader.readRecord(cells))
        rows << cells;
    return rows;
}

ImportResult TestExporter::reimport(Entity e, const QByteArray &csv)
{
    const QString path = m_dir.filePath(QStringLiteral("%1-%2-again.csv")
                                            .arg(m_db, QLatin1String(entityDef(e).table)));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(csv);
    f.close();
    ImportOptions io;
    io.entity = e;
    io.filePath = path;
    io.onDuplicate = DuplicatePolicy::Update;
    return Importer(m_db).run(io);
}

// Every stored value of every record of `e`, as text ("<null>" for none), by id.
QList<QStringList> TestExporter::snapshot(Entity e)
{
    QStringList columns{QStringLiteral("id")};
    for (const FieldDef &f : entityDef(e).fields)
        columns << QLatin1String(f.name);
    for (const FieldDef &f : entityDef(e).links)
        columns << QLatin1String(f.name);
    if (e == Entity::Lead)
        columns << QStringLiteral("converted_at");
    QSqlQuery q(QSqlDatabase::database(m_db));
    q.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY id")
               .arg(columns.join(','), QLatin1String(entityDef(e).table)));
    QList<QStringList> rows;
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < columns.size(); ++i)
            row << (q.isNull(i) ? QStringLiteral("<null>") : q.value(i).toString());
        rows << row;
    }
    return rows;
}

void TestExporter::emptyStaysEmpty()
{
    // GIVEN a record of each type with only what it must have
    RecordStore store(m_db);
    const qint64 lead = store.insert(Entity::Lead, {{"last_name", "Bare"}}).id;
    QVERIFY(store.insert(Entity::Contact, {{"last_name", "Bare"}}).ok());
    QVERIFY(store.insert(Entity::Account, {{"account_name", "Bare"}}).ok());
    QVERIFY(store.insert(Entity::Deal, {{"deal_name", "Bare"}}).ok());
    QVERIFY(store.insert(Entity::Activity, {{"subject", "Bare"}, {"lead_id", lead}}).ok());
    const QSet<QString> given{"last_name", "account_name", "deal_name", "subject", "lead_id"};
    for (Entity e : allEntities()) {
        // WHEN every field is exported
        const QList<QStringList> rows = exportRows(e);
        QCOMPARE(rows.size(), 2);
        // THEN every field nobody set, of whatever type (an opt-out too), is an empty cell
        const auto &fields = entityDef(e).fields;
        qsizetype column = 1;
        for (const FieldDef &f : fields) {
            const QString cell = rows[1][column];
            column += f.type == FieldType::Reference ? 2 : 1;
            if (given.contains(QLatin1String(f.name)) || *f.defaultValue)
                continue;
            QVERIFY2(cell.isEmpty(), qPrintable(QStringLiteral("%1 %2: “%3”")
                                                    .arg(entityDef(e).table, f.name, cell)));
        }
    }
    // AND a set opt-out is written as the importer reads it
    QVERIFY(store.update(Entity::Lead, lead, {{"email_opt_out", false}}).ok());
    ExportOptions o;
    o.columns = {"email_opt_out"};
    QCOMPARE(exportRows(Entity::Lead, o)[1][1], QString("false"));
}

void TestExporter::reimportChangesNothing()
{
    // GIVEN records that point at each other, with every kind of value set, and two
    // accounts of one name, which only the Id columns tell apart
    RecordStore store(m_db);
    const qint64 parent = store.insert(Entity::Account, {{"account_name", "Holding"}}).id;
    QVERIFY(store.insert(Entity::Account, {{"account_name", "Acme, Inc"}}).ok());
    const qint64 acme = store.insert(Entity::Account, {{"account_name", "Acme, Inc"},
                                                       {"parent_account_id", parent},
                                                       {"phone", "+49 30 123"},
                                                       {"annual_revenue", 2.5e6},
                                                       {"employees", 40}}).id;
    const qint64 ada = store.insert(Entity::Contact, {{"first_name", "Ada"},
                                                      {"last_name", "Lovelace"},
                                                      {"account_id", acme}, {"email_opt_out", true},
                                                      {"mobile", "+44 20 7946"}}).id;
    QVERIFY(store.insert(Entity::Contact, {{"last_name", "Babbage"}, {"account_id", acme},
                                           {"email_opt_out", false}}).ok());
    QVERIFY(store.insert(Entity::Deal, {{"deal_name", "Engine"}, {"account_id", acme},
                                        {"contact_id", ada}, {"amount", 1234.5},
                                        {"closing_date", "2026-06-30"}}).ok());
    QVERIFY(store.insert(Entity::Lead, {{"last_name", "Hopper"}, {"email_opt_out", false},
                                        {"phone", "-1"}}).ok());
    for (Entity e : {Entity::Account, Entity::Contact, Entity::Deal, Entity::Lead}) {
        const QList<QStringList> before = snapshot(e);
        // WHEN the export is imported again, unchanged, updating what exists
        const ImportResult r = reimport(e, exportBytes(e));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.created, 0);
        QCOMPARE(r.rejected, 0);
        // THEN no record holds anything else than before
        QCOMPARE(snapshot(e), before);
    }
}

void TestExporter::reimportKeepsAnEmptyBoolEmpty()
{
    // GIVEN a contact whose opt-out nobody set
    RecordStore store(m_db);
    QVERIFY(store.insert(Entity::Contact, {{"last_name", "Unset"}}).ok());
    const QList<QStringList> before = snapshot(Entity::Contact);
    const QByteArray csv = exportBytes(Entity::Contact);
    // WHEN its export is imported again
    const ImportResult r = reimport(Entity::Contact, csv);
    QVERIFY2(r.ok(), qPrintable(r.error));
    // THEN the opt-out is still unset: exported empty, imported empty
    QCOMPARE(snapshot(Entity::Contact), before);
}

void TestExporter::bytesArePinned_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("guard");
    QTest::addColumn<bool>("bom");
    QTest::addColumn<QString>("delimiter");
    QTest::newRow("guarded") << "leads-guarded.csv" << true << false << ",";
    QTest::newRow("plain") << "leads-plain.csv" << false << false << ",";
    QTest::newRow("excel semicolon") << "leads-excel.csv" << true << true << ";";
}

void TestExporter::bytesArePinned()
{
    // GIVEN leads with every kind of awkward cell: quotes, delimiters, line breaks, edge
    // spaces, formula starts (with and without apostrophes), non-ASCII and a character
    // outside the BMP, empty and no value, numbers, a bool
    QFETCH(QString, file);
    QFETCH(bool, guard);
    QFETCH(bool, bom);
    QFETCH(QString, delimiter);
    RecordStore store(m_db);
    const QList<QVariantMap> leads{
        {{"last_name", QString::fromUtf8("Müller \"Mü\" € \xF0\x9F\x98\x80")},
         {"first_name", " lead"}, {"company", "trail "}, {"title", "a,b;c"},
         {"annual_revenue", 1e6}, {"employees", 12}, {"email_opt_out", true},
         {"description", "line1\r\nline2, \"q\"\n\rend"}, {"city", QString::fromUtf8("Köln")}},
        {{"last_name", "=1+1"}, {"first_name", "'=x"}, {"company", "-5"}, {"title", "@SUM(A1)"},
         {"city", "\t=1"}, {"street", "\r=1"}, {"description", "+49 30 1"},
         {"annual_revenue", 2.5}, {"employees", 0}, {"email_opt_out", false}},
        {{"last_name", "Plain"}, {"first_name", ""}, {"company", "'quoted'"},
         {"annual_revenue", -1234.125}, {"description", QString::fromUtf8("\xE2\x80\xA8 ü; x")}},
    };
    for (const QVariantMap &lead : leads)
        QVERIFY(store.insert(Entity::Lead, lead).ok());
    // What the form would trim or empty, stored as another program may have left it.
    QSqlQuery q(QSqlDatabase::database(m_db));
    q.prepare("UPDATE leads SET first_name = ?, company = ?, city = ?, street = ?, title = ? "
              "WHERE id = ?");
    for (const QVariant &v : {QVariant(" lead"), QVariant("trail "), QVariant("\t=1"),
                              QVariant("\r=1"), QVariant(""), QVariant(3)})
        q.addBindValue(v);
    QVERIFY(q.exec());
    // WHEN they are exported THEN the bytes are those Rapport has always written
    ExportOptions o;
    o.formulaGuard = guard;
    o.bom = bom;
    o.delimiter = delimiter.at(0);
    o.columns = {"last_name", "first_name", "company", "title", "street", "city",
                 "annual_revenue", "employees", "email_opt_out", "description"};
    QFile pinned(QStringLiteral(RAPPORT_TEST_DATA "/export/") + file);
    QVERIFY(pinned.open(QIODevice::ReadOnly));
    const QByteArray expected = pinned.readAll();
    QCOMPARE(exportBytes(Entity::Lead, o), expected);
    // AND so are those read through Qt's driver, where SQLite's own bytes were read above
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        CsvRowWriter csv(&buffer, o.delimiter, o.bom, o.formulaGuard);
        ThroughQt throughQt(csv);
        QCOMPARE(Exporter(m_db).write(Entity::Lead, o, throughQt), qint64(leads.size()));
    }
    QCOMPARE(buffer.data(), expected);
}

QTEST_GUILESS_MAIN(TestExporter)
#include "tst_exporter.moc"
