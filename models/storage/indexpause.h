#pragma once
// A table's secondary indexes (and some of its triggers) set aside for one big write on
// SQLite, and created again exactly as they were afterwards: sorting a million keys once
// is far cheaper than inserting or removing them one row at a time. Both steps run inside
// the caller's transaction, so a failure anywhere rolls the schema back with the rows and
// other connections never see the table without its indexes. Does nothing on PostgreSQL.

#include <QList>
#include <QSqlError>
#include <QString>
#include <QStringList>

namespace Rapport {

class IndexPause
{
public:
    explicit IndexPause(const QString &connectionName);

    // Whether SQLite may drop an index now: not while another statement of the connection
    // is part way through its rows (a caller's query not finished), when a failed DROP would
    // leave the connection without its schema until that statement ends.
    bool isPossible() const;
    // Drops the table's secondary indexes (with `indexes`) and the named triggers it has.
    QSqlError pause(const QString &table, bool indexes, const QStringList &triggers);
    // Creates what pause() dropped, in the order it was; the triggers last.
    QSqlError resume();
    // Whether pause() dropped any of the named triggers.
    bool droppedTriggers() const;
    bool isPaused() const { return !m_dropped.isEmpty(); }

private:
    static constexpr qint64 IndexBuildCacheKiB = 8192;

    struct Dropped {
        QString type, name, sql;
    };
    QString m_connection;
    QList<Dropped> m_dropped;
};

} // namespace Rapport
