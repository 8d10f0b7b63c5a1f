#include "transfer/bulkinsert.h"

#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/indexpause.h"
#include "storage/searchindex.h"
#include "transfer/copyload.h"
#include "transfer/importjournal.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <algorithm>
#include <limits>

namespace Rapport {

namespace {

constexpr int SqliteVariables = 32766; // SQLITE_MAX_VARIABLE_NUMBER since 3.32

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

} // namespace

BulkInsert::BulkInsert(const QString &connectionName, Entity entity, const QStringList &columns,
                       bool rowByRow)
    : m_connection(connectionName)
    , m_entity(entity)
    , m_columns(columns)
    , m_rowByRow(rowByRow)
{
}

BulkInsert::~BulkInsert() = default;

QString BulkInsert::sql(int rows) const
{
    const QString marks = QStringList(m_columns.size(), QStringLiteral("?")).join(QLatin1Char(','));
    const QString tuple = QLatin1Char('(') + marks + QLatin1Char(')');
    return QStringLiteral("INSERT INTO %1 (%2) VALUES %3%4")
        .arg(table(m_entity), m_columns.join(QLatin1Char(',')),
             QStringList(rows, tuple).join(QLatin1Char(',')),
             m_returning ? QStringLiteral(" RETURNING id") : QString());
}

QString BulkInsert::prepare(qint64 rows, ImportJournal &journal)
{
    m_journal = &journal;
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    m_returning = Database::isPostgres(m_connection);
    m_batchRows = m_rowByRow ? 1
                             : int(std::clamp<qint64>(SqliteVariables / m_columns.size(), 1,
                                                      std::clamp<qint64>(rows, 1, BatchRows)));
    qint64 count = 0, largest = 0;
    if (!m_returning) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM %1")
                        .arg(table(m_entity))) || !q.next())
            return q.lastError().text();
        count = q.value(0).toLongLong();
        largest = q.value(1).toLongLong();
        // Past the largest rowid SQLite picks free ones at random: no runs to count on.
        if (largest > std::numeric_limits<qint64>::max() - rows)
            m_batchRows = 1;
    }
    if (m_returning && !m_rowByRow && CopyLoad::isAvailable(m_connection)) {
        m_copy = std::make_unique<CopyLoad>(m_connection, m_entity, m_columns);
        return m_copy->prepare();
    }
    // A load at least as big as the table: its search index is built once, at the end.
    if (m_rowByRow || m_returning || rows < count)
        return prepareBatch();
    m_loadAfter = largest;
    // Without the trigger a multi-row statement no longer saves FTS5 segments, and costs a
    // statement journal and Qt's binding of thousands of values: one row per statement is
    // faster then (measured, see BulkInsert::PausedBatchRows).
    m_batchRows = PausedBatchRows;
    if (const QSqlError e = SearchIndex(db).pauseForLoad(m_entity); e.isValid())
        return e.text();
    // Sorted once at the end, each index costs a fraction of its row-by-row upkeep.
    if (m_indexesPausable && IndexPause(m_connection).isPossible()) {
        m_indexes = std::make_unique<IndexPause>(m_connection);
        if (const QSqlError e = m_indexes->pause(table(m_entity), true, {}); e.isValid())
            return e.text();
    }
    return prepareBatch();
}

QString BulkInsert::prepareBatch()
{
    m_batch = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_connection));
    return m_batch->prepare(sql(m_batchRows)) ? QString() : m_batch->lastError().text();
}

QString BulkInsert::add(const QVariantList &values, qint64 line)
{
    if (m_copy)
        return addByCopy(values, line);
    if (m_rows == 0)
        m_firstLine = line;
    m_lastLine = line;
    m_pending += values;
    return ++m_rows == m_batchRows ? flush() : QString();
}

QString BulkInsert::flush()
{
    if (m_rows == 0)
        return {};
    std::unique_ptr<QSqlQuery> last;
    if (m_rows != m_batchRows) { // the last, partial batch has a statement of its own
        last = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_connection));
        if (!last->prepare(sql(m_rows)))
            return last->lastError().text();
    }
    QSqlQuery &q = last ? *last : *m_batch;
    for (int i = 0; i < m_pending.size(); ++i)
        q.bindValue(i, m_pending.at(i));
    m_pending.clear();
    const int rows = std::exchange(m_rows, 0);
    if (!q.exec())
        return refused(q.lastError().text());
    return journal(q, rows);
}

QString BulkInsert::refused(const QString &why) const
{
    return m_firstLine == m_lastLine
        ? tr("Line %1: the database refused the row (%2); nothing was imported.")
              .arg(m_firstLine).arg(why)
        : tr("Lines %1 to %2: the database refused a row (%3); nothing was imported.")
              .arg(m_firstLine).arg(m_lastLine).arg(why);
}

QString BulkInsert::addByCopy(const QVariantList &values, qint64 line)
{
    if (m_copy->pendingRows() == 0)
        m_firstLine = line;
    m_lastLine = line;
    const int rows = m_copy->pendingRows() + 1;
    QList<qint64> ids; // filled when the row completes a chunk
    if (const QString why = m_copy->add(values, &ids); !why.isEmpty())
        return refused(why);
    return m_copy->pendingRows() == 0 ? journalCopied(ids, rows) : QString();
}

QString BulkInsert::flushCopy()
{
    const int rows = m_copy->pendingRows();
    QList<qint64> ids;
    if (const QString why = m_copy->flush(&ids); !why.isEmpty())
        return refused(why);
    return journalCopied(ids, rows);
}

QString BulkInsert::journalCopied(const QList<qint64> &ids, int rows)
{
    if (ids.size() != rows || (rows > 0 && ids.first() <= 0))
        return tr("The database did not say which records it made; nothing was imported.");
    return journalIds(ids);
}

QString BulkInsert::journal(QSqlQuery &q, int rows)
{
    QList<qint64> ids;
    if (m_returning) {
        while (q.next())
            ids << q.value(0).toLongLong();
        std::sort(ids.begin(), ids.end()); // the order RETURNING gives is not promised
    } else {
        const qint64 last = q.lastInsertId().toLongLong();
        for (qint64 id = last - rows + 1; id <= last; ++id)
            ids << id;
    }
    q.finish();
    if (ids.size() != rows || ids.first() <= 0)
        return tr("The database did not say which records it made; nothing was imported.");
    return journalIds(ids);
}

QString BulkInsert::journalIds(const QList<qint64> &ids)
{
    for (qint64 id : ids) {
        if (!m_journal->addCreated(id))
            return m_journal->errorString();
    }
    return {};
}

QString BulkInsert::finish()
{
    if (m_copy)
        return flushCopy();
    if (const QString error = flush(); !error.isEmpty())
        return error;
    if (m_loadAfter < 0)
        return {};
    if (m_indexes) {
        if (const QSqlError e = m_indexes->resume(); e.isValid())
            return e.text();
        m_indexes.reset();
    }
    const QSqlError e = SearchIndex(QSqlDatabase::database(m_connection))
                            .resumeAfterLoad(m_entity, std::exchange(m_loadAfter, -1));
    return e.isValid() ? e.text() : QString();
}

} // namespace Rapport
