#pragma once
// The import's new records on PostgreSQL, sent as COPY rather than INSERT statements: rows
// gather as COPY's text format, and each chunk goes through libpq (on the PGconn Qt's
// driver already holds, so inside the import's transaction) into a temporary table of the
// written columns, then into the record table by one INSERT … SELECT … RETURNING id. The
// record table's policies (storage/rowsecurity.h), constraints and indexes apply to that
// INSERT as to any other; the temporary table goes with the transaction, rolled back or not.
// The connection is left idle between chunks: the import asks other questions meanwhile.

#include "records/fielddef.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QStringList>
#include <QVariantList>

namespace Rapport {

class CopyLoad
{
    // Its sentences are the importer's, and translated as such.
    Q_DECLARE_TR_FUNCTIONS(Importer)

public:
    // Rows per COPY and INSERT … SELECT: large enough that the round trips vanish, small
    // enough that the buffered text (about 0.5 MB of leads) and the returned ids stay small.
    static constexpr int ChunkRows = 2000;

    CopyLoad(const QString &connectionName, Entity entity, const QStringList &columns);

    // Whether the connection is PostgreSQL through a driver that lends its libpq handle.
    static bool isAvailable(const QString &connectionName);
    // Makes the temporary table. "" or why not.
    QString prepare();
    // Adds a row (one value per column); written when its chunk is full, the new records'
    // ids then given to `created` in ascending order. "" or why the server refused it.
    QString add(const QVariantList &values, QList<qint64> *created);
    // Writes the last chunk.
    QString flush(QList<qint64> *created);
    int pendingRows() const { return m_rows; }

    // One row in COPY's text format, line end included: \N for no value, and backslash,
    // tab, newline and carriage return escaped; NUL, which PostgreSQL's text cannot hold,
    // is dropped.
    static QByteArray encodeRow(const QVariantList &values);

private:
    QString copyChunk();

    QString m_connection;
    Entity m_entity;
    QStringList m_columns;
    QByteArray m_buffer;
    int m_rows = 0;
};

} // namespace Rapport
