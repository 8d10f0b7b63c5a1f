#pragma once
// Notices when the window's database connection is lost (a PostgreSQL server restarted, the
// network gone, an admin ending the session; an SQLite file deleted or moved away) and opens
// it again by itself, waiting longer after each failed attempt. It learns of the loss from a
// failed query (Transaction reports each of its failures here) and from a heartbeat while the
// window is idle. While the connection is lost, writes are refused before they begin
// (Transaction asks isLost()), so nothing is ever half written and no save is claimed that did
// not commit: a transaction the server lost with the connection was undone by the server.
// Connections of other threads (DbWorker's clones) reopen themselves: they compare
// generation() with the one they were opened at. On a server, each attempt first connects on
// a worker thread, so a server that does not answer (libpq waits up to its connect timeout)
// never holds the window; only a server that answered is reconnected on the window's thread.

#include <QObject>
#include <QSqlError>
#include <QString>

#include <functional>

class QTimer;

namespace Rapport {

class ConnectionWatch : public QObject
{
    Q_OBJECT

public:
    // Runs `call` after `ms` milliseconds; a test gives one that runs it when the test says.
    using Scheduler = std::function<void(int ms, std::function<void()> call)>;

    explicit ConnectionWatch(const QString &connection, QObject *parent = nullptr);
    ~ConnectionWatch() override;

    void setScheduler(Scheduler scheduler) { m_schedule = std::move(scheduler); }
    bool lost() const { return m_lost; }
    // Looks at the connection now (the heartbeat does, every few seconds): true if it is lost,
    // and then reconnecting has begun.
    bool check();
    // How many attempts to reconnect failed since the loss.
    int failedAttempts() const { return m_failed; }

    // Whether `error`, from a query on `connection`, means the connection itself is gone
    // rather than the statement being refused. Callable on the connection's thread.
    static bool isLoss(const QString &connection, const QSqlError &error);
    // A failed query on `connection`: if it is a watched one and lost, the watch is told.
    // Returns whether the connection is lost (watched or not).
    static bool reportFailure(const QString &connection, const QSqlError &error);
    static bool isLost(const QString &connection);
    // Counts the reconnections of the watched `connection` (0 if it is not watched).
    static int generation(const QString &connection);
    // The sentence for work refused or lost with the connection. Callable on any thread.
    static QString lostText(const QString &connection);

Q_SIGNALS:
    // `location` as Database::displayLocation() says it.
    void connectionLost(const QString &location);
    void reconnected(const QString &location);

private:
    void markLost();
    void attempt();
    void attemptAfterProbe(bool answered);
    void failed();
    bool reopen();

    QString m_connection;
    QString m_location;
    Scheduler m_schedule;
    QTimer *m_heartbeat;
    bool m_lost = false;
    bool m_waiting = false; // an attempt is scheduled or probing
    int m_failed = 0;
};

} // namespace Rapport
