#pragma once
// A forward-only read straight from SQLite's own statement on a connection's handle, for the
// reads that stream a whole table or index (the export; a search's walk along the order's
// index): each text column as the UTF-8 bytes SQLite keeps, each id as a number, with no
// QVariant and no UTF-16 copy a cell, which is what Qt's driver spends most of such a read on. Only where Rapport is built against the same SQLite library
// Qt's driver uses (RAPPORT_SQLITE_INTERRUPT); elsewhere, and on PostgreSQL, isPossible() is
// false and the caller reads through QSqlQuery as always.

#include <QByteArrayView>
#include <QString>
#include <QVariantList>

namespace Rapport {

class DirectRows
{
public:
    explicit DirectRows(const QString &connectionName);
    ~DirectRows();
    DirectRows(const DirectRows &) = delete;
    DirectRows &operator=(const DirectRows &) = delete;

    // Whether the connection is SQLite and its handle can be read directly.
    bool isPossible() const;
    // The open connection's sqlite3*, or null (PostgreSQL, closed, or not built with
    // SQLite's own library): the one place Rapport reaches through Qt's driver to SQLite.
    static void *sqliteHandle(const QString &connectionName);
    // Prepares and binds; false with errorString().
    bool exec(const QString &sql, const QVariantList &binds);
    // The next row; false at the end, or on an error (then errorString() says which).
    bool next();
    QString errorString() const { return m_error; }

    // The current row's column `i` holds text (not a number, not null).
    bool isText(int i) const;
    // Its bytes, UTF-8; valid until next().
    QByteArrayView text(int i) const;
    // The column as a whole number (SQLite's conversion for anything else).
    qint64 id(int i) const;
    // The column as Qt's SQLite driver gives it: null, a qint64, a double, a QString, or
    // (a blob) a QByteArray.
    QVariant value(int i) const;

private:
    QString m_connection;
    void *m_statement = nullptr; // sqlite3_stmt
    QString m_error;
};

} // namespace Rapport
