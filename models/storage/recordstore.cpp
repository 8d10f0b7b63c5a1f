#include "storage/recordstore.h"

#include "records/derivedcolumns.h"
#include "storage/clock.h"
#include "matching/matchkeys.h"
#include "records/recordtypes.h"
#include "records/searchkey.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Rapport {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::RecordStore", text);
}

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

QVariantMap rowToMap(const QSqlQuery &q)
{
    QVariantMap values;
    const QSqlRecord rec = q.record();
    for (int i = 0; i < rec.count(); ++i)
        values.insert(rec.fieldName(i), q.value(i));
    return values;
}

int countWhere(const QSqlDatabase &db, const QString &sql, qint64 id)
{
    QSqlQuery q(db);
    q.prepare(sql);
    q.addBindValue(id);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

bool execBound(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString *error)
{
    if (!q.prepare(sql)) {
        *error = q.lastError().text();
        return false;
    }
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace

RecordStore::RecordStore(const QString &connectionName)
    : m_connection(connectionName)
{
}

std::optional<QVariantMap> RecordStore::load(Entity entity, qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT * FROM %1 WHERE id = ?").arg(table(entity)));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return rowToMap(q);
}

bool RecordStore::exists(Entity entity, qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table(entity)));
    q.addBindValue(id);
    return q.exec() && q.next();
}

WriteResult RecordStore::insert(Entity entity, const QVariantMap &input)
{
    WriteResult result;
    const QVariantMap values = Validation::normalised(entity, input);
    result.fieldErrors = Validation::check(entity, values);
    if (!result.fieldErrors.isEmpty())
        return result;
    QStringList cols;
    QVariantList binds;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        cols << it.key();
        binds << it.value();
    }
    const QString now = nowUtc();
    cols << QStringLiteral("created_at") << QStringLiteral("modified_at");
    binds << now << now;
    const QVariantMap derived = DerivedColumns::compute(entity, values);
    for (auto it = derived.cbegin(); it != derived.cend(); ++it) {
        cols << it.key();
        binds << it.value();
    }
    QStringList marks;
    marks.fill(QStringLiteral("?"), cols.size());
    QSqlQuery q(QSqlDatabase::database(m_connection));
    const QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) RETURNING id")
                            .arg(table(entity), cols.join(QLatin1Char(',')),
                                 marks.join(QLatin1Char(',')));
    if (!execBound(q, sql, binds, &result.error))
        return result;
    if (q.next())
        result.id = q.value(0).toLongLong();
    return result;
}

WriteResult RecordStore::update(Entity entity, qint64 id, const QVariantMap &input)
{
    WriteResult result;
    result.id = id;
    std::optional<QVariantMap> merged = load(entity, id);
    if (!merged) {
        result.error = tr("There is no %1 with id %2.").arg(entitySingular(entity)).arg(id);
        return result;
    }
    const QVariantMap values = Validation::normalised(entity, input);
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        merged->insert(it.key(), it.value());
    result.fieldErrors = Validation::check(entity, *merged);
    if (!result.fieldErrors.isEmpty())
        return result;
    QStringList sets;
    QVariantList binds;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        sets << it.key() + QStringLiteral(" = ?");
        binds << it.value();
    }
    sets << QStringLiteral("modified_at = ?");
    binds << nowUtc();
    const QVariantMap derived = DerivedColumns::compute(entity, *merged);
    for (auto it = derived.cbegin(); it != derived.cend(); ++it) {
        sets << it.key() + QStringLiteral(" = ?");
        binds << it.value();
    }
    binds << id;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    execBound(q, QStringLiteral("UPDATE %1 SET %2 WHERE id = ?")
                     .arg(table(entity), sets.join(QStringLiteral(", "))),
              binds, &result.error);
    return result;
}

Dependents RecordStore::dependents(Entity entity, qint64 id) const
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    Dependents d;
    if (entity == Entity::Account) {
        d.contacts = countWhere(db, QStringLiteral("SELECT COUNT(*) FROM contacts WHERE account_id = ?"), id);
        d.deals = countWhere(db, QStringLiteral("SELECT COUNT(*) FROM deals WHERE account_id = ?"), id);
    } else if (entity == Entity::Contact) {
        d.deals = countWhere(db, QStringLiteral("SELECT COUNT(*) FROM deals WHERE contact_id = ?"), id);
    }
    return d;
}

QString RecordStore::removeOne(Entity entity, qint64 id, DeleteRule rule)
{
    if (!exists(entity, id))
        return tr("There is no %1 with id %2.").arg(entitySingular(entity)).arg(id);
    const Dependents d = dependents(entity, id);
    if (!d.isEmpty() && rule == DeleteRule::Refuse)
        return tr("%1 %2 still has %3 and %4.")
            .arg(entitySingular(entity))
            .arg(id)
            .arg(QCoreApplication::translate("Rapport::RecordStore", "%n contact(s)", nullptr, d.contacts),
                 QCoreApplication::translate("Rapport::RecordStore", "%n deal(s)", nullptr, d.deals));
    QSqlQuery q(QSqlDatabase::database(m_connection));
    QString error;
    const QVariantList bind{id};
    QStringList steps;
    if (entity == Entity::Account && rule == DeleteRule::DeleteRelated) {
        steps << "DELETE FROM notes WHERE entity = 'deals' AND record_id IN "
                 "(SELECT id FROM deals WHERE account_id = ?)"
              << "UPDATE deals SET contact_id = NULL WHERE contact_id IN "
                 "(SELECT id FROM contacts WHERE account_id = ?)"
              << "DELETE FROM deals WHERE account_id = ?"
              << "DELETE FROM notes WHERE entity = 'contacts' AND record_id IN "
                 "(SELECT id FROM contacts WHERE account_id = ?)"
              << "DELETE FROM contacts WHERE account_id = ?";
    } else if (entity == Entity::Account) {
        steps << "UPDATE contacts SET account_id = NULL WHERE account_id = ?"
              << "UPDATE deals SET account_id = NULL WHERE account_id = ?";
    } else if (entity == Entity::Contact && rule == DeleteRule::DeleteRelated) {
        steps << "DELETE FROM notes WHERE entity = 'deals' AND record_id IN "
                 "(SELECT id FROM deals WHERE contact_id = ?)"
              << "DELETE FROM deals WHERE contact_id = ?";
    } else if (entity == Entity::Contact) {
        steps << "UPDATE deals SET contact_id = NULL WHERE contact_id = ?";
    }
    steps << QStringLiteral("DELETE FROM notes WHERE entity = '%1' AND record_id = ?").arg(table(entity))
          << QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(table(entity));
    for (const QString &sql : steps) {
        if (!execBound(q, sql, bind, &error))
            return error;
    }
    return {};
}

QString RecordStore::remove(Entity entity, qint64 id, DeleteRule rule)
{
    return removeMany(entity, {id}, rule);
}

QString RecordStore::removeMany(Entity entity, const QList<qint64> &ids, DeleteRule rule)
{
    Transaction tx(m_connection);
    if (!tx.isActive())
        return tx.error();
    for (qint64 id : ids) {
        if (const QString error = removeOne(entity, id, rule); !error.isEmpty())
            return error; // tx rolls back
    }
    return tx.commit();
}

QList<QPair<qint64, QString>> RecordStore::names(Entity entity) const
{
    const QString nameExpr = (entity == Entity::Lead || entity == Entity::Contact)
        ? QStringLiteral("first_name, last_name")
        : QLatin1String(entityDef(entity).fields.first().name);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT id, %2 FROM %1 ORDER BY %2, id").arg(table(entity), nameExpr));
    QList<QPair<qint64, QString>> out;
    while (q.next()) {
        QString name = q.value(1).toString();
        if (q.record().count() > 2)
            name = (name + QLatin1Char(' ') + q.value(2).toString()).trimmed();
        out.append({q.value(0).toLongLong(), name});
    }
    return out;
}

QList<QVariantMap> RecordStore::referencing(Entity entity, const QString &field, qint64 id) const
{
    QList<QVariantMap> out;
    const FieldDef *f = findField(entity, field);
    if (!f || f->type != FieldType::Reference)
        return out; // also keeps anything but a known column name out of the SQL
    const QString order = (entity == Entity::Lead || entity == Entity::Contact)
        ? QStringLiteral("last_name, first_name")
        : QLatin1String(entityDef(entity).fields.first().name);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT * FROM %1 WHERE %2 = ? ORDER BY %3, id")
                  .arg(table(entity), QLatin1String(f->name), order));
    q.addBindValue(id);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(rowToMap(q));
    return out;
}

QList<QPair<qint64, QString>> RecordStore::names(Entity entity, const QString &text,
                                                 int limit) const
{
    const bool person = entity == Entity::Lead || entity == Entity::Contact;
    const QString columns = person ? QStringLiteral("first_name, last_name")
                                   : QLatin1String(entityDef(entity).fields.first().name);
    const QString name = person ? QStringLiteral("TRIM(COALESCE(first_name, '') || ' ' || "
                                                 "COALESCE(last_name, ''))")
                                : columns;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, %2 FROM %1 WHERE search_key LIKE ? ESCAPE '\\' "
                             "ORDER BY CASE WHEN LOWER(%3) = LOWER(?) THEN 0 ELSE 1 END, %2, id "
                             "LIMIT ?")
                  .arg(table(entity), columns, name));
    q.addBindValue(SearchKey::likePattern(text));
    q.addBindValue(text.trimmed());
    q.addBindValue(limit);
    QList<QPair<qint64, QString>> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        const QString shown = person ? (q.value(1).toString() + QLatin1Char(' ')
                                        + q.value(2).toString()).trimmed()
                                     : q.value(1).toString();
        out.append({q.value(0).toLongLong(), shown});
    }
    return out;
}

int RecordStore::count(Entity entity) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table(entity))) && q.next()
        ? q.value(0).toInt() : 0;
}

QString RecordStore::nameOf(Entity entity, qint64 id) const
{
    const std::optional<QVariantMap> values = load(entity, id);
    return values ? displayName(entity, *values) : QString();
}

} // namespace Rapport
