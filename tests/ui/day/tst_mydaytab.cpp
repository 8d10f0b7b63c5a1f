// My Day driven as a rep does, from the keyboard: the lists of the day, completing with the
// next step, moving an activity on, logging a call, opening the record. The clock is the
// test's, the zone Europe/Berlin.
#include "activities/agenda.h"
#include "day/mydaytab.h"
#include "day/nextstepdialog.h"
#include "i18n/translations.h"
#include "records/moments.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/scriptedprompter.h"
#include "support/testclock.h"
#include "support/engines.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <functional>

using namespace Rapport;

namespace {
const QString Db = QStringLiteral("myday");

QDateTime local(int y, int m, int d, int h, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min));
}

// Runs `answer` on the next modal dialog once it is up (exec() blocks the test meanwhile).
void whenModal(std::function<void(QWidget *)> answer)
{
    auto *poll = new QTimer(qApp);
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            poll->stop();
            poll->deleteLater();
            answer(modal);
        }
    });
    poll->start();
}
} // namespace

class TestMyDayTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsTheDayInSections();
    void ctrlDCompletesAndSchedulesTheNextStep();
    void noNextStepFlagsTheDeal();
    void cancellingLeavesItOpen();
    void movingOnKeepsTheTime();
    void logsACallOnTheSameRecord();
    void enterOpensTheRecordItIsOn();

private:
    qint64 activity(const QString &subject, const QDateTime &due, const QVariantMap &more = {});
    QTreeWidgetItem *row(MyDayTab &tab, const QString &subject);
    QVariant value(const QString &sql);
    QTemporaryDir m_dir;
    TestClock m_clock;
    int m_run = 0;
    qint64 m_deal = 0;
};

void TestMyDayTab::initTestCase()
{
    QVERIFY(installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedKingdom)));
}

void TestMyDayTab::init()
{
    qputenv("RAPPORT_USER", "Grace Hopper");
    const QString location =
        Engines::location(m_dir.filePath(QStringLiteral("d%1.sqlite").arg(++m_run)));
    QCOMPARE(Database::open(location, Db), QString());
    m_clock.set(local(2026, 12, 2, 10)); // a Wednesday
    m_deal = RecordStore(Db).insert(Entity::Deal, {{"deal_name", "Engines"}, {"stage", "Proposal"}}).id;
    QVERIFY(m_deal > 0);
}

void TestMyDayTab::cleanup()
{
    Database::close(Db);
}

qint64 TestMyDayTab::activity(const QString &subject, const QDateTime &due, const QVariantMap &more)
{
    QVariantMap v = more;
    v.insert("subject", subject);
    v.insert("due_at", Moments::toStored(due));
    return RecordStore(Db).insert(Entity::Activity, v).id;
}

QTreeWidgetItem *TestMyDayTab::row(MyDayTab &tab, const QString &subject)
{
    const QList<QTreeWidgetItem *> found = tab.view()->findItems(subject, Qt::MatchExactly | Qt::MatchRecursive, 2);
    return found.isEmpty() ? nullptr : found.first();
}

QVariant TestMyDayTab::value(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    return q.exec(sql) && q.next() ? q.value(0) : QVariant();
}

void TestMyDayTab::showsTheDayInSections()
{
    activity("Late call", local(2026, 12, 1, 9), {{"activity_type", "Call"}, {"deal_id", m_deal}});
    activity("Today's task", local(2026, 12, 2, 15));
    activity("Friday's meeting", local(2026, 12, 4, 11), {{"activity_type", "Meeting"}});
    activity("Someone else's", local(2026, 12, 2, 16), {{"owner", "Ada Lovelace"}});
    MyDayTab tab(Db);
    QTreeWidget *view = tab.view();
    QCOMPARE(view->topLevelItemCount(), 4);
    QCOMPARE(view->topLevelItem(0)->text(0), QString("Overdue (1)"));
    QCOMPARE(view->topLevelItem(1)->text(0), QString("Today (1)"));
    QCOMPARE(view->topLevelItem(2)->text(0), QString("Next 7 days (1)"));
    QCOMPARE(view->topLevelItem(3)->text(0), QString("Open deals with no next step (0)"));
    QTreeWidgetItem *late = row(tab, "Late call");
    QVERIFY(late);
    QCOMPARE(late->text(0), Moments::display(local(2026, 12, 1, 9)));
    QCOMPARE(late->text(3), QString("Deal: Engines"));
    // Overdue is said in the warning colour, which reads on the list's background.
    QVERIFY(late->foreground(0).color() != view->palette().color(QPalette::Text));
    // Everyone's shows a colleague's too.
    tab.findChild<QComboBox *>("ownerFilter")->setCurrentIndex(1);
    QVERIFY(row(tab, "Someone else's"));
    tab.findChild<QComboBox *>("typeFilter")->setCurrentIndex(
        tab.findChild<QComboBox *>("typeFilter")->findData("Meeting"));
    QVERIFY(!row(tab, "Late call"));
    QVERIFY(row(tab, "Friday's meeting"));
    // Only what is on deals: the late call, not the meeting on nothing.
    auto *type = tab.findChild<QComboBox *>("typeFilter");
    type->setCurrentIndex(0);
    auto *on = tab.findChild<QComboBox *>("recordFilter");
    QVERIFY(on);
    on->setCurrentIndex(on->findText("Deals"));
    QVERIFY(row(tab, "Late call"));
    QVERIFY(!row(tab, "Friday's meeting"));
}

void TestMyDayTab::ctrlDCompletesAndSchedulesTheNextStep()
{
    const qint64 call = activity("Qualification call", local(2026, 12, 2, 9),
                                 {{"activity_type", "Call"}, {"deal_id", m_deal}});
    MyDayTab tab(Db);
    tab.show();
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    tab.view()->setFocus();
    tab.view()->setCurrentItem(row(tab, "Qualification call"));
    bool asked = false;
    whenModal([&](QWidget *modal) {
        auto *dialog = qobject_cast<NextStepDialog *>(modal);
        QVERIFY(dialog);
        asked = true;
        auto *schedule = dialog->findChild<QPushButton *>("scheduleButton");
        QVERIFY(!schedule->isEnabled()); // a next step needs a subject
        QTest::keyClicks(dialog->findChild<QLineEdit *>("nextSubject"), "Send the proposal");
        QVERIFY(schedule->isEnabled());
        auto *due = dialog->findChild<QLineEdit *>("nextDue");
        due->clear();
        QTest::keyClicks(due, Moments::display(local(2026, 12, 7, 14)));
        QTest::keyClick(due, Qt::Key_Return); // the default button schedules
    });
    QTest::keyClick(tab.view(), Qt::Key_D, Qt::ControlModifier);
    QVERIFY(asked);
    QCOMPARE(value(QString("SELECT status FROM activities WHERE id = %1").arg(call)).toString(), QString("Done"));
    QCOMPARE(value("SELECT subject FROM activities WHERE status = 'Open'").toString(), QString("Send the proposal"));
    QCOMPARE(value("SELECT deal_id FROM activities WHERE status = 'Open'").toLongLong(), m_deal);
    QCOMPARE(value("SELECT due_at FROM activities WHERE status = 'Open'").toString(), QString("2026-12-07T13:00:00Z"));
    // The day shows the next step, and the completed call no more.
    QVERIFY(!row(tab, "Qualification call"));
    QVERIFY(row(tab, "Send the proposal"));
}

void TestMyDayTab::noNextStepFlagsTheDeal()
{
    activity("Last call", local(2026, 12, 2, 9), {{"deal_id", m_deal}});
    MyDayTab tab(Db);
    tab.show();
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    tab.view()->setFocus();
    tab.view()->setCurrentItem(row(tab, "Last call"));
    whenModal([](QWidget *modal) {
        QTest::mouseClick(modal->findChild<QPushButton *>("noNextStepButton"), Qt::LeftButton);
    });
    QTest::keyClick(tab.view(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(value("SELECT COUNT(*) FROM activities WHERE status = 'Open'").toInt(), 0);
    QCOMPARE(tab.view()->topLevelItem(3)->text(0), QString("Open deals with no next step (1)"));
    tab.activateWindow(); // as the window manager does when the question closes
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    // ... and Ctrl+D on the flagged deal plans its next step.
    QTreeWidgetItem *deal = tab.view()->topLevelItem(3)->child(0);
    QCOMPARE(deal->text(3), QString("Engines"));
    tab.view()->setCurrentItem(deal);
    whenModal([](QWidget *modal) {
        QTest::keyClicks(modal->findChild<QLineEdit *>("nextSubject"), "Ask for a decision");
        QTest::mouseClick(modal->findChild<QPushButton *>("scheduleButton"), Qt::LeftButton);
    });
    QTest::keyClick(tab.view(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(value(QString("SELECT COUNT(*) FROM activities WHERE status = 'Open' AND deal_id = %1").arg(m_deal)).toInt(), 1);
    QCOMPARE(tab.view()->topLevelItem(3)->text(0), QString("Open deals with no next step (0)"));
}

void TestMyDayTab::cancellingLeavesItOpen()
{
    const qint64 id = activity("Call", local(2026, 12, 2, 9), {{"deal_id", m_deal}});
    MyDayTab tab(Db);
    tab.show();
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    tab.view()->setFocus();
    tab.view()->setCurrentItem(row(tab, "Call"));
    whenModal([](QWidget *modal) { QTest::keyClick(modal, Qt::Key_Escape); });
    QTest::keyClick(tab.view(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(value(QString("SELECT status FROM activities WHERE id = %1").arg(id)).toString(), QString("Open"));
    // On nothing that needs a next step, Ctrl+D just completes.
    const qint64 chore = activity("Chore", local(2026, 12, 2, 11));
    tab.refresh();
    tab.activateWindow(); // as the window manager does when the question closes
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    tab.view()->setCurrentItem(row(tab, "Chore"));
    QTest::keyClick(tab.view(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(value(QString("SELECT status FROM activities WHERE id = %1").arg(chore)).toString(), QString("Done"));
}

void TestMyDayTab::movingOnKeepsTheTime()
{
    const qint64 id = activity("Call", local(2026, 12, 2, 9, 30));
    MyDayTab tab(Db);
    tab.show();
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    tab.view()->setFocus();
    tab.view()->setCurrentItem(row(tab, "Call"));
    QTest::keyClick(tab.view(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(value(QString("SELECT due_at FROM activities WHERE id = %1").arg(id)).toString(),
             Moments::toStored(local(2026, 12, 3, 9, 30)));
    // Still selected after the list is read again: the next key moves it on again.
    QCOMPARE(tab.view()->currentItem()->text(2), QString("Call"));
    QTest::keyClick(tab.view(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(value(QString("SELECT due_at FROM activities WHERE id = %1").arg(id)).toString(),
             Moments::toStored(local(2026, 12, 7, 9, 30)));
}

void TestMyDayTab::logsACallOnTheSameRecord()
{
    activity("Proposal", local(2026, 12, 2, 9), {{"deal_id", m_deal}});
    MyDayTab tab(Db);
    tab.show();
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    tab.view()->setFocus();
    tab.view()->setCurrentItem(row(tab, "Proposal"));
    whenModal([](QWidget *modal) {
        QTest::keyClicks(modal->findChild<QLineEdit *>("nextSubject"), "Talked it through");
        auto *outcome = modal->findChild<QComboBox *>("callOutcome");
        outcome->setCurrentIndex(outcome->findData("Connected"));
        QTest::mouseClick(modal->findChild<QPushButton *>("scheduleButton"), Qt::LeftButton);
    });
    QTest::keyClick(tab.view(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(value("SELECT COUNT(*) FROM activities WHERE activity_type = 'Call' AND status = 'Done' "
                   "AND outcome = 'Connected' AND deal_id = " + QString::number(m_deal)).toInt(), 1);
    QCOMPARE(value("SELECT completed_at FROM activities WHERE activity_type = 'Call'").toString(),
             QString("2026-12-02T09:00:00Z"));
}

void TestMyDayTab::enterOpensTheRecordItIsOn()
{
    activity("Proposal", local(2026, 12, 2, 9), {{"deal_id", m_deal}});
    const qint64 alone = activity("On nothing", local(2026, 12, 2, 10));
    MyDayTab tab(Db);
    tab.show();
    QVERIFY(QTest::qWaitForWindowActive(&tab));
    QSignalSpy open(&tab, &MyDayTab::openRequested);
    tab.view()->setFocus();
    tab.view()->setCurrentItem(row(tab, "Proposal"));
    QTest::keyClick(tab.view(), Qt::Key_Return);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).at(0).value<Entity>(), Entity::Deal);
    QCOMPARE(open.at(0).at(1).toLongLong(), m_deal);
    // An activity on nothing opens itself.
    tab.view()->setCurrentItem(row(tab, "On nothing"));
    QTest::keyClick(tab.view(), Qt::Key_Return);
    QCOMPARE(open.at(1).at(0).value<Entity>(), Entity::Activity);
    QCOMPARE(open.at(1).at(1).toLongLong(), alone);
}

QTEST_MAIN(TestMyDayTab)
#include "tst_mydaytab.moc"
