#pragma once
// Takes SQLite's write-ahead log checkpoints off the window's thread. SQLite runs one inside
// the commit that takes the log past 1,000 pages, on whichever thread commits: a conversion,
// a save or a card moved on the window's connection then held the window while the log's
// pages were copied into the file (over half a second, once, in a queue of 10,000
// conversions). With a Checkpointer on a connection, its commits only note the log's size;
// past Pages pages a worker of its own checkpoints on a connection of its own (PASSIVE: it
// waits for no reader and no writer; the next commit starts the log over once it is all
// copied). On PostgreSQL, or without SQLite's own library (RAPPORT_SQLITE_INTERRUPT), it does
// nothing and SQLite's own checkpoints stay. Made and used on the connection's thread.

#include "storage/dbworker.h"

#include <QObject>
#include <QString>

#include <atomic>

namespace Rapport {

class Checkpointer : public QObject
{
    Q_OBJECT

public:
    static constexpr int Pages = 1000; // SQLite's own default

    explicit Checkpointer(const QString &connectionName, QObject *parent = nullptr);
    // Gives the connection SQLite's own checkpoints back, if it is still open.
    ~Checkpointer() override;

    // Whether the connection's commits leave the checkpoints to this object.
    bool isActive() const { return m_db != nullptr; }
    // Checkpoints run so far (for tests).
    int checkpoints() const { return m_done; }

private:
    static int noteCommit(void *self, void *db, const char *name, int pages);
    void checkpoint();

    QString m_connection;
    void *m_db = nullptr; // sqlite3*, while the hook is ours
    std::atomic_bool m_pending = false;
    int m_done = 0;
    DbWorker m_worker;
};

} // namespace Rapport
