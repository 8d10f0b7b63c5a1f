#pragma once
// Opening Rapport's database: SQLite file (default) or a PostgreSQL server URL.
// Creates the schema on a new database, migrates an older one (after a backup copy),
// and refuses foreign or newer files with a message the UI can show as is: like every
// operation of the core, each returns "" when it worked, or that sentence.

#include <QCoreApplication>
#include <QSqlError>
#include <QString>

namespace Rapport {

class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    // The schema this build writes. Recorded in the meta table of every database.
    // 2: search and match keys spell out ß, æ, ø... (SearchKey::fold). 3: activities.
    // 4: the change log. 5: reminders. 6: users, who own records. 7: meeting attendees,
    // calendar UIDs. 8: an import's journal names the parent records it created
    // (import_records.entity), which an older Rapport's undo would take for the import's own.
    // 9: values added to the built-in picklists (picklist_values). 10: on PostgreSQL, the
    // row-level security policies that let reps change only their own records. 11: sort
    // indexes on the visible columns that had none (Phone; Title of contacts, Website of
    // accounts, Priority of activities). 12: the policies cover a record's notes and a
    // meeting's attendees as they do the record.
    static constexpr int SchemaVersion = 12;

    // ~/.local/share/Rapport/rapport.sqlite on Linux; the same for the app and the CLI.
    static QString defaultLocation();

    // Opens `location` (a file path or postgresql://user:pass@host:port/db) as the named
    // connection, creating or migrating the schema. On failure the connection is removed.
    static QString open(const QString &location, const QString &connectionName);

    // A second connection to the same database, for work on another thread: call it on
    // that thread (and close it there).
    static QString openClone(const QString &sourceConnection, const QString &connectionName);

    // File › New Database: makes the SQLite file `path` a new, empty Rapport database and
    // opens it as the named connection. Whatever was there goes, with its -wal and -shm
    // companions, so that no page of the old database can come back into the new one. A
    // database that any connection has open (another window, another process such as
    // rapport-cli, or this process: close its own connections first) is refused, and then
    // nothing is changed.
    static QString createFresh(const QString &path, const QString &connectionName);

    static void close(const QString &connectionName);

    // The database location as the user gave it (without a password).
    static QString displayLocation(const QString &connectionName);

    // Where the copy made before the last migration of this connection went ("" if none).
    static QString lastBackupPath(const QString &connectionName);

    static bool isPostgres(const QString &connectionName);
    // Whether `location` names a server's database (postgresql://) rather than a file.
    static bool isServerLocation(const QString &location);

private:
    static QSqlError openImpl(const QString &location, const QString &connectionName);
    static QSqlError openCloneImpl(const QString &sourceConnection, const QString &connectionName);
    static QSqlError createFreshImpl(const QString &path, const QString &connectionName);
    static QString message(const QSqlError &error);
};

} // namespace Rapport
