#include "transfer/importundo.h"

#include "records/derivedcolumns.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/indexpause.h"
#include "storage/searchindex.h"
#include "transfer/convertedleads.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Rapport {

namespace {

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

constexpr qint64 DeletePiece = 20000; // ids a DELETE statement

// Column names reach SQL text only from the catalogue, never from the journal's JSON.
bool isRestorableColumn(Entity entity, const QString &column)
{
    return findField(entity, column) || column == QLatin1String("modified_at")
        || DerivedColumns::names(entity).contains(column)
        || (entity == Entity::Lead && ConvertedLeads::columns().contains(column));
}

} // namespace

ImportUndo::ImportUndo(const QString &connectionName, qint64 importId)
    : m_connection(connectionName)
    , m_importId(importId)
    , m_pg(Database::isPostgres(connectionName))
{
}

bool ImportUndo::fail(const QString &message)
{
    m_error = message;
    return false;
}

QString ImportUndo::runsWhere(bool parent) const
{
    return parent ? QStringLiteral("r.import_id = ? AND r.entity = ?")
                  : QStringLiteral("r.import_id = ? AND r.entity IS NULL");
}

QVariantList ImportUndo::runsBinds(Entity entity, bool parent) const
{
    return parent ? QVariantList{m_importId, table(entity)} : QVariantList{m_importId};
}

bool ImportUndo::run(QSqlQuery &q, const QString &sql, const QVariantList &binds)
{
    if (!q.prepare(sql))
        return fail(q.lastError().text());
    for (const QVariant &v : binds)
        q.addBindValue(v);
    return q.exec() || fail(q.lastError().text());
}

qint64 ImportUndo::firstConflict(Entity entity, const QString &stamp, bool parent)
{
    // Each check is one join of the import's runs with the table: the database walks the
    // runs (by import_id) and each run's id range, whatever the number of runs.
    const QString t = table(entity);
    const QString where = runsWhere(parent);
    const QVariantList runs = runsBinds(entity, parent);
    QList<QPair<QString, QVariantList>> checks{
        {QStringLiteral("SELECT x.id FROM import_records r JOIN %1 x ON x.id BETWEEN r.first_id "
                        "AND r.last_id WHERE %2 AND (x.modified_at IS NULL OR "
                        "x.modified_at <> ?) LIMIT 1").arg(t, where), runs + QVariantList{stamp}},
        // Created records only: what came to hang on them or point at them since.
        {QStringLiteral("SELECT x.record_id FROM import_records r JOIN notes x ON x.entity = ? "
                        "AND x.record_id BETWEEN r.first_id AND r.last_id WHERE %1 AND "
                        "r.previous IS NULL LIMIT 1").arg(where), QVariantList{t} + runs}};
    for (const Reference &ref : referencesTo(entity)) {
        const QString column = QLatin1String(ref.field->name);
        checks.append({QStringLiteral("SELECT x.%2 FROM import_records r JOIN %1 x ON x.%2 "
                                      "BETWEEN r.first_id AND r.last_id%3 WHERE %4 AND "
                                      "r.previous IS NULL LIMIT 1")
                           .arg(table(ref.from), column,
                                ref.from == entity
                                    ? QStringLiteral(" AND x.id NOT BETWEEN r.first_id AND "
                                                     "r.last_id")
                                    : QString(),
                                where),
                       runs});
    }
    QSqlQuery q(QSqlDatabase::database(m_connection));
    for (const auto &[sql, binds] : std::as_const(checks)) {
        if (!run(q, sql, binds))
            return -1;
        if (q.next())
            return q.value(0).toLongLong();
    }
    return 0;
}

bool ImportUndo::revert(Entity entity, bool parent)
{
    return restoreUpdated(entity, parent) && deleteCreated(entity, parent);
}

std::optional<QStringList> ImportUndo::journalledColumns(Entity entity, bool parent)
{
    const QString sql = m_pg
        ? QStringLiteral("SELECT DISTINCT jsonb_object_keys(r.previous::jsonb) FROM "
                         "import_records r WHERE r.previous IS NOT NULL AND %1")
        : QStringLiteral("SELECT DISTINCT j.key FROM import_records r, json_each(r.previous) j "
                         "WHERE r.previous IS NOT NULL AND %1");
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!run(q, sql.arg(runsWhere(parent)), runsBinds(entity, parent)))
        return std::nullopt;
    QStringList columns;
    while (q.next()) {
        const QString column = q.value(0).toString();
        if (isRestorableColumn(entity, column))
            columns << column;
    }
    columns.sort(); // the same statement text for the same columns
    return columns;
}

// One UPDATE for every record the import updated. A record's journal holds only the columns
// the import changed on it: a column its JSON does not name keeps its value. A JSON null is
// restored as NULL. On PostgreSQL, jsonb_populate_record gives each value its column's type.
bool ImportUndo::restoreUpdated(Entity entity, bool parent)
{
    const std::optional<QStringList> columns = journalledColumns(entity, parent);
    if (!columns)
        return false;
    if (columns->isEmpty())
        return true; // nothing updated
    const QString t = table(entity);
    QStringList sets;
    for (const QString &c : *columns) {
        sets << (m_pg ? QStringLiteral("%2 = CASE WHEN s.p -> '%2' IS NULL THEN %1.%2 "
                                       "ELSE (s.v).%2 END")
                      : QStringLiteral("%2 = CASE WHEN json_type(r.previous, '$.%2') IS NULL "
                                       "THEN %1.%2 ELSE json_extract(r.previous, '$.%2') END"))
                    .arg(t, c);
    }
    sets << QStringLiteral("version = %1.version + 1").arg(t);
    const QString sql = m_pg
        ? QStringLiteral("UPDATE %1 SET %2 FROM (SELECT r.first_id AS rid, r.previous::jsonb "
                         "AS p, jsonb_populate_record(NULL::%1, r.previous::jsonb) AS v FROM "
                         "import_records r WHERE r.previous IS NOT NULL AND %3) s "
                         "WHERE %1.id = s.rid")
        : QStringLiteral("UPDATE %1 SET %2 FROM import_records r WHERE r.previous IS NOT NULL "
                         "AND %3 AND %1.id = r.first_id");
    QSqlQuery q(QSqlDatabase::database(m_connection));
    const auto update = [&] {
        return run(q, sql.arg(t, sets.join(QStringLiteral(", ")), runsWhere(parent)),
                   runsBinds(entity, parent));
    };
    if (m_pg || !columns->contains(QLatin1String("search_key")))
        return update(); // the search index's update triggers do not fire
    // Each restored key costs both search indexes a delete and an insert through their
    // triggers; past half the table, one rebuild of each is cheaper.
    if (!run(q, QStringLiteral("SELECT COUNT(*) FROM import_records r WHERE r.previous IS NOT "
                               "NULL AND %1").arg(runsWhere(parent)),
             runsBinds(entity, parent)) || !q.next())
        return false;
    const qint64 rows = q.value(0).toLongLong();
    q.finish();
    const qint64 total = tableRows(entity);
    if (total < 0)
        return false;
    if (!rebuildPays(rows, total))
        return update();
    return withIndexesRebuilt(entity, QStringLiteral("_update"), false, update);
}

bool ImportUndo::deleteCreated(Entity entity, bool parent)
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT r.first_id, r.last_id FROM import_records r WHERE "
                               "r.previous IS NULL AND %1").arg(runsWhere(parent)),
             runsBinds(entity, parent)))
        return false;
    QList<QPair<qint64, qint64>> runs;
    qint64 rows = 0;
    while (q.next()) {
        runs.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
        rows += runs.last().second - runs.last().first + 1;
    }
    q.finish();
    if (runs.isEmpty())
        return true;
    auto deleteRuns = [&] {
        QSqlQuery del(db);
        if (!del.prepare(QStringLiteral("DELETE FROM %1 WHERE id BETWEEN ? AND ?")
                             .arg(table(entity))))
            return fail(del.lastError().text());
        // In pieces: SQLite keeps a statement journal of every page a statement changes (in
        // memory, see BulkWrite), 570 MB for one DELETE of a million leads.
        for (const auto &[first, last] : std::as_const(runs)) {
            for (qint64 from = first; from <= last; from += DeletePiece) {
                del.bindValue(0, from);
                del.bindValue(1, std::min(last, from + DeletePiece - 1));
                if (!del.exec())
                    return fail(del.lastError().text());
            }
        }
        return true;
    };
    const qint64 total = m_pg ? 0 : tableRows(entity);
    if (total < 0)
        return false;
    // In pieces still: with foreign keys on (activities point at records), SQLite cannot
    // empty the table in one step, and one DELETE of every row would journal every page.
    if (!rebuildPays(rows, total))
        return deleteRuns();
    return withIndexesRebuilt(entity, QStringLiteral("_delete"), true, deleteRuns);
}

qint64 ImportUndo::tableRows(Entity entity)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!run(q, QStringLiteral("SELECT COUNT(*) FROM %1").arg(table(entity)), {}))
        return -1;
    return q.next() ? q.value(0).toLongLong() : -1;
}

bool ImportUndo::rebuildPays(qint64 rows, qint64 total) const
{
    // Measured on 100,000 leads: the search index's delete trigger costs ~18 µs a removed
    // row and its rebuild ~12 µs a remaining one; each index entry ~1 µs removed, less
    // built. Past half the table, building again is the cheaper side.
    return !m_pg && rows * 2 >= total && IndexPause(m_connection).isPossible();
}

bool ImportUndo::withIndexesRebuilt(Entity entity, const QString &triggerSuffix, bool indexes,
                                    const std::function<bool()> &work)
{
    IndexPause pause(m_connection);
    if (const QSqlError e = pause.pause(table(entity), indexes,
                                        SearchIndex::triggersFor(entity, triggerSuffix));
        e.isValid())
        return fail(e.text());
    const bool searchIndexed = pause.droppedTriggers();
    if (!work())
        return false;
    if (const QSqlError e = pause.resume(); e.isValid())
        return fail(e.text());
    if (!searchIndexed)
        return true;
    const QSqlError e = SearchIndex(QSqlDatabase::database(m_connection)).rebuild(entity);
    return !e.isValid() || fail(e.text());
}

} // namespace Rapport
