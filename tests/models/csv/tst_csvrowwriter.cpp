// Typed cells as CSV, the way the importer reads them back: numbers in the C locale and
// never guarded, dates and moments in ISO 8601, true/false, an empty cell for no value;
// the formula guard on text cells only, and only when asked for.
#include "csv/csvrowwriter.h"

#include <QBuffer>
#include <QDateTime>
#include <QTest>

using namespace Rapport;

class TestCsvRowWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typedCellsAsTheImporterReadsThem();
};

void TestCsvRowWriter::typedCellsAsTheImporterReadsThem()
{
    // GIVEN one row of every kind of cell, through the CSV row writer with the guard on
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvRowWriter writer(&buffer, QLatin1Char(';'), false, true);
    QVERIFY(writer.writeHeader({"a", "b"}));
    QVERIFY(writer.writeRow({QVariant(), QString("+49 30 1"), qint64(-7), -1500.5, 1e6, true,
                             false, QDate(2026, 3, 1),
                             QDateTime(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC),
                             QString("1,5"), QString()}));
    QVERIFY(writer.finish());
    // THEN numbers are in the C locale and never guarded, dates ISO, bools true/false,
    // and only the text that looks like a formula gets the apostrophe
    QCOMPARE(buffer.data(), QByteArray("a;b\r\n;'+49 30 1;-7;-1500.5;1000000;true;false;"
                                       "2026-03-01;2026-03-01T09:30:00Z;1,5;\r\n"));
    // AND without the guard (another program) the phone number is as stored
    QCOMPARE(CsvRowWriter::cellText(QString("+49 30 1"), false), QString("+49 30 1"));
}

QTEST_GUILESS_MAIN(TestCsvRowWriter)
#include "tst_csvrowwriter.moc"
