// How cells become text: numbers as Excel shows them, date serials as ISO 8601, which
// number formats are dates, and cell references as columns.
#include "xlsx/xlsxcells.h"
#include "xlsx/xlsxstyles.h"

#include <QTest>

using namespace Rapport;

class TestXlsxCells : public QObject
{
    Q_OBJECT

private slots:
    void dateSerials_data();
    void dateSerials();
    void date1904();
    void isoDates();
    void numbers_data();
    void numbers();
    void dateFormats_data();
    void dateFormats();
    void builtInFormats();
    void columns();
    void escapes();
};

void TestXlsxCells::dateSerials_data()
{
    QTest::addColumn<double>("serial");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("text");
    const int date = int(XlsxCells::NumberKind::Date);
    const int dateTime = int(XlsxCells::NumberKind::DateTime);
    const int time = int(XlsxCells::NumberKind::Time);
    QTest::newRow("first day") << 1.0 << date << "1900-01-01";
    QTest::newRow("before Lotus' leap day") << 59.0 << date << "1900-02-28";
    QTest::newRow("Lotus' leap day") << 60.0 << date << "1900-02-29";
    QTest::newRow("after Lotus' leap day") << 61.0 << date << "1900-03-01";
    QTest::newRow("leap day 2024") << 45351.0 << date << "2024-02-29";
    QTest::newRow("date shown, time dropped") << 45351.9 << date << "2024-02-29";
    QTest::newRow("date and time") << 45351.5 << dateTime << "2024-02-29T12:00:00";
    QTest::newRow("rounded up to midnight") << 45351.999999999 << dateTime
                                            << "2024-03-01T00:00:00";
    QTest::newRow("time of day") << 0.75 << time << "18:00:00";
    QTest::newRow("time past a day") << 1.25 << time << "1900-01-01T06:00:00";
    QTest::newRow("negative: no date") << -3.0 << date << "-3";
}

void TestXlsxCells::dateSerials()
{
    QFETCH(double, serial);
    QFETCH(int, kind);
    QFETCH(QString, text);
    QCOMPARE(XlsxCells::serialText(serial, false, XlsxCells::NumberKind(kind)), text);
}

void TestXlsxCells::numbers_data()
{
    QTest::addColumn<QByteArray>("stored");
    QTest::addColumn<QString>("text");
    QTest::newRow("integer") << QByteArray("12") << "12";
    QTest::newRow("half") << QByteArray("0.5") << "0.5";
    QTest::newRow("amount") << QByteArray("1234567.89") << "1234567.89";
    QTest::newRow("negative") << QByteArray("-42.125") << "-42.125";
    QTest::newRow("phone as number") << QByteArray("491701234567890") << "491701234567890";
    QTest::newRow("phone with exponent") << QByteArray("4.9170123456789E+14")
                                         << "491701234567890";
    QTest::newRow("float noise as Excel shows it") << QByteArray("0.30000000000000004") << "0.3";
    QTest::newRow("small") << QByteArray("1E-3") << "0.001";
    QTest::newRow("huge") << QByteArray("1.5E+25") << "1.5e+25";
}

void TestXlsxCells::numbers()
{
    QFETCH(QByteArray, stored);
    QFETCH(QString, text);
    bool ok = false;
    const double value = stored.toDouble(&ok);
    QVERIFY(ok);
    QCOMPARE(XlsxCells::numberText(value), text);
}

void TestXlsxCells::dateFormats_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("kind");
    const int number = int(XlsxCells::NumberKind::Number);
    const int date = int(XlsxCells::NumberKind::Date);
    QTest::newRow("German date") << "dd.mm.yyyy" << date;
    QTest::newRow("LibreOffice's capitals") << "DD.MM.YYYY" << date;
    QTest::newRow("month and year") << "mmm yyyy" << date;
    QTest::newRow("minutes and seconds") << "mm:ss" << int(XlsxCells::NumberKind::Time);
    QTest::newRow("date and time") << "yyyy-mm-dd hh:mm" << int(XlsxCells::NumberKind::DateTime);
    QTest::newRow("quoted words") << "0.0 \"days\"" << number;
    QTest::newRow("currency in brackets") << "[$€-407] #,##0.00" << number;
    QTest::newRow("colour") << "[Red]0.00" << number;
    QTest::newRow("escaped letter") << "0\\d" << number;
    QTest::newRow("scientific") << "0.00E+00" << number;
    QTest::newRow("General") << "General" << number;
}

void TestXlsxCells::dateFormats()
{
    QFETCH(QString, code);
    QFETCH(int, kind);
    QCOMPARE(int(XlsxStyles::kindOfCode(code)), kind);
}

void TestXlsxCells::date1904()
{
    QCOMPARE(XlsxCells::serialText(0, true, XlsxCells::NumberKind::Date), "1904-01-01");
    QCOMPARE(XlsxCells::serialText(43538, true, XlsxCells::NumberKind::Date), "2023-03-15");
}

void TestXlsxCells::isoDates()
{
    QCOMPARE(XlsxCells::isoDateText("2024-05-06"), "2024-05-06");
    QCOMPARE(XlsxCells::isoDateText("2024-05-06T00:00:00Z"), "2024-05-06");
    QCOMPARE(XlsxCells::isoDateText("2024-05-06T09:30:15.000"), "2024-05-06T09:30:15");
    QCOMPARE(XlsxCells::isoDateText("1899-12-31T08:15:00"), "08:15:00");
    QCOMPARE(XlsxCells::isoDateText("someday"), "someday");
}

void TestXlsxCells::builtInFormats()
{
    using Kind = XlsxCells::NumberKind;
    QCOMPARE(XlsxStyles::kindOfBuiltIn(0), Kind::Number);
    QCOMPARE(XlsxStyles::kindOfBuiltIn(10), Kind::Number);
    for (int id : {14, 15, 16, 17})
        QCOMPARE(XlsxStyles::kindOfBuiltIn(id), Kind::Date);
    QCOMPARE(XlsxStyles::kindOfBuiltIn(22), Kind::DateTime);
    for (int id : {18, 19, 20, 21, 45, 46, 47})
        QCOMPARE(XlsxStyles::kindOfBuiltIn(id), Kind::Time);
    QCOMPARE(XlsxStyles::kindOfBuiltIn(49), Kind::Number); // "@", text
}

void TestXlsxCells::columns()
{
    QCOMPARE(XlsxCells::columnOf(u"A1"), 0);
    QCOMPARE(XlsxCells::columnOf(u"z9"), 25);
    QCOMPARE(XlsxCells::columnOf(u"AB12"), 27);
    QCOMPARE(XlsxCells::columnOf(u"XFD1048576"), 16383);
    QCOMPARE(XlsxCells::columnOf(u"XFE1"), -1);
    QCOMPARE(XlsxCells::columnOf(u"12"), -1);
    QCOMPARE(XlsxCells::columnOf(u"A"), -1);
    QCOMPARE(XlsxCells::columnOf(u"A1B"), -1);
    QCOMPARE(XlsxCells::columnOf(u"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1"), -1);
}

void TestXlsxCells::escapes()
{
    QCOMPARE(XlsxCells::unescaped("line_x000D__x000A_next"), "line\r\nnext");
    QCOMPARE(XlsxCells::unescaped("file_xname_"), "file_xname_");
    QCOMPARE(XlsxCells::unescaped("_x00"), "_x00");
    QCOMPARE(XlsxCells::unescaped("_x+123_"), "_x+123_");
    QCOMPARE(XlsxCells::escapedUnderscores("a _x0041_ b"), "a _x005F_x0041_ b");
    QCOMPARE(XlsxCells::unescaped(XlsxCells::escapedUnderscores("_x0041__x0042_")),
             "_x0041__x0042_");
}

QTEST_GUILESS_MAIN(TestXlsxCells)
#include "tst_xlsxcells.moc"
