#pragma once
// Schema creation and migration, generated from the record type descriptions so that a
// field added to recordtypes.cpp becomes a column (and an index) without further edits.

#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>

namespace Rapport {

class Schema
{
public:
    explicit Schema(const QSqlDatabase &db);

    // The last schema version that changed an SQLite file; those after it changed only what
    // a PostgreSQL server has (12: the row-level security policies of notes and attendees).
    static constexpr int LastFileChange = 11;

    // -1: no Rapport meta table; otherwise the recorded schema version.
    int storedVersion() const;
    bool isEmptyDatabase() const;
    // Tables and columns the current schema needs that the database lacks ("imports",
    // "leads.fax").
    QStringList missingColumns() const;

    // Each in a transaction of its own, or a savepoint of the caller's.
    QSqlError create();
    // Brings an older (or incomplete) Rapport database up to date in one transaction.
    QSqlError migrate(int fromVersion);
    // Inside the caller's write transaction: waits until no other Rapport is making or
    // upgrading this database, and keeps them waiting until the transaction ends. An SQLite
    // write transaction is that lock already; PostgreSQL takes an advisory lock, since two
    // servers' sessions creating the same tables at once fail on its catalogue.
    QSqlError lockForUpgrade();
    // Applies the connection settings Rapport relies on (foreign keys, WAL, busy timeout).
    QSqlError configureConnection();

private:
    QSqlError exec(const QString &sql);
    QSqlError createTables();
    QSqlError createIndexes();
    QSqlError addMissingColumns();
    QSqlError backfillDerivedColumns(); // the search and match keys of rows from before them
    QSqlError clearKeysWithSpelledOutLetters(); // from schema 1: ß, æ, ø... folded anew
    QSqlError writeVersion();
    QString columnType(int fieldType) const;
    QString idColumn() const;
    QString textType() const;

    QSqlDatabase m_db;
    bool m_pg;
};

} // namespace Rapport
