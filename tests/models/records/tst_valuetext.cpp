// Every value a user reads is formatted the same way, in the user's locale.
#include "records/recordtypes.h"
#include "records/valuetext.h"

#include <QTest>

using namespace Rapport;

class TestValueText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsByFieldType_data();
    void formatsByFieldType();
};

void TestValueText::formatsByFieldType_data()
{
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("amount, English") << "deals" << "amount" << QVariant(121600) << "en_US" << "121,600.00";
    QTest::newRow("amount, German") << "deals" << "amount" << QVariant("24000") << "de_DE" << "24.000,00";
    QTest::newRow("whole number") << "accounts" << "employees" << QVariant(1234) << "en_US" << "1,234";
    QTest::newRow("yes") << "leads" << "email_opt_out" << QVariant(1) << "en_US" << "Yes";
    QTest::newRow("no, not 0") << "leads" << "email_opt_out" << QVariant(0) << "en_US" << "No";
    QTest::newRow("date, not ISO") << "deals" << "closing_date" << QVariant("2026-12-31") << "de_DE"
                                   << QLocale("de_DE").toString(QDate(2026, 12, 31), QLocale::ShortFormat);
    QTest::newRow("picklist") << "leads" << "lead_status" << QVariant("Contacted") << "en_US" << "Contacted";
    QTest::newRow("text as is") << "leads" << "city" << QVariant("Zürich") << "de_DE" << "Zürich";
    QTest::newRow("no value") << "deals" << "amount" << QVariant() << "en_US" << "";
    QTest::newRow("empty") << "deals" << "amount" << QVariant("") << "en_US" << "";
}

void TestValueText::formatsByFieldType()
{
    QFETCH(QString, entity);
    QFETCH(QString, field);
    QFETCH(QVariant, value);
    QFETCH(QString, locale);
    QFETCH(QString, expected);
    const FieldDef *f = findField(*entityFromName(entity), field);
    QVERIFY(f);
    QCOMPARE(valueText(*f, value, QLocale(locale)), expected);
}

QTEST_GUILESS_MAIN(TestValueText)
#include "tst_valuetext.moc"
