// ChangeWatcher as a window meets it: a colleague (another connection, or rapport-cli) writes,
// and the watcher says which records changed and who changed them — from the change log, by
// sequence number, on both engines; on PostgreSQL the server's notification brings it
// without a poll, and an entry committed after a newer one is still not missed.
#include "records/recordtypes.h"
#include "storage/changechannel.h"
#include "storage/changelog.h"
#include "storage/changewatcher.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "storage/transaction.h"
#include "support/engines.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const char *const Db = "watcher";
const char *const Colleague = "colleague";
const char *const Third = "third";

ChangeBatch batchOf(const QSignalSpy &spy, int i)
{
    return spy.at(i).at(0).value<ChangeBatch>();
}

} // namespace

class TestChangeWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aColleaguesSaveIsReportedWithWhoMadeIt();
    void nothingNewIsNoNews();
    void whatCameBeforeTheWatcherIsNoNews();
    void aCommandLineWriteIsReported();
    void thePollFindsChangesByItself();
    void aPollWaitsForTheWindowsOwnTransaction();
    void aFloodOfEntriesIsEverything();
    void afterAReconnectEverythingIsReadOnceWithWhatCameMeanwhile();
    void theServerNotifiesWithoutAPoll();
    void anEntryCommittedLateIsNotMissed();
    void aDatabaseWithoutTheTriggerGetsIt();

private:
    qint64 addLead(const char *connection, const QString &lastName, const QString &who);
    QTemporaryDir m_dir;
    QString m_location;
    int m_run = 0;
};

void TestChangeWatcher::init()
{
    m_location = Engines::location(m_dir.filePath(QStringLiteral("w%1.sqlite").arg(++m_run)));
    for (const char *c : {Db, Colleague}) {
        const QString e = Database::open(m_location, QLatin1String(c));
        QVERIFY2(e.isEmpty(), qPrintable(e));
    }
}

void TestChangeWatcher::cleanup()
{
    for (const char *c : {Db, Colleague, Third})
        Database::close(QLatin1String(c));
    qputenv("RAPPORT_USER", "Test User");
}

qint64 TestChangeWatcher::addLead(const char *connection, const QString &lastName,
                                  const QString &who)
{
    qputenv("RAPPORT_USER", who.toUtf8());
    const WriteResult r = RecordStore(QLatin1String(connection))
                              .insert(Entity::Lead, {{QStringLiteral("last_name"), lastName}});
    qputenv("RAPPORT_USER", "Test User");
    return r.ok() ? r.id : 0;
}

void TestChangeWatcher::aColleaguesSaveIsReportedWithWhoMadeIt()
{
    // GIVEN a window's watcher, and a colleague's connection to the same database
    ChangeWatcher watcher{QLatin1String(Db)};
    watcher.setPollInterval(0);
    QSignalSpy spy(&watcher, &ChangeWatcher::changed);
    // WHEN the colleague adds a lead
    const qint64 lead = addLead(Colleague, QStringLiteral("Lovelace"), QStringLiteral("Grace"));
    QVERIFY(lead > 0);
    watcher.poll();
    // THEN the watcher says the lead changed, and who changed it
    QCOMPARE(spy.count(), 1);
    const ChangeBatch batch = batchOf(spy, 0);
    QVERIFY(!batch.everything);
    QVERIFY(batch.touches(Entity::Lead));
    QVERIFY(batch.touchesRecord(Entity::Lead, lead));
    QVERIFY(!batch.touchesRecord(Entity::Lead, lead + 1));
    QVERIFY(!batch.touches(Entity::Deal));
    QCOMPARE(batch.who(Entity::Lead, lead), QStringLiteral("Grace"));
}

void TestChangeWatcher::nothingNewIsNoNews()
{
    ChangeWatcher watcher{QLatin1String(Db)};
    watcher.setPollInterval(0);
    QSignalSpy spy(&watcher, &ChangeWatcher::changed);
    watcher.poll();
    QCOMPARE(spy.count(), 0);
    QVERIFY(addLead(Colleague, QStringLiteral("Hopper"), QStringLiteral("Ada")) > 0);
    watcher.poll();
    watcher.poll(); // the same entry is news once
    QCOMPARE(spy.count(), 1);
    QCOMPARE(batchOf(spy, 0).entries.size(), 1);
}

void TestChangeWatcher::whatCameBeforeTheWatcherIsNoNews()
{
    QVERIFY(addLead(Colleague, QStringLiteral("Hopper"), QStringLiteral("Ada")) > 0);
    ChangeWatcher watcher{QLatin1String(Db)};
    watcher.setPollInterval(0);
    QVERIFY(watcher.lastSeen() > 0);
    QSignalSpy spy(&watcher, &ChangeWatcher::changed);
    watcher.poll();
    QCOMPARE(spy.count(), 0);
}

void TestChangeWatcher::aCommandLineWriteIsReported()
{
    ChangeWatcher watcher{QLatin1String(Db)};
    watcher.setPollInterval(0);
    QSignalSpy spy(&watcher, &ChangeWatcher::changed);
    // WHEN a nightly script adds a deal with rapport-cli as another user
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RAPPORT_USER"), QStringLiteral("Nightly Import"));
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(RAPPORT_CLI),
              {QStringLiteral("--db"), m_location, QStringLiteral("--json"),
               QStringLiteral("add"), QStringLiteral("deals"), QStringLiteral("--set"),
               QStringLiteral("Deal Name=Big One")});
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    // THEN the window's watcher (on PostgreSQL: told by the server) reports that deal
    if (!Engines::postgres())
        watcher.poll();
    QTRY_COMPARE(spy.count(), 1);
    const ChangeBatch batch = batchOf(spy, 0);
    QVERIFY(batch.touches(Entity::Deal));
    QCOMPARE(batch.entries.constLast().who, QStringLiteral("Nightly Import"));
}

void TestChangeWatcher::thePollFindsChangesByItself()
{
    ChangeWatcher watcher{QLatin1String(Db)};
    QVERIFY(watcher.pollInterval() > 0); // a window needs no one to call poll()
    watcher.setPollInterval(5);
    QSignalSpy spy(&watcher, &ChangeWatcher::changed);
    QVERIFY(addLead(Colleague, QStringLiteral("Hamilton"), QStringLiteral("Margaret")) > 0);
    QTRY_VERIFY(spy.count() >= 1);
    QVERIFY(batchOf(spy, 0).touches(Entity::Lead));
}

void TestChangeWatcher::aPollWaitsForTheWindowsOwnTransaction()
{
    ChangeWatcher watcher{QLatin1String(Db)};
    watcher.setPollInterval(0);
    QSignalSpy spy(&watcher, &ChangeWatcher::changed);
    QVERIFY(addLead(Colleague, QStringLiteral("Hopper"), QStringLiteral("Ada")) > 0);
    {
        // GIVEN the window's own transaction is open (the read would see its uncommitted work)
        Transaction tx(QLatin1String(Db), Transaction::Kind::Read);
        QVERIFY(tx.isActive());
        watcher.poll();
        QCOMPARE(spy.count(), 0);
    }
    // THEN the read comes once it has ended
    QTRY_COMPARE(spy.count(), 1);
}

void TestChangeWatcher::aFloodOfEntriesIsEverything()
{
    ChangeWatcher watcher{QLatin1String(Db)};
    watcher.setPollInterval(0);
    QSignalSpy spy(&watcher, &ChangeWatcher::changed);
    {
        Transaction tx{QLatin1String(Colleague)};
        ChangeLog log{QLatin1String(Colleague)};
        for (int i = 1; i <= ChangeWatcher::MaxEntries + 5; ++i)
            QVERIFY(log.append({QLatin1String(ChangeKind::Create), QStringLiteral("leads"), i,
                                {}, {}, {}, {}, 0}));
        QCOMPARE(tx.commit(), QString());
    }
    watcher.poll();
    QCOMPARE(spy.count(), 1);
    QVERIFY(batchOf(spy, 0).everything);
    QVERIFY(batchOf(spy, 0).touches(Entity::Account)); // everything: every list reads again
    watcher.poll();
    QCOMPARE(spy.count(), 1); // and then it is up to date
}

void TestChangeWatcher::afterAReconnectEverythingIsReadOnceWithWhatCameMeanwhile()
{
    // GIVEN a watcher, and a colleague's save it has not read yet
    ChangeWatcher watcher{QLatin1String(Db)};
    watcher.setPollInterval(0);
    QSignalSpy spy(&watcher, &ChangeWatcher::changed);
    const qint64 lead = addLead(Colleague, QStringLiteral("Hopper"), QStringLiteral("Ada"));
    QVERIFY(lead > 0);
    // WHEN the window is back on the database and reads everything again
    watcher.pollEverything();
    // THEN one batch says "everything" and still names the colleague's save
    QCOMPARE(spy.count(), 1);
    QVERIFY(batchOf(spy, 0).everything);
    QCOMPARE(batchOf(spy, 0).who(Entity::Lead, lead), QStringLiteral("Ada"));
    // and so does a reconnect with no news: every list is read again, once
    watcher.pollEverything();
    QCOMPARE(spy.count(), 2);
    QVERIFY(batchOf(spy, 1).everything);
    watcher.poll();
    QCOMPARE(spy.count(), 2);
}

void TestChangeWatcher::theServerNotifiesWithoutAPoll()
{
    POSTGRESQL_ONLY("notifications are the server's");
    ChangeWatcher watcher{QLatin1String(Db)};
    watcher.setPollInterval(0); // nothing but the notification
    QVERIFY(watcher.isListening());
    QSignalSpy spy(&watcher, &ChangeWatcher::changed);
    const qint64 lead = addLead(Colleague, QStringLiteral("Lovelace"), QStringLiteral("Grace"));
    QTRY_COMPARE(spy.count(), 1);
    QVERIFY(batchOf(spy, 0).touchesRecord(Entity::Lead, lead));
    // A connection made anew (a reconnect) is listened to again.
    QSqlDatabase db = QSqlDatabase::database(QLatin1String(Db));
    db.close();
    QVERIFY(db.open());
    QVERIFY(!watcher.isListening());
    const qint64 missed = addLead(Colleague, QStringLiteral("Byron"), QStringLiteral("Grace"));
    watcher.poll(); // the safety net: the notification was lost while it was closed
    QVERIFY(watcher.isListening());
    QCOMPARE(spy.count(), 2);
    QVERIFY(batchOf(spy, 1).touchesRecord(Entity::Lead, missed));
    addLead(Colleague, QStringLiteral("Somerville"), QStringLiteral("Grace"));
    QTRY_COMPARE(spy.count(), 3);
}

void TestChangeWatcher::anEntryCommittedLateIsNotMissed()
{
    POSTGRESQL_ONLY("SQLite has one writer at a time, whose numbers follow its commits");
    QVERIFY(Database::open(m_location, QLatin1String(Third)).isEmpty());
    ChangeWatcher watcher{QLatin1String(Db)};
    watcher.setPollInterval(0);
    QSignalSpy spy(&watcher, &ChangeWatcher::changed);
    qint64 slow = 0;
    {
        // GIVEN a colleague's long transaction took the lower number
        Transaction tx{QLatin1String(Colleague)};
        slow = addLead(Colleague, QStringLiteral("Slow"), QStringLiteral("Grace"));
        QVERIFY(slow > 0);
        // WHEN another commits a newer entry first, and the watcher reads it
        const qint64 quick = addLead(Third, QStringLiteral("Quick"), QStringLiteral("Ada"));
        watcher.poll();
        QCOMPARE(spy.count(), 1);
        QVERIFY(batchOf(spy, 0).touchesRecord(Entity::Lead, quick));
        QVERIFY(!batchOf(spy, 0).touchesRecord(Entity::Lead, slow));
        QCOMPARE(tx.commit(), QString());
    }
    // THEN the older number, committed later, is still news
    watcher.poll();
    QCOMPARE(spy.count(), 2);
    QVERIFY(batchOf(spy, 1).touchesRecord(Entity::Lead, slow));
    QCOMPARE(batchOf(spy, 1).who(Entity::Lead, slow), QStringLiteral("Grace"));
}

void TestChangeWatcher::aDatabaseWithoutTheTriggerGetsIt()
{
    POSTGRESQL_ONLY("the trigger is PostgreSQL's");
    {
        QSqlDatabase db = QSqlDatabase::database(QLatin1String(Db));
        QVERIFY(ChangeChannel(db).isComplete());
        // GIVEN a database an older Rapport made (no trigger)
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER rapport_changes_notify ON changes")));
        QVERIFY(!ChangeChannel(db).isComplete());
    }
    // WHEN it is opened again, THEN it has the trigger
    Database::close(QLatin1String(Db));
    const QString e = Database::open(m_location, QLatin1String(Db));
    QVERIFY2(e.isEmpty(), qPrintable(e));
    QVERIFY(ChangeChannel(QSqlDatabase::database(QLatin1String(Db))).isComplete());
}

QTEST_GUILESS_MAIN(TestChangeWatcher)
#include "tst_changewatcher.moc"
