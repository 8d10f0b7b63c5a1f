// The window's commits leave SQLite's log checkpoints to a worker (Checkpointer): while the
// worker is held, commits go on past SQLite's 1,000 pages and the log only grows (SQLite's own
// checkpoint, inside the commit, would have let it start over); once the worker has run, the
// log starts over again. Without the Checkpointer the same commits keep the log short.
// SQLite only: PostgreSQL has no such log.
#include "storage/checkpointer.h"
#include "storage/database.h"
#include "support/threadgate.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

// Rows of 3,000 bytes: about a page each.
bool writePages(const QString &connection, int pages)
{
    QSqlDatabase db = QSqlDatabase::database(connection);
    if (!db.transaction())
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"));
    static int serial = 0;
    for (int i = 0; i < pages; ++i) {
        q.addBindValue(QStringLiteral("checkpointer-%1").arg(++serial));
        q.addBindValue(QString(3000, QLatin1Char('x')));
        if (!q.exec()) {
            qWarning() << q.lastError().text();
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

} // namespace

class TestCheckpointer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commitsLeaveTheCheckpointToTheWorker();
    void withoutItSqliteCheckpointsInTheCommit();

private:
    QTemporaryDir m_dir;
};

void TestCheckpointer::commitsLeaveTheCheckpointToTheWorker()
{
    // GIVEN a database whose connection has a Checkpointer, its worker held
    const QString file = m_dir.filePath("held.sqlite");
    QVERIFY(Database::open(file, "held").isEmpty());
    Checkpointer checkpointer("held");
    QVERIFY(checkpointer.isActive());
    CheckpointGate gate;
    // WHEN commits take the log past 1,000 pages, then past 2,000
    QVERIFY(writePages("held", 800));
    QVERIFY(writePages("held", 800));
    QTRY_VERIFY(gate.held()); // the worker was asked, and waits
    QVERIFY(writePages("held", 800));
    // THEN no commit copied the log: it holds every page written
    const qint64 pageSize = 4096;
    QVERIFY2(QFileInfo(file + "-wal").size() > 2000 * pageSize,
             qPrintable(QString::number(QFileInfo(file + "-wal").size())));
    // AND once the worker has run, the log starts over: more commits do not grow it
    gate.open();
    QTRY_VERIFY(checkpointer.checkpoints() >= 1);
    const qint64 size = QFileInfo(file + "-wal").size();
    QVERIFY(writePages("held", 300));
    QCOMPARE(QFileInfo(file + "-wal").size(), size);
    Database::close("held");
}

void TestCheckpointer::withoutItSqliteCheckpointsInTheCommit()
{
    // GIVEN a database without one (what the test above would see if the hook did nothing)
    const QString file = m_dir.filePath("plain.sqlite");
    QVERIFY(Database::open(file, "plain").isEmpty());
    // WHEN the same commits are made
    QVERIFY(writePages("plain", 800));
    QVERIFY(writePages("plain", 800));
    QVERIFY(writePages("plain", 800));
    // THEN SQLite's checkpoint in the second commit let the third start the log over
    QVERIFY2(QFileInfo(file + "-wal").size() < 2000 * 4096,
             qPrintable(QString::number(QFileInfo(file + "-wal").size())));
    Database::close("plain");
}

QTEST_GUILESS_MAIN(TestCheckpointer)
#include "tst_checkpointer.moc"
