#pragma once
// Runs the slow reads of a record tab — a count, or the ids of every shown record in order
// (a search, a filter, a sort no index serves) — on a thread of its own with its own
// connection, so that the window never waits for them. Only the latest request matters: a
// newer one replaces one still waiting and, on SQLite, interrupts one already running;
// results of superseded requests are never delivered.

#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QVariant>
#include <QWaitCondition>

#include <atomic>
#include <optional>

class QThread;

namespace Rapport {

class BackgroundIdReader : public QObject
{
    Q_OBJECT

public:
    struct Request {
        quint64 generation = 0; // increasing; the reader delivers only the latest
        QString sql;            // a SELECT whose first column is an integer
        QVariantList binds;
    };
    struct Result {
        quint64 generation = 0;
        QList<qint64> values; // the first column of every row, in order
        QString error;        // the database's message; "" when all went well
    };

    // Clones `sourceConnection` on the worker thread when the first request comes.
    explicit BackgroundIdReader(const QString &sourceConnection, QObject *parent = nullptr);
    // Interrupts a running query (SQLite) and waits for the thread.
    ~BackgroundIdReader() override;

    void read(const Request &request);
    // Whether a superseded query can be stopped rather than left to finish unseen.
    static bool canInterrupt();
    // Queries stopped because a newer request came (for tests and benchmarks).
    int interruptions() const { return m_interruptions.load(); }

    // For tests: called on the worker thread as each query is about to run, so a test can
    // hold it there ("the slow request is running now") instead of waiting a while.
    using Gate = void (*)();
    static void setGate(Gate gate);

Q_SIGNALS:
    void finished(const Rapport::BackgroundIdReader::Result &result);

private:
    void run();
    Result execute(const Request &request, const QString &connection, bool *interrupted);
    bool isStale(quint64 generation) const { return generation != m_latest.load(); }
    void interruptRunning();
    void deliver(const Result &result);

    QString m_source;
    QThread *m_thread = nullptr;
    QMutex m_mutex; // guards the members below it
    QWaitCondition m_wake;
    std::optional<Request> m_next;
    quint64 m_running = 0; // generation of the query running now, 0 if none
    void *m_handle = nullptr; // the worker connection's sqlite3*, while it is open
    bool m_quit = false;
    std::atomic<quint64> m_latest{0};
    std::atomic<int> m_interruptions{0};
};

} // namespace Rapport
