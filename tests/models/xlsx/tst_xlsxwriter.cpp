// The workbook writer: what it writes reads back as the same texts, keeps text as text and
// numbers as numbers, and says so when Excel's limits are reached instead of dropping rows.
#include "xlsx/xlsxarchive.h"
#include "xlsx/xlsxreader.h"
#include "xlsx/xlsxwriter.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Rapport;

using Records = QList<QStringList>;

namespace {

Records readBack(const QByteArray &bytes, QString *error = nullptr)
{
    XlsxReader reader;
    const QString opened = reader.openData(bytes);
    if (error)
        *error = opened;
    Records records;
    QStringList fields;
    while (reader.readRecord(fields))
        records.append(fields);
    if (error && error->isEmpty())
        *error = reader.errorString();
    return records;
}

// The threads of this process (Linux).
int threadCount()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("Threads:"))
            return line.mid(8).trimmed().toInt();
    }
    return -1;
}

QByteArray part(const QByteArray &workbook, const QString &name)
{
    XlsxArchive archive;
    if (!archive.openData(workbook).isEmpty())
        return {};
    QString error;
    return archive.readPart(name, &error).value_or(QByteArray());
}

} // namespace

class TestXlsxWriter : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void typesInTheSheet();
    void headerBoldAndFrozen();
    void sheetNames();
    void rowLimit();
    void longCellsAreCut();
    void writeError();
    void manyRowsInOrder();
    void abandonedMidway();
    void awkwardTextRoundTrips();
    void droppedWriterLeavesNoFileNorThread();
};

void TestXlsxWriter::roundTrip()
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    XlsxWriter writer(&out, QStringLiteral("Contacts"));
    QVERIFY(writer.writeHeader({"Name", "Phone", "Employees", "Revenue", "Active", "Born",
                                "Modified", "Note"}));
    const QDateTime modified(QDate(2024, 3, 5), QTime(14, 30, 15), QTimeZone::utc());
    QVERIFY(writer.writeRow({QStringLiteral("Müller & Söhne <GmbH> 😀"),
                             QStringLiteral("0049 170 1234567"), qint64(42), 1234567.89, true,
                             QDate(2024, 2, 29), modified, QStringLiteral("=1+1 _x0041_")}));
    QVERIFY(writer.writeRow({QStringLiteral("Nowak"), QStringLiteral("+491701234567"),
                             QVariant(), 0.5, false, QVariant(), QVariant(),
                             QStringLiteral("two\nlines\tand a tab\x01")}));
    QVERIFY(writer.writeRow({QString(), QString(), qint64(1234567890123456789LL)}));
    QVERIFY(writer.finish());
    QCOMPARE(writer.errorString(), QString());

    QString error;
    const Records records = readBack(out.data(), &error);
    QCOMPARE(error, QString());
    const QString local = modified.toLocalTime().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    QCOMPARE(records,
             Records({{"Name", "Phone", "Employees", "Revenue", "Active", "Born", "Modified",
                       "Note"},
                      {"Müller & Söhne <GmbH> 😀", "0049 170 1234567", "42", "1234567.89",
                       "true", "2024-02-29", local, "=1+1 _x0041_"},
                      {"Nowak", "+491701234567", "", "0.5", "false", "", "",
                       "two\nlines\tand a tab\x01"},
                      {"", "", "1234567890123456789"}}));
}

// Text is a string cell and never a formula; numbers, booleans and dates are what Excel
// sorts and sums.
void TestXlsxWriter::typesInTheSheet()
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    XlsxWriter writer(&out, QStringLiteral("Deals"));
    QVERIFY(writer.writeHeader({"Phone", "Amount", "Won", "Closed", "Formula"}));
    QVERIFY(writer.writeRow({QStringLiteral("0170123"), 2500.5, true, QDate(2023, 3, 15),
                             QStringLiteral("=HYPERLINK(\"x\")")}));
    QVERIFY(writer.finish());
    const QByteArray sheet = part(out.data(), QStringLiteral("xl/worksheets/sheet1.xml"));
    QVERIFY(!sheet.isEmpty());
    QVERIFY(sheet.contains("<row r=\"2\"><c t=\"inlineStr\"><is><t>0170123</t>"));
    QVERIFY(sheet.contains("<c><v>2500.5</v></c>"));
    QVERIFY(sheet.contains("<c t=\"b\"><v>1</v></c>"));
    QVERIFY(sheet.contains("<v>45000</v>")); // 2023-03-15 as a date serial
    QVERIFY(!sheet.contains("<f>"));
    const QByteArray styles = part(out.data(), QStringLiteral("xl/styles.xml"));
    QVERIFY(styles.contains("formatCode=\"yyyy-mm-dd\""));
}

void TestXlsxWriter::headerBoldAndFrozen()
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    XlsxWriter writer(&out, QStringLiteral("Leads"));
    QVERIFY(writer.writeHeader({"Name", "A much longer column title for the email"}));
    QVERIFY(writer.finish());
    const QByteArray sheet = part(out.data(), QStringLiteral("xl/worksheets/sheet1.xml"));
    QVERIFY(sheet.contains("ySplit=\"1\""));
    QVERIFY(sheet.contains("state=\"frozen\""));
    QVERIFY(sheet.contains("<col min=\"2\" max=\"2\" width=\"50"));
    QVERIFY(part(out.data(), QStringLiteral("xl/styles.xml")).contains("<b/>"));
    XlsxReader reader;
    QCOMPARE(reader.openData(out.data()), QString());
    QCOMPARE(reader.sheetNames(), QStringList({"Leads"}));
}

void TestXlsxWriter::sheetNames()
{
    QCOMPARE(XlsxWriter::sheetNameFor("Leads: 2024/Q1 [new]"), "Leads 2024 Q1 new");
    QCOMPARE(XlsxWriter::sheetNameFor(QString(40, QLatin1Char('x'))), QString(31, 'x'));
    QCOMPARE(XlsxWriter::sheetNameFor("'quoted'"), "quoted");
    QCOMPARE(XlsxWriter::sheetNameFor("???"), "Rapport");
}

void TestXlsxWriter::rowLimit()
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    XlsxWriter writer(&out, QStringLiteral("Contacts"));
    writer.setMaxRows(3);
    QVERIFY(writer.writeHeader({"Name"}));
    QVERIFY(writer.writeRow({QStringLiteral("one")}));
    QVERIFY(writer.writeRow({QStringLiteral("two")}));
    QVERIFY(!writer.writeRow({QStringLiteral("three")}));
    QVERIFY2(writer.errorString().contains("at most 3 rows"), qPrintable(writer.errorString()));
    QVERIFY(writer.errorString().contains("CSV"));
    QVERIFY(!writer.writeRow({QStringLiteral("four")}));
    QVERIFY(!writer.finish());
    QCOMPARE(XlsxWriter::MaxRows, 1048576);
}

void TestXlsxWriter::longCellsAreCut()
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    XlsxWriter writer(&out, QStringLiteral("Notes"));
    QVERIFY(writer.writeHeader({"Note"}));
    QVERIFY(writer.writeRow({QStringLiteral("short")}));
    QVERIFY(writer.notes().isEmpty());
    QVERIFY(writer.writeRow({QString(40000, QLatin1Char('a'))}));
    QVERIFY(writer.writeRow({QString(32766, QLatin1Char('b')) + QStringLiteral("😀")}));
    QVERIFY(writer.finish());
    const Records records = readBack(out.data());
    QCOMPARE(records.size(), 4);
    QCOMPARE(records[2].first(), QString(32767, QLatin1Char('a')));
    QCOMPARE(records[3].first(), QString(32766, QLatin1Char('b'))); // no half a character
    QCOMPARE(writer.notes().size(), 1);
    QVERIFY2(writer.notes().first().contains("2 values"), qPrintable(writer.notes().first()));
    QVERIFY(writer.notes().first().contains("row 3"));
}

void TestXlsxWriter::writeError()
{
    QBuffer out; // read-only: every write fails
    out.open(QIODevice::ReadOnly);
    XlsxWriter writer(&out, QStringLiteral("Contacts"));
    QVERIFY(writer.writeHeader({"Name"}));
    QVERIFY(writer.writeRow({QStringLiteral("x")}));
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
    QVERIFY(!writer.finish());
    QVERIFY(writer.errorString().startsWith("The workbook cannot be written"));
}

// More rows than the writer queues for its cell thread at once: every one, in order.
void TestXlsxWriter::manyRowsInOrder()
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    XlsxWriter writer(&out, QStringLiteral("Leads"));
    QVERIFY(writer.writeHeader({"Name", "Number"}));
    const int rows = 10000;
    for (int i = 0; i < rows; ++i)
        QVERIFY(writer.writeRow({QStringLiteral("Lead %1").arg(i), qint64(i)}));
    QVERIFY(writer.finish());
    const Records records = readBack(out.data());
    QCOMPARE(records.size(), rows + 1);
    for (int i = 0; i < rows; ++i) {
        if (records[i + 1] != QStringList({QStringLiteral("Lead %1").arg(i), QString::number(i)}))
            QFAIL(qPrintable(QStringLiteral("row %1 reads %2").arg(i + 2)
                                 .arg(records[i + 1].join(QLatin1Char(',')))));
    }
}

// An export cancelled half-way drops its writer without finishing: nothing is written and
// nothing is left waiting.
void TestXlsxWriter::abandonedMidway()
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    {
        XlsxWriter writer(&out, QStringLiteral("Leads"));
        QVERIFY(writer.writeHeader({"Name"}));
        for (int i = 0; i < 6000; ++i)
            QVERIFY(writer.writeRow({QStringLiteral("Lead %1").arg(i)}));
    }
    QCOMPARE(out.size(), 0);
}

// Text that is markup, XML's forbidden characters, spaces at the ends and Excel's own escape
// syntax comes back as it went in, in the header as in the rows.
void TestXlsxWriter::awkwardTextRoundTrips()
{
    QString controls;
    for (ushort c = 0; c < 0x20; ++c)
        controls += QChar(c);
    const QStringList texts = {
        QStringLiteral("He said \"hi\" & 'bye' <b>bold</b> </t></is></c>"),
        controls,
        QStringLiteral("  leading and trailing  "),
        QStringLiteral("\ttab first, newline last\n"),
        QStringLiteral("😀 emoji, ü, 漢字, ") + QChar(0xFFFE) + QChar(0xFFFF),
        QStringLiteral("_x0041_ and _x005F_ stay literal"),
        QStringLiteral("]]> <![CDATA[ x"),
    };
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    XlsxWriter writer(&out, QStringLiteral("Text"));
    QVERIFY(writer.writeHeader(texts));
    for (const QString &text : texts)
        QVERIFY(writer.writeRow({text, QStringLiteral("row end")}));
    QVERIFY(writer.finish());
    QString error;
    const Records records = readBack(out.data(), &error);
    QCOMPARE(error, QString());
    QCOMPARE(records.size(), texts.size() + 1);
    QCOMPARE(records[0], texts);
    for (qsizetype i = 0; i < texts.size(); ++i)
        QCOMPARE(records[i + 1], QStringList({texts[i], QStringLiteral("row end")}));
}

// A writer dropped after its cell thread started (an export cancelled or failed) leaves
// neither its temporary files nor its thread behind.
void TestXlsxWriter::droppedWriterLeavesNoFileNorThread()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QByteArray oldTemp = qgetenv("TMPDIR");
    qputenv("TMPDIR", QFile::encodeName(temp.path()));
    const int threadsBefore = threadCount();
    QVERIFY(threadsBefore > 0);
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    {
        XlsxWriter writer(&out, QStringLiteral("Leads"));
        QVERIFY(writer.writeHeader({"Name"}));
        for (int i = 0; i < 20000; ++i)
            QVERIFY(writer.writeRow({QStringLiteral("Lead %1").arg(i)}));
        // While it works, the sheet is in the temporary directory, and a thread writes it.
        QCOMPARE(QDir(temp.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
        QCOMPARE(threadCount(), threadsBefore + 1);
    }
    qputenv("TMPDIR", oldTemp);
    QCOMPARE(out.size(), 0);
    QCOMPARE(QDir(temp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
    QCOMPARE(threadCount(), threadsBefore);
}

QTEST_GUILESS_MAIN(TestXlsxWriter)
#include "tst_xlsxwriter.moc"
