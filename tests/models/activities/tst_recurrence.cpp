// Repeating activities through libical, in Berlin (see tests/CMakeLists.txt): the next
// occurrence of real rules (every N days, weekdays, the 3rd Tuesday, until a date, N times)
// at the same local time across a daylight-saving switch, and completing one makes the next.
#include "activities/followup.h"
#include "records/recurrence.h"
#include "records/moments.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/testclock.h"
#include "support/engines.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {
const QString Db = QStringLiteral("recurrence");

QDateTime local(int y, int m, int d, int h, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min));
}

QDateTime nextOf(const QString &rule, const QDateTime &due)
{
    const auto n = Recurrence::after(rule, due);
    return n ? n->due.toLocalTime() : QDateTime();
}
} // namespace

class TestRecurrence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nextOccurrences_data();
    void nextOccurrences();
    void countsDownAndEnds();
    void badRulesAreSaidInWords();
    void completingMakesTheNextOccurrence();

private:
    QTemporaryDir m_dir;
    TestClock m_clock;
};

void TestRecurrence::nextOccurrences_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QDateTime>("due");
    QTest::addColumn<QDateTime>("next");
    // Wednesday 2 December 2026, 10:00
    QTest::newRow("every 3 days") << "FREQ=DAILY;INTERVAL=3" << local(2026, 12, 2, 10) << local(2026, 12, 5, 10);
    QTest::newRow("weekdays, from a Friday") << "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
                                              << local(2026, 12, 4, 9) << local(2026, 12, 7, 9);
    QTest::newRow("3rd Tuesday") << "FREQ=MONTHLY;BYDAY=3TU" << local(2026, 12, 15, 14) << local(2027, 1, 19, 14);
    QTest::newRow("RRULE: prefix, lower case") << "rrule:freq=weekly" << local(2026, 12, 2, 10) << local(2026, 12, 9, 10);
    // Across the switch to summer time (28 March 2027): still 09:00 on the clock
    QTest::newRow("weekly across DST") << "FREQ=WEEKLY" << local(2027, 3, 22, 9) << local(2027, 3, 29, 9);
    QTest::newRow("until a date, not reached") << "FREQ=DAILY;UNTIL=20261205T235959Z" << local(2026, 12, 4, 10) << local(2026, 12, 5, 10);
    QTest::newRow("until a date, past") << "FREQ=DAILY;UNTIL=20261205T235959Z" << local(2026, 12, 5, 10) << QDateTime();
}

void TestRecurrence::nextOccurrences()
{
    QFETCH(QString, rule);
    QFETCH(QDateTime, due);
    QFETCH(QDateTime, next);
    QCOMPARE(Recurrence::check(rule), QString());
    QCOMPARE(nextOf(rule, due), next);
}

void TestRecurrence::countsDownAndEnds()
{
    auto n = Recurrence::after("FREQ=WEEKLY;COUNT=3", local(2026, 12, 2, 10));
    QVERIFY(n);
    QCOMPARE(n->rule, QStringLiteral("FREQ=WEEKLY;COUNT=2"));
    n = Recurrence::after(n->rule, n->due);
    QVERIFY(n);
    QCOMPARE(n->rule, QStringLiteral("FREQ=WEEKLY;COUNT=1"));
    QCOMPARE(n->due.toLocalTime(), local(2026, 12, 16, 10));
    QVERIFY(!Recurrence::after(n->rule, n->due)); // that was the third
}

void TestRecurrence::badRulesAreSaidInWords()
{
    for (const QString &bad : {QStringLiteral("every tuesday"), QStringLiteral("FREQ=SOMETIMES"),
                               QStringLiteral("")}) {
        const QString message = Recurrence::check(bad);
        QVERIFY2(message.contains("is not a repeat rule"), qPrintable(bad));
        QVERIFY(!Recurrence::after(bad, local(2026, 12, 2, 10)));
    }
}

void TestRecurrence::completingMakesTheNextOccurrence()
{
    QCOMPARE(Database::open(Engines::location(m_dir.filePath("r.sqlite")), Db), QString());
    m_clock.set(local(2026, 12, 2, 11));
    RecordStore store(Db);
    const qint64 deal = store.insert(Entity::Deal, {{"deal_name", "Engines"}, {"stage", "Proposal"}}).id;
    FollowUp f(Db);
    QVariantMap v = f.regarding(Entity::Deal, deal);
    v.insert("subject", "Weekly check-in");
    v.insert("activity_type", "Meeting");
    v.insert("owner", "Ada");
    v.insert("due_at", Moments::toStored(local(2026, 12, 2, 10)));
    v.insert("end_at", Moments::toStored(local(2026, 12, 2, 10, 30)));
    v.insert("repeat_rule", "FREQ=WEEKLY;COUNT=2");
    const qint64 first = f.add(v).nextId;
    QVERIFY(first > 0);
    // A bad rule is refused like any bad value
    QVERIFY(!store.update(Entity::Activity, first, {{"repeat_rule", "whenever"}}).ok());
    // The series' next occurrence is its next step: no question on the open deal
    QVERIFY(!f.wantsNextStep(first));
    const FollowUpResult done = f.complete(first, {});
    QVERIFY2(done.ok(), qPrintable(done.error));
    QVERIFY(done.repeatId > 0);
    const QVariantMap again = *store.load(Entity::Activity, done.repeatId);
    QCOMPARE(again.value("subject").toString(), QStringLiteral("Weekly check-in"));
    QCOMPARE(again.value("owner").toString(), QStringLiteral("Ada"));
    QCOMPARE(again.value("deal_id").toLongLong(), deal);
    QCOMPARE(again.value("status").toString(), QStringLiteral("Open"));
    QCOMPARE(Moments::fromStored(again.value("due_at").toString()).toLocalTime(), local(2026, 12, 9, 10));
    QCOMPARE(Moments::fromStored(again.value("end_at").toString()).toLocalTime(), local(2026, 12, 9, 10, 30));
    QCOMPARE(again.value("repeat_rule").toString(), QStringLiteral("FREQ=WEEKLY;COUNT=1"));
    // The last of the series asks for a next step again, and makes no other
    QVERIFY(f.wantsNextStep(done.repeatId));
    const FollowUpResult last = f.complete(done.repeatId, {});
    QVERIFY(last.ok());
    QCOMPARE(last.repeatId, 0);
    Database::close(Db);
}

QTEST_GUILESS_MAIN(TestRecurrence)
#include "tst_recurrence.moc"
