// rapport-cli activity add / done and today as scripts use them: the built executable on a
// real database, checked for exit codes, the JSON keys of cli.md and what was written. The
// user is "Grace Hopper" (RAPPORT_USER), the zone Europe/Berlin.
#include "records/moments.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/engines.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {
struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};
} // namespace

class TestCliActivity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void addPutsItOnTheRecordAndWhatItBelongsTo();
    void badInputAndUsage_data();
    void badInputAndUsage();
    void doneWantsTheNextStepOfAnOpenDeal();
    void todayListsMineByDefault();
    void aRepeatingActivityComesAgain();
    void exportIcsWritesEventsAndToDos();
    void importIcsMakesMeetingsOnTheAttendeesContacts();
    void importIcsAgainUpdatesAndKeepsAttendees();

private:
    Run cli(const QStringList &args);
    QVariant value(const QString &sql);
    QTemporaryDir m_dir;
    QString m_path;
    int m_count = 0;
    qint64 m_deal = 0, m_contact = 0, m_account = 0;
};

void TestCliActivity::init()
{
    m_path = Engines::location(m_dir.filePath(QString("act%1.sqlite").arg(++m_count)));
    QVERIFY(Database::open(m_path, "setup").isEmpty());
    RecordStore store("setup");
    m_account = store.insert(Entity::Account, {{"account_name", "Analytical Engines"}}).id;
    m_contact = store.insert(Entity::Contact, {{"last_name", "Lovelace"}, {"account_id", m_account}}).id;
    m_deal = store.insert(Entity::Deal, {{"deal_name", "Engine No. 2"}, {"stage", "Proposal"},
                                         {"contact_id", m_contact}, {"account_id", m_account}}).id;
    Database::close("setup");
    QVERIFY(m_deal > 0);
}

Run TestCliActivity::cli(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("RAPPORT_USER", "Grace Hopper");
    env.insert("TZ", "Europe/Berlin");
    p.setProcessEnvironment(env);
    p.start(RAPPORT_CLI, QStringList{"--db", m_path} + args);
    Run r;
    if (!p.waitForFinished(30000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestCliActivity::aRepeatingActivityComesAgain()
{
    const Run add = cli({"--json", "activity", "add", "--on", QString("deals:%1").arg(m_deal),
                         "--subject", "Weekly call", "--type", "call", "--due", "2026-12-07T09:00",
                         "--repeat", "FREQ=WEEKLY;BYDAY=MO;COUNT=4"});
    QVERIFY2(add.code == 0, add.err.constData());
    const qint64 id = add.json()["id"].toInteger();
    // On an open deal, a series needs no --next: its next occurrence is the next step
    const Run done = cli({"--json", "activity", "done", QString::number(id)});
    QVERIFY2(done.code == 0, done.err.constData());
    QVERIFY(done.json()["next"].isNull());
    const qint64 again = done.json()["repeat"].toInteger();
    QVERIFY(again > id);
    QCOMPARE(value(QString("SELECT due_at FROM activities WHERE id = %1").arg(again)).toString(),
             QStringLiteral("2026-12-14T08:00:00Z")); // 09:00 in Berlin
    QCOMPARE(value(QString("SELECT repeat_rule FROM activities WHERE id = %1").arg(again)).toString(),
             QStringLiteral("FREQ=WEEKLY;BYDAY=MO;COUNT=3"));
}

void TestCliActivity::exportIcsWritesEventsAndToDos()
{
    const QString on = QString("deals:%1").arg(m_deal);
    QCOMPARE(cli({"activity", "add", "--on", on, "--subject", "Demo, at theirs", "--type", "meeting",
                  "--due", "2026-12-07T10:00", "--end", "2026-12-07T11:30"}).code, 0);
    QCOMPARE(cli({"activity", "add", "--on", on, "--subject", "Send the quote", "--due", "2026-12-08T09:00"}).code, 0);
    QCOMPARE(cli({"activity", "add", "--on", on, "--subject", "Stand-up", "--type", "meeting",
                  "--due", "2026-12-07T09:00", "--repeat", "FREQ=WEEKLY;BYDAY=MO"}).code, 0);
    QCOMPARE(cli({"activity", "add", "--on", on, "--subject", "Someone else's", "--owner", "Ada"}).code, 0);
    const QString path = m_dir.filePath("rapport.ics");
    const Run r = cli({"--json", "export-ics", path});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.json()["events"].toInt(), 2);
    QCOMPARE(r.json()["todos"].toInt(), 1); // Ada's is not Grace's
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString ics = QString::fromUtf8(f.readAll()).remove("\r");
    QVERIFY2(ics.startsWith("BEGIN:VCALENDAR\n"), qPrintable(ics.left(80)));
    QVERIFY(ics.contains("SUMMARY:Demo\\, at theirs\n")); // the comma escaped
    QVERIFY(ics.contains("DTSTART:20261207T090000Z\n")); // 10:00 in Berlin
    QVERIFY(ics.contains("DTEND:20261207T103000Z\n"));
    QVERIFY(ics.contains("BEGIN:VTODO\n"));
    QVERIFY(ics.contains("DUE:20261208T080000Z\n"));
    QVERIFY(ics.contains("STATUS:NEEDS-ACTION\n"));
    // The series at 09:00 on the rep's clock, summer and winter
    QVERIFY2(ics.contains("DTSTART:20261207T090000\n"), qPrintable(ics));
    QVERIFY(ics.contains("RRULE:FREQ=WEEKLY;BYDAY=MO\n"));
    QVERIFY(ics.contains("UID:activity-"));
    QVERIFY(!ics.contains("Someone else"));
    // Everyone's, to standard output
    const Run all = cli({"export-ics", "-", "--owner", "all"});
    QCOMPARE(all.code, 0);
    QVERIFY(all.out.contains("Someone else"));
    // A file that cannot be written: exit 3, nothing left behind
    QCOMPARE(cli({"export-ics", m_dir.filePath("no/such/dir/x.ics")}).code, 3);
}

void TestCliActivity::importIcsMakesMeetingsOnTheAttendeesContacts()
{
    QCOMPARE(cli({"update", "contacts", QString::number(m_contact), "--set", "Email=ada@engines.example"}).code, 0);
    const auto write = [this](const QString &name, const QByteArray &text) {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return path;
    };
    const QByteArray good =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:1@test\r\nDTSTAMP:20261201T100000Z\r\nSUMMARY:Engine review\r\n"
        "DTSTART:20261210T130000Z\r\nDTEND:20261210T140000Z\r\nLOCATION:London\r\n"
        "ATTENDEE;CN=Ada:mailto:ADA@engines.example\r\nDESCRIPTION:Bring the\r\n  drawings\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:2@test\r\nDTSTAMP:20261201T100000Z\r\nSUMMARY:Stand-up\r\n"
        "DTSTART:20261207T090000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    const Run r = cli({"--json", "import-ics", write("good.ics", good)});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.json()["created"].toInt(), 2);
    QCOMPARE(r.json()["attached"].toInt(), 1);
    QCOMPARE(r.json()["rejected"].toInt(), 0);
    QCOMPARE(value("SELECT contact_id FROM activities WHERE subject = 'Engine review'").toLongLong(), m_contact);
    QCOMPARE(value("SELECT account_id FROM activities WHERE subject = 'Engine review'").toLongLong(), m_account);
    QCOMPARE(value("SELECT due_at FROM activities WHERE subject = 'Engine review'").toString(),
             QStringLiteral("2026-12-10T13:00:00Z"));
    QCOMPARE(value("SELECT description FROM activities WHERE subject = 'Engine review'").toString(),
             QStringLiteral("Bring the drawings"));
    QCOMPARE(value("SELECT activity_type FROM activities WHERE subject = 'Stand-up'").toString(),
             QStringLiteral("Meeting"));
    // A floating time is the rep's clock: 09:00 in Berlin
    QCOMPARE(value("SELECT due_at FROM activities WHERE subject = 'Stand-up'").toString(),
             QStringLiteral("2026-12-07T08:00:00Z"));
    QCOMPARE(value("SELECT repeat_rule FROM activities WHERE subject = 'Stand-up'").toString(),
             QStringLiteral("FREQ=WEEKLY;BYDAY=MO"));
    // Broken files: a clear line, the line named, nothing written
    const qint64 before = value("SELECT COUNT(*) FROM activities").toLongLong();
    QByteArray broken = good;
    broken.replace("LOCATION:London", "this line is no iCalendar");
    Run bad = cli({"import-ics", write("broken.ics", broken)});
    QCOMPARE(bad.code, 3);
    QVERIFY2(bad.err.contains("line 10"), bad.err.constData());
    QByteArray badRule = good;
    badRule.replace("FREQ=WEEKLY;BYDAY=MO", "FREQ=FORTNIGHTLY");
    bad = cli({"import-ics", write("rule.ics", badRule)});
    QCOMPARE(bad.code, 3);
    QVERIFY2(bad.err.contains("line 20") && bad.err.contains("not a repeat rule"), bad.err.constData());
    bad = cli({"import-ics", write("notics.ics", "Name,Email\nAda,ada@example.com\n")});
    QCOMPARE(bad.code, 3);
    QVERIFY2(bad.err.contains("not an iCalendar file"), bad.err.constData());
    QByteArray cut = good;
    cut.chop(int(QByteArray("END:VCALENDAR\r\n").size()));
    QCOMPARE(cli({"import-ics", write("cut.ics", cut)}).code, 3);
    QCOMPARE(cli({"import-ics", m_dir.filePath("missing.ics")}).code, 3);
    QCOMPARE(value("SELECT COUNT(*) FROM activities").toLongLong(), before);
}

// The same invitation imported again (moved, renamed, one more attendee) updates the meeting
// it became; every attendee who is a contact attends; Rapport's own export, imported back,
// doubles nothing; the export names the attendees and keeps the calendar's UID.
void TestCliActivity::importIcsAgainUpdatesAndKeepsAttendees()
{
    QCOMPARE(cli({"update", "contacts", QString::number(m_contact), "--set", "Email=ada@engines.example"}).code, 0);
    const Run babbage = cli({"--json", "add", "contacts", "--set", "Last Name=Babbage",
                             "--set", "Email=charles@engines.example"});
    QCOMPARE(babbage.code, 0);
    const auto write = [this](const QString &name, const QByteArray &text) {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return path;
    };
    QByteArray invite =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:review-42@calendar.example\r\nDTSTAMP:20261201T100000Z\r\n"
        "SUMMARY:Engine review\r\nDTSTART:20261210T130000Z\r\nDTEND:20261210T140000Z\r\n"
        "ATTENDEE;CN=Ada:mailto:ada@engines.example\r\nATTENDEE:mailto:nobody@else.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n";
    Run r = cli({"--json", "import-ics", write("invite.ics", invite)});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.json()["created"].toInt(), 1);
    const qint64 meetings = value("SELECT COUNT(*) FROM activities").toLongLong();
    const qint64 id = value("SELECT id FROM activities WHERE subject = 'Engine review'").toLongLong();

    invite.replace("SUMMARY:Engine review", "SUMMARY:Engine review (moved)");
    invite.replace("DTSTART:20261210T130000Z", "DTSTART:20261211T130000Z");
    invite.replace("ATTENDEE:mailto:nobody", "ATTENDEE:mailto:charles@engines.example\r\nATTENDEE:mailto:nobody");
    r = cli({"--json", "import-ics", write("invite.ics", invite)});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.json()["created"].toInt(), 0);
    QCOMPARE(r.json()["updated"].toInt(), 1);
    QCOMPARE(value("SELECT COUNT(*) FROM activities").toLongLong(), meetings);
    QCOMPARE(value(QString("SELECT subject FROM activities WHERE id = %1").arg(id)).toString(),
             QString("Engine review (moved)"));
    QCOMPARE(value(QString("SELECT due_at FROM activities WHERE id = %1").arg(id)).toString(),
             QString("2026-12-11T13:00:00Z"));
    QCOMPARE(value(QString("SELECT COUNT(*) FROM activity_attendees WHERE activity_id = %1").arg(id))
                 .toLongLong(), 2);
    // The history says who was added.
    const Run history = cli({"timeline", "activities", QString::number(id)});
    QVERIFY2(history.out.contains("Attendees: Lovelace → Babbage, Lovelace")
                 || history.out.contains("Attendees: Lovelace → Lovelace, Babbage"),
             history.out.constData());

    const Run exported = cli({"export-ics", "-", "--owner", "all"});
    QCOMPARE(exported.code, 0);
    const QByteArray ics = QByteArray(exported.out).replace("\r\n ", "");
    QVERIFY2(ics.contains("UID:review-42@calendar.example"), ics.constData());
    QVERIFY2(ics.contains("mailto:charles@engines.example"), ics.constData());
    QVERIFY(ics.contains("CN=Babbage"));
    r = cli({"--json", "import-ics", write("back.ics", exported.out)});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.json()["created"].toInt(), 0);
    QCOMPARE(value("SELECT COUNT(*) FROM activities").toLongLong(), meetings);
}

QVariant TestCliActivity::value(const QString &sql)
{
    QVariant v;
    {
        if (!Database::open(m_path, "check").isEmpty())
            return v;
        QSqlQuery q(QSqlDatabase::database("check"));
        if (q.exec(sql) && q.next())
            v = q.value(0);
    }
    Database::close("check");
    return v;
}

void TestCliActivity::addPutsItOnTheRecordAndWhatItBelongsTo()
{
    const Run r = cli({"--json", "activity", "add", "--on", QString("deals:%1").arg(m_deal),
                       "--subject", "Present the proposal", "--type", "meeting",
                       "--due", "2026-12-10T14:00", "--end", "2026-12-10T15:30"});
    QCOMPARE(r.code, 0);
    const qint64 id = r.json().value("id").toInteger();
    QVERIFY2(id > 0, r.out.constData());
    const QString row = QString("FROM activities WHERE id = %1").arg(id);
    QCOMPARE(value("SELECT deal_id " + row).toLongLong(), m_deal);
    QCOMPARE(value("SELECT contact_id " + row).toLongLong(), m_contact);
    QCOMPARE(value("SELECT account_id " + row).toLongLong(), m_account);
    QCOMPARE(value("SELECT activity_type " + row).toString(), QString("Meeting"));
    QCOMPARE(value("SELECT status " + row).toString(), QString("Open"));
    QCOMPARE(value("SELECT owner " + row).toString(), QString("Grace Hopper"));
    // Local time in Berlin, stored in UTC.
    QCOMPARE(value("SELECT due_at " + row).toString(), QString("2026-12-10T13:00:00Z"));
    QCOMPARE(value("SELECT end_at " + row).toString(), QString("2026-12-10T14:30:00Z"));
}

void TestCliActivity::badInputAndUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("no record") << QStringList{"activity", "add", "--subject", "x"} << 2 << "--on";
    QTest::newRow("not a record") << QStringList{"activity", "add", "--on", "deals", "--subject", "x"} << 2 << "--on";
    QTest::newRow("no such deal") << QStringList{"activity", "add", "--on", "deals:99", "--subject", "x"} << 3 << "no deal with id 99";
    QTest::newRow("no subject") << QStringList{"activity", "add", "--on", "deals:1"} << 3 << "Subject";
    QTest::newRow("bad type") << QStringList{"activity", "add", "--on", "deals:1", "--subject", "x", "--type", "lunch"} << 2 << "task, call";
    QTest::newRow("bad due") << QStringList{"activity", "add", "--on", "deals:1", "--subject", "x", "--due", "soon"} << 2 << "--due";
    QTest::newRow("no such activity") << QStringList{"activity", "done", "42", "--no-next"} << 3 << "no activity with id 42";
    QTest::newRow("neither") << QStringList{"activity", "frobnicate"} << 2 << "add or done";
    QTest::newRow("bad repeat") << QStringList{"activity", "add", "--on", "deals:1", "--subject", "x", "--due", "2026-12-03T09:00", "--repeat", "every day"} << 2 << "not a repeat rule";
    QTest::newRow("repeat without due") << QStringList{"activity", "add", "--on", "deals:1", "--subject", "x", "--repeat", "FREQ=DAILY"} << 2 << "--due";
}

void TestCliActivity::badInputAndUsage()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Run r = cli(args);
    QCOMPARE(r.code, code);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QCOMPARE(value("SELECT COUNT(*) FROM activities").toInt(), 0);
}

void TestCliActivity::doneWantsTheNextStepOfAnOpenDeal()
{
    const qint64 id = cli({"--json", "activity", "add", "--on", QString("deals:%1").arg(m_deal),
                           "--subject", "Call", "--type", "call"}).json().value("id").toInteger();
    QVERIFY(id > 0);
    // Neither a next step nor --no-next: refused as the window would ask, nothing changed.
    Run r = cli({"activity", "done", QString::number(id)});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("next step"), r.err.constData());
    QCOMPARE(value(QString("SELECT status FROM activities WHERE id = %1").arg(id)).toString(), QString("Open"));
    r = cli({"--json", "activity", "done", QString::number(id), "--outcome", "left voicemail",
             "--next", "Call again", "--next-due", "2026-12-03T09:00"});
    QCOMPARE(r.code, 0);
    const qint64 next = r.json().value("next").toInteger();
    QCOMPARE(r.json().value("id").toInteger(), id);
    QVERIFY(next > id);
    QCOMPARE(value(QString("SELECT outcome FROM activities WHERE id = %1").arg(id)).toString(), QString("Left Voicemail"));
    QCOMPARE(value(QString("SELECT deal_id FROM activities WHERE id = %1").arg(next)).toLongLong(), m_deal);
    // Done twice: refused by the data.
    r = cli({"activity", "done", QString::number(id), "--no-next"});
    QCOMPARE(r.code, 4);
    r = cli({"--json", "activity", "done", QString::number(next), "--no-next"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.json().value("next").isNull());
}

void TestCliActivity::todayListsMineByDefault()
{
    const QString on = QString("deals:%1").arg(m_deal);
    const QString yesterday = Moments::toStored(QDateTime::currentDateTimeUtc().addDays(-1));
    const QString later = Moments::toStored(QDateTime::currentDateTimeUtc().addDays(3));
    QCOMPARE(cli({"activity", "add", "--on", on, "--subject", "Mine, late", "--due", yesterday}).code, 0);
    QCOMPARE(cli({"activity", "add", "--on", on, "--subject", "Hers", "--due", later, "--owner", "Ada"}).code, 0);
    QCOMPARE(cli({"activity", "add", "--on", on, "--subject", "Mine, soon", "--due", later}).code, 0);
    Run r = cli({"--json", "today"});
    QCOMPARE(r.code, 0);
    const QJsonObject mine = r.json();
    QCOMPARE(mine.value("overdue").toArray().size(), 1);
    const QJsonObject late = mine.value("overdue").toArray().first().toObject();
    QCOMPARE(late.value("subject").toString(), QString("Mine, late"));
    QCOMPARE(late.value("type").toString(), QString("task"));
    QCOMPARE(late.value("record").toString(), on);
    QCOMPARE(late.value("due").toString(), yesterday);
    QCOMPARE(mine.value("upcoming").toArray().size(), 1);
    QVERIFY(mine.contains("today") && mine.value("no_next_step").toArray().isEmpty());
    r = cli({"--json", "today", "--owner", "all"});
    QCOMPARE(r.json().value("upcoming").toArray().size(), 2);
    QCOMPARE(cli({"today", "--days", "many"}).code, 2);
}

QTEST_MAIN(TestCliActivity)
#include "tst_cliactivity.moc"
