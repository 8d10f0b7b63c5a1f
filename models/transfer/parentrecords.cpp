#include "transfer/parentrecords.h"

#include "records/derivedcolumns.h"
#include "records/matchkeys.h"
#include "records/recordtypes.h"
#include "records/searchkey.h"
#include "records/validation.h"
#include "storage/database.h"
#include "transfer/importjournal.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

bool hasNameKey(Entity entity)
{
    return MatchKeys::columns(entity).contains(QStringLiteral("name_key"));
}

bool isEmail(const QString &text)
{
    return !MatchKeys::email(text).isEmpty();
}

// A contact made from a name: the last word is the last name ("Anna Maria Schmidt").
QVariantMap personFromName(const QString &text)
{
    const QString name = text.simplified();
    const qsizetype space = name.lastIndexOf(QLatin1Char(' '));
    if (space < 0)
        return {{QStringLiteral("last_name"), name}};
    return {{QStringLiteral("first_name"), name.left(space)},
            {QStringLiteral("last_name"), name.mid(space + 1)}};
}

} // namespace

ParentRecords::ParentRecords(const QString &connectionName)
    : m_connection(connectionName)
{
}

QString ParentRecords::key(Entity entity, const QString &text)
{
    if (fieldWithRole(entity, FieldRole::Email) && isEmail(text))
        return QLatin1Char('@') + MatchKeys::email(text);
    if (!hasNameKey(entity))
        return text.simplified().toCaseFolded();
    const QVariantMap named = entity == Entity::Contact
        ? personFromName(text)
        : QVariantMap{{QLatin1String(entityDef(entity).nameFields.value(0)), text}};
    return MatchKeys::compute(entity, named).value(QStringLiteral("name_key")).toString();
}

bool ParentRecords::canCreate(Entity entity, const QString &text)
{
    if (text.simplified().isEmpty())
        return false;
    if (entity == Entity::Account)
        return true;
    return entity == Entity::Contact && !isEmail(text);
}

qint64 ParentRecords::find(Entity entity, const QString &text)
{
    const QString table = QLatin1String(entityDef(entity).table);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    bool isId = false;
    const qint64 id = text.toLongLong(&isId);
    if (isId) {
        q.prepare(QStringLiteral("SELECT id FROM %1 WHERE id = ?").arg(table));
        q.addBindValue(id);
    } else if (fieldWithRole(entity, FieldRole::Email) && isEmail(text)
               && MatchKeys::columns(entity).contains(QStringLiteral("email_key"))) {
        q.prepare(QStringLiteral("SELECT id FROM %1 WHERE email_key = ? ORDER BY id LIMIT 2")
                      .arg(table));
        q.addBindValue(MatchKeys::email(text));
    } else if (hasNameKey(entity)) {
        q.prepare(QStringLiteral("SELECT id FROM %1 WHERE name_key = ? ORDER BY id LIMIT 2")
                      .arg(table));
        q.addBindValue(key(entity, text));
    } else {
        q.prepare(QStringLiteral("SELECT id FROM %1 WHERE %2 = ? COLLATE NOCASE LIMIT 2")
                      .arg(table, nameSql(entity)));
        q.addBindValue(text);
    }
    if (!q.exec() || !q.next())
        return 0;
    const qint64 found = q.value(0).toLongLong();
    return q.next() ? -1 : found;
}

void ParentRecords::noteMissing(Entity entity, const QString &text)
{
    m_missing[entity].insert(key(entity, text));
}

QMap<Entity, qint64> ParentRecords::missing() const
{
    QMap<Entity, qint64> out;
    for (auto it = m_missing.cbegin(); it != m_missing.cend(); ++it)
        out.insert(it.key(), it->size());
    return out;
}

qint64 ParentRecords::create(Entity entity, const QString &text, const QString &stamp,
                             ImportJournal &journal, QString *error)
{
    QVariantMap values = defaultValues(entity);
    if (entity == Entity::Contact)
        values.insert(personFromName(text));
    else
        values.insert(QLatin1String(entityDef(entity).nameFields.value(0)), text.simplified());
    values = Validation::normalised(entity, values);
    QStringList cols;
    QVariantList binds;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        cols << it.key();
        binds << it.value();
    }
    cols << QStringLiteral("created_at") << QStringLiteral("modified_at");
    binds << stamp << stamp;
    const QVariantMap derived = DerivedColumns::compute(entity, values);
    for (auto it = derived.cbegin(); it != derived.cend(); ++it) {
        cols << it.key();
        binds << it.value();
    }
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) RETURNING id")
                  .arg(QLatin1String(entityDef(entity).table), cols.join(QLatin1Char(',')),
                       QStringList(cols.size(), QStringLiteral("?")).join(QLatin1Char(','))));
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec() || !q.next()) {
        *error = tr("The %1 “%2” could not be made: %3")
                     .arg(entitySingular(entity), text, q.lastError().text());
        return 0;
    }
    const qint64 id = q.value(0).toLongLong();
    if (!journal.addParent(entity, id)) {
        *error = journal.errorString();
        return 0;
    }
    ++m_created[entity];
    return id;
}

} // namespace Rapport
