// A connection lost under Rapport's feet: on PostgreSQL an admin ends the session (what a
// server restart or a dropped network does too), on SQLite the file is moved away. The watch
// says so, every write is refused in words until the connection is back (never half written,
// never claimed), it reconnects by itself, waiting longer after each failed attempt, and
// background readers carry on with connections of their own.
#include "storage/connectionwatch.h"
#include "storage/database.h"
#include "storage/dbworker.h"
#include "storage/recordstore.h"
#include "storage/transaction.h"
#include "support/backendkiller.h"
#include "support/engines.h"
#include "support/manualscheduler.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <atomic>

using namespace Rapport;

namespace {

const QString Main = QStringLiteral("main");
const QString Other = QStringLiteral("other");

qint64 leads(const QString &connection, const QString &lastName)
{
    QSqlQuery q(QSqlDatabase::database(connection, false));
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM leads WHERE last_name = ?"));
    q.addBindValue(lastName);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}

WriteResult addLead(const QString &lastName)
{
    return RecordStore(Main).insert(Entity::Lead, {{"last_name", lastName}});
}

} // namespace

class TestConnectionWatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void anEndedSessionIsSaidRefusedAndReopened();
    void aTransactionCutOffBeforeItsCommitIsNotClaimed();
    void backgroundReadersCarryOnAfterTheLoss();
    void aVanishedFileIsReportedAndWaitedFor();

private:
    Engines::FreshDatabase m_fresh{QStringLiteral("connectionwatch")};
    ManualScheduler m_scheduler;
};

void TestConnectionWatch::init()
{
    m_scheduler = {};
    QVERIFY(m_fresh.open(Main));
    QCOMPARE(Database::open(m_fresh.location(), Other), QString());
}

void TestConnectionWatch::cleanup()
{
    Database::close(Other);
    QVERIFY(m_fresh.drop());
}

void TestConnectionWatch::anEndedSessionIsSaidRefusedAndReopened()
{
    if (!Engines::postgres())
        QSKIP("A server's session: the PostgreSQL run has it");
    ConnectionWatch watch(Main);
    watch.setScheduler(m_scheduler.function());
    QSignalSpy lost(&watch, &ConnectionWatch::connectionLost);
    QSignalSpy back(&watch, &ConnectionWatch::reconnected);
    QVERIFY(addLead("Before").ok());
    // GIVEN the server ends the window's session
    QVERIFY(BackendKiller::kill(Other, BackendKiller::pidOf(Main)));
    // WHEN the rep saves
    const WriteResult first = addLead("During");
    // THEN the save is refused in words, and the loss is said once, with the server's address
    QVERIFY(!first.ok());
    QCOMPARE(first.error, ConnectionWatch::lostText(Main));
    QVERIFY(first.error.contains(Engines::serverUrl().host()));
    QVERIFY(watch.lost());
    QCOMPARE(lost.size(), 1);
    QCOMPARE(lost.at(0).at(0).toString(), Database::displayLocation(Main));
    // AND a second try before the reconnection is refused without touching the server
    QCOMPARE(addLead("During").error, ConnectionWatch::lostText(Main));
    QCOMPARE(leads(Other, "During"), 0);
    QCOMPARE(back.size(), 0);
    // WHEN the wait before the first attempt is over
    QCOMPARE(m_scheduler.runNext(), 1000);
    // THEN the server is asked from a worker thread, so the window's thread is not held
    // while it answers (the attempt returned at once), and once it has, it is back and the
    // next save lands
    QVERIFY(watch.lost());
    QTRY_COMPARE(back.size(), 1);
    QVERIFY(!watch.lost());
    QCOMPARE(ConnectionWatch::generation(Main), 1);
    const WriteResult again = addLead("During");
    QVERIFY2(again.ok(), qPrintable(again.error));
    QCOMPARE(leads(Other, "During"), 1);
    QCOMPARE(leads(Other, "Before"), 1);
    QVERIFY(m_scheduler.pending.empty());
}

void TestConnectionWatch::aTransactionCutOffBeforeItsCommitIsNotClaimed()
{
    if (!Engines::postgres())
        QSKIP("A server's session: the PostgreSQL run has it");
    ConnectionWatch watch(Main);
    watch.setScheduler(m_scheduler.function());
    // GIVEN a save half done: its row written inside a transaction not yet committed
    Transaction tx(Main);
    QVERIFY(tx.isActive());
    QVERIFY(addLead("Half").ok()); // a savepoint of tx: written, not committed
    // WHEN the session ends before the commit
    QVERIFY(BackendKiller::kill(Other, BackendKiller::pidOf(Main)));
    // THEN the commit says it was not saved, and it was not
    const QString error = tx.commit();
    QVERIFY(!error.isEmpty());
    QCOMPARE(error, ConnectionWatch::lostText(Main));
    QCOMPARE(leads(Other, "Half"), 0);
    QVERIFY(watch.lost());
    // AND after the reconnection nothing of it came back
    m_scheduler.runNext();
    QTRY_VERIFY(!watch.lost());
    QCOMPARE(leads(Main, "Half"), 0);
}

void TestConnectionWatch::backgroundReadersCarryOnAfterTheLoss()
{
    if (!Engines::postgres())
        QSKIP("A server's session: the PostgreSQL run has it");
    ConnectionWatch watch(Main);
    watch.setScheduler(m_scheduler.function());
    QVERIFY(addLead("Read").ok());
    DbWorker worker(Main, nullptr, DbWorker::Purpose::Reads);
    // One read on the worker's own connection; what it found, and its session.
    std::atomic<qint64> found = -1;
    std::atomic<qint64> pid = 0;
    auto read = [&] {
        bool done = false;
        QString error;
        found = -1;
        worker.start(
            [&](const QString &connection) {
                found = leads(connection, "Read");
                pid = BackendKiller::pidOf(connection);
            },
            [&](const QString &e) {
                error = e;
                done = true;
            });
        return QTest::qWaitFor([&done] { return done; }) ? error : QStringLiteral("(no answer)");
    };
    QCOMPARE(read(), QString());
    QCOMPARE(found.load(), 1);
    // GIVEN the server restarted: every session of the window ended
    QVERIFY(BackendKiller::kill(Other, pid));
    QVERIFY(BackendKiller::kill(Other, BackendKiller::pidOf(Main)));
    // WHEN the window's heartbeat looks, and the reader reads meanwhile
    QVERIFY(watch.check());
    QCOMPARE(read(), ConnectionWatch::lostText(Main));
    QCOMPARE(found.load(), -1);
    // THEN after the reconnection the reader reads again, on a new session of its own
    const qint64 oldPid = pid;
    m_scheduler.runNext();
    QTRY_VERIFY(!watch.lost());
    QCOMPARE(read(), QString());
    QCOMPARE(found.load(), 1);
    QVERIFY(pid != oldPid);
}

void TestConnectionWatch::aVanishedFileIsReportedAndWaitedFor()
{
    if (Engines::postgres())
        QSKIP("An SQLite file: the SQLite run has it");
    ConnectionWatch watch(Main);
    watch.setScheduler(m_scheduler.function());
    QSignalSpy lost(&watch, &ConnectionWatch::connectionLost);
    QSignalSpy back(&watch, &ConnectionWatch::reconnected);
    QVERIFY(addLead("Before").ok());
    Database::close(Other);
    // GIVEN the database file moved away while the window has it open
    const QString path = m_fresh.location();
    const QString away = path + QStringLiteral(".away");
    QVERIFY(QFile::rename(path, away));
    // WHEN the heartbeat looks
    QVERIFY(watch.check());
    // THEN it is said, and a save is refused instead of going into a file nobody will see
    QCOMPARE(lost.size(), 1);
    QCOMPARE(addLead("During").error, ConnectionWatch::lostText(Main));
    // AND it is not made again as a new, empty database while it is gone, however long
    QCOMPARE(m_scheduler.runNext(), 1000);
    QCOMPARE(m_scheduler.runNext(), 2000);
    QCOMPARE(m_scheduler.runNext(), 4000);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(back.size(), 0);
    QCOMPARE(watch.failedAttempts(), 3);
    // WHEN the file is back
    QVERIFY(QFile::rename(away, path));
    m_scheduler.runNext();
    // THEN so is the connection, with what it held and without what was refused
    QCOMPARE(back.size(), 1);
    QCOMPARE(leads(Main, "Before"), 1);
    QCOMPARE(leads(Main, "During"), 0);
    QVERIFY(addLead("After").ok());
}

QTEST_GUILESS_MAIN(TestConnectionWatch)
#include "tst_connectionwatch.moc"
