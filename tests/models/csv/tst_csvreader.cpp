// The streaming CSV reader and dialect detection: every dialect real exports use, and every
// defect that must give a clear error instead of a crash or a half-read file.
#include "csv/csvdialect.h"
#include "csv/csvreader.h"
#include "support/bytes.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace Rapport;

using Records = QList<QStringList>;
using Lines = QList<qint64>;

namespace {

struct ReadResult {
    Records records;
    Lines lines;
    QString error;
    CsvDialect dialect;
};

ReadResult readAll(const QByteArray &bytes, const QByteArray &encoding = {},
                   QChar delimiter = {}, qsizetype maxCell = CsvReader::DefaultMaxCellSize)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    ReadResult r;
    r.dialect = CsvDialect::detect(&buffer);
    if (!encoding.isEmpty())
        r.dialect.encoding = encoding;
    if (!delimiter.isNull())
        r.dialect.delimiter = delimiter;
    CsvReader reader(&buffer, r.dialect);
    reader.setMaxCellSize(maxCell);
    QStringList fields;
    while (reader.readRecord(fields)) {
        r.records.append(fields);
        r.lines.append(reader.recordLine());
    }
    r.error = reader.errorString();
    return r;
}

QByteArray utf16(const QString &text, bool bigEndian)
{
    QByteArray out = bigEndian ? QByteArray("\xFE\xFF") : QByteArray("\xFF\xFE");
    for (QChar c : text) {
        const char hi = char(c.unicode() >> 8), lo = char(c.unicode() & 0xFF);
        out += bigEndian ? QByteArray{&hi, 1} + QByteArray{&lo, 1}
                         : QByteArray{&lo, 1} + QByteArray{&hi, 1};
    }
    return out;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reads_data();
    void reads();
    void defects_data();
    void defects();
    void detectsDialect_data();
    void detectsDialect();
    void streamsLargeFileAcrossChunks();
    void fixtureFiles_data();
    void fixtureFiles();
};

void TestCsvReader::reads_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<Records>("records");
    QTest::addColumn<Lines>("lines");

    const Records ab{{"a", "b"}, {"1", "2"}};
    QTest::newRow("LF") << QByteArray("a,b\n1,2\n") << QByteArray() << ab << Lines{1, 2};
    QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << QByteArray() << ab << Lines{1, 2};
    QTest::newRow("lone CR") << QByteArray("a,b\r1,2\r") << QByteArray() << ab << Lines{1, 2};
    QTest::newRow("no final line break") << QByteArray("a,b\n1,2") << QByteArray() << ab << Lines{1, 2};
    QTest::newRow("semicolon") << QByteArray("a;b\n1;2\n") << QByteArray() << ab << Lines{1, 2};
    QTest::newRow("tab") << QByteArray("a\tb\n1\t2\n") << QByteArray() << ab << Lines{1, 2};
    QTest::newRow("pipe") << QByteArray("a|b\n1|2\n") << QByteArray() << ab << Lines{1, 2};
    QTest::newRow("blank lines skipped")
        << QByteArray("\na,b\n\n\r\n1,2\n\n") << QByteArray() << ab << Lines{2, 5};
    QTest::newRow("quoted delimiter and doubled quotes")
        << QByteArray("a,b\n\"x, \"\"y\"\"\",z\n") << QByteArray()
        << Records{{"a", "b"}, {"x, \"y\"", "z"}} << Lines{1, 2};
    QTest::newRow("embedded newlines count as lines")
        << QByteArray("a,b\n\"line1\nline2\r\nline3\",z\n1,2\n") << QByteArray()
        << Records{{"a", "b"}, {"line1\nline2\r\nline3", "z"}, {"1", "2"}} << Lines{1, 2, 5};
    QTest::newRow("empty cells and trailing delimiter")
        << QByteArray("a,b,c\n,,\n1,,\n") << QByteArray()
        << Records{{"a", "b", "c"}, {"", "", ""}, {"1", "", ""}} << Lines{1, 2, 3};
    QTest::newRow("quoted empty") << QByteArray("a,b\n\"\",\"\"\n") << QByteArray()
        << Records{{"a", "b"}, {"", ""}} << Lines{1, 2};
    QTest::newRow("stray quote inside unquoted cell kept")
        << QByteArray("a,b\n5\" disk,x\n") << QByteArray()
        << Records{{"a", "b"}, {"5\" disk", "x"}} << Lines{1, 2};
    QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBF" "Name,Stadt\nJürgen,Köln\n")
        << QByteArray() << Records{{"Name", "Stadt"}, {"Jürgen", "Köln"}} << Lines{1, 2};
    QTest::newRow("UTF-8 without BOM") << QByteArray("Name,Stadt\nSøren,São Paulo\n")
        << QByteArray() << Records{{"Name", "Stadt"}, {"Søren", "São Paulo"}} << Lines{1, 2};
    QTest::newRow("UTF-16LE BOM") << utf16("Name;Preis\nZoë;5 €\n", false)
        << QByteArray() << Records{{"Name", "Preis"}, {"Zoë", "5 €"}} << Lines{1, 2};
    QTest::newRow("UTF-16BE BOM") << utf16("Name,Preis\r\nZoë,5 €\r\n", true)
        << QByteArray() << Records{{"Name", "Preis"}, {"Zoë", "5 €"}} << Lines{1, 2};
    QTest::newRow("windows-1252 detected, 0x80 is euro")
        << QByteArray("Name;Preis\nM\xFCller;5 \x80\n")
        << QByteArray() << Records{{"Name", "Preis"}, {"Müller", "5 €"}} << Lines{1, 2};
    QTest::newRow("encoding by name") << QByteArray("Name\n\xC0\xC1\n")
        << QByteArray("ISO-8859-5") << Records{{"Name"}, {"РС"}} << Lines{1, 2};
}

void TestCsvReader::reads()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, encoding);
    QFETCH(Records, records);
    QFETCH(Lines, lines);
    const ReadResult r = readAll(input, encoding);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.records, records);
    QCOMPARE(r.lines, lines);
}

void TestCsvReader::defects_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QString>("error");

    QTest::newRow("unterminated quote") << QByteArray("a,b\n1,\"open\n2,3\n") << QByteArray()
                                        << "starting on line 2 is never closed";
    QTest::newRow("NUL byte") << rawBytes("a,b\n1,2\n3,\0x\n") << QByteArray()
                              << "Line 3 contains a NUL byte";
    QTest::newRow("control character") << QByteArray("a,b\n\x01\x02\x03,x\n") << QByteArray()
                                       << "control character";
    QTest::newRow("invalid UTF-8 when told UTF-8")
        << QByteArray("a,b\nok,ok\nM\xFCller,x\n") << QByteArray("UTF-8")
        << "Line 3 has bytes that are not valid UTF-8";
    QTest::newRow("invalid in quoted cell")
        << QByteArray("a,b\n\"x\n\xFF\",1\n") << QByteArray("UTF-8")
        << "Line 3 has bytes that are not valid UTF-8";
    QTest::newRow("binary (PNG header)")
        << rawBytes("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10") << QByteArray()
        << "not a text file";
    QTest::newRow("unknown encoding") << QByteArray("a\n") << QByteArray("no-such-enc")
                                      << "cannot read the encoding";
}

void TestCsvReader::defects()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, encoding);
    QFETCH(QString, error);
    const ReadResult r = readAll(input, encoding);
    QVERIFY2(r.error.contains(error), qPrintable(r.error));
}

void TestCsvReader::detectsDialect_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<int>("lineEnd");

    using L = CsvDialect::LineEnd;
    QTest::newRow("comma LF") << QByteArray("a,b,c\n1,2,3\n") << QByteArray("UTF-8") << "," << int(L::Lf);
    QTest::newRow("semicolon with decimal commas")
        << QByteArray("Name;Betrag;Datum\nA;1,5;01.02.2026\nB;2,75;03.04.2026\r\n")
        << QByteArray("UTF-8") << ";" << int(L::Lf);
    QTest::newRow("comma inside quotes ignored")
        << QByteArray("\"a,x\";b\r\n\"1,2,3\";2\r\n") << QByteArray("UTF-8") << ";" << int(L::CrLf);
    QTest::newRow("tab CR") << QByteArray("a\tb, c\tx\r1\t2, 3\ty\r") << QByteArray("UTF-8") << "\t" << int(L::Cr);
    QTest::newRow("pipe") << QByteArray("a|b\n1|2\n") << QByteArray("UTF-8") << "|" << int(L::Lf);
    QTest::newRow("single column") << QByteArray("email\nx@y.z\n") << QByteArray("UTF-8") << "," << int(L::Lf);
    QTest::newRow("cp1252") << QByteArray("a,b\n\x80,\xE9t\xE9\n") << QByteArray("windows-1252") << "," << int(L::Lf);
    QTest::newRow("UTF-16LE BOM") << utf16("a\tb\n", false) << QByteArray("UTF-16LE") << "\t" << int(L::Lf);
    QTest::newRow("UTF-16LE no BOM") << utf16("a;b\n1;2\n", false).mid(2) << QByteArray("UTF-16LE") << ";" << int(L::Lf);
}

void TestCsvReader::detectsDialect()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, encoding);
    QFETCH(QString, delimiter);
    QFETCH(int, lineEnd);
    const CsvDialect d = CsvDialect::detect(input, true);
    QCOMPARE(d.encoding, encoding);
    QCOMPARE(QString(d.delimiter), delimiter);
    QCOMPARE(int(d.lineEnd), lineEnd);
}

void TestCsvReader::streamsLargeFileAcrossChunks()
{
    // GIVEN 20,000 records whose multi-byte characters, quotes and CRLFs straddle the
    // reader's 64 KiB chunks, and a cell just under and one just over the size limit
    QByteArray data("id,text\r\n");
    for (int i = 0; i < 20000; ++i)
        data += QByteArray::number(i) + ",\"Jürgen \"\"" + QByteArray::number(i) + "\"\"\r\n€\"\r\n";
    // WHEN it is read
    ReadResult r = readAll(data);
    // THEN every record and its physical line come out right
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.records.size(), 20001);
    QCOMPARE(r.records.last(), (QStringList{"19999", "Jürgen \"19999\"\r\n€"}));
    QCOMPARE(r.lines.last(), qint64(2 + 2 * 19999));
    // AND a 2 MB cell is refused by default, accepted under a higher limit
    const QByteArray big = "a,b\n1,\"" + QByteArray(2 * 1024 * 1024, 'x') + "\"\n";
    r = readAll(big);
    QVERIFY2(r.error.contains("Line 2 has a value longer than"), qPrintable(r.error));
    r = readAll(big, {}, {}, 4 * 1024 * 1024);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.records.last().last().size(), 2 * 1024 * 1024);
    r = readAll("a,b\n1," + QByteArray(2 * 1024 * 1024, 'x') + "\n");
    QVERIFY2(r.error.contains("Line 2 has a value longer than"), qPrintable(r.error));
}

void TestCsvReader::fixtureFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("records");
    QTest::newRow("outlook cp1252") << "outlook_cp1252.csv" << "" << 3;
    QTest::newRow("google UTF-8 BOM") << "google_bom.csv" << "" << 3;
    QTest::newRow("excel de semicolon") << "excel_de.csv" << "" << 3;
    QTest::newRow("binary renamed") << "binary.csv" << "not a text file" << 0;
}

void TestCsvReader::fixtureFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, error);
    QFETCH(int, records);
    QFile f(QStringLiteral(RAPPORT_TEST_DATA "/csv/") + file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    const ReadResult r = readAll(f.readAll());
    if (error.isEmpty()) {
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.records.size(), records);
        for (const QStringList &rec : r.records)
            QCOMPARE(rec.size(), r.records.first().size());
    } else {
        QVERIFY2(r.error.contains(error), qPrintable(r.error));
    }
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
