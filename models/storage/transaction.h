#pragma once
// A scoped database transaction: rolls back unless commit() succeeded. Writes that touch
// several tables (delete rules, conversion, import) run inside one. A Transaction made while
// another is open on the same connection (a record's save inside a conversion) is a
// savepoint of it: its rollback undoes only its own part, and nothing is written until the
// outermost one commits.

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
    bool exec(const QString &sql);
    void leave();

    QString m_connection;
    QString m_error;
    int m_depth = 0; // 0: the outermost; n: the savepoint rapport_n
    bool m_active = false;
};

} // namespace Rapport
