// Reminders on the desktop, on a clock the test sets (in Berlin, see tests/CMakeLists.txt):
// a reminder shows at its time and not before, once even with two windows on the database,
// comes back after a snooze, opens its record, leaves the screen when its activity is done
// elsewhere; those missed while the app was closed come as one list in the Reminders window;
// only the owner's show.
#include "reminders/notifier.h"
#include "reminders/reminderactions.h"
#include "reminders/reminderscheduler.h"
#include "reminders/reminderswindow.h"
#include "records/moments.h"
#include "records/recorddialog.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/testclock.h"
#include "window/mainwindow.h"
#include "support/engines.h"

#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace Rapport;

namespace {
const QString Db = QStringLiteral("scheduler");

QDateTime local(int y, int m, int d, int h, int min = 0, int s = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s));
}

// Shows nothing: it keeps what it was asked to show and to take off, and lets the test pick.
class FakeNotifier : public Notifier
{
public:
    void show(const Reminder &reminder) override { shown << reminder.activity.subject; }
    void withdraw(qint64 activityId) override { withdrawn << activityId; }
    bool canShow() const override { return available; }
    void pick(qint64 activityId, Choice choice) { Q_EMIT chosen(activityId, choice); }

    QStringList shown;
    QList<qint64> withdrawn;
    bool available = true;
};

QStringList rows(const QTreeWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        out << list->topLevelItem(i)->text(0);
    return out;
}
} // namespace

class TestReminderScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void aReminderShowsAtItsTimeAndNotBefore();
    void aPastReminderTimeShowsAtOnceAndOnce();
    void twoWindowsOnOneDatabaseShowItOnce();
    void aSnoozeBringsItBackAtItsEnd();
    void openAsksForTheRecordItIsOn();
    void doneElsewhereTakesItOffTheScreen();
    void oneMissedWhileClosedIsANotification();
    void severalMissedWhileClosedAreOneList();
    void withoutNotificationsTheListShowsIt();
    void onlyTheOwnersRemindersShow();

private:
    qint64 activity(const QString &subject, const QDateTime &due, const QString &reminder,
                    const QVariantMap &more = {});
    QString path() const
    {
        return Engines::location(m_dir.filePath(QStringLiteral("r%1.sqlite").arg(m_run)));
    }

    QTemporaryDir m_dir;
    TestClock m_clock;
    int m_run = 0;
};

void TestReminderScheduler::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_reminderscheduler");
    QSettings().clear();
    qputenv("RAPPORT_USER", "Ada");
}

void TestReminderScheduler::init()
{
    ++m_run;
    QCOMPARE(Database::open(path(), Db), QString());
    m_clock.set(local(2026, 12, 2, 10));
}

void TestReminderScheduler::cleanup()
{
    Database::close(Db);
}

qint64 TestReminderScheduler::activity(const QString &subject, const QDateTime &due,
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

void TestReminderScheduler::aReminderShowsAtItsTimeAndNotBefore()
{
    // GIVEN a call at 10:30 with a reminder 15 minutes before, and the time 10:00
    activity("call Byron", local(2026, 12, 2, 10, 30), "15 minutes before");
    auto notifier = std::make_shared<FakeNotifier>();
    ReminderScheduler scheduler(Db, "Ada", false, notifier);
    // WHEN the app starts
    scheduler.start();
    // THEN nothing shows, and it wakes for 10:15, asking again within a minute meanwhile
    QVERIFY(notifier->shown.isEmpty());
    QCOMPARE(scheduler.nextReminder(), local(2026, 12, 2, 10, 15).toUTC());
    QVERIFY(scheduler.timer()->isActive());
    QVERIFY(scheduler.timer()->remainingTime() <= 60 * 1000);
    // WHEN it is a second before
    m_clock.set(local(2026, 12, 2, 10, 14, 59));
    scheduler.check();
    QVERIFY(notifier->shown.isEmpty());
    QCOMPARE(scheduler.timer()->interval(), 1000);
    // WHEN the timer goes off at 10:15
    m_clock.set(local(2026, 12, 2, 10, 15));
    scheduler.timer()->start(0);
    // THEN the reminder shows, and is kept as not dealt with
    QTRY_COMPARE(notifier->shown, QStringList{"call Byron"});
    QCOMPARE(scheduler.pending().size(), 1);
    QVERIFY(!scheduler.nextReminder().isValid());
}

void TestReminderScheduler::aPastReminderTimeShowsAtOnceAndOnce()
{
    // GIVEN a call in five minutes with a reminder a day before: that time has passed
    activity("soon", local(2026, 12, 2, 10, 5), "1 day before");
    auto notifier = std::make_shared<FakeNotifier>();
    ReminderScheduler scheduler(Db, "Ada", false, notifier);
    // WHEN the app starts, THEN it shows at once
    scheduler.start();
    QCOMPARE(notifier->shown, QStringList{"soon"});
    // WHEN time passes and the scheduler looks again, THEN it does not show again
    scheduler.check();
    m_clock.advance(60 * 60 * 1000);
    scheduler.check();
    QCOMPARE(notifier->shown, QStringList{"soon"});
    // Nor in a window opened later on the same database.
    auto later = std::make_shared<FakeNotifier>();
    ReminderScheduler again(Db, "Ada", false, later);
    again.start();
    QVERIFY(later->shown.isEmpty());
}

void TestReminderScheduler::twoWindowsOnOneDatabaseShowItOnce()
{
    // GIVEN two windows, each with its own connection to one database
    QCOMPARE(Database::open(path(), "second"), QString());
    activity("call Byron", local(2026, 12, 2, 10, 30), "30 minutes before");
    auto first = std::make_shared<FakeNotifier>(), second = std::make_shared<FakeNotifier>();
    ReminderScheduler a(Db, "Ada", false, first), b("second", "Ada", false, second);
    // WHEN both look at the reminder's time
    a.check();
    b.check();
    // THEN one of them shows it
    QCOMPARE(first->shown.size() + second->shown.size(), 1);
    QCOMPARE(first->shown, QStringList{"call Byron"});
    Database::close("second");
}

void TestReminderScheduler::aSnoozeBringsItBackAtItsEnd()
{
    // GIVEN a reminder on screen
    const qint64 id = activity("call Byron", local(2026, 12, 2, 10), "At due time");
    auto notifier = std::make_shared<FakeNotifier>();
    ReminderScheduler scheduler(Db, "Ada", false, notifier);
    scheduler.start();
    QCOMPARE(notifier->shown, QStringList{"call Byron"});
    // WHEN the rep snoozes it for 10 minutes from the notification
    notifier->pick(id, Notifier::Choice::SnoozeTenMinutes);
    // THEN it leaves the screen and the list, and the scheduler wakes at the snooze's end
    QVERIFY(notifier->withdrawn.contains(id));
    QVERIFY(scheduler.pending().isEmpty());
    QCOMPARE(scheduler.nextReminder(), local(2026, 12, 2, 10, 10).toUTC());
    m_clock.set(local(2026, 12, 2, 10, 9, 59));
    scheduler.check();
    QCOMPARE(notifier->shown.size(), 1);
    // WHEN the snooze is over, THEN it shows again
    m_clock.set(local(2026, 12, 2, 10, 10));
    scheduler.check();
    QCOMPARE(notifier->shown, (QStringList{"call Byron", "call Byron"}));
    QVERIFY(scheduler.pending().first().snoozed);
    // Until tomorrow morning: 09:00 the next day, local time.
    notifier->pick(id, Notifier::Choice::SnoozeTomorrow);
    QCOMPARE(scheduler.nextReminder(), local(2026, 12, 3, 9).toUTC());
}

void TestReminderScheduler::openAsksForTheRecordItIsOn()
{
    // GIVEN one reminder on a contact's call and one on an activity on no record
    const qint64 contact =
        RecordStore(Db).insert(Entity::Contact, {{"last_name", "Byron"}}).id;
    const qint64 onContact = activity("call Byron", local(2026, 12, 2, 10), "At due time",
                                      {{"contact_id", contact}});
    const qint64 alone = activity("plan the week", local(2026, 12, 2, 10), "At due time");
    auto notifier = std::make_shared<FakeNotifier>();
    ReminderScheduler scheduler(Db, "Ada", false, notifier);
    QSignalSpy open(&scheduler, &ReminderScheduler::openRequested);
    scheduler.check();
    QCOMPARE(notifier->shown.size(), 2);
    // WHEN the rep clicks Open on each
    notifier->pick(onContact, Notifier::Choice::Open);
    notifier->pick(alone, Notifier::Choice::Open);
    // THEN the contact opens for the first, the activity itself for the second
    QCOMPARE(open.size(), 2);
    QCOMPARE(open.at(0).at(0).value<Entity>(), Entity::Contact);
    QCOMPARE(open.at(0).at(1).toLongLong(), contact);
    QCOMPARE(open.at(1).at(0).value<Entity>(), Entity::Activity);
    QCOMPARE(open.at(1).at(1).toLongLong(), alone);
    QVERIFY(scheduler.pending().isEmpty());
    // A choice on a reminder already dealt with does nothing.
    notifier->pick(alone, Notifier::Choice::Open);
    QCOMPARE(open.size(), 2);
}

void TestReminderScheduler::doneElsewhereTakesItOffTheScreen()
{
    // GIVEN a reminder on screen
    const qint64 id = activity("call Byron", local(2026, 12, 2, 10), "At due time");
    auto notifier = std::make_shared<FakeNotifier>();
    ReminderScheduler scheduler(Db, "Ada", false, notifier);
    scheduler.start();
    QCOMPARE(scheduler.pending().size(), 1);
    // WHEN the call is done on My Day (or by another rep) and the scheduler looks again
    QVERIFY(RecordStore(Db).update(Entity::Activity, id, {{"status", "Done"}}).ok());
    QSignalSpy changed(&scheduler, &ReminderScheduler::pendingChanged);
    scheduler.check();
    // THEN its notification is taken off
    QCOMPARE(notifier->withdrawn, QList<qint64>{id});
    QVERIFY(scheduler.pending().isEmpty());
    QCOMPARE(changed.size(), 1);
}

void TestReminderScheduler::oneMissedWhileClosedIsANotification()
{
    activity("call Byron", local(2026, 12, 1, 16), "15 minutes before");
    Database::close(Db);
    auto notifier = std::make_shared<FakeNotifier>();
    MainWindow w;
    w.setNotifier(notifier);
    QVERIFY(w.openDatabase(path()));
    QCOMPARE(notifier->shown, QStringList{"call Byron"});
    QVERIFY(!w.reminders()->window() || !w.reminders()->window()->isVisible());
}

void TestReminderScheduler::severalMissedWhileClosedAreOneList()
{
    // GIVEN three reminders that came due while the app was closed
    const qint64 contact = RecordStore(Db).insert(Entity::Contact, {{"last_name", "Byron"}}).id;
    activity("call Byron", local(2026, 12, 1, 16), "15 minutes before", {{"contact_id", contact}});
    const qint64 send = activity("send the offer", local(2026, 12, 2, 9), "At due time");
    activity("book the hall", local(2026, 12, 2, 9, 30), "At due time");
    Database::close(Db);
    auto notifier = std::make_shared<FakeNotifier>();
    MainWindow w;
    w.setNotifier(notifier);
    w.show();
    // WHEN the app opens the database
    QVERIFY(w.openDatabase(path()));
    // THEN they show in the Reminders window, not as a burst of notifications
    QVERIFY(notifier->shown.isEmpty());
    RemindersWindow *window = w.reminders()->window();
    QVERIFY(window);
    QTRY_VERIFY(window->isVisible());
    QVERIFY(!window->isModal());
    QTreeWidget *list = window->list();
    QCOMPARE(rows(list), (QStringList{"call Byron", "send the offer", "book the hall"}));
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("Contact: Byron"));
    // How late: "18 hours" once the English plural forms are loaded.
    QVERIFY(list->topLevelItem(0)->text(3).startsWith(QLatin1String("18 hour")));
    QVERIFY(list->topLevelItem(2)->text(3).startsWith(QLatin1String("30 minute")));

    // WHEN the rep opens the first with Enter (the Open button)
    QVERIFY(window->findChild<QPushButton *>("remindersOpenButton")->isDefault());
    list->setCurrentItem(list->topLevelItem(0));
    QTest::keyClick(list, Qt::Key_Return);
    // THEN the contact's form opens, and the reminder leaves the list
    RecordDialog *form = nullptr;
    QTRY_VERIFY((form = w.findChild<RecordDialog *>()) != nullptr);
    QCOMPARE(form->entity(), Entity::Contact);
    QCOMPARE(form->recordId(), contact);
    form->reject();
    QVERIFY(window->isVisible());
    QCOMPARE(rows(list), (QStringList{"send the offer", "book the hall"}));

    // WHEN the rep snoozes the next for an hour from the Snooze menu
    list->setCurrentItem(list->topLevelItem(0));
    QVERIFY(window->findChild<QPushButton *>("remindersSnoozeButton")->isEnabled());
    QAction *hour = nullptr;
    for (QAction *a : window->findChild<QMenu *>("remindersSnoozeMenu")->actions())
        if (a->objectName() == QLatin1String("snooze-1h"))
            hour = a;
    QVERIFY(hour);
    hour->trigger();
    // THEN it leaves the list and comes back in an hour
    QCOMPARE(rows(list), QStringList{"book the hall"});
    QCOMPARE(w.reminders()->scheduler()->nextReminder(), Clock::now().addSecs(3600));

    // WHEN the rep dismisses the rest with the keyboard, THEN the list is done with
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Delete);
    QVERIFY(w.reminders()->scheduler()->pending().isEmpty());
    QVERIFY(!window->isVisible());

    // WHEN the snooze is over, THEN the snoozed one comes back as a notification
    m_clock.advance(3600 * 1000);
    w.reminders()->recheck();
    QCOMPARE(notifier->shown, QStringList{"send the offer"});
    QVERIFY(send > 0);
    // View › Reminders… lists it, and Dismiss All clears it.
    QAction *view = w.findChild<QAction *>("remindersAction");
    QVERIFY(view && view->isEnabled());
    view->trigger();
    QTRY_VERIFY(window->isVisible());
    QCOMPARE(rows(list), QStringList{"send the offer"});
    window->findChild<QPushButton *>("remindersDismissAllButton")->click();
    QVERIFY(!window->isVisible());
    QVERIFY(notifier->withdrawn.contains(send));
    QVERIFY(w.reminders()->scheduler()->pending().isEmpty());
}

void TestReminderScheduler::withoutNotificationsTheListShowsIt()
{
    // GIVEN a desktop with neither notifications nor a tray
    activity("call Byron", local(2026, 12, 2, 10), "At due time");
    auto notifier = std::make_shared<FakeNotifier>();
    notifier->available = false;
    ReminderScheduler scheduler(Db, "Ada", false, notifier);
    QSignalSpy window(&scheduler, &ReminderScheduler::windowWanted);
    // WHEN a reminder comes due, THEN the Reminders window is asked for
    scheduler.check();
    QCOMPARE(window.size(), 1);
    QVERIFY(notifier->shown.isEmpty());
    QCOMPARE(scheduler.pending().size(), 1);
}

void TestReminderScheduler::onlyTheOwnersRemindersShow()
{
    // GIVEN Ada's, Bob's and nobody's reminders due (the app's user is Ada: RAPPORT_USER)
    activity("Ada's", local(2026, 12, 2, 10), "At due time");
    activity("Bob's", local(2026, 12, 2, 10), "At due time", {{"owner", "Bob"}});
    activity("nobody's", local(2026, 12, 2, 10), "At due time", {{"owner", ""}});
    // WHEN Ada's scheduler on a shared database looks, THEN only Ada's show
    auto shared = std::make_shared<FakeNotifier>();
    ReminderScheduler(Db, "Ada", false, shared).check();
    QCOMPARE(shared->shown, QStringList{"Ada's"});
    Database::close(Db);
    if (Engines::postgres())
        QSKIP("the rest is SQLite's: on a server the app's user is the login role, not Ada");
    // WHEN Ada opens her own file in the app, THEN nobody's are hers too, Bob's are not
    QCOMPARE(Database::open(path(), Db), QString());
    QVERIFY(RecordStore(Db).insert(Entity::Activity, {{"subject", "Ada's later"},
        {"due_at", Moments::toStored(local(2026, 12, 2, 10))}, {"reminder", "At due time"},
        {"owner", "Ada"}}).ok());
    Database::close(Db);
    auto own = std::make_shared<FakeNotifier>();
    MainWindow w;
    w.setNotifier(own);
    QVERIFY(w.openDatabase(path()));
    QTRY_VERIFY(w.reminders()->window() && w.reminders()->window()->isVisible());
    QCOMPARE(rows(w.reminders()->window()->list()), (QStringList{"nobody's", "Ada's later"}));
}

QTEST_MAIN(TestReminderScheduler)
#include "tst_reminderscheduler.moc"
