#pragma once
// SQLite settings for one big write transaction (an import, or undoing one), restored when
// the object goes away. The default 2 MB page cache makes SQLite rewrite the same index
// pages to the WAL over and over, and a statement journal that once spilled to a temporary
// file is then written to disk for every row. Does nothing on PostgreSQL.

#include <QList>
#include <QPair>
#include <QString>

namespace Rapport {

class BulkWrite
{
public:
    explicit BulkWrite(const QString &connectionName);
    ~BulkWrite();
    BulkWrite(const BulkWrite &) = delete;
    BulkWrite &operator=(const BulkWrite &) = delete;

private:
    void set(const QList<QPair<QString, qint64>> &values);

    QString m_connection;
    QList<QPair<QString, qint64>> m_previous;
};

} // namespace Rapport
