// The sheet's XML: cells keep their types, any text survives as XML (markup, control
// characters, spaces at the ends), and dates become the serials Excel counts in.
#include "xlsx/xlsxcells.h"
#include "xlsx/xlsxsheetxml.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>
#include <QXmlStreamReader>

using namespace Rapport;

class TestXlsxSheetXml : public QObject
{
    Q_OBJECT

private slots:
    void escapedText_data();
    void escapedText();
    void dateSerials();
    void cellsOfEachType();
    void columnNamesPastZ();
    void wellFormedWithoutHeader();
};

void TestXlsxSheetXml::escapedText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("xml");
    QTest::newRow("plain") << "Müller" << QByteArray("Müller");
    QTest::newRow("markup") << "a<b> & \"c\" 'd'" << QByteArray("a&lt;b&gt; &amp; \"c\" 'd'");
    QTest::newRow("tab and newline kept") << "a\tb\nc" << QByteArray("a\tb\nc");
    QTest::newRow("controls") << QStringLiteral("a\x01" "b\rc") + QChar(0)
                              << QByteArray("a_x0001_b_x000D_c_x0000_");
    QTest::newRow("non-characters") << QString(QChar(0xFFFE)) + QChar(0xFFFF) + QChar(0xFFFD)
                                    << QByteArray("_xFFFE__xFFFF_\xEF\xBF\xBD");
    QTest::newRow("emoji") << "😀" << QByteArray("\xF0\x9F\x98\x80");
}

void TestXlsxSheetXml::escapedText()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, xml);
    QByteArray out;
    XlsxSheetXml::appendEscaped(out, text);
    QCOMPARE(out, xml);
    // What XML cannot hold is still there once Excel's escapes are read back.
    QXmlStreamReader reader("<t>" + out + "</t>");
    reader.readNextStartElement();
    QCOMPARE(XlsxCells::unescaped(reader.readElementText()), text);
    QVERIFY(!reader.hasError());
}

void TestXlsxSheetXml::dateSerials()
{
    QCOMPARE(XlsxSheetXml::dateSerial(QDate(1900, 1, 1)), 1.0);
    QCOMPARE(XlsxSheetXml::dateSerial(QDate(1900, 2, 28)), 59.0);
    QCOMPARE(XlsxSheetXml::dateSerial(QDate(1900, 3, 1)), 61.0); // after Excel's 29 February
    QCOMPARE(XlsxSheetXml::dateSerial(QDate(2023, 3, 15)), 45000.0);
}

void TestXlsxSheetXml::cellsOfEachType()
{
    XlsxSheetXml sheet;
    QByteArray xml;
    sheet.appendHeader(xml, {"Name", "", "Count"});
    QCOMPARE(xml, QByteArray("<row r=\"1\"><c s=\"1\" t=\"inlineStr\"><is><t>Name</t>"
                             "</is></c><c r=\"C1\" s=\"1\" t=\"inlineStr\"><is><t>Count</t>"
                             "</is></c></row>"));
    xml.clear();
    const QDateTime noon(QDate(2023, 3, 15), QTime(12, 0), Qt::LocalTime);
    sheet.appendRow(xml, {QStringLiteral(" padded "), qint64(42), 0.1, false,
                          QDate(2023, 3, 15), noon, QVariant(), qint64(1234567890123456789LL),
                          QDate(1066, 10, 14)});
    QCOMPARE(xml, QByteArray("<row r=\"2\">"
                             "<c t=\"inlineStr\"><is><t xml:space=\"preserve\"> padded "
                             "</t></is></c>"
                             "<c><v>42</v></c>"
                             "<c><v>0.1</v></c>"
                             "<c t=\"b\"><v>0</v></c>"
                             "<c s=\"2\"><v>45000</v></c>"
                             "<c s=\"3\"><v>45000.5</v></c>"
                             "<c r=\"H2\" t=\"inlineStr\"><is><t>1234567890123456789</t></is></c>"
                             "<c t=\"inlineStr\"><is><t>1066-10-14</t></is></c>"
                             "</row>"));
    QCOMPARE(sheet.rowsWritten(), 2);
}

void TestXlsxSheetXml::columnNamesPastZ()
{
    // A cell after an empty one names its place; one right after another does not need to.
    XlsxSheetXml sheet;
    QByteArray xml;
    QVariantList cells(705);
    cells[25] = 1;
    cells[27] = 2;
    cells[701] = 3;
    cells[703] = 4;
    cells[704] = 5;
    sheet.appendRow(xml, cells);
    QVERIFY(xml.contains("<c r=\"Z1\"><v>1</v>"));
    QVERIFY(xml.contains("<c r=\"AB1\"><v>2</v>"));
    QVERIFY(xml.contains("<c r=\"ZZ1\"><v>3</v>"));
    QVERIFY(xml.contains("<c r=\"AAB1\"><v>4</v></c><c><v>5</v></c>"));
}

void TestXlsxSheetXml::wellFormedWithoutHeader()
{
    XlsxSheetXml sheet;
    QByteArray xml = XlsxSheetXml::head({});
    sheet.appendRow(xml, {QStringLiteral("x")});
    xml += XlsxSheetXml::tail();
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QVERIFY(!xml.contains("frozen"));
    QVERIFY(!xml.contains("<cols>"));
}

QTEST_GUILESS_MAIN(TestXlsxSheetXml)
#include "tst_xlsxsheetxml.moc"
