#include "storage/indexpause.h"

#include "storage/database.h"
#include "storage/directrows.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#ifdef RAPPORT_SQLITE_INTERRUPT
#include <sqlite3.h>
#endif

namespace Rapport {

namespace {

QString quotedName(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\""))
        + QLatin1Char('"');
}

} // namespace

IndexPause::IndexPause(const QString &connectionName)
    : m_connection(connectionName)
{
}

bool IndexPause::isPossible() const
{
    if (Database::isPostgres(m_connection))
        return false;
#ifdef RAPPORT_SQLITE_INTERRUPT
    auto *db = static_cast<sqlite3 *>(DirectRows::sqliteHandle(m_connection));
    if (!db)
        return false;
    for (sqlite3_stmt *s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s)) {
        if (sqlite3_stmt_busy(s))
            return false;
    }
    return true;
#else
    return false; // cannot tell: the way that always works
#endif
}

QSqlError IndexPause::pause(const QString &table, bool indexes, const QStringList &triggers)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    // Only indexes with SQL: those of a UNIQUE or PRIMARY KEY constraint cannot be dropped.
    QString sql = QStringLiteral("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? "
                                 "AND sql IS NOT NULL AND ((type = 'index' AND ?)");
    if (!triggers.isEmpty()) {
        sql += QStringLiteral(" OR (type = 'trigger' AND name IN (%1))")
                   .arg(QStringList(triggers.size(), QStringLiteral("?")).join(QLatin1Char(',')));
    }
    if (!q.prepare(sql + QLatin1Char(')')))
        return q.lastError();
    q.addBindValue(table);
    q.addBindValue(int(indexes));
    for (const QString &t : triggers)
        q.addBindValue(t);
    if (!q.exec())
        return q.lastError();
    QList<Dropped> found;
    while (q.next())
        found.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    q.finish();
    for (const Dropped &d : std::as_const(found)) {
        if (!q.exec(QStringLiteral("DROP %1 %2").arg(d.type.toUpper(), quotedName(d.name))))
            return q.lastError();
        m_dropped.append(d);
    }
    return {};
}

QSqlError IndexPause::resume()
{
    if (m_dropped.isEmpty())
        return {};
    QSqlQuery q(QSqlDatabase::database(m_connection));
    // SQLite's CREATE INDEX sorts in memory up to the page cache's size before it spills to a
    // temporary file, and a bulk write's cache is large: with it, a million rows' keys took
    // 80 MB more. A small cache while the indexes are built keeps that to a few megabytes.
    qint64 cacheSize = 0; // as SQLite says it: pages, or KiB when negative
    qint64 pageSize = 4096;
    if (q.exec(QStringLiteral("PRAGMA cache_size")) && q.next())
        cacheSize = q.value(0).toLongLong();
    if (q.exec(QStringLiteral("PRAGMA page_size")) && q.next())
        pageSize = q.value(0).toLongLong();
    q.finish();
    const qint64 cacheKiB = cacheSize < 0 ? -cacheSize : cacheSize * pageSize / 1024;
    const bool smaller = cacheKiB > IndexBuildCacheKiB;
    if (smaller)
        q.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(IndexBuildCacheKiB));
    QSqlError error;
    for (const char *type : {"index", "trigger"}) {
        for (const Dropped &d : std::as_const(m_dropped)) {
            if (!error.isValid() && d.type == QLatin1String(type) && !q.exec(d.sql))
                error = q.lastError();
        }
    }
    if (smaller)
        q.exec(QStringLiteral("PRAGMA cache_size = %1").arg(cacheSize));
    if (!error.isValid())
        m_dropped.clear();
    return error;
}

bool IndexPause::droppedTriggers() const
{
    for (const Dropped &d : m_dropped) {
        if (d.type == QLatin1String("trigger"))
            return true;
    }
    return false;
}

} // namespace Rapport
