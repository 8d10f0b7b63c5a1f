#include "conversion/conversionjournal.h"

#include "storage/changelog.h"
#include "storage/clock.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

QString module(Entity e) { return QLatin1String(entityDef(e).table); }

// NULL stays NULL (QJsonValue::fromVariant would make a null string "").
QJsonObject toJson(const QVariantMap &values)
{
    QJsonObject json;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        json.insert(it.key(), it.value().isNull() ? QJsonValue() : QJsonValue::fromVariant(it.value()));
    return json;
}

QVariantMap fromJson(const QJsonObject &json)
{
    QVariantMap values;
    for (auto it = json.constBegin(); it != json.constEnd(); ++it)
        values.insert(it.key(), it.value().isNull() ? QVariant() : it.value().toVariant());
    return values;
}

QJsonObject changesToJson(const ConversionRecord &r)
{
    QJsonObject created;
    for (auto it = r.created.cbegin(); it != r.created.cend(); ++it)
        created.insert(module(it.key()), toJson(it.value()));
    QJsonArray updated;
    for (const RecordChange &c : r.changes) {
        updated.append(QJsonObject{{"module", module(c.entity)}, {"id", c.id},
                                   {"before", toJson(c.before)},
                                   {"after", toJson(c.after)}});
    }
    QJsonObject json{{"created", created}, {"updated", updated}};
    if (r.leadStatusSet)
        json.insert("lead_status", r.leadStatus.isNull() ? QJsonValue()
                                                         : QJsonValue(r.leadStatus.toString()));
    return json;
}

void changesFromJson(const QJsonObject &json, ConversionRecord *r)
{
    r->leadStatusSet = json.contains("lead_status");
    if (const QJsonValue status = json.value("lead_status"); status.isString())
        r->leadStatus = status.toString();
    const QJsonObject created = json.value("created").toObject();
    for (auto it = created.constBegin(); it != created.constEnd(); ++it) {
        if (const auto e = entityFromName(it.key()))
            r->created.insert(*e, fromJson(it.value().toObject()));
    }
    for (const QJsonValue &v : json.value("updated").toArray()) {
        const QJsonObject o = v.toObject();
        const auto e = entityFromName(o.value("module").toString());
        if (!e)
            continue;
        r->changes.append({*e, o.value("id").toInteger(), fromJson(o.value("before").toObject()),
                           fromJson(o.value("after").toObject())});
    }
}

QVariant idOrNull(qint64 id)
{
    return id ? QVariant(id) : QVariant();
}

} // namespace

ConversionJournal::ConversionJournal(const QString &connectionName)
    : m_connection(connectionName)
{
}

WriteResult ConversionJournal::write(const ConversionRecord &r) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral(
        "INSERT INTO conversions (lead_id, converted_at, account_id, account_created, "
        "contact_id, contact_created, deal_id, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id"));
    for (const QVariant &v : QVariantList{r.leadId, r.convertedAt, idOrNull(r.accountId),
                                          int(r.accountCreated), idOrNull(r.contactId),
                                          int(r.contactCreated), idOrNull(r.dealId),
                                          // text, not bytes: PostgreSQL would store a QByteArray as bytea escapes
                                          QString::fromUtf8(QJsonDocument(changesToJson(r)).toJson(QJsonDocument::Compact))})
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return {0, q.lastError().text(), {}};
    return {q.value(0).toLongLong(), {}, {}};
}

std::optional<ConversionRecord> ConversionJournal::current(qint64 leadId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral(
        "SELECT id, converted_at, account_id, account_created, contact_id, contact_created, "
        "deal_id, changes FROM conversions WHERE lead_id = ? AND undone_at IS NULL "
        "ORDER BY id DESC LIMIT 1"));
    q.addBindValue(leadId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    ConversionRecord r;
    r.id = q.value(0).toLongLong();
    r.leadId = leadId;
    r.convertedAt = q.value(1).toString();
    r.accountId = q.value(2).toLongLong();
    r.accountCreated = q.value(3).toBool();
    r.contactId = q.value(4).toLongLong();
    r.contactCreated = q.value(5).toBool();
    r.dealId = q.value(6).toLongLong();
    const QJsonDocument changes = QJsonDocument::fromJson(q.value(7).toString().toUtf8());
    if (!changes.isObject())
        return std::nullopt; // unreadable: better no undo than a wrong one
    changesFromJson(changes.object(), &r);
    return r;
}

QString ConversionJournal::markUndone(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE conversions SET undone_at = ? WHERE id = ?"));
    q.addBindValue(nowUtc());
    q.addBindValue(id);
    return q.exec() ? QString() : q.lastError().text();
}

QString ConversionJournal::convertedBy(qint64 leadId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT who FROM changes WHERE kind = ? AND entity = ? AND "
                             "record_id = ? ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(QLatin1String(ChangeKind::Conversion));
    q.addBindValue(module(Entity::Lead));
    q.addBindValue(leadId);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toString().trimmed();
}

} // namespace Rapport
