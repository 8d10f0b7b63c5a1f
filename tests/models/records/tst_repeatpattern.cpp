// The repeats a rep picks rather than types: each pattern is an RRULE libical reads and steps
// through as the pattern says, a rule written any way reads back as its pattern, a rule that
// says more than a pattern holds has none (and is kept as typed), and the words for each.
#include "i18n/translations.h"
#include "records/recurrence.h"
#include "records/repeatpattern.h"

#include <QTest>

using namespace Rapport;

class TestRepeatPattern : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // English plurals ("2 days") come from Rapport's English translation.
    void initTestCase()
    {
        QVERIFY(installTranslations(*QCoreApplication::instance(),
                                    QLocale(QLocale::English, QLocale::UnitedKingdom)));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }
    void readsAndWritesRules_data();
    void readsAndWritesRules();
    void rulesThatSayMoreHaveNoPattern_data();
    void rulesThatSayMoreHaveNoPattern();
    void everyPatternStepsAsItSays();
    void suggestionsForADay();
    void describeKeepsWhatItCannotWord();
};

void TestRepeatPattern::readsAndWritesRules_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("written");
    QTest::addColumn<QString>("words");
    QTest::newRow("daily") << "FREQ=DAILY" << "FREQ=DAILY" << "Every day";
    QTest::newRow("every 3 days, any case") << "rrule:freq=daily;interval=3"
                                            << "FREQ=DAILY;INTERVAL=3" << "Every 3 days";
    QTest::newRow("weekdays") << "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
                              << "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
                              << "Every weekday (Monday to Friday)";
    QTest::newRow("days in any order") << "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE,MO;COUNT=6"
                                       << "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=6"
                                       << "Every 2 weeks on Monday, Wednesday, 6 times";
    QTest::newRow("sunday") << "FREQ=WEEKLY;BYDAY=SU" << "FREQ=WEEKLY;BYDAY=SU" << "Weekly on Sunday";
    QTest::newRow("third tuesday") << "FREQ=MONTHLY;BYDAY=3TU;UNTIL=20270630"
                                   << "FREQ=MONTHLY;BYDAY=3TU;UNTIL=20270630"
                                   << "Monthly on the third Tuesday, until 30/06/2027";
    QTest::newRow("last friday") << "FREQ=MONTHLY;BYDAY=-1FR" << "FREQ=MONTHLY;BYDAY=-1FR"
                                 << "Monthly on the last Friday";
    QTest::newRow("day 15 quarterly") << "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15"
                                      << "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15"
                                      << "Every 3 months on day 15";
    QTest::newRow("yearly once") << "FREQ=YEARLY;COUNT=1" << "FREQ=YEARLY;COUNT=1"
                                 << "Every year, 1 time";
}

void TestRepeatPattern::readsAndWritesRules()
{
    QFETCH(QString, rule);
    QFETCH(QString, written);
    QFETCH(QString, words);
    const std::optional<RepeatPattern> p = RepeatPattern::read(rule);
    QVERIFY(p);
    QCOMPARE(p->rule(), written);
    QCOMPARE(p->text(), words);
    QCOMPARE(Recurrence::check(p->rule()), QString());
    QCOMPARE(RepeatPattern::read(written)->rule(), written);
}

void TestRepeatPattern::rulesThatSayMoreHaveNoPattern_data()
{
    QTest::addColumn<QString>("rule");
    QTest::newRow("not a rule") << "every tuesday";
    QTest::newRow("hourly") << "FREQ=HOURLY";
    QTest::newRow("by hour") << "FREQ=DAILY;BYHOUR=9,17";
    QTest::newRow("set position") << "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1";
    QTest::newRow("two month days") << "FREQ=MONTHLY;BYMONTHDAY=1,15";
    QTest::newRow("two nth weekdays") << "FREQ=MONTHLY;BYDAY=1MO,3MO";
    QTest::newRow("by month") << "FREQ=YEARLY;BYMONTH=3";
    QTest::newRow("week starts sunday") << "FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU";
}

void TestRepeatPattern::rulesThatSayMoreHaveNoPattern()
{
    QFETCH(QString, rule);
    QVERIFY(!RepeatPattern::read(rule));
}

// What the pattern says is what libical does with its rule.
void TestRepeatPattern::everyPatternStepsAsItSays()
{
    RepeatPattern p;
    p.frequency = RepeatPattern::Frequency::Monthly;
    p.monthlyBy = RepeatPattern::MonthlyBy::Weekday;
    p.position = -1;
    p.weekday = Qt::Friday;
    const QDateTime lastFridayOfJanuary(QDate(2027, 1, 29), QTime(9, 0), Qt::UTC);
    QCOMPARE(Recurrence::after(p.rule(), lastFridayOfJanuary)->due.date(), QDate(2027, 2, 26));

    p.frequency = RepeatPattern::Frequency::Weekly;
    p.interval = 2;
    p.weekdays = {Qt::Monday, Qt::Thursday};
    const QDateTime monday(QDate(2027, 1, 4), QTime(9, 0), Qt::UTC);
    QCOMPARE(Recurrence::after(p.rule(), monday)->due.date(), QDate(2027, 1, 7));
    const QDateTime thursday(QDate(2027, 1, 7), QTime(9, 0), Qt::UTC);
    QCOMPARE(Recurrence::after(p.rule(), thursday)->due.date(), QDate(2027, 1, 18));
}

// Tuesday 15 December 2026 is the third Tuesday of its month; Thursday 31 December the last
// Thursday (and no fifth one is offered as "fifth").
void TestRepeatPattern::suggestionsForADay()
{
    QStringList words;
    for (const RepeatPattern &p : RepeatPattern::suggestions(QDate(2026, 12, 15)))
        words << p.text();
    QCOMPARE(words, QStringList({"Every day", "Every weekday (Monday to Friday)",
                                 "Weekly on Tuesday", "Monthly on the third Tuesday",
                                 "Monthly on day 15", "Every year"}));
    words.clear();
    for (const RepeatPattern &p : RepeatPattern::suggestions(QDate(2026, 12, 31)))
        words << p.text();
    QVERIFY(words.contains("Monthly on the last Thursday"));
    QVERIFY(!words.join(' ').contains("fifth"));
    words.clear();
    // Monday 28 December is both the fourth and the last Monday.
    for (const RepeatPattern &p : RepeatPattern::suggestions(QDate(2026, 12, 28)))
        words << p.text();
    QVERIFY(words.contains("Monthly on the fourth Monday"));
    QVERIFY(words.contains("Monthly on the last Monday"));
}

void TestRepeatPattern::describeKeepsWhatItCannotWord()
{
    QCOMPARE(RepeatPattern::describe(QString()), QString());
    QCOMPARE(RepeatPattern::describe(" FREQ=DAILY;BYHOUR=9,17 "), QString("FREQ=DAILY;BYHOUR=9,17"));
    QCOMPARE(RepeatPattern::describe("FREQ=DAILY;INTERVAL=2"), QString("Every 2 days"));
}

QTEST_GUILESS_MAIN(TestRepeatPattern)
#include "tst_repeatpattern.moc"
