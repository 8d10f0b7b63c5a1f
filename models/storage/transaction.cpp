#include "storage/transaction.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace Rapport {

Transaction::Transaction(const QString &connectionName)
    : m_connection(connectionName)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    m_active = db.transaction();
    if (!m_active)
        m_error = db.lastError().text();
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

QString Transaction::commit()
{
    if (!m_active)
        return m_error;
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    m_active = false;
    if (!db.commit()) {
        m_error = db.lastError().text();
        db.rollback();
        return m_error;
    }
    return {};
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    QSqlDatabase::database(m_connection).rollback();
    m_active = false;
}

} // namespace Rapport
