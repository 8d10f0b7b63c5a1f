#include "storage/changelog.h"

#include "storage/owner.h"
#include "records/moments.h"
#include "records/recordtypes.h"
#include "storage/clock.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

namespace Rapport {

namespace {

QVariant stored(const QVariant &v)
{
    if (v.isNull())
        return QVariant(QMetaType::fromType<QString>());
    const QString text = v.toString();
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

ChangeLog::ChangeLog(const QString &connectionName)
    : m_connection(connectionName)
    , m_who(who())
{
}

QString ChangeLog::who()
{
    return currentUserName();
}

bool ChangeLog::append(const ChangeEntry &e)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO changes (at, who, kind, entity, record_id, field, "
                             "old_value, new_value, ref_table, ref_id) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QVariant none(QMetaType::fromType<qint64>());
    q.addBindValue(nowUtc());
    q.addBindValue(m_who);
    q.addBindValue(e.kind);
    q.addBindValue(e.table);
    q.addBindValue(e.recordId ? QVariant(e.recordId) : none);
    q.addBindValue(e.field.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(e.field));
    q.addBindValue(stored(e.oldValue));
    q.addBindValue(stored(e.newValue));
    q.addBindValue(e.refTable.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                        : QVariant(e.refTable));
    q.addBindValue(e.refId ? QVariant(e.refId) : none);
    if (q.exec())
        return true;
    m_error = q.lastError().text();
    return false;
}

bool ChangeLog::created(Entity entity, qint64 id)
{
    return append({QLatin1String(ChangeKind::Create), QLatin1String(entityDef(entity).table), id,
                   {}, {}, {}, {}, 0});
}

bool ChangeLog::differs(const FieldDef &field, const QVariant &before, const QVariant &after)
{
    const QString a = before.isNull() ? QString() : before.toString();
    const QString b = after.isNull() ? QString() : after.toString();
    if (a == b)
        return false;
    if (a.isEmpty() || b.isEmpty())
        return true;
    switch (field.type) {
    case FieldType::Decimal: {
        bool okA = false, okB = false;
        const double x = a.toDouble(&okA), y = b.toDouble(&okB);
        return !(okA && okB && std::abs(x - y) < 1e-9);
    }
    case FieldType::Integer:
    case FieldType::Bool:
    case FieldType::Reference:
        return before.toLongLong() != after.toLongLong();
    default:
        return true;
    }
}

bool ChangeLog::changed(Entity entity, qint64 id, const QVariantMap &before,
                        const QVariantMap &after)
{
    const QString table = QLatin1String(entityDef(entity).table);
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const FieldDef *f = findField(entity, it.key());
        if (!f || !differs(*f, before.value(it.key()), it.value()))
            continue;
        if (!append({QLatin1String(ChangeKind::Change), table, id, it.key(),
                     before.value(it.key()), it.value(), {}, 0}))
            return false;
    }
    return true;
}

bool ChangeLog::deleted(Entity entity, const QString &ids)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO changes (at, who, kind, entity, record_id) "
                             "SELECT ?, ?, ?, ?, id FROM (%1) AS doomed").arg(ids));
    q.addBindValue(nowUtc());
    q.addBindValue(m_who);
    q.addBindValue(QLatin1String(ChangeKind::Delete));
    q.addBindValue(QLatin1String(entityDef(entity).table));
    if (q.exec())
        return true;
    m_error = q.lastError().text();
    return false;
}

bool ChangeLog::changedSet(Entity entity, const QString &ids, const QVariantList &binds,
                           const QString &field, const QVariant &before, const QVariant &after)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO changes (at, who, kind, entity, record_id, field, "
                             "old_value, new_value) SELECT ?, ?, ?, ?, id, ?, ?, ? FROM (%1) "
                             "AS changing").arg(ids));
    for (const QVariant &v : QVariantList{nowUtc(), m_who, QLatin1String(ChangeKind::Change),
                                          QLatin1String(entityDef(entity).table), field,
                                          stored(before), stored(after)})
        q.addBindValue(v);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (q.exec())
        return true;
    m_error = q.lastError().text();
    return false;
}

std::optional<LoggedChange> ChangeLog::latest(Entity entity, qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT who, at, kind FROM changes WHERE entity = ? AND "
                             "record_id = ? ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(QLatin1String(entityDef(entity).table));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return LoggedChange{q.value(0).toString(), Moments::fromStored(q.value(1).toString()),
                        q.value(2).toString()};
}

} // namespace Rapport
