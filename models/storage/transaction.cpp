#include "storage/transaction.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

// How many Transactions are open per connection. A connection is used by one thread only
// (Qt's rule), so the count is the thread's own.
QHash<QString, int> &openTransactions()
{
    thread_local QHash<QString, int> open;
    return open;
}

} // namespace

Transaction::Transaction(const QString &connectionName)
    : m_connection(connectionName)
{
    int &open = openTransactions()[m_connection];
    m_depth = open;
    if (m_depth == 0) {
        QSqlDatabase db = QSqlDatabase::database(m_connection);
        m_active = db.transaction();
        if (!m_active)
            m_error = db.lastError().text();
    } else {
        m_active = exec(QStringLiteral("SAVEPOINT rapport_%1").arg(m_depth));
    }
    if (m_active)
        ++open;
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

bool Transaction::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (q.exec(sql))
        return true;
    m_error = q.lastError().text();
    return false;
}

void Transaction::leave()
{
    m_active = false;
    QHash<QString, int> &open = openTransactions();
    if (--open[m_connection] <= 0)
        open.remove(m_connection);
}

QString Transaction::commit()
{
    if (!m_active)
        return m_error;
    if (m_depth > 0) {
        const bool released = exec(QStringLiteral("RELEASE SAVEPOINT rapport_%1").arg(m_depth));
        if (!released)
            exec(QStringLiteral("ROLLBACK TO SAVEPOINT rapport_%1").arg(m_depth));
        leave();
        return released ? QString() : m_error;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    leave();
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
    if (m_depth > 0) {
        // Back to where the savepoint began, which stays until released: the outer
        // transaction carries on without this part.
        exec(QStringLiteral("ROLLBACK TO SAVEPOINT rapport_%1").arg(m_depth));
        exec(QStringLiteral("RELEASE SAVEPOINT rapport_%1").arg(m_depth));
    } else {
        QSqlDatabase::database(m_connection).rollback();
    }
    leave();
}

} // namespace Rapport
