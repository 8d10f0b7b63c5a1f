#pragma once
// Writes the records a tab shows (its RecordFilter), chosen ids or all, as a file a
// spreadsheet user can edit and re-import: "Record Id" first, Rapport's field labels as
// the header, references as names with their ids beside them (transfer/exportcolumns.h),
// typed cells through a RowWriter (CSV, or an Excel workbook), an empty cell for no value.
// Streams row by row from one forward-only query, the referenced names read in it by
// joins, so the table is never held in memory; run it on a worker thread with its own
// connection (Database::openClone) for big tables.

#include "files/fileformat.h"
#include "files/rowwriter.h"
#include "records/fielddef.h"
#include "transfer/exportcolumns.h"
#include "lists/recordfilter.h"

#include <QCoreApplication>
#include <QStringList>
#include <atomic>
#include <functional>

class QIODevice;

namespace Rapport {

class DirectRows;

struct ExportOptions {
    RecordFilter filter;     // used when `ids` is empty
    QList<qint64> ids;       // exactly these records (e.g. the selected rows)
    QStringList columns;     // field names, in this order; empty: all fields
    // CSV only: a workbook has no delimiter, no byte order mark and text cells need no guard.
    QChar delimiter = QLatin1Char(',');
    bool bom = false;        // for Excel, which otherwise reads UTF-8 as ANSI
    bool formulaGuard = true;
};

class Exporter
{
    Q_DECLARE_TR_FUNCTIONS(Exporter)

public:
    explicit Exporter(const QString &connectionName);

    // Called every few hundred rows with the number written so far.
    void setProgressCallback(std::function<void(qint64 rows)> callback);
    // When set to true (from any thread) the export stops and write() fails.
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }

    // The number of records written, or -1 (see errorString()). As CSV, with the options'
    // delimiter, byte order mark and formula guard (a CsvRowWriter)...
    qint64 write(Entity entity, const ExportOptions &options, QIODevice *out);
    // ... or through any writer; `out` is finished when all went well...
    qint64 write(Entity entity, const ExportOptions &options, RowWriter &out);
    // ... or as `format` says: CSV, an Excel workbook (a sheet named for the records), or
    // vCards (contacts only).
    qint64 write(Entity entity, const ExportOptions &options, FileFormat format, QIODevice *out);
    QString errorString() const { return m_error; }

    // The records `options` chooses, as WHERE clauses over the table to read one after the
    // other: the filter's, or the ids in batches a database takes as bound values.
    static QList<SqlWhere> selection(Entity entity, const ExportOptions &options);

    // A stored value as a typed cell (see RowWriter::writeRow): null for no value.
    static QVariant cell(const FieldDef &field, const QVariant &stored);

private:
    bool writeQuery(Entity entity, const QList<ExportColumn> &columns, const QString &where,
                    const QVariantList &binds, RowWriter &out, qint64 *rows);
    bool writeDirect(DirectRows &rows, const QString &sql, const QVariantList &binds,
                     const QList<ExportColumn> &columns, Utf8RowSink &sink,
                     const RowWriter &out, qint64 *written);

    QString m_connection;
    QString m_error;
    std::function<void(qint64)> m_progress;
    const std::atomic_bool *m_cancel = nullptr;
};

} // namespace Rapport
