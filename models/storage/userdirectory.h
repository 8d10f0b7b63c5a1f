#pragma once
// The users records and activities are owned by: one row each in the `users` table (a name,
// unique whatever its case, an optional email, whether still active). A record's Owner holds
// the user's name as text, so that lists, exports, imports, filters and the command line read
// and write names as before; every write of an owner goes through ensure(), which makes the
// name one of the users (added once, inside the writer's transaction) and spells it as the
// user's row does. Renaming a user renames the owner of every record of theirs.
//
// Which user "I" am is kept per database on this machine (QSettings) on SQLite, chosen at the
// first start; on PostgreSQL it is the login role. $RAPPORT_USER overrides both, except where
// the server lets reps change only their own records: there the login role is who "I" am.

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Rapport {

struct User {
    qint64 id = 0;
    QString name;
    QString email;
    bool active = true;
};

class UserDirectory
{
    Q_DECLARE_TR_FUNCTIONS(UserDirectory)

public:
    explicit UserDirectory(const QString &connectionName);

    // Every user, in name order; with `activeOnly`, those still active.
    QList<User> list(bool activeOnly = false) const;
    QStringList names() const; // the active users' names, in name order
    std::optional<User> findByName(const QString &name) const; // case ignored
    std::optional<User> findByEmail(const QString &email) const; // case ignored
    // A new user in its own transaction; nullopt with `error` when the name is empty or taken.
    std::optional<User> add(const QString &name, const QString &email, QString *error);
    // The user named `name` (case ignored), added if there is none, inside the caller's
    // transaction: the name as the user's row spells it, or "" with `error`.
    QString ensure(const QString &name, QString *error);
    // Renames the user and, in the same transaction, the owner of every record they own (each
    // logged as a change of its Owner). "" or the reason it was not done.
    QString rename(qint64 id, const QString &newName);
    // A user for every owner the records name that has none (the most used spelling of each),
    // inside the caller's transaction: the migration to the users table. "" or the error.
    QString addMissingOwners();

    // The user chosen for this database on this machine ("" when none was chosen yet).
    QString chosenUser() const;
    // Whether the window should ask who the user is: SQLite, no $RAPPORT_USER, none chosen.
    bool needsChoice() const;
    // Who "I" am on this database: the login role where the server lets reps change only
    // their own records (storage/rowsecurity.h); else $RAPPORT_USER, the login role
    // (PostgreSQL), the chosen user, else the system account's name.
    QString currentUser() const;
    // Makes `name` (added with `email` if new) this machine's user of the database and the
    // session's (storage/owner.h). "" or the error.
    QString choose(const QString &name, const QString &email = {});
    // PostgreSQL: a user for each login role that may change the records and has none yet
    // (its own transaction each). "" or the error.
    QString addServerReps();
    // Makes currentUser() the session's user, after addServerReps(), and one of the users
    // (on PostgreSQL the login role gets its row on its first connect); the system account's
    // name, used while nobody was chosen, is not added. "" or the error.
    QString activate();

    // What names are compared by: case folded, outer spaces gone.
    static QString nameKey(const QString &name);

private:
    QString settingsKey() const;
    QString loginRole() const; // PostgreSQL's session_user; "" on SQLite
    // Whether the server decides who "I" am: reps may change only their own records there.
    bool serverDecides() const;
    QString m_connection;
};

} // namespace Rapport
