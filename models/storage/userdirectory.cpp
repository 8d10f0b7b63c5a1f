#include "storage/userdirectory.h"

#include "records/recordtypes.h"
#include "storage/changelog.h"
#include "storage/clock.h"
#include "storage/database.h"
#include "storage/owner.h"
#include "storage/rowsecurity.h"
#include "storage/transaction.h"

#include <QCryptographicHash>
#include <QHash>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace Rapport {

namespace {

const QString OwnerField = QStringLiteral("owner");

User userFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toLongLong() != 0};
}

QVariant textOrNull(const QString &text)
{
    return text.trimmed().isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                    : QVariant(text.trimmed());
}

// The record types whose records have an owner.
QList<Entity> ownedEntities()
{
    QList<Entity> out;
    for (Entity e : allEntities()) {
        if (findField(e, OwnerField))
            out << e;
    }
    return out;
}

} // namespace

UserDirectory::UserDirectory(const QString &connectionName)
    : m_connection(connectionName)
{
}

QString UserDirectory::nameKey(const QString &name)
{
    return name.simplified().toCaseFolded();
}

QList<User> UserDirectory::list(bool activeOnly) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id, name, email, active FROM users%1 ORDER BY name_key")
                  .arg(activeOnly ? QStringLiteral(" WHERE active <> 0") : QString()));
    QList<User> users;
    if (q.exec()) {
        while (q.next())
            users << userFrom(q);
    }
    return users;
}

QStringList UserDirectory::names() const
{
    QStringList out;
    for (const User &u : list(true))
        out << u.name;
    return out;
}

std::optional<User> UserDirectory::findByName(const QString &name) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id, name, email, active FROM users WHERE name_key = ?"));
    q.addBindValue(nameKey(name));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return userFrom(q);
}

std::optional<User> UserDirectory::findByEmail(const QString &email) const
{
    if (email.trimmed().isEmpty())
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id, name, email, active FROM users WHERE LOWER(email) = ? "
                             "ORDER BY id"));
    q.addBindValue(email.trimmed().toLower());
    if (!q.exec() || !q.next())
        return std::nullopt;
    return userFrom(q);
}

std::optional<User> UserDirectory::add(const QString &name, const QString &email, QString *error)
{
    const QString shown = name.simplified();
    if (shown.isEmpty()) {
        *error = tr("A user needs a name.");
        return std::nullopt;
    }
    // Looked for under the write lock: another Rapport may be adding the same name.
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (tx.isActive() && findByName(shown)) {
        *error = tr("There is a user named “%1” already.").arg(shown);
        return std::nullopt;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection));
    // PostgreSQL's write transaction locks nothing up front: another client may add the
    // same name between the look and the insert, which then adds nothing (rather than
    // failing and aborting the transaction) and the name is said to be taken.
    q.prepare(QStringLiteral("INSERT INTO users (name, name_key, email, active, created_at) "
                             "VALUES (?, ?, ?, 1, ?) ON CONFLICT (name_key) DO NOTHING "
                             "RETURNING id"));
    for (const QVariant &v : QVariantList{shown, nameKey(shown), textOrNull(email), nowUtc()})
        q.addBindValue(v);
    if (!tx.isActive() || !q.exec()) {
        *error = tx.isActive() ? q.lastError().text() : tx.error();
        return std::nullopt;
    }
    if (!q.next()) {
        *error = tr("There is a user named “%1” already.").arg(shown);
        return std::nullopt;
    }
    const User user{q.value(0).toLongLong(), shown, email.trimmed(), true};
    q.finish();
    if (const QString e = tx.commit(); !e.isEmpty()) {
        *error = e;
        return std::nullopt;
    }
    return user;
}

QString UserDirectory::ensure(const QString &name, QString *error)
{
    if (const std::optional<User> known = findByName(name))
        return known->name;
    std::optional<User> added = add(name, {}, error);
    if (!added && (added = findByName(name))) // added by another Rapport meanwhile
        error->clear();
    return added ? added->name : QString();
}

QString UserDirectory::rename(qint64 id, const QString &newName)
{
    const QString shown = newName.simplified();
    if (shown.isEmpty())
        return tr("A user needs a name.");
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive())
        return tx.error();
    QString old;
    for (const User &u : list()) {
        if (u.id == id)
            old = u.name;
        else if (nameKey(u.name) == nameKey(shown))
            return tr("There is a user named “%1” already.").arg(shown);
    }
    if (old.isEmpty())
        return tr("There is no such user.");
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE users SET name = ?, name_key = ? WHERE id = ?"));
    for (const QVariant &v : QVariantList{shown, nameKey(shown), id})
        q.addBindValue(v);
    if (!q.exec())
        return q.lastError().text();
    ChangeLog log(m_connection);
    for (Entity e : ownedEntities()) {
        const QString table = QLatin1String(entityDef(e).table);
        // Logged first: afterwards the records no longer carry the old name.
        if (!log.changedSet(e, QStringLiteral("SELECT id FROM %1 WHERE owner = ?").arg(table),
                            {old}, OwnerField, old, shown))
            return log.error();
        q.prepare(QStringLiteral("UPDATE %1 SET owner = ?, modified_at = ?, version = version + 1 "
                                 "WHERE owner = ?").arg(table));
        for (const QVariant &v : QVariantList{shown, nowUtc(), old})
            q.addBindValue(v);
        if (!q.exec())
            return q.lastError().text();
    }
    if (const QString e = tx.commit(); !e.isEmpty())
        return e;
    if (QSettings settings; settings.value(settingsKey()).toString() == old)
        settings.setValue(settingsKey(), shown);
    if (currentUserName() == old)
        setSessionUserName(shown);
    return {};
}

QString UserDirectory::addMissingOwners()
{
    // How often each spelling is used, over every record type: the most used one names
    // the user ("Ada Lovelace" rather than one record's "ada lovelace").
    QHash<QString, qint64> uses;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    for (Entity e : ownedEntities()) {
        if (!q.exec(QStringLiteral("SELECT owner, COUNT(*) FROM %1 WHERE owner IS NOT NULL "
                                   "GROUP BY owner").arg(QLatin1String(entityDef(e).table))))
            return q.lastError().text();
        while (q.next()) {
            const QString name = q.value(0).toString().simplified();
            if (!name.isEmpty())
                uses[name] += q.value(1).toLongLong();
        }
    }
    QList<QPair<QString, qint64>> spellings;
    for (auto it = uses.cbegin(); it != uses.cend(); ++it)
        spellings.append({it.key(), it.value()});
    std::sort(spellings.begin(), spellings.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (const auto &[name, count] : std::as_const(spellings)) {
        if (findByName(name))
            continue;
        q.prepare(QStringLiteral("INSERT INTO users (name, name_key, email, active, created_at) "
                                 "VALUES (?, ?, NULL, 1, ?)"));
        for (const QVariant &v : QVariantList{name, nameKey(name), nowUtc()})
            q.addBindValue(v);
        if (!q.exec())
            return q.lastError().text();
    }
    return {};
}

QString UserDirectory::settingsKey() const
{
    // Per database: its location, hashed, is a key QSettings keeps as it is.
    const QByteArray location = Database::displayLocation(m_connection).toUtf8();
    return QStringLiteral("users/%1/current")
        .arg(QLatin1String(QCryptographicHash::hash(location, QCryptographicHash::Sha1).toHex()));
}

QString UserDirectory::chosenUser() const
{
    return QSettings().value(settingsKey()).toString();
}

bool UserDirectory::needsChoice() const
{
    return !Database::isPostgres(m_connection)
        && qEnvironmentVariable("RAPPORT_USER").trimmed().isEmpty() && chosenUser().isEmpty();
}

QString UserDirectory::loginRole() const
{
    if (!Database::isPostgres(m_connection))
        return {};
    // The server's word: a URL without a user logs in as the system account's name.
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(QStringLiteral("SELECT session_user")) && q.next())
        return q.value(0).toString();
    return QSqlDatabase::database(m_connection, false).userName();
}

bool UserDirectory::serverDecides() const
{
    return RowSecurity(m_connection).isOn() && !loginRole().isEmpty();
}

QString UserDirectory::currentUser() const
{
    // Where the server judges each write by the login role, no other name may stand in.
    if (serverDecides())
        return loginRole();
    if (const QString set = qEnvironmentVariable("RAPPORT_USER").trimmed(); !set.isEmpty())
        return set;
    if (const QString role = loginRole(); !role.isEmpty())
        return role;
    const QString chosen = chosenUser();
    return chosen.isEmpty() ? systemUserName() : chosen;
}

QString UserDirectory::choose(const QString &name, const QString &email)
{
    QString error;
    const std::optional<User> known = findByName(name);
    const std::optional<User> user = known ? known : add(name, email, &error);
    if (!user)
        return error;
    QSettings().setValue(settingsKey(), user->name);
    setSessionUserName(user->name);
    return {};
}

QString UserDirectory::addServerReps()
{
    if (!Database::isPostgres(m_connection))
        return {};
    // The reps are the login roles that may change the records (granted to them or to a
    // group role of theirs), superusers aside: the admin grants a role, and the rep is
    // listed for others to assign records to before their first connect.
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.exec(QStringLiteral("SELECT rolname FROM pg_roles WHERE rolcanlogin AND NOT rolsuper "
                               "AND has_table_privilege(oid, 'leads', 'UPDATE') "
                               "ORDER BY rolname")))
        return q.lastError().text();
    QStringList roles;
    while (q.next())
        roles << q.value(0).toString();
    for (const QString &role : std::as_const(roles)) {
        QString error;
        if (!findByName(role) && !add(role, {}, &error) && !findByName(role))
            return error;
    }
    return {};
}

QString UserDirectory::activate()
{
    if (const QString error = addServerReps(); !error.isEmpty())
        return error;
    // "I" am one of the users too, listed for others to assign to: the login role from its
    // first connect on, the name $RAPPORT_USER gives from its first use.
    const QString name = currentUser();
    const bool fromServer = serverDecides();
    std::optional<User> user = findByName(name);
    QString error;
    if (!user && !name.trimmed().isEmpty()
        && (Database::isPostgres(m_connection) || !chosenUser().isEmpty()
            || !qEnvironmentVariable("RAPPORT_USER").trimmed().isEmpty())) {
        user = add(name, {}, &error);
        if (!user)
            user = findByName(name); // another Rapport (a second rapport-cli) added it meanwhile
        if (!user)
            return error;
    }
    // The role as the server spells it, which its policies compare with the owner.
    setSessionUserName(fromServer ? name : user ? user->name : name, fromServer);
    return {};
}

} // namespace Rapport
