#pragma once
// Writes the records a tab shows (its RecordFilter), chosen ids or all, as CSV a
// spreadsheet user can edit and re-import: "Record Id" first, Rapport's field labels as
// the header, values in the form the importer reads back, formula guard on by default.
// Streams row by row from a forward-only query, so the table is never held in memory;
// run it on a worker thread with its own connection (Database::openClone) for big tables.

#include "records/fielddef.h"
#include "lists/recordfilter.h"

#include <QCoreApplication>
#include <QStringList>
#include <atomic>
#include <functional>

class QIODevice;

namespace Rapport {

struct ExportOptions {
    RecordFilter filter;     // used when `ids` is empty
    QList<qint64> ids;       // exactly these records (e.g. the selected rows)
    QStringList columns;     // field names, in this order; empty: all fields
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

    // The number of records written, or -1 (see errorString()).
    qint64 write(Entity entity, const ExportOptions &options, QIODevice *out);
    QString errorString() const { return m_error; }

    // A stored value as the exporter writes it and the importer reads it back.
    static QString formatValue(const FieldDef &field, const QVariant &value);

private:
    bool writeQuery(Entity entity, const QList<const FieldDef *> &fields, const QString &where,
                    const QVariantList &binds, const ExportOptions &options, class CsvWriter &out,
                    qint64 *rows);

    QString m_connection;
    QString m_error;
    std::function<void(qint64)> m_progress;
    const std::atomic_bool *m_cancel = nullptr;
};

} // namespace Rapport
