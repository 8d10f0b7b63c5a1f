#pragma once
// Ends a PostgreSQL connection's session from another connection, as an admin would
// (pg_terminate_backend): for tests of what Rapport does when its server goes away.
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace BackendKiller {

// The server process serving `connection`; 0 if it cannot be asked.
inline qint64 pidOf(const QString &connection)
{
    QSqlQuery q(QSqlDatabase::database(connection, false));
    return q.exec(QStringLiteral("SELECT pg_backend_pid()")) && q.next() ? q.value(0).toLongLong()
                                                                         : 0;
}

// Ends the session of `pid`, asked through `other`, and waits until the server says it is gone.
inline bool kill(const QString &other, qint64 pid)
{
    QSqlQuery q(QSqlDatabase::database(other, false));
    q.prepare(QStringLiteral("SELECT pg_terminate_backend(?, 5000)"));
    q.addBindValue(pid);
    return pid > 0 && q.exec() && q.next() && q.value(0).toBool();
}

} // namespace BackendKiller
