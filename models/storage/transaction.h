#pragma once
// A scoped database transaction: rolls back unless commit() succeeded. Writes that touch
// several tables (delete rules, conversion, import) run inside one. A Transaction made while
// another is open on the same connection (a record's save inside a conversion) is a
// savepoint of it: its rollback undoes only its own part, and nothing is written until the
// outermost one commits.
//
// Each says what it is for. A Write takes the database's write lock when it begins (SQLite:
// BEGIN IMMEDIATE, waiting out the busy timeout while another Rapport writes), so that what
// it reads stays true until it commits: a transaction that read first and asked for the lock
// later would be refused at once by SQLite when another process had written meanwhile. A
// Read only reads (a consistent view for many queries) and locks nothing, so it never
// waits for writers; it must not write to the database's tables.

#include <QCoreApplication>
#include <QSqlError>
#include <QString>

namespace Rapport {

class Transaction
{
    Q_DECLARE_TR_FUNCTIONS(Transaction)

public:
    enum class Kind { Write, Read };

    // A Transaction nested in another is a savepoint of it and takes the outer one's kind.
    explicit Transaction(const QString &connectionName, Kind kind = Kind::Write);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    QString error() const { return m_error; }
    // Empty string on success; the database's message otherwise (and the work is undone).
    QString commit();
    void rollback();

    // Makes the row `id` of `table` this transaction's until it ends: another Rapport that
    // wants it waits, and then reads what this one wrote (PostgreSQL: SELECT … FOR UPDATE;
    // an SQLite Write holds the whole database already). "" when done, or the error.
    QString lockRow(const QString &table, qint64 id);

    // Whether a Transaction is open on the connection (on this thread): work that only reads
    // what others committed (storage/changewatcher.h) waits until it ends.
    static bool isOpen(const QString &connectionName);

    // The sentence for a database error: the driver's own words, except when another
    // Rapport held the database longer than the busy timeout.
    static QString errorText(const QSqlError &error);

private:
    bool exec(const QString &sql);
    // Keeps the sentence for `error` (and tells ConnectionWatch, which knows a lost connection).
    void failed(const QSqlError &error);
    bool begin(Kind kind);
    void leave();

    QString m_connection;
    QString m_error;
    int m_depth = 0; // 0: the outermost; n: the savepoint rapport_n
    bool m_active = false;
};

} // namespace Rapport
