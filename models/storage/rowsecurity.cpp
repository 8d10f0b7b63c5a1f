#include "storage/rowsecurity.h"

#include "storage/database.h"
#include "storage/teamsettings.h"
#include "storage/transaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace Rapport {

namespace {

const QString OwnerField = QStringLiteral("owner");

// The record tables the setting covers: those whose records have an owner.
QStringList ownedTables()
{
    QStringList tables;
    for (Entity e : allEntities()) {
        if (findField(e, OwnerField))
            tables << QLatin1String(entityDef(e).table);
    }
    return tables;
}

QString table(Entity e)
{
    return QLatin1String(entityDef(e).table);
}

// Tables whose rows are part of a record of another table, and whose writes are its owner's
// as the record's own are: a record's notes, a meeting's attendees. The test is SQL on the
// row's columns.
struct PartTable {
    const char *table;
    const char *mayWrite;
};
constexpr PartTable PartTables[] = {
    {"notes", "rapport_may_write_on(entity, record_id)"},
    {"activity_attendees", "rapport_may_write_on('activities', activity_id)"},
};

// Every table the setting switches: the record tables and their parts.
QStringList switchedTables()
{
    QStringList tables = ownedTables();
    for (const PartTable &part : PartTables)
        tables << QLatin1String(part.table);
    return tables;
}

// rapport_may_write for the owner of record `parent_id` of table `parent` (a note's entity
// column names it so); true for a record that is gone, or of a table without owners.
QString mayWriteOnFunction()
{
    QString cases;
    for (const QString &t : ownedTables())
        cases += QStringLiteral("WHEN '%1' THEN (SELECT owner FROM %1 WHERE id = parent_id) ")
                     .arg(t);
    return QStringLiteral("CREATE OR REPLACE FUNCTION rapport_may_write_on(parent TEXT, "
                          "parent_id BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$ "
                          "SELECT rapport_may_write(CASE parent %1END) $$")
        .arg(cases);
}

// Who may write a record owned by `record_owner`: one test, used by the policies and by
// Rapport asking before it writes, so that the two never disagree. An admin is a member of
// the role that owns the tables (the owner itself, and superusers, count as members).
const char *const MayWriteFunction =
    "CREATE OR REPLACE FUNCTION rapport_may_write(record_owner TEXT) RETURNS BOOLEAN "
    "LANGUAGE sql STABLE AS $$ "
    "SELECT record_owner IS NULL OR btrim(record_owner) = '' "
    "OR lower(btrim(record_owner)) = lower(current_user::text) "
    "OR pg_has_role(current_user, (SELECT relowner FROM pg_class "
    "WHERE oid = 'leads'::regclass), 'MEMBER') $$";

} // namespace

RowSecurity::RowSecurity(const QString &connectionName)
    : m_connection(connectionName)
{
}

QString RowSecurity::settingKey()
{
    return QStringLiteral("reps_own_records_only");
}

QSqlError RowSecurity::install(const QSqlDatabase &db)
{
    QStringList ddl{QLatin1String(MayWriteFunction), mayWriteOnFunction()};
    QList<std::pair<QString, QString>> tests; // table, who may write its row
    for (const QString &t : ownedTables())
        tests.append({t, QStringLiteral("rapport_may_write(owner)")});
    for (const PartTable &part : PartTables)
        tests.append({QLatin1String(part.table), QLatin1String(part.mayWrite)});
    for (const auto &[t, mayWrite] : std::as_const(tests)) {
        // PostgreSQL has no CREATE POLICY IF NOT EXISTS: dropped and made again, under the
        // schema step's lock.
        for (const char *name : {"rapport_read", "rapport_add", "rapport_change",
                                 "rapport_remove"})
            ddl << QStringLiteral("DROP POLICY IF EXISTS %1 ON %2").arg(QLatin1String(name), t);
        // Changing a record of one's own may give it away (an owner assignment): what counts
        // is whose it was.
        ddl << QStringLiteral("CREATE POLICY rapport_read ON %1 FOR SELECT USING (true)").arg(t)
            << QStringLiteral("CREATE POLICY rapport_add ON %1 FOR INSERT "
                              "WITH CHECK (%2)").arg(t, mayWrite)
            << QStringLiteral("CREATE POLICY rapport_change ON %1 FOR UPDATE "
                              "USING (%2) WITH CHECK (true)").arg(t, mayWrite)
            << QStringLiteral("CREATE POLICY rapport_remove ON %1 FOR DELETE "
                              "USING (%2)").arg(t, mayWrite);
    }
    QSqlQuery q(db);
    for (const QString &sql : std::as_const(ddl)) {
        if (!q.exec(sql))
            return q.lastError();
    }
    // A database whose setting was on before its parts had policies: they follow it now.
    if (RowSecurity(db.connectionName()).isOn()) {
        for (const PartTable &part : PartTables) {
            if (!q.exec(QStringLiteral("ALTER TABLE %1 ENABLE ROW LEVEL SECURITY")
                            .arg(QLatin1String(part.table))))
                return q.lastError();
        }
    }
    return {};
}

bool RowSecurity::isAvailable() const
{
    return Database::isPostgres(m_connection);
}

bool RowSecurity::isOn() const
{
    if (!isAvailable())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return q.exec(QStringLiteral("SELECT relrowsecurity FROM pg_class "
                                 "WHERE oid = 'leads'::regclass"))
        && q.next() && q.value(0).toBool();
}

bool RowSecurity::isAdmin() const
{
    if (!isAvailable())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return q.exec(QStringLiteral("SELECT pg_has_role(current_user, relowner, 'MEMBER') "
                                 "FROM pg_class WHERE oid = 'leads'::regclass"))
        && q.next() && q.value(0).toBool();
}

QString RowSecurity::setOn(bool on)
{
    const QString adminsOnly = tr("Only an admin (the role that owns Rapport’s tables on the "
                                  "server, or one of its members) can change this setting.");
    if (!isAvailable())
        return tr("Only a database on a PostgreSQL server has this setting.");
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive())
        return tx.error();
    if (!isAdmin())
        return adminsOnly;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    for (const QString &t : switchedTables()) {
        if (!q.exec(QStringLiteral("ALTER TABLE %1 %2 ROW LEVEL SECURITY")
                        .arg(t, on ? QStringLiteral("ENABLE") : QStringLiteral("DISABLE"))))
            return isRefusal(q.lastError()) ? adminsOnly : Transaction::errorText(q.lastError());
    }
    const QJsonDocument value(QJsonObject{{QStringLiteral("on"), on}});
    if (const QString error = TeamSettings::write(m_connection, settingKey(), value);
        !error.isEmpty())
        return error;
    return tx.commit();
}

QString RowSecurity::refusal(Entity entity, const QString &ids, const QVariantList &binds) const
{
    return refused(entity, ids, binds, Wording::Many);
}

QString RowSecurity::refused(Entity entity, const QString &ids, const QVariantList &binds,
                             Wording wording) const
{
    if (!isAvailable() || !findField(entity, OwnerField))
        return {};
    QSqlQuery q(QSqlDatabase::database(m_connection));
    // The table's own switch is asked too: one question whether the setting is on or off.
    q.prepare(QStringLiteral("SELECT r.* FROM %1 r WHERE r.id IN (%2) "
                             "AND NOT rapport_may_write(r.owner) AND (SELECT relrowsecurity "
                             "FROM pg_class WHERE oid = '%1'::regclass) ORDER BY r.id LIMIT 1")
                  .arg(table(entity), ids));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return Transaction::errorText(q.lastError());
    if (!q.next())
        return {};
    QVariantMap row;
    const QSqlRecord rec = q.record();
    for (int i = 0; i < rec.count(); ++i)
        row.insert(rec.fieldName(i), rec.value(i));
    const QString owner = row.value(OwnerField).toString().simplified();
    if (wording == Wording::One)
        return tr("Only %1, its owner, can change this %2.").arg(owner, entityNoun(entity));
    if (wording == Wording::Note)
        return tr("Only %1, its owner, can add notes to this %2.").arg(owner, entityNoun(entity));
    return tr("Only %1, its owner, can change the %2 “%3”, so nothing was changed.")
        .arg(owner, entityNoun(entity), displayName(entity, row));
}

QString RowSecurity::refusal(Entity entity, qint64 id) const
{
    return refused(entity, QStringLiteral("?"), {id}, Wording::One);
}

QString RowSecurity::refusalToAddNote(Entity entity, qint64 id) const
{
    return refused(entity, QStringLiteral("?"), {id}, Wording::Note);
}

QString RowSecurity::refusalToAdd(Entity entity, const QString &owner) const
{
    if (!isAvailable() || !findField(entity, OwnerField))
        return {};
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT NOT rapport_may_write(?) AND relrowsecurity FROM pg_class "
                             "WHERE oid = '%1'::regclass").arg(table(entity)));
    q.addBindValue(owner);
    if (!q.exec())
        return Transaction::errorText(q.lastError());
    if (!q.next() || !q.value(0).toBool())
        return {};
    return tr("Only %1 or an admin can add a %2 that %1 owns: reps may add only records of "
              "their own.").arg(owner.simplified(), entityNoun(entity));
}

bool RowSecurity::isRefusal(const QSqlError &error)
{
    return error.nativeErrorCode() == QLatin1String("42501");
}

} // namespace Rapport
