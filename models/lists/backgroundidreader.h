#pragma once
// Runs the slow reads of a record tab — a count, or the ids of every shown record in order
// (a search, a filter, a sort no index serves) — on a DbWorker of its own, so that the
// window never waits for them. Only the latest request matters: a newer one replaces one
// still waiting and, on SQLite, interrupts one already running; results of superseded
// requests are never delivered.

#include "storage/dbworker.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QVariant>

#include <atomic>
#include <optional>

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

    explicit BackgroundIdReader(const QString &sourceConnection, QObject *parent = nullptr);
    // Interrupts a running query (SQLite) and waits for it.
    ~BackgroundIdReader() override;

    void read(const Request &request);
    // Whether a superseded query can be stopped rather than left to finish unseen.
    static bool canInterrupt() { return DbWorker::canInterrupt(); }
    // Queries stopped because a newer request came (for tests and benchmarks).
    int interruptions() const { return m_interruptions; }

    // For tests: called on the worker thread as each query is about to run, so a test can
    // hold it there ("the slow request is running now") instead of waiting a while.
    static void setGate(DbWorker::Gate gate) { DbWorker::setGate(DbWorker::Purpose::Reads, gate); }

Q_SIGNALS:
    void finished(const Rapport::BackgroundIdReader::Result &result);

private:
    void startNext();
    bool isStale(quint64 generation) const { return generation != m_latest.load(); }

    std::optional<Request> m_next; // waiting for the worker
    std::atomic<quint64> m_latest{0};
    int m_interruptions = 0;
    DbWorker m_worker; // last: it goes first, and its thread reads the members above
};

} // namespace Rapport
