#include "storage/connectionwatch.h"

#include "storage/database.h"
#include "storage/schema.h"

#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>

namespace Rapport {

namespace {

// Between two looks at an idle connection: a server gone is noticed within this, not only at
// the rep's next save.
constexpr int HeartbeatMs = 10000;
constexpr int FirstRetryMs = 1000;
constexpr int LongestRetryMs = 30000;

struct Watched {
    ConnectionWatch *watch = nullptr;
    QString location;
    bool lost = false;
    int generation = 0;
};

// Transaction asks from whichever thread it runs on; only the window's thread changes it.
std::mutex s_mutex;
QHash<QString, Watched> &registry()
{
    static QHash<QString, Watched> watched;
    return watched;
}

bool isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

// The connection's SQLite file is no longer where it was opened: deleted or moved away. SQLite
// keeps reading and writing the file it has open, which nobody will ever see again.
bool sqliteFileGone(const QSqlDatabase &db)
{
    const QString path = db.databaseName();
    return !path.isEmpty() && path != QLatin1String(":memory:") && !QFileInfo::exists(path);
}

} // namespace

ConnectionWatch::ConnectionWatch(const QString &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_location(Database::displayLocation(connection))
    , m_heartbeat(new QTimer(this))
{
    m_schedule = [this](int ms, std::function<void()> call) {
        QTimer::singleShot(ms, this, std::move(call));
    };
    {
        std::lock_guard lock(s_mutex);
        Watched &w = registry()[m_connection];
        w.watch = this;
        w.location = m_location;
    }
    m_heartbeat->setInterval(HeartbeatMs);
    connect(m_heartbeat, &QTimer::timeout, this, &ConnectionWatch::check);
    m_heartbeat->start();
}

ConnectionWatch::~ConnectionWatch()
{
    std::lock_guard lock(s_mutex);
    registry().remove(m_connection);
}

bool ConnectionWatch::isLoss(const QString &connection, const QSqlError &error)
{
    const QSqlDatabase db = QSqlDatabase::database(connection, false);
    if (!db.isValid())
        return false;
    if (!isPostgres(db))
        return sqliteFileGone(db);
    // Qt's driver closes the connection when libpq finds it broken, and then answers every
    // query with "database not open" and no error at all.
    if (!db.isOpen())
        return true;
    // Connection exceptions (class 08) and the server ending the session (57P01 admin
    // shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
    const QString state = error.nativeErrorCode();
    return state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P0"));
}

bool ConnectionWatch::reportFailure(const QString &connection, const QSqlError &error)
{
    if (!isLoss(connection, error))
        return false;
    ConnectionWatch *watch = nullptr;
    {
        std::lock_guard lock(s_mutex);
        const auto it = registry().constFind(connection);
        if (it != registry().cend())
            watch = it->watch;
    }
    // A watched connection is used on its watch's thread only.
    if (watch && watch->thread() == QThread::currentThread())
        watch->markLost();
    return true;
}

bool ConnectionWatch::isLost(const QString &connection)
{
    std::lock_guard lock(s_mutex);
    return registry().value(connection).lost;
}

int ConnectionWatch::generation(const QString &connection)
{
    std::lock_guard lock(s_mutex);
    return registry().value(connection).generation;
}

QString ConnectionWatch::lostText(const QString &connection)
{
    QString location;
    {
        std::lock_guard lock(s_mutex);
        location = registry().value(connection).location;
    }
    return tr("The connection to %1 is lost, so nothing was written. Rapport is reconnecting; "
              "please try again in a moment.")
        .arg(location.isEmpty() ? tr("the database") : location);
}

bool ConnectionWatch::check()
{
    if (m_lost)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.isValid())
        return false;
    if (isPostgres(db)) {
        QSqlQuery q(db);
        if (!db.isOpen() || !q.exec(QStringLiteral("SELECT 1")))
            reportFailure(m_connection, q.lastError());
    } else if (sqliteFileGone(db)) {
        markLost();
    }
    return m_lost;
}

void ConnectionWatch::markLost()
{
    if (m_lost)
        return;
    m_lost = true;
    m_failed = 0;
    {
        std::lock_guard lock(s_mutex);
        registry()[m_connection].lost = true;
    }
    m_heartbeat->stop();
    emit connectionLost(m_location);
    if (!m_waiting) {
        m_waiting = true;
        m_schedule(FirstRetryMs, [this] { attempt(); });
    }
}

void ConnectionWatch::attempt()
{
    m_waiting = false;
    if (!m_lost)
        return;
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.isValid() || !isPostgres(db)) {
        attemptAfterProbe(true); // a file: reopening it does not wait on anything
        return;
    }
    // A clone of the connection, opened and closed on a thread of its own, which outlives
    // this watch if the window closes meanwhile (it then only deletes itself).
    static std::atomic_int probes{0};
    m_waiting = true;
    const QString source = m_connection;
    const QString probe = QStringLiteral("%1-probe-%2").arg(m_connection).arg(++probes);
    auto answered = std::make_shared<std::atomic_bool>(false);
    QThread *thread = QThread::create([source, probe, answered] {
        answered->store(Database::openClone(source, probe).isEmpty());
        Database::close(probe);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, answered] { attemptAfterProbe(*answered); });
    thread->start();
}

void ConnectionWatch::attemptAfterProbe(bool answered)
{
    m_waiting = false;
    if (!m_lost)
        return;
    if (!answered || !reopen()) {
        failed();
        return;
    }
    m_lost = false;
    {
        std::lock_guard lock(s_mutex);
        Watched &w = registry()[m_connection];
        w.lost = false;
        ++w.generation;
    }
    m_heartbeat->start();
    emit reconnected(m_location);
}

void ConnectionWatch::failed()
{
    ++m_failed;
    // 1, 2, 4, 8, 16, then every 30 seconds: a server being restarted is back soon, one that
    // is down for the night is not asked every second.
    const int delay = std::min(LongestRetryMs, FirstRetryMs << std::min(m_failed, 5));
    m_waiting = true;
    m_schedule(delay, [this] { attempt(); });
}

bool ConnectionWatch::reopen()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.isValid())
        return false;
    // Never open a missing SQLite file: that would make a new, empty database in its place.
    if (!isPostgres(db) && sqliteFileGone(db))
        return false;
    db.close();
    if (!db.open())
        return false;
    if (Schema(db).configureConnection().isValid())
        return false;
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM meta")) && q.next();
}

} // namespace Rapport
