#include "storage/transaction.h"

#include "storage/connectionwatch.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

namespace Rapport {

namespace {

// How many Transactions are open per connection, and the outermost one's kind. A connection
// is used by one thread only (Qt's rule), so the count is the thread's own.
struct Open {
    int count = 0;
    Transaction::Kind kind = Transaction::Kind::Write;
};

QHash<QString, Open> &openTransactions()
{
    thread_local QHash<QString, Open> open;
    return open;
}

bool isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

// SQLITE_BUSY and SQLITE_LOCKED, with their extended codes (517: BUSY_SNAPSHOT ...).
// PostgreSQL's codes are five-character SQLSTATEs, never these.
bool isBusy(const QSqlError &error)
{
    bool ok = false;
    const QString native = error.nativeErrorCode();
    const int code = native.toInt(&ok);
    return ok && native.size() < 5 && ((code & 0xff) == 5 || (code & 0xff) == 6);
}

} // namespace

bool Transaction::isOpen(const QString &connectionName)
{
    return openTransactions().value(connectionName).count > 0;
}

Transaction::Transaction(const QString &connectionName, Kind kind)
    : m_connection(connectionName)
{
    Open &open = openTransactions()[m_connection];
    m_depth = open.count;
    if (m_depth == 0 && ConnectionWatch::isLost(m_connection)) {
        // Not even begun: the rep's work stays where it is (an open form) until reconnected.
        m_error = ConnectionWatch::lostText(m_connection);
    } else if (m_depth == 0) {
        m_active = begin(kind);
        open.kind = kind;
    } else if (kind == Kind::Write && open.kind == Kind::Read) {
        // It would write without the write lock (SQLite) or in a snapshot (PostgreSQL).
        m_error = tr("Rapport cannot write here: this work only reads the database.");
    } else {
        m_active = exec(QStringLiteral("SAVEPOINT rapport_%1").arg(m_depth));
    }
    if (m_active)
        ++open.count;
    else if (open.count == 0)
        openTransactions().remove(m_connection);
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

bool Transaction::begin(Kind kind)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (isPostgres(db)) {
        // A snapshot sees the data as it was when it began, for all its queries; a write
        // sees what others committed (and locks rows as it goes, or through lockRow()).
        if (kind == Kind::Read)
            return exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ"));
    } else if (kind == Kind::Write) {
        // The write lock now, waiting while another connection writes (the busy timeout).
        return exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    if (db.transaction())
        return true;
    failed(db.lastError());
    return false;
}

bool Transaction::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (q.exec(sql))
        return true;
    failed(q.lastError());
    return false;
}

void Transaction::failed(const QSqlError &error)
{
    // A lost connection took the whole transaction with it (the server rolls back what a
    // session it lost had begun): say that, not the driver's words about a socket.
    m_error = ConnectionWatch::reportFailure(m_connection, error)
                ? ConnectionWatch::lostText(m_connection)
                : errorText(error);
}

void Transaction::leave()
{
    m_active = false;
    QHash<QString, Open> &open = openTransactions();
    if (--open[m_connection].count <= 0)
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
        failed(db.lastError());
        db.rollback();
        // Never "" here: a commit that did not happen must not read as a save. (Qt's driver
        // answers a commit on a connection it closed with no error at all.)
        if (m_error.isEmpty())
            m_error = tr("The database did not confirm the save, so it was not saved.");
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

QString Transaction::lockRow(const QString &table, qint64 id)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!m_active)
        return m_error;
    if (!isPostgres(db))
        return {};
    QSqlQuery q(db);
    // The table is one of Rapport's own names, never user text.
    q.prepare(QStringLiteral("SELECT id FROM %1 WHERE id = ? FOR UPDATE").arg(table));
    q.addBindValue(id);
    if (!q.exec())
        return errorText(q.lastError());
    return {};
}

QString Transaction::errorText(const QSqlError &error)
{
    if (error.driverText().isEmpty() && error.databaseText().isEmpty())
        return {};
    if (isBusy(error))
        return tr("Another Rapport is writing to this database; please try again in a moment.");
    // SQLSTATE 42501: the server's row-level security or privileges said no (a record that
    // is not the rep's, storage/rowsecurity.h); nothing of the statement was written.
    if (error.nativeErrorCode() == QLatin1String("42501"))
        return tr("The server refused the change: your role may not make it (%1).")
            .arg(error.databaseText().trimmed());
    return error.text();
}

} // namespace Rapport
