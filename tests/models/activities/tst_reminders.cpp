// Reminders on a clock the test sets (in Berlin, see tests/CMakeLists.txt): due at the lead
// time before an activity is due, shown once, again after a snooze, anew when rescheduled,
// never once done, only to the owner, and those missed while the app was closed at once.
#include "activities/reminders.h"
#include "records/moments.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/testclock.h"
#include "support/engines.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {
const QString Db = QStringLiteral("reminders");

QDateTime local(int y, int m, int d, int h, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min));
}

QStringList subjects(const QList<Reminder> &reminders)
{
    QStringList out;
    for (const Reminder &r : reminders)
        out << r.activity.subject;
    return out;
}
} // namespace

class TestReminders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void dueAtTheLeadTimeAndShownOnce();
    void snoozedComesBackAtItsEnd();
    void rescheduledOrDoneChangesTheReminder();
    void onlyTheOwnersAndMissedOnesAtOnce();
    void aReminderTimeInThePastFiresAtOnceOnce();
    void twoWindowsShowItOnce();
    void showingIsNotAnEdit();
    void everyReminderValueHasALeadTime();

private:
    qint64 activity(const QString &subject, const QDateTime &due, const QString &reminder,
                    const QVariantMap &more = {});
    QTemporaryDir m_dir;
    TestClock m_clock;
    int m_run = 0;
};

void TestReminders::init()
{
    const QString location =
        Engines::location(m_dir.filePath(QStringLiteral("r%1.sqlite").arg(++m_run)));
    QCOMPARE(Database::open(location, Db), QString());
    m_clock.set(local(2026, 12, 2, 10));
}

void TestReminders::cleanup()
{
    Database::close(Db);
}

qint64 TestReminders::activity(const QString &subject, const QDateTime &due,
                               const QString &reminder, const QVariantMap &more)
{
    QVariantMap v = more;
    v.insert("subject", subject);
    v.insert("due_at", Moments::toStored(due));
    v.insert("reminder", reminder);
    if (!v.contains("owner"))
        v.insert("owner", "Ada");
    const WriteResult r = RecordStore(Db).insert(Entity::Activity, v);
    return r.ok() ? r.id : -1;
}

void TestReminders::dueAtTheLeadTimeAndShownOnce()
{
    activity("call Byron", local(2026, 12, 2, 10, 30), "15 minutes before");
    activity("no reminder", local(2026, 12, 2, 10, 5), "");
    activity("next week", local(2026, 12, 9, 9), "1 day before");
    ReminderBook book(Db, "Ada", false);
    QString error;
    QVERIFY(book.due(Clock::now(), 50, &error).isEmpty());
    QCOMPARE(error, QString());
    QCOMPARE(book.next(Clock::now()), local(2026, 12, 2, 10, 15).toUTC());

    m_clock.set(local(2026, 12, 2, 10, 15));
    const QList<Reminder> due = book.due(Clock::now());
    QCOMPARE(subjects(due), QStringList{"call Byron"});
    QCOMPARE(due.first().activity.due, local(2026, 12, 2, 10, 30).toUTC());
    QVERIFY(book.claim(due.first(), Clock::now()));
    QVERIFY(book.due(Clock::now()).isEmpty());
    QVERIFY(!book.claim(due.first(), Clock::now())); // once
    // The next one beyond today's horizon is not looked for; within a week's it is.
    QCOMPARE(book.next(Clock::now()), QDateTime());
    QCOMPARE(book.next(Clock::now(), 7), local(2026, 12, 8, 9).toUTC());
}

void TestReminders::snoozedComesBackAtItsEnd()
{
    const qint64 id = activity("call Byron", local(2026, 12, 2, 10, 30), "30 minutes before");
    ReminderBook book(Db, "Ada", false);
    const QList<Reminder> due = book.due(Clock::now());
    QCOMPARE(due.size(), 1);
    QVERIFY(book.claim(due.first(), Clock::now()));
    QCOMPARE(book.snooze(id, Clock::now().addSecs(600)), QString());
    QVERIFY(book.due(Clock::now()).isEmpty());
    QCOMPARE(book.next(Clock::now()), Clock::now().addSecs(600));
    m_clock.advance(600 * 1000);
    const QList<Reminder> again = book.due(Clock::now());
    QCOMPARE(subjects(again), QStringList{"call Byron"});
    QVERIFY(again.first().snoozed);
    QVERIFY(book.claim(again.first(), Clock::now()));
    QVERIFY(book.due(Clock::now()).isEmpty());
}

void TestReminders::rescheduledOrDoneChangesTheReminder()
{
    const qint64 id = activity("call Byron", local(2026, 12, 2, 10, 10), "15 minutes before");
    ReminderBook book(Db, "Ada", false);
    const QList<Reminder> due = book.due(Clock::now());
    QCOMPARE(due.size(), 1);
    QVERIFY(book.claim(due.first(), Clock::now()));
    QVERIFY(book.stands(due.first()));
    // Moved to tomorrow: a new reminder, a day later; the one shown no longer stands.
    RecordStore store(Db);
    QVERIFY(store.update(Entity::Activity, id,
                         {{"due_at", Moments::toStored(local(2026, 12, 3, 10, 10))}}).ok());
    QVERIFY(!book.stands(due.first()));
    QVERIFY(book.due(Clock::now()).isEmpty());
    m_clock.set(local(2026, 12, 3, 9, 55));
    QCOMPARE(book.due(Clock::now()).size(), 1);
    // A claim read before the activity was done is refused once it is.
    const Reminder stale = book.due(Clock::now()).first();
    QVERIFY(book.stands(stale));
    QVERIFY(store.update(Entity::Activity, id, {{"status", "Done"}}).ok());
    QVERIFY(!book.stands(stale));
    QVERIFY(book.due(Clock::now()).isEmpty());
    QVERIFY(!book.claim(stale, Clock::now()));
    QVERIFY(!book.snooze(id, Clock::now().addSecs(60)).isEmpty());
}

void TestReminders::onlyTheOwnersAndMissedOnesAtOnce()
{
    activity("Ada's, last week", local(2026, 11, 25, 9), "1 hour before");
    activity("Ada's, an hour ago", local(2026, 12, 2, 9), "At due time");
    activity("Bob's", local(2026, 12, 2, 9, 30), "At due time", {{"owner", "Bob"}});
    activity("nobody's", local(2026, 12, 2, 9, 45), "At due time", {{"owner", ""}});
    // The app opens: every reminder that came due while it was closed, the earliest first.
    QCOMPARE(subjects(ReminderBook(Db, "Ada", false).due(Clock::now())),
             (QStringList{"Ada's, last week", "Ada's, an hour ago"}));
    // On one rep's own file, nobody's activities are the rep's.
    QCOMPARE(subjects(ReminderBook(Db, "Ada", true).due(Clock::now())),
             (QStringList{"Ada's, last week", "Ada's, an hour ago", "nobody's"}));
    QCOMPARE(subjects(ReminderBook(Db, "Bob", false).due(Clock::now())), QStringList{"Bob's"});
    QCOMPARE(subjects(ReminderBook(Db, "Ada", false).due(Clock::now(), 1)),
             QStringList{"Ada's, last week"});
}

void TestReminders::aReminderTimeInThePastFiresAtOnceOnce()
{
    // Due in five minutes, reminded a day before: that time has passed, so it is due now.
    activity("soon", local(2026, 12, 2, 10, 5), "1 day before");
    ReminderBook book(Db, "Ada", false);
    const QList<Reminder> due = book.due(Clock::now());
    QCOMPARE(subjects(due), QStringList{"soon"});
    QVERIFY(book.claim(due.first(), Clock::now()));
    m_clock.advance(60 * 60 * 1000);
    QVERIFY(book.due(Clock::now()).isEmpty());
    QCOMPARE(book.next(Clock::now()), QDateTime());
}

void TestReminders::twoWindowsShowItOnce()
{
    activity("call Byron", local(2026, 12, 2, 10), "At due time");
    ReminderBook first(Db, "Ada", false), second(Db, "Ada", false);
    const QList<Reminder> a = first.due(Clock::now()), b = second.due(Clock::now());
    QCOMPARE(a.size(), 1);
    QCOMPARE(b.size(), 1);
    QVERIFY(first.claim(a.first(), Clock::now()));
    QVERIFY(!second.claim(b.first(), Clock::now()));
}

void TestReminders::showingIsNotAnEdit()
{
    const qint64 id = activity("call Byron", local(2026, 12, 2, 10), "At due time");
    QSqlQuery q(QSqlDatabase::database(Db));
    const auto state = [&] {
        q.exec(QStringLiteral("SELECT version, (SELECT COUNT(*) FROM changes) FROM activities "
                              "WHERE id = %1").arg(id));
        return q.next() ? QStringList{q.value(0).toString(), q.value(1).toString()} : QStringList();
    };
    const QStringList before = state();
    ReminderBook book(Db, "Ada", false);
    QVERIFY(book.claim(book.due(Clock::now()).first(), Clock::now()));
    QCOMPARE(book.snooze(id, Clock::now().addSecs(300)), QString());
    QCOMPARE(state(), before);
}

void TestReminders::everyReminderValueHasALeadTime()
{
    // The lead times are read off the picklist's stored forms: a value added to the list
    // without one would never remind.
    const FieldDef *f = findField(Entity::Activity, "reminder");
    QVERIFY(f);
    const QStringList values = picklistValues(*f);
    QCOMPARE(values.size(), 8);
    for (const QString &v : values)
        QVERIFY2(ReminderBook::leadMinutes(v).has_value(), qPrintable(v));
    QVERIFY(!ReminderBook::leadMinutes(QString()).has_value());
}

QTEST_GUILESS_MAIN(TestReminders)
#include "tst_reminders.moc"
