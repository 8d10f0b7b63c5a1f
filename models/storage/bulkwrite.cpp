#include "storage/bulkwrite.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace Rapport {

BulkWrite::BulkWrite(const QString &connectionName)
    : m_connection(connectionName)
{
    if (QSqlDatabase::database(m_connection).driverName() != QLatin1String("QSQLITE"))
        return;
    for (const char *pragma : {"cache_size", "temp_store"}) {
        QSqlQuery q(QSqlDatabase::database(m_connection));
        if (q.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(pragma))) && q.next())
            m_previous.append({QLatin1String(pragma), q.value(0).toLongLong()});
    }
    set({{QStringLiteral("cache_size"), -65536}, {QStringLiteral("temp_store"), 2}});
}

BulkWrite::~BulkWrite()
{
    set(m_previous);
}

void BulkWrite::set(const QList<QPair<QString, qint64>> &values)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    for (const auto &[name, value] : values)
        q.exec(QStringLiteral("PRAGMA %1 = %2").arg(name).arg(value));
}

} // namespace Rapport
