#include "storage/checkpointer.h"

#include "storage/database.h"
#include "storage/directrows.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#ifdef RAPPORT_SQLITE_INTERRUPT
#include <sqlite3.h>
#endif

namespace Rapport {

Checkpointer::Checkpointer(const QString &connectionName, QObject *parent)
    : QObject(parent)
    , m_connection(connectionName)
    , m_worker(connectionName, nullptr, DbWorker::Purpose::Checkpoints)
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    if (Database::isPostgres(connectionName))
        return;
    m_db = DirectRows::sqliteHandle(m_connection);
    if (m_db) {
        sqlite3_wal_hook(
            static_cast<sqlite3 *>(m_db),
            [](void *self, sqlite3 *db, const char *name, int pages) {
                return noteCommit(self, db, name, pages);
            },
            this);
    }
#endif
}

Checkpointer::~Checkpointer()
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    // Only on the handle it was set on: the connection may have been closed (and its handle
    // freed) or opened again since.
    if (m_db && DirectRows::sqliteHandle(m_connection) == m_db)
        sqlite3_wal_autocheckpoint(static_cast<sqlite3 *>(m_db), Pages);
#endif
}

// On the committing thread, after each commit: only asks for a checkpoint.
int Checkpointer::noteCommit(void *self, void *, const char *, int pages)
{
    auto *c = static_cast<Checkpointer *>(self);
    if (pages >= Pages && !c->m_pending.exchange(true))
        QMetaObject::invokeMethod(c, &Checkpointer::checkpoint, Qt::QueuedConnection);
    return 0; // SQLITE_OK
}

void Checkpointer::checkpoint()
{
    const bool started = m_worker.start(
        [](const QString &connection) {
            QSqlQuery(QSqlDatabase::database(connection, false))
                .exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
        },
        [this](const QString &) {
            ++m_done;
            m_pending = false;
        });
    if (!started)
        m_pending = false; // the next commit asks again
}

} // namespace Rapport
