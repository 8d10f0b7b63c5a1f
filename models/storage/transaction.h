#pragma once
// A scoped database transaction: rolls back unless commit() succeeded. Writes that touch
// several tables (delete rules, conversion, import) run inside one.

#include <QString>

namespace Rapport {

class Transaction
{
public:
    explicit Transaction(const QString &connectionName);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    QString error() const { return m_error; }
    // Empty string on success; the database's message otherwise (and the work is undone).
    QString commit();
    void rollback();

private:
    QString m_connection;
    QString m_error;
    bool m_active = false;
};

} // namespace Rapport
