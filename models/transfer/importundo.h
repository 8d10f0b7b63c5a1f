#pragma once
// The statements that undo one import (transfer/importjournal.h), set-based: whatever the
// import's size, one statement checks its records for later edits and links, one restores
// every record it updated (the journalled values read by the database itself, from the JSON
// in import_records), and one DELETE per run of ids removes what it created. When the
// records to remove (or to restore with their search key) are most of their table, the
// table's indexes and search indexes are built again after the write (SQLite) rather than
// kept row by row. Runs inside the caller's transaction: nothing here commits.

#include "records/fielddef.h"

#include <QString>
#include <QStringList>
#include <QVariantList>
#include <functional>
#include <optional>

class QSqlQuery;

namespace Rapport {

class ImportUndo
{
public:
    ImportUndo(const QString &connectionName, qint64 importId);

    // The import's own records of `entity` (parent false) or the parents of that type it
    // made. The first record edited after `stamp`, or (created ones) linked to by notes or
    // other records since; 0 when none, -1 on a database error (see error()).
    qint64 firstConflict(Entity entity, const QString &stamp, bool parent);
    // Restores what the import updated and removes what it created.
    bool revert(Entity entity, bool parent);
    QString error() const { return m_error; }

private:
    bool restoreUpdated(Entity entity, bool parent);
    bool deleteCreated(Entity entity, bool parent);
    // The restorable columns any of the journalled values name.
    std::optional<QStringList> journalledColumns(Entity entity, bool parent);
    // How many records the table holds, or -1 on a database error.
    qint64 tableRows(Entity entity);
    // Whether rebuilding beats updating row by row: SQLite, `rows` at least half of the
    // table's `total`, and no other statement of the connection reading.
    bool rebuildPays(qint64 rows, qint64 total) const;
    // Drops the search index's triggers named `triggerSuffix` ("_delete", "_update") and,
    // with `indexes`, the table's secondary indexes; runs `work`; creates them again exactly
    // as they were and rebuilds the search index.
    bool withIndexesRebuilt(Entity entity, const QString &triggerSuffix, bool indexes,
                            const std::function<bool()> &work);
    // "r.import_id = ? AND r.entity IS NULL" (or "= ?") with its values.
    QString runsWhere(bool parent) const;
    QVariantList runsBinds(Entity entity, bool parent) const;
    bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds);
    bool fail(const QString &message);

    QString m_connection;
    qint64 m_importId;
    bool m_pg;
    QString m_error;
};

} // namespace Rapport
