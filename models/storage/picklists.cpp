#include "storage/picklists.h"

#include "records/recordtypes.h"
#include "storage/clock.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <iterator>

namespace Rapport {

namespace {

bool listHas(const QStringList &list, const QString &value)
{
    return list.contains(value, Qt::CaseInsensitive);
}

} // namespace

Picklists::Picklists(const QString &connectionName)
    : m_connection(connectionName)
{
}

bool Picklists::extensible(const FieldDef &field)
{
    static const char *const fixed[] = {"stage", "activity_type", "activity_status", "reminder"};
    if (field.type != FieldType::Picklist)
        return false;
    return std::none_of(std::begin(fixed), std::end(fixed),
                        [&field](const char *list) { return qstrcmp(field.picklist, list) == 0; });
}

QHash<QString, QStringList> Picklists::added() const
{
    QHash<QString, QStringList> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    // A database opened before the table was made has nothing added.
    if (!q.exec(QStringLiteral("SELECT picklist, value FROM picklist_values ORDER BY id")))
        return out;
    while (q.next())
        out[q.value(0).toString()] << q.value(1).toString();
    return out;
}

QStringList Picklists::added(const FieldDef &field) const
{
    QStringList out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT value FROM picklist_values WHERE picklist = ? ORDER BY id"));
    q.addBindValue(QLatin1String(field.picklist));
    if (q.exec()) {
        while (q.next())
            out << q.value(0).toString();
    }
    return out;
}

QStringList Picklists::values(const FieldDef &field) const
{
    QStringList out = picklistValues(field);
    for (const QString &value : added(field)) {
        if (!listHas(out, value))
            out << value;
    }
    return out;
}

QString Picklists::add(const FieldDef &field, const QString &value, qint64 importId)
{
    const QString text = value.trimmed();
    if (text.isEmpty() || !extensible(field) || listHas(importableValues(field), text)
        || listHas(added(field), text))
        return {};
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO picklist_values (picklist, value, import_id, added_at) "
                             "VALUES (?, ?, ?, ?)"));
    q.addBindValue(QLatin1String(field.picklist));
    q.addBindValue(text);
    q.addBindValue(importId > 0 ? QVariant(importId) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(nowUtc());
    return q.exec() ? QString() : q.lastError().text();
}

bool Picklists::inUse(const QString &list, const QString &value, QString *error) const
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    for (Entity e : allEntities()) {
        for (const FieldDef &f : entityDef(e).fields) {
            if (f.type != FieldType::Picklist || list != QLatin1String(f.picklist))
                continue;
            QSqlQuery q(db);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE %2 = ? LIMIT 1")
                          .arg(QLatin1String(entityDef(e).table), QLatin1String(f.name)));
            q.addBindValue(value);
            if (!q.exec()) {
                *error = q.lastError().text();
                return true;
            }
            if (q.next())
                return true;
        }
    }
    return false;
}

QString Picklists::removeAddedBy(qint64 importId)
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, picklist, value FROM picklist_values WHERE import_id = ?"));
    q.addBindValue(importId);
    if (!q.exec())
        return q.lastError().text();
    // Read whole before the next query: PostgreSQL's driver drops a forward-only result
    // that another query interrupts.
    QList<std::pair<qint64, QStringList>> added;
    while (q.next())
        added.append({q.value(0).toLongLong(), {q.value(1).toString(), q.value(2).toString()}});
    q.finish();
    QList<qint64> unused;
    QString error;
    for (const auto &[id, entry] : std::as_const(added)) {
        if (!inUse(entry.at(0), entry.at(1), &error))
            unused << id;
        if (!error.isEmpty())
            return error;
    }
    QSqlQuery del(db);
    del.prepare(QStringLiteral("DELETE FROM picklist_values WHERE id = ?"));
    for (qint64 id : std::as_const(unused)) {
        del.addBindValue(id);
        if (!del.exec())
            return del.lastError().text();
    }
    return {};
}

QString Picklists::remove(const FieldDef &field, const QString &value)
{
    if (listHas(importableValues(field), value))
        return tr("“%1” is one of Rapport's own values of %2 and stays on the list.")
            .arg(picklistLabel(value), fieldLabel(field));
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("DELETE FROM picklist_values WHERE picklist = ? AND value = ?"));
    q.addBindValue(QLatin1String(field.picklist));
    q.addBindValue(value);
    return q.exec() ? QString() : q.lastError().text();
}

} // namespace Rapport
