#include "transfer/copyload.h"

#include "records/recordtypes.h"

#include <QDate>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <libpq-fe.h>

namespace Rapport {

namespace {

const QString LoadTable = QStringLiteral("rapport_copy_load");

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

PGconn *handleOf(const QSqlDatabase &db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    // Qt 6 names the type by the struct PGconn stands for.
    if (!v.isValid()
        || (qstrcmp(v.typeName(), "PGconn*") != 0 && qstrcmp(v.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(v.constData());
}

QByteArray text(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Bool:
        return v.toBool() ? QByteArrayLiteral("t") : QByteArrayLiteral("f");
    case QMetaType::QDate:
        return v.toDate().toString(Qt::ISODate).toUtf8();
    case QMetaType::QDateTime:
        return v.toDateTime().toString(Qt::ISODateWithMs).toUtf8();
    case QMetaType::QByteArray:
        return v.toByteArray();
    default:
        return v.toString().toUtf8();
    }
}

void appendEscaped(QByteArray &out, const QByteArray &value)
{
    for (const char c : value) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\0': break;
        default: out += c;
        }
    }
}

QString libpqError(PGconn *conn, PGresult *result = nullptr)
{
    const char *message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
    return QString::fromUtf8(message).trimmed();
}

} // namespace

CopyLoad::CopyLoad(const QString &connectionName, Entity entity, const QStringList &columns)
    : m_connection(connectionName)
    , m_entity(entity)
    , m_columns(columns)
{
}

bool CopyLoad::isAvailable(const QString &connectionName)
{
    return handleOf(QSqlDatabase::database(connectionName)) != nullptr;
}

QByteArray CopyLoad::encodeRow(const QVariantList &values)
{
    QByteArray line;
    line.reserve(256);
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            line += '\t';
        const QVariant &v = values.at(i);
        if (v.isNull())
            line += "\\N";
        else
            appendEscaped(line, text(v));
    }
    return line += '\n';
}

QString CopyLoad::prepare()
{
    // The written columns with the record table's types, so that a value the table would
    // refuse is refused here too; dropped with the transaction, committed or not.
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.exec(QStringLiteral("CREATE TEMPORARY TABLE %1 ON COMMIT DROP AS SELECT %2 FROM %3 "
                               "WITH NO DATA")
                    .arg(LoadTable, m_columns.join(QLatin1Char(',')), table(m_entity))))
        return q.lastError().text();
    return {};
}

QString CopyLoad::add(const QVariantList &values, QList<qint64> *created)
{
    m_buffer += encodeRow(values);
    return ++m_rows == ChunkRows ? flush(created) : QString();
}

QString CopyLoad::flush(QList<qint64> *created)
{
    if (m_rows == 0)
        return {};
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    // Through Qt first: its driver then ends whatever result it still reads, and the
    // connection is idle for libpq.
    if (!q.exec(QStringLiteral("TRUNCATE %1").arg(LoadTable)))
        return q.lastError().text();
    if (const QString error = copyChunk(); !error.isEmpty())
        return error;
    q.setForwardOnly(true);
    const QString columns = m_columns.join(QLatin1Char(','));
    if (!q.exec(QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3 RETURNING id")
                    .arg(table(m_entity), columns, LoadTable)))
        return q.lastError().text();
    QList<qint64> ids;
    ids.reserve(m_rows);
    while (q.next())
        ids << q.value(0).toLongLong();
    q.finish();
    std::sort(ids.begin(), ids.end()); // the order RETURNING gives is not promised
    m_rows = 0;
    *created = std::move(ids);
    return {};
}

// COPY … FROM STDIN on Qt's connection. A refused chunk leaves the transaction failed, and
// the import rolls it back.
QString CopyLoad::copyChunk()
{
    PGconn *conn = handleOf(QSqlDatabase::database(m_connection));
    if (!conn || PQtransactionStatus(conn) != PQTRANS_INTRANS)
        return tr("the connection to the server was not ready for COPY");
    const QByteArray sql = QStringLiteral("COPY %1 (%2) FROM STDIN")
                               .arg(LoadTable, m_columns.join(QLatin1Char(','))).toUtf8();
    PGresult *started = PQexec(conn, sql.constData());
    const bool copying = PQresultStatus(started) == PGRES_COPY_IN;
    QString error = copying ? QString() : libpqError(conn, started);
    PQclear(started);
    if (!copying)
        return error;
    const QByteArray data = std::exchange(m_buffer, {});
    constexpr qsizetype Piece = 1 << 20; // libpq takes an int's worth at a time
    for (qsizetype at = 0; at < data.size() && error.isEmpty(); at += Piece) {
        const int size = int(std::min(Piece, data.size() - at));
        if (PQputCopyData(conn, data.constData() + at, size) != 1)
            error = libpqError(conn);
    }
    if (PQputCopyEnd(conn, error.isEmpty() ? nullptr : "the import stopped") != 1
        && error.isEmpty())
        error = libpqError(conn);
    // Every result is read, so that the connection is idle again for Qt.
    while (PGresult *result = PQgetResult(conn)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK && error.isEmpty())
            error = libpqError(conn, result);
        PQclear(result);
    }
    return error;
}

} // namespace Rapport
