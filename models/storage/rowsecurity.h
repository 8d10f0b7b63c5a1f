#pragma once
// "Reps may change only their own records", on a PostgreSQL server: the server itself
// refuses the writes, through row-level security policies on the record tables, so that a
// rep's other programs (psql, a script) are held to it as well as Rapport. The policies let
// everyone read every record; adding, changing and deleting a record is for its owner (the
// login role, its name compared as Rapport compares user names: case ignored), for anyone
// when it has no owner, and for the admins: the role that owns Rapport's tables and its
// members (PostgreSQL's superusers too). The table owner bypasses the policies anyway, as
// PostgreSQL does unless told otherwise.
//
// The policies always exist (made with the schema); the setting switches row-level security
// on or off for the record tables, which only the tables' owner may do. The setting is also
// written to the team settings, for those who read them. SQLite has no roles: there it is
// never on.
//
// Under the policies the server changes nothing and says nothing when an UPDATE or DELETE
// meets a row that is not the rep's, so Rapport asks before it writes (refusal()), with the
// same test the policies make (the function rapport_may_write), and explains.

#include "records/recordtypes.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QVariantList>

namespace Rapport {

class RowSecurity
{
    Q_DECLARE_TR_FUNCTIONS(RowSecurity)

public:
    explicit RowSecurity(const QString &connectionName);

    // The team settings key the setting is also written under.
    static QString settingKey();

    // Inside the schema's write transaction on PostgreSQL: the function the policies use and
    // the policies themselves, made again from scratch (so that it may run any number of
    // times). Switches nothing on.
    static QSqlError install(const QSqlDatabase &db);

    // Whether the database can have the setting at all (a PostgreSQL server).
    bool isAvailable() const;
    // Whether reps may change only their own records now.
    bool isOn() const;
    // Whether this connection's role may switch it: the owner of the record tables or one of
    // its members (an admin).
    bool isAdmin() const;
    // Switches it on or off, in one transaction. "" or why not.
    QString setOn(bool on);

    // Inside the writer's transaction, before it writes: "" when this connection's role may
    // change every record of `entity` the SQL set `ids` yields ("SELECT id FROM …", with
    // `binds` for its placeholders), else the sentence naming a record's owner.
    QString refusal(Entity entity, const QString &ids, const QVariantList &binds = {}) const;
    QString refusal(Entity entity, qint64 id) const;
    // Before adding a note to record `id`: "" or the sentence naming its owner.
    QString refusalToAddNote(Entity entity, qint64 id) const;
    // Before adding a record owned by `owner`: "" or why the server would refuse it.
    QString refusalToAdd(Entity entity, const QString &owner) const;

    // Whether the server refused a statement for want of a privilege (SQLSTATE 42501):
    // row-level security refusing an INSERT, or a role without a table's privileges.
    static bool isRefusal(const QSqlError &error);

private:
    // Many: the sentence names the record; One: it speaks of "this" record, the only one asked
    // about; Note: of adding a note to it.
    enum class Wording { Many, One, Note };
    QString refused(Entity entity, const QString &ids, const QVariantList &binds,
                    Wording wording) const;
    QString m_connection;
};

} // namespace Rapport
