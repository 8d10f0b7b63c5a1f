// Moments are stored in UTC and read and shown in local time (this test runs in
// Europe/Berlin, see tests/CMakeLists.txt), the same on both sides of a daylight-saving switch.
#include "records/moments.h"
#include "records/valuetext.h"
#include "records/recordtypes.h"
#include "records/validation.h"

#include <QTest>
#include <QTimeZone>

using namespace Rapport;

class TestMoments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void storedInUtcWithAZ();
    void parsesWhatPeopleType_data();
    void parsesWhatPeopleType();
    void aDayAloneIsNineInTheMorningAcrossDaylightSaving();
    void shownInLocalTimeInTheLocalesFormat();
    void validationWantsTheStoredForm();
};

void TestMoments::initTestCase()
{
    QCOMPARE(QTimeZone::systemTimeZoneId(), QByteArray("Europe/Berlin"));
}

void TestMoments::storedInUtcWithAZ()
{
    const QDateTime berlin(QDate(2026, 12, 31), QTime(14, 30), QTimeZone("Europe/Berlin"));
    QCOMPARE(Moments::toStored(berlin), QString("2026-12-31T13:30:00Z"));
    QCOMPARE(Moments::fromStored("2026-12-31T13:30:00Z"), berlin);
    // Written without a zone, as no other program should: Rapport's own convention, UTC.
    QCOMPARE(Moments::fromStored("2026-12-31T13:30:00"), berlin);
    QVERIFY(!Moments::fromStored("31.12.2026").isValid());
    QCOMPARE(Moments::toStored(QDateTime()), QString());
}

void TestMoments::parsesWhatPeopleType_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("stored");
    QTest::newRow("ISO, local") << "2026-12-31T14:30" << "en_GB" << "2026-12-31T13:30:00Z";
    QTest::newRow("ISO with a space") << "2026-12-31 14:30:00" << "en_GB" << "2026-12-31T13:30:00Z";
    QTest::newRow("ISO, UTC") << "2026-12-31T14:30:00Z" << "en_GB" << "2026-12-31T14:30:00Z";
    QTest::newRow("ISO, an offset") << "2026-12-31T14:30:00-05:00" << "en_GB" << "2026-12-31T19:30:00Z";
    QTest::newRow("British") << "31/12/2026 14:30" << "en_GB" << "2026-12-31T13:30:00Z";
    QTest::newRow("German") << "31.12.2026 14:30" << "de_DE" << "2026-12-31T13:30:00Z";
    QTest::newRow("summer") << "01.07.2026 14:30" << "de_DE" << "2026-07-01T12:30:00Z";
    QTest::newRow("a day alone") << "31.12.2026" << "de_DE" << "2026-12-31T08:00:00Z";
    QTest::newRow("not a moment") << "soon" << "en_GB" << "";
    QTest::newRow("no such day") << "31.02.2026 10:00" << "de_DE" << "";
}

void TestMoments::parsesWhatPeopleType()
{
    QFETCH(QString, text);
    QFETCH(QString, locale);
    QFETCH(QString, stored);
    QCOMPARE(Moments::toStored(Moments::parse(text, QLocale(locale))), stored);
}

void TestMoments::aDayAloneIsNineInTheMorningAcrossDaylightSaving()
{
    // Berlin moves its clocks on 29 March 2026: 09:00 is 08:00 UTC before, 07:00 after.
    QCOMPARE(Moments::toStored(Moments::parse("2026-03-28", QLocale::c())), QString("2026-03-28T08:00:00Z"));
    QCOMPARE(Moments::toStored(Moments::parse("2026-03-30", QLocale::c())), QString("2026-03-30T07:00:00Z"));
    // The same local time each day, shown as typed.
    const QLocale de("de_DE");
    QCOMPARE(Moments::display(Moments::fromStored("2026-03-28T08:00:00Z"), de), QString("28.03.2026 09:00"));
    QCOMPARE(Moments::display(Moments::fromStored("2026-03-30T07:00:00Z"), de), QString("30.03.2026 09:00"));
}

void TestMoments::shownInLocalTimeInTheLocalesFormat()
{
    const QDateTime m = Moments::fromStored("2026-12-31T13:30:00Z");
    QCOMPARE(Moments::display(m, QLocale("de_DE")), QString("31.12.2026 14:30"));
    QCOMPARE(Moments::display(m, QLocale("en_GB")), QString("31/12/2026 14:30"));
    // What display() writes, parse() reads back.
    for (const char *name : {"de_DE", "en_GB", "en_US", "fr_FR"}) {
        const QLocale l(QString::fromLatin1(name));
        QCOMPARE(Moments::parse(Moments::display(m, l), l), m);
    }
    // The field formatter does the same for a DateTime field.
    const FieldDef *due = findField(Entity::Activity, "due_at");
    QVERIFY(due && due->type == FieldType::DateTime);
    QCOMPARE(valueText(*due, "2026-12-31T13:30:00Z", QLocale("de_DE")), QString("31.12.2026 14:30"));
}

void TestMoments::validationWantsTheStoredForm()
{
    const QList<FieldError> bad = Validation::check(
        Entity::Activity, {{"subject", "Call"}, {"activity_type", "Call"}, {"due_at", "tomorrow"}});
    QCOMPARE(bad.size(), 1);
    QVERIFY2(bad.first().message.contains("not a date and time"), qPrintable(bad.first().message));
    QVERIFY(Validation::check(Entity::Activity, {{"subject", "Call"}, {"activity_type", "Call"},
                                                 {"due_at", "2026-12-31T13:30:00Z"}}).isEmpty());
}

QTEST_MAIN(TestMoments)
#include "tst_moments.moc"
