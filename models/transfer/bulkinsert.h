#pragma once
// The import's new records, written a batch of rows per prepared multi-row INSERT rather
// than a statement per row: on SQLite each statement pays a statement journal and, through
// the search index's trigger, an FTS5 segment of its own. The ids are journalled as runs.
// SQLite gives the rows of one INSERT consecutive rowids (the write lock is held, and rowids
// grow from the table's largest), so the batch's last rowid tells them all; PostgreSQL
// returns them (RETURNING id). On PostgreSQL the rows go by COPY instead (transfer/copyload.h):
// no value bound through Qt, and the server parses a statement per chunk of thousands of rows
// rather than 2,800 literals per 200 rows.
//
// A load that at least doubles the table (an import into a new database) does not keep the
// SQLite search index row by row: its insert trigger is dropped for the load and the new
// rows are indexed in one statement at the end, inside the same transaction, which leaves
// the index as the trigger would have; the rows then go in one per statement, which
// measured cheaper once the trigger is out of the way. Unless rows are converted with the
// database's help (references looked up in the table being loaded), the table's secondary
// indexes are dropped for such a load too and created after it (storage/indexpause.h).

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>
#include <memory>

namespace Rapport {

class CopyLoad;
class ImportJournal;
class IndexPause;

class BulkInsert
{
    // Its sentences are the importer's, and translated as such.
    Q_DECLARE_TR_FUNCTIONS(Importer)

public:
    // Rows per statement, measured on 100,000 leads: into a table whose search index trigger
    // fires, 200 rows per INSERT take half the CPU of one (each statement pays a statement
    // journal and an FTS5 segment); fewer when SQLite's 32,766 variables would not do.
    static constexpr int BatchRows = 200;
    // With the trigger paused for a load, one row per INSERT was 20-30 % cheaper than 50,
    // 200 or 800 (Qt binds every value through a hash; SQLite journals a multi-row statement).
    static constexpr int PausedBatchRows = 1;

    // `rowByRow`: one INSERT per row and the index kept by its trigger (the plain path).
    BulkInsert(const QString &connectionName, Entity entity, const QStringList &columns,
               bool rowByRow = false);
    ~BulkInsert();

    // Whether a load may drop the table's secondary indexes: not while something looks
    // records of the table up as the rows go in. Before prepare(); the default is no.
    void setIndexesPausable(bool pausable) { m_indexesPausable = pausable; }
    // Prepares the statement; `rows` is how many the import will create. "" or why not.
    QString prepare(qint64 rows, ImportJournal &journal);
    // Adds a row (one value per column); written when its batch is full.
    // "" or a sentence ending "nothing was imported".
    QString add(const QVariantList &values, qint64 line);
    // Writes the last, partial batch and brings the search index up to date.
    QString finish();

    int batchRows() const { return m_batchRows; }

private:
    QString sql(int rows) const;
    QString prepareBatch();
    QString flush();
    QString journal(QSqlQuery &q, int rows);
    QString journalIds(const QList<qint64> &ids);
    QString addByCopy(const QVariantList &values, qint64 line);
    QString flushCopy();
    QString journalCopied(const QList<qint64> &ids, int rows);
    QString refused(const QString &why) const;

    QString m_connection;
    Entity m_entity;
    QStringList m_columns;
    bool m_rowByRow;
    bool m_returning = false;
    int m_batchRows = 1;
    ImportJournal *m_journal = nullptr;
    std::unique_ptr<QSqlQuery> m_batch;
    std::unique_ptr<CopyLoad> m_copy; // PostgreSQL's path, else null
    QVariantList m_pending;
    int m_rows = 0;
    qint64 m_firstLine = 0, m_lastLine = 0;
    bool m_indexesPausable = false;
    std::unique_ptr<IndexPause> m_indexes; // while a load runs without them
    qint64 m_loadAfter = -1; // the largest id before a load that paused the index, else -1
};

} // namespace Rapport
