// My Day's lists and the follow-up of an activity, on a clock the test sets (in Berlin, see
// tests/CMakeLists.txt: local days, and a daylight-saving switch).
#include "activities/agenda.h"
#include "activities/followup.h"
#include "records/moments.h"
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
const QString Db = QStringLiteral("agenda");

QDateTime local(int y, int m, int d, int h, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min));
}

QStringList subjects(const QList<AgendaItem> &items)
{
    QStringList out;
    for (const AgendaItem &i : items)
        out << i.subject;
    return out;
}
} // namespace

class TestAgenda : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void theDayInLocalDays();
    void filteredByOwnerAndType();
    void filteredByTheRecordTheyAreOn();
    void openDealsWithoutANextStep();
    void completingAsksForTheNextStepOnTheSameRecords();
    void completingTwiceIsRefused();
    void rescheduleKeepsAMeetingsLength();
    void plusOneDayAndNextMondayKeepTheTimeAcrossDaylightSaving();

private:
    qint64 activity(const QString &subject, const QDateTime &due, const QVariantMap &more = {});
    QTemporaryDir m_dir;
    TestClock m_clock;
    int m_run = 0;
    qint64 m_deal = 0, m_contact = 0, m_lead = 0;
};

void TestAgenda::init()
{
    const QString location =
        Engines::location(m_dir.filePath(QStringLiteral("a%1.sqlite").arg(++m_run)));
    QCOMPARE(Database::open(location, Db), QString());
    // Wednesday 2 December 2026, 10:00 in Berlin.
    m_clock.set(local(2026, 12, 2, 10));
    RecordStore store(Db);
    m_contact = store.insert(Entity::Contact, {{"first_name", "Ada"}, {"last_name", "Lovelace"}}).id;
    m_deal = store.insert(Entity::Deal, {{"deal_name", "Engines"}, {"stage", "Proposal"},
                                         {"contact_id", m_contact}}).id;
    m_lead = store.insert(Entity::Lead, {{"last_name", "Byron"}}).id;
    QVERIFY(m_contact > 0 && m_deal > 0 && m_lead > 0);
}

void TestAgenda::cleanup()
{
    Database::close(Db);
}

qint64 TestAgenda::activity(const QString &subject, const QDateTime &due, const QVariantMap &more)
{
    QVariantMap v = more;
    v.insert("subject", subject);
    if (due.isValid())
        v.insert("due_at", Moments::toStored(due));
    const WriteResult r = RecordStore(Db).insert(Entity::Activity, v);
    return r.ok() ? r.id : -1;
}

void TestAgenda::theDayInLocalDays()
{
    activity("last week", local(2026, 11, 25, 9), {{"deal_id", m_deal}, {"contact_id", m_contact}});
    activity("yesterday late", local(2026, 12, 1, 23, 30));
    activity("this morning, past", local(2026, 12, 2, 0, 30), {{"lead_id", m_lead}});
    activity("tonight", local(2026, 12, 2, 23, 59));
    activity("tomorrow", local(2026, 12, 3, 9));
    activity("in a week", local(2026, 12, 9, 18));
    activity("in ten days", local(2026, 12, 12, 9));
    activity("done already", local(2026, 12, 2, 11), {{"status", "Done"}});
    activity("no due time", QDateTime());
    const Agenda a = AgendaReader(Db).read({});
    QCOMPARE(a.error, QString());
    QCOMPARE(subjects(a.overdue), (QStringList{"last week", "yesterday late"}));
    QCOMPARE(subjects(a.today), (QStringList{"this morning, past", "tonight"}));
    QCOMPARE(subjects(a.upcoming), (QStringList{"tomorrow", "in a week"}));
    // Each on its most specific record, by name.
    QCOMPARE(a.overdue.first().entity, Entity::Deal);
    QCOMPARE(a.overdue.first().recordId, m_deal);
    QCOMPARE(a.overdue.first().recordName, QString("Engines"));
    QCOMPARE(a.today.first().entity, Entity::Lead);
    QCOMPARE(a.today.first().recordName, QString("Byron"));
    QCOMPARE(a.overdue.at(1).recordId, 0);
    // Further ahead on asking.
    AgendaFilter twoWeeks;
    twoWeeks.days = 14;
    QCOMPARE(subjects(AgendaReader(Db).read(twoWeeks).upcoming).size(), 3);
}

void TestAgenda::filteredByOwnerAndType()
{
    activity("mine", local(2026, 12, 2, 15), {{"owner", "Grace Hopper"}, {"activity_type", "Call"}});
    activity("hers", local(2026, 12, 2, 16), {{"owner", "Ada Lovelace"}, {"activity_type", "Call"}});
    activity("my task", local(2026, 12, 2, 17), {{"owner", "Grace Hopper"}});
    activity("nobody's", local(2026, 12, 2, 18));
    AgendaFilter f;
    f.owner = "Grace Hopper";
    QCOMPARE(subjects(AgendaReader(Db).read(f).today), (QStringList{"mine", "my task", "nobody's"}));
    f.unowned = false;
    QCOMPARE(subjects(AgendaReader(Db).read(f).today), (QStringList{"mine", "my task"}));
    f.type = "Call";
    QCOMPARE(subjects(AgendaReader(Db).read(f).today), (QStringList{"mine"}));
}

// By the type of record they are on: a lead's, a deal's; the stalled deals only beside deals.
void TestAgenda::filteredByTheRecordTheyAreOn()
{
    activity("on the lead", local(2026, 12, 2, 15), {{"lead_id", m_lead}});
    activity("on the deal", local(2026, 12, 2, 16), {{"deal_id", m_deal}, {"contact_id", m_contact}});
    activity("on nothing", local(2026, 12, 2, 17));
    RecordStore(Db).insert(Entity::Deal, {{"deal_name", "Unplanned"}, {"stage", "Qualification"}});
    AgendaFilter f;
    QCOMPARE(subjects(AgendaReader(Db).read(f).today).size(), 3);
    f.on = Entity::Lead;
    Agenda a = AgendaReader(Db).read(f);
    QCOMPARE(subjects(a.today), (QStringList{"on the lead"}));
    QVERIFY(a.noNextStep.isEmpty());
    f.on = Entity::Contact;
    QCOMPARE(subjects(AgendaReader(Db).read(f).today), (QStringList{"on the deal"}));
    f.on = Entity::Deal;
    a = AgendaReader(Db).read(f);
    QCOMPARE(subjects(a.today), (QStringList{"on the deal"}));
    QCOMPARE(a.noNextStep.size(), 1);
    QCOMPARE(a.noNextStep.first().name, QString("Unplanned"));
}

void TestAgenda::openDealsWithoutANextStep()
{
    RecordStore store(Db);
    const qint64 won = store.insert(Entity::Deal, {{"deal_name", "Won"}, {"stage", "Closed Won"}}).id;
    const qint64 planned = store.insert(Entity::Deal, {{"deal_name", "Planned"}, {"stage", "Qualification"}}).id;
    activity("call them", local(2026, 12, 4, 9), {{"deal_id", planned}});
    activity("done long ago", local(2026, 11, 1, 9), {{"deal_id", m_deal}, {"status", "Done"}});
    QVERIFY(won > 0);
    const Agenda a = AgendaReader(Db).read({});
    QCOMPARE(a.noNextStep.size(), 1);
    QCOMPARE(a.noNextStep.first().id, m_deal);
    QCOMPARE(a.noNextStep.first().name, QString("Engines"));
}

void TestAgenda::completingAsksForTheNextStepOnTheSameRecords()
{
    const qint64 call = activity("Qualification call", local(2026, 12, 2, 9),
                                 {{"activity_type", "Call"}, {"deal_id", m_deal},
                                  {"contact_id", m_contact}, {"owner", "Grace Hopper"}});
    const qint64 chore = activity("Tidy the desk", local(2026, 12, 2, 9));
    FollowUp f(Db);
    QVERIFY(f.wantsNextStep(call));   // on an open deal
    QVERIFY(!f.wantsNextStep(chore)); // on nothing
    m_clock.set(local(2026, 12, 2, 9, 20));
    Completion c;
    c.outcome = "Connected";
    c.next = NextStep{"Send the proposal", local(2026, 12, 4, 9), "Task"};
    const FollowUpResult r = f.complete(call, c);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.nextId > call);
    RecordStore store(Db);
    const QVariantMap done = *store.load(Entity::Activity, call);
    QCOMPARE(done.value("status").toString(), QString("Done"));
    QCOMPARE(done.value("outcome").toString(), QString("Connected"));
    QCOMPARE(done.value("completed_at").toString(), QString("2026-12-02T08:20:00Z"));
    const QVariantMap next = *store.load(Entity::Activity, r.nextId);
    QCOMPARE(next.value("subject").toString(), QString("Send the proposal"));
    QCOMPARE(next.value("status").toString(), QString("Open"));
    QCOMPARE(next.value("deal_id").toLongLong(), m_deal);
    QCOMPARE(next.value("contact_id").toLongLong(), m_contact);
    QCOMPARE(next.value("owner").toString(), QString("Grace Hopper"));
    QCOMPARE(next.value("due_at").toString(), QString("2026-12-04T08:00:00Z"));
    // The deal has its next step: it is not flagged.
    QVERIFY(AgendaReader(Db).read({}).noNextStep.isEmpty());
    // "No next step" completes and plans nothing: the deal is flagged.
    QVERIFY(f.complete(r.nextId, {}).ok());
    QCOMPARE(AgendaReader(Db).read({}).noNextStep.size(), 1);
}

void TestAgenda::completingTwiceIsRefused()
{
    const qint64 id = activity("Call", local(2026, 12, 2, 9));
    QVERIFY(FollowUp(Db).complete(id, {}).ok());
    Completion c;
    c.next = NextStep{"Again", local(2026, 12, 3, 9)};
    const FollowUpResult again = FollowUp(Db).complete(id, c);
    QVERIFY(!again.ok());
    QVERIFY(again.refused);
    QVERIFY2(again.error.contains("done already"), qPrintable(again.error));
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("SELECT COUNT(*) FROM activities") && q.next());
    QCOMPARE(q.value(0).toInt(), 1); // no next step made by a refused completion
    QVERIFY(FollowUp(Db).complete(9999, {}).refused);
}

void TestAgenda::rescheduleKeepsAMeetingsLength()
{
    const qint64 id = activity("Demo", local(2026, 12, 2, 14),
                               {{"activity_type", "Meeting"}, {"end_at", Moments::toStored(local(2026, 12, 2, 15, 30))}});
    QVERIFY(FollowUp(Db).reschedule(id, local(2026, 12, 7, 9)).ok());
    const QVariantMap m = *RecordStore(Db).load(Entity::Activity, id);
    QCOMPARE(Moments::fromStored(m.value("due_at").toString()), local(2026, 12, 7, 9).toUTC());
    QCOMPARE(Moments::fromStored(m.value("end_at").toString()), local(2026, 12, 7, 10, 30).toUTC());
}

void TestAgenda::plusOneDayAndNextMondayKeepTheTimeAcrossDaylightSaving()
{
    // Saturday 28 March 2026, 09:00; the clocks go forward that night.
    const QDateTime saturday = local(2026, 3, 28, 9);
    QCOMPARE(FollowUp::nextDay(saturday).toLocalTime(), local(2026, 3, 29, 9));
    QCOMPARE(FollowUp::nextMonday(saturday).toLocalTime(), local(2026, 3, 30, 9));
    QCOMPARE(FollowUp::nextDay(saturday).secsTo(FollowUp::nextMonday(saturday)), 24 * 3600);
    // A Monday goes to the next one; no due time counts from now.
    QCOMPARE(FollowUp::nextMonday(local(2026, 3, 30, 9)).toLocalTime(), local(2026, 4, 6, 9));
    QCOMPARE(FollowUp::nextDay(QDateTime()).toLocalTime(), local(2026, 12, 3, 10));
}

QTEST_MAIN(TestAgenda)
#include "tst_agenda.moc"
