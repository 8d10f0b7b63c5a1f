// The workbook reader: workbooks as Excel, LibreOffice and generating libraries write them,
// and every damaged, protected or hostile file, which must end in a clear message.
#include "support/workbookparts.h"
#include "xlsx/xlsxreader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;
using namespace WorkbookParts;

using Records = QList<QStringList>;
using Lines = QList<qint64>;

namespace {

struct ReadResult {
    QString openError;
    Records records;
    Lines lines;
    QString error;
    QStringList notes;
    QStringList sheets;
};

ReadResult readAll(const QByteArray &bytes, int sheet = 0)
{
    ReadResult r;
    XlsxReader reader;
    r.openError = reader.openData(bytes);
    r.sheets = reader.sheetNames();
    if (r.openError.isEmpty() && sheet != 0)
        r.openError = reader.selectSheet(sheet);
    QStringList fields;
    while (reader.readRecord(fields)) {
        r.records.append(fields);
        r.lines.append(reader.recordLine());
    }
    r.error = reader.errorString();
    r.notes = reader.notes();
    return r;
}

QByteArray oneSheet(const QByteArray &rows, const QByteArray &shared = {},
                    const QByteArray &styleSheet = {}, const QByteArray &workbookPr = {})
{
    return packed(workbook({{"Sheet1", "worksheets/sheet1.xml", worksheet(rows)}}, shared,
                        styleSheet, workbookPr));
}

// Styles as Excel writes them: xf 0 General, 1 the built-in short date (14), 2 a custom
// German date, 3 a custom date and time, 4 a percentage, 5 a time.
const QByteArray ExcelStyles = styles(
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd\\.mm\\.yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"[$-407]dd/mm/yyyy\\ hh:mm;@\"/></numFmts>",
    "<cellXfs count=\"6\"><xf numFmtId=\"0\" fontId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"14\" fontId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"164\" fontId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"165\" fontId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"10\" fontId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"21\" fontId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>");

} // namespace

class TestXlsxReader : public QObject
{
    Q_OBJECT

private slots:
    void excelWorkbook();
    void excelCellTypes();
    void date1904();
    void libreOfficeWorkbook();
    void generatedWorkbook();
    void emptyRowsAndTrailingCells();
    void progress();
    void openFromFile();
    void renamedCsv();
    void truncatedZip();
    void encryptedWorkbook();
    void oldXls();
    void zipBombByRatio();
    void zipBombByTotal();
    void entryLongerThanClaimed();
    void missingSheetPart();
    void damagedSheetXml();
    void notANumber();
    void badReferences();
    void sharedStringLimit();
};

// Excel: shared strings with rich text runs and phonetic hints, styles, `r` on every row and
// cell, a formula with its cached value, and two sheets whose second holds the data (in a part
// named sheet1.xml, while the first tab's is sheet2.xml).
void TestXlsxReader::excelWorkbook()
{
    const QByteArray shared = sharedStrings(
        "<si><t>Name</t></si><si><t>Phone</t></si><si><t>Born</t></si><si><t>Total</t></si>"
        "<si><r><rPr><b/><sz val=\"11\"/></rPr><t>Ac</t></r><r><rPr><sz val=\"11\"/></rPr>"
        "<t xml:space=\"preserve\">me GmbH </t></r></si>"
        "<si><t>Tanaka</t><rPh sb=\"0\" eb=\"2\"><t>タナカ</t></rPh></si>"
        "<si><t>read me</t></si>");
    const QByteArray notes = worksheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>6</v></c></row>");
    const QByteArray data = worksheet(
        "<row r=\"1\" spans=\"1:4\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v>"
        "</c><c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
        "<row r=\"2\" spans=\"1:4\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\"><v>491701234567890"
        "</v></c><c r=\"C2\" s=\"2\"><v>45000</v></c><c r=\"D2\"><f>B3*2</f><v>84</v></c></row>"
        "<row r=\"4\" spans=\"1:4\"><c r=\"A4\" t=\"s\"><v>5</v></c><c r=\"C4\" s=\"1\"><v>1"
        "</v></c><c r=\"D4\" s=\"3\"><v>45000.75</v></c></row>");
    const QByteArray book = packed(workbook({{"Read me", "worksheets/sheet2.xml", notes},
                                          {"Contacts", "worksheets/sheet1.xml", data}},
                                         shared, ExcelStyles));
    const ReadResult first = readAll(book);
    QCOMPARE(first.openError, QString());
    QCOMPARE(first.sheets, QStringList({"Read me", "Contacts"}));
    QCOMPARE(first.records, Records({{"read me"}}));

    const ReadResult r = readAll(book, 1);
    QCOMPARE(r.openError, QString());
    QCOMPARE(r.error, QString());
    QCOMPARE(r.records, Records({{"Name", "Phone", "Born", "Total"},
                                 {"Acme GmbH ", "491701234567890", "2023-03-15", "84"},
                                 {"Tanaka", "", "1900-01-01", "2023-03-15T18:00:00"}}));
    QCOMPARE(r.lines, Lines({1, 2, 4}));
    QCOMPARE(r.notes.size(), 1);
    QVERIFY(r.notes.first().contains("formulas"));
    QVERIFY(r.notes.first().contains("1 "));
}

void TestXlsxReader::excelCellTypes()
{
    const ReadResult r = readAll(oneSheet(
        "<row r=\"1\"><c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" t=\"b\"><v>0</v></c>"
        "<c r=\"C1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c><c r=\"D1\" t=\"str\"><f>A1&amp;\"x\""
        "</f><v>TRUEx</v></c><c r=\"E1\" s=\"4\"><v>0.25</v></c>"
        "<c r=\"F1\" t=\"e\"><v>#N/A</v></c><c r=\"G1\" t=\"inlineStr\"><is><t>in line</t></is>"
        "</c><c r=\"H1\" t=\"s\"><v>0</v></c></row>",
        sharedStrings("<si><t>tab_x0009_here</t></si>"), ExcelStyles));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.records, Records({{"true", "false", "", "TRUEx", "0.25", "", "in line",
                                  "tab\there"}}));
    QCOMPARE(r.notes.size(), 2);
    QVERIFY(r.notes[0].contains("2 cells hold formulas"));
    QVERIFY(r.notes[1].contains("2 cells hold an error"));
}

// A workbook from Excel for Mac's 1904 date system: the same day is 1462 days smaller.
void TestXlsxReader::date1904()
{
    const ReadResult r = readAll(oneSheet("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>43538</v></c>"
                                          "<c r=\"B1\" s=\"1\"><v>0</v></c>"
                                          "<c r=\"C1\" s=\"3\"><v>0.5</v></c></row>",
                                          {}, ExcelStyles, "<workbookPr date1904=\"1\"/>"));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.records, Records({{"2023-03-15", "1904-01-01", "1904-01-01T12:00:00"}}));
}

// LibreOffice Calc: format codes in capitals, formula strings as t="str", and (as several
// generators do) rows and cells without `r`, which follow the one before.
void TestXlsxReader::libreOfficeWorkbook()
{
    const QByteArray styleSheet = styles(
        "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"DD/MM/YYYY\"/></numFmts>",
        "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" xfId=\"0\"/>"
        "<xf numFmtId=\"164\" fontId=\"0\" xfId=\"0\" applyNumberFormat=\"true\"/></cellXfs>");
    const ReadResult r = readAll(oneSheet(
        "<row r=\"1\" s=\"0\" customFormat=\"false\" ht=\"12.8\"><c r=\"A1\" s=\"0\" t=\"s\">"
        "<v>0</v></c><c r=\"B1\" s=\"0\" t=\"s\"><v>1</v></c><c r=\"C1\" s=\"0\" t=\"s\"><v>2"
        "</v></c></row>"
        "<row><c t=\"s\"><v>3</v></c><c s=\"1\"><v>45000</v></c><c t=\"str\"><f>A2</f>"
        "<v>Müller</v></c></row>"
        "<row><c t=\"s\"><v>4</v></c><c r=\"C3\" t=\"b\"><v>1</v></c></row>",
        sharedStrings("<si><t>Name</t></si><si><t>Since</t></si><si><t>Copy</t></si>"
                      "<si><t>Müller</t></si><si><t>Nowak</t></si>"),
        styleSheet));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.records, Records({{"Name", "Since", "Copy"},
                                 {"Müller", "2023-03-15", "Müller"},
                                 {"Nowak", "", "true"}}));
    QCOMPARE(r.lines, Lines({1, 2, 3}));
}

// Libraries and web apps that generate workbooks: inline strings instead of shared ones,
// absolute relationship targets, ISO dates in t="d" cells, no styles part at all.
void TestXlsxReader::generatedWorkbook()
{
    const QByteArray rows =
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Company</t></is></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>Signed</t></is></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><r><t>Nord</t></r><r><t>wind</t></r></is>"
        "</c><c r=\"B2\" t=\"d\"><v>2024-05-06T00:00:00Z</v></c><c r=\"C2\" t=\"d\">"
        "<v>2024-05-06T09:30:00</v></c></row>";
    const ReadResult r = readAll(packed(workbook({{"Export", "/xl/worksheets/data.xml",
                                                worksheet(rows)}},
                                              {}, {}, {}, "/xl/workbook.xml")));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.sheets, QStringList({"Export"}));
    QCOMPARE(r.records, Records({{"Company", "Signed"},
                                 {"Nordwind", "2024-05-06", "2024-05-06T09:30:00"}}));
}

void TestXlsxReader::emptyRowsAndTrailingCells()
{
    const ReadResult r = readAll(oneSheet(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"B1\" s=\"0\"/>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t></t></is></c><c r=\"D1\" t=\"s\"/></row>"
        "<row r=\"2\" ht=\"20\" customHeight=\"1\"/>"
        "<row r=\"3\"><c r=\"A3\" s=\"0\"/></row>"
        "<row r=\"7\"><c r=\"D7\"><v>4</v></c></row>"));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.records, Records({{"a"}, {"", "", "", "4"}}));
    QCOMPARE(r.lines, Lines({1, 7}));
}

void TestXlsxReader::progress()
{
    QByteArray rows;
    for (int i = 1; i <= 2000; ++i)
        rows += "<row r=\"" + QByteArray::number(i) + "\"><c r=\"A" + QByteArray::number(i)
            + "\"><v>" + QByteArray::number(i) + "</v></c></row>";
    XlsxReader reader;
    QCOMPARE(reader.openData(oneSheet(rows)), QString());
    QVERIFY(reader.bytesTotal() > 2000 * 20);
    QStringList fields;
    QVERIFY(reader.readRecord(fields));
    QVERIFY(reader.bytesRead() < reader.bytesTotal()); // not unpacked whole
    qint64 count = 1;
    while (reader.readRecord(fields))
        ++count;
    QCOMPARE(count, 2000);
    QCOMPARE(fields, QStringList());
    QCOMPARE(reader.recordLine(), 2000);
    QCOMPARE(reader.bytesRead(), reader.bytesTotal());
    QVERIFY(!reader.hasError());
}

void TestXlsxReader::openFromFile()
{
    QTemporaryDir dir;
    QFile file(dir.filePath("contacts.xlsx"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(oneSheet("<row r=\"1\"><c r=\"B1\"><v>7</v></c></row>"));
    file.close();
    XlsxReader reader;
    QCOMPARE(reader.open(file.fileName()), QString());
    QStringList fields;
    QVERIFY(reader.readRecord(fields));
    QCOMPARE(fields, QStringList({"", "7"}));
    QVERIFY(reader.open(dir.filePath("missing.xlsx")).contains("cannot be opened"));
}

void TestXlsxReader::renamedCsv()
{
    const ReadResult r = readAll("Name;Phone\nMüller;0170 1234567\n");
    QCOMPARE(r.openError, "This file is not an Excel workbook (.xlsx).");
    QCOMPARE(r.error, r.openError);
    QVERIFY(r.records.isEmpty());
    QVERIFY(r.sheets.isEmpty());
    QVERIFY(readAll(QByteArray()).openError.contains("not an Excel workbook"));
    // A zip, but of something else (an OpenDocument file, say)
    QVERIFY(readAll(packed({{"content.xml", "<office/>"}})).openError
                .contains("not an Excel workbook"));
}

void TestXlsxReader::truncatedZip()
{
    const QByteArray book = oneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    const ReadResult r = readAll(book.left(book.size() / 2));
    QVERIFY2(r.openError.contains("damaged or incomplete"), qPrintable(r.openError));
    QVERIFY(r.records.isEmpty());
}

void TestXlsxReader::encryptedWorkbook()
{
    // A compound file as Excel writes a password-protected workbook: header, then the
    // directory sector naming EncryptionInfo and EncryptedPackage.
    QByteArray file(3 * 512, '\0');
    file.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    file[0x1E] = 9;  // 512-byte sectors
    file[0x30] = 1;  // the directory starts at sector 1, offset 1024
    const QString name = QStringLiteral("EncryptionInfo");
    file.replace(1024 + 128, name.size() * 2,
                 QByteArray(reinterpret_cast<const char *>(name.utf16()), name.size() * 2));
    const ReadResult r = readAll(file);
    QVERIFY2(r.openError.contains("password-protected"), qPrintable(r.openError));
    QVERIFY(r.openError.contains("without a password"));
}

void TestXlsxReader::oldXls()
{
    QByteArray file(3 * 512, '\0');
    file.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    file[0x1E] = 9;
    const QString name = QStringLiteral("Workbook");
    file.replace(1024 + 128, name.size() * 2,
                 QByteArray(reinterpret_cast<const char *>(name.utf16()), name.size() * 2));
    const ReadResult r = readAll(file);
    QVERIFY2(r.openError.contains("old Excel workbook (.xls)"), qPrintable(r.openError));
    QVERIFY(r.openError.contains(".xlsx"));
}

// Sixteen megabytes of zeros pack into a few kilobytes: no real workbook does that.
void TestXlsxReader::zipBombByRatio()
{
    Parts parts = workbook({{"Sheet1", "worksheets/sheet1.xml",
                             worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")}});
    parts.append({QStringLiteral("xl/media/zeros.bin"), QByteArray(16 * 1024 * 1024, '\0')});
    const ReadResult r = readAll(packed(parts));
    QVERIFY2(r.openError.contains("packed more tightly than any real workbook"),
             qPrintable(r.openError));
    QVERIFY(r.openError.contains("xl/media/zeros.bin"));
    QVERIFY(r.records.isEmpty());
}

void TestXlsxReader::zipBombByTotal()
{
    const QByteArray book = oneSheet(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + QByteArray(300 * 1024, 'x')
        + "</t></is></c></row>");
    XlsxReader reader;
    reader.setLimits(256 * 1024, XlsxArchive::DefaultMaxRatio,
                     XlsxSharedStrings::DefaultMaxChars);
    const QString error = reader.openData(book);
    QVERIFY2(error.contains("more than 0 MB") || error.contains("would unpack to more"),
             qPrintable(error));
    QStringList fields;
    QVERIFY(!reader.readRecord(fields));
}

// A part whose header claims a small size but which inflates to far more.
void TestXlsxReader::entryLongerThanClaimed()
{
    QByteArray rows;
    for (int i = 1; i <= 500; ++i)
        rows += "<row r=\"" + QByteArray::number(i) + "\"><c r=\"A" + QByteArray::number(i)
            + "\"><v>" + QByteArray::number(i) + "</v></c></row>";
    QByteArray book = oneSheet(rows);
    const QByteArray name = "xl/worksheets/sheet1.xml";
    // Lower the stated size in the local header and in the central directory.
    for (const QByteArray &signature : {QByteArray("PK\x03\x04"), QByteArray("PK\x01\x02")}) {
        const int sizeAt = signature[2] == 3 ? 22 : 24;
        const int nameAt = signature[2] == 3 ? 30 : 46;
        for (qsizetype at = book.indexOf(signature); at >= 0;
             at = book.indexOf(signature, at + 4)) {
            if (book.mid(at + nameAt, name.size()) != name)
                continue;
            const char small[4] = {char(0x00), char(0x04), 0, 0}; // 1024 bytes
            book.replace(at + sizeAt, 4, QByteArray(small, 4));
        }
    }
    const ReadResult r = readAll(book);
    QCOMPARE(r.openError, QString());
    QVERIFY2(r.error.contains("unpacks to more than its stated size"), qPrintable(r.error));
    QVERIFY(r.records.size() < 500);
}

void TestXlsxReader::missingSheetPart()
{
    const ReadResult r = readAll(packed(workbook({{"Sheet1", "worksheets/sheet1.xml", QByteArray()}})));
    QCOMPARE(r.openError,
             "The workbook is incomplete: its part “xl/worksheets/sheet1.xml” is missing.");
    QVERIFY(r.sheets.isEmpty());

    Parts noWorkbook = workbook({{"Sheet1", "worksheets/sheet1.xml", worksheet({})}});
    noWorkbook.removeIf([](const auto &part) { return part.first == "xl/workbook.xml"; });
    QVERIFY(readAll(packed(noWorkbook)).openError.contains("“xl/workbook.xml” is missing"));

    XlsxReader reader;
    QCOMPARE(reader.openData(oneSheet({})), QString());
    QCOMPARE(reader.selectSheet(3), "The workbook has no sheet number 4.");
}

void TestXlsxReader::damagedSheetXml()
{
    const ReadResult r = readAll(oneSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                                          "<row r=\"2\"><c r=\"A2\"><v>2</row>"));
    QCOMPARE(r.records, Records({{"1"}}));
    QVERIFY2(r.error.contains("“xl/worksheets/sheet1.xml” is damaged"), qPrintable(r.error));

    const ReadResult s = readAll(oneSheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>",
                                          sharedStrings("<si><t>only one</t></si>")));
    QVERIFY2(s.error.contains("Row 1 refers to text the workbook does not hold"),
             qPrintable(s.error));

    QVERIFY(readAll(oneSheet({}, "<sst><si><t>open")).openError
                .contains("“xl/sharedStrings.xml” is damaged"));
    QVERIFY(readAll(oneSheet({}, {}, "<styleSheet><cellXfs>")).openError
                .contains("“xl/styles.xml” is damaged"));
}

void TestXlsxReader::notANumber()
{
    const ReadResult r = readAll(oneSheet("<row r=\"1\"><c r=\"A1\"><v>n/a</v></c>"
                                          "<c r=\"B1\"><v>1E-3</v></c></row>"));
    QCOMPARE(r.records, Records({{"n/a", "0.001"}}));
}

void TestXlsxReader::badReferences()
{
    const ReadResult r = readAll(oneSheet("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"));
    QVERIFY2(r.error.contains("impossible place (“XFE1”)"), qPrintable(r.error));
    QCOMPARE(readAll(oneSheet("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>"))
                 .records.value(0).size(),
             16384);
}

void TestXlsxReader::sharedStringLimit()
{
    XlsxReader reader;
    reader.setLimits(XlsxArchive::DefaultMaxTotalSize, XlsxArchive::DefaultMaxRatio, 10);
    const QString error = reader.openData(
        oneSheet({}, sharedStrings("<si><t>twelve chars</t></si>")));
    QVERIFY2(error.contains("more text than Rapport reads"), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestXlsxReader)
#include "tst_xlsxreader.moc"
