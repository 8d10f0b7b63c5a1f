#include "history/timeline.h"

#include "storage/changelog.h"
#include "records/recordtypes.h"
#include "records/valuetext.h"
#include "storage/recordstore.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::Timeline", text);
}

QDateTime utc(const QVariant &v)
{
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(v.toString(), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}

// The activities' column that points at records of `entity`, or "".
QString activityColumn(Entity entity)
{
    for (const FieldDef &f : entityDef(Entity::Activity).fields)
        if (f.type == FieldType::Reference && f.refEntity == entity)
            return QLatin1String(f.name);
    return {};
}

} // namespace

Timeline::Timeline(const QString &connectionName, Entity entity, qint64 id)
    : m_connection(connectionName)
    , m_entity(entity)
    , m_id(id)
{
}

QList<TimelineEntry> Timeline::read(int limit, qint64 beforeSeq) const
{
    const QString table = QLatin1String(entityDef(m_entity).table);
    const QString before = beforeSeq > 0 ? QStringLiteral(" AND c.seq < %1").arg(beforeSeq)
                                         : QString();
    const QString cols = QStringLiteral("c.seq, c.at, c.who, c.kind, c.field, c.old_value, "
                                        "c.new_value, c.ref_table, c.ref_id");
    // The id typed: PostgreSQL takes a bare NULL for text, which the activities' id (a bigint)
    // in the same UNION column cannot match.
    const QString noActivity = QStringLiteral(", CAST(NULL AS BIGINT) AS a_id, NULL AS a_type, "
                                              "NULL AS a_subject, NULL AS a_outcome, "
                                              "NULL AS a_status");
    QStringList parts;
    QVariantList binds;
    // The record's own entries.
    parts << QStringLiteral("SELECT %1%2 FROM changes c WHERE c.entity = ? AND c.record_id = ?%3")
                 .arg(cols, noActivity, before);
    binds << table << m_id;
    // The imports that made or updated it: one entry each, found through their id runs (those
    // of the import's own records, or of the parent records it made, such as the accounts
    // a contacts file named).
    parts << QStringLiteral("SELECT %1%2 FROM changes c WHERE c.record_id IS NULL "
                            "AND c.kind IN ('import', 'undo')%3 AND EXISTS (SELECT 1 FROM "
                            "import_records r WHERE r.import_id = c.ref_id AND "
                            "COALESCE(r.entity, c.entity) = ? AND r.first_id <= ? "
                            "AND r.last_id >= ?)").arg(cols, noActivity, before);
    binds << table << m_id << m_id;
    // The activities on it: when each was scheduled, and when its status changed.
    if (const QString column = activityColumn(m_entity); !column.isEmpty()) {
        parts << QStringLiteral("SELECT %1, a.id, a.activity_type, a.subject, a.outcome, a.status "
                                "FROM changes c JOIN activities a ON a.id = c.record_id "
                                "WHERE c.entity = 'activities' AND a.%2 = ? AND (c.kind = 'create' "
                                "OR (c.kind = 'change' AND c.field = 'status'))%3")
                     .arg(cols, column, before);
        binds << m_id;
    }
    // The notes of the lead it was made from.
    if (const FieldDef *link = conversionLink(m_entity); link && link->sharesNotes) {
        parts << QStringLiteral("SELECT %1%2 FROM changes c WHERE c.entity = 'leads' AND c.kind = "
                                "'note' AND c.record_id IN (SELECT id FROM leads WHERE %3 = ?)%4")
                     .arg(cols, noActivity, QLatin1String(link->name), before);
        binds << m_id;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(parts.join(QStringLiteral(" UNION ALL "))
              + QStringLiteral(" ORDER BY 1 DESC LIMIT %1").arg(limit));
    for (const QVariant &b : std::as_const(binds))
        q.addBindValue(b);
    QList<TimelineEntry> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        TimelineEntry e;
        e.seq = q.value(0).toLongLong();
        e.time = utc(q.value(1));
        e.who = q.value(2).toString();
        e.kind = q.value(3).toString();
        e.field = q.value(4).toString();
        e.oldValue = q.value(5);
        e.newValue = q.value(6);
        e.refTable = q.value(7).toString();
        e.refId = q.value(8).toLongLong();
        if (!q.value(9).isNull()) {
            e.activityId = q.value(9).toLongLong();
            e.activityType = q.value(10).toString();
            e.subject = q.value(11).toString();
            e.outcome = q.value(12).toString();
            e.activityDone = q.value(13).toString() == QLatin1String("Done");
            // Its creation is "scheduled"; a status change, done or open again.
            e.kind = e.kind == QLatin1String(ChangeKind::Create) ? QStringLiteral("activity")
                                                                 : QStringLiteral("activity_status");
        }
        out.append(e);
    }
    if (out.size() < limit) {
        // The end of the log for this record: its creation, if the log has none.
        const bool logged = std::any_of(out.cbegin(), out.cend(), [](const TimelineEntry &e) {
            return (e.kind == QLatin1String(ChangeKind::Create)
                    || e.kind == QLatin1String(ChangeKind::Import));
        });
        QSqlQuery c(QSqlDatabase::database(m_connection));
        c.prepare(QStringLiteral("SELECT created_at FROM %1 WHERE id = ? AND NOT EXISTS (SELECT 1 "
                                 "FROM changes WHERE entity = ? AND record_id = ? AND kind = 'create')")
                      .arg(table));
        c.addBindValue(m_id);
        c.addBindValue(table);
        c.addBindValue(m_id);
        if (!logged && c.exec() && c.next()) {
            TimelineEntry e;
            e.kind = QLatin1String(ChangeKind::Create);
            e.time = utc(c.value(0));
            // Before the first page's oldest entry, even when the clock says otherwise.
            out.append(e);
        }
    }
    return out;
}

QString Timeline::fieldLabelOf(const TimelineEntry &entry) const
{
    const FieldDef *f = entry.field.isEmpty() ? nullptr : findField(m_entity, entry.field);
    return f ? fieldLabel(*f) : QString();
}

QString Timeline::describe(const TimelineEntry &e) const
{
    const QString kind = e.kind;
    if (kind == QLatin1String(ChangeKind::Create))
        return tr("Created");
    if (kind == QLatin1String(ChangeKind::Delete))
        return tr("Deleted");
    if (kind == QLatin1String(ChangeKind::Change)) {
        const FieldDef *f = findField(m_entity, e.field);
        if (e.field == QLatin1String("attendees")) { // kept beside the activity, as names
            const auto names = [](const QVariant &v) {
                return v.toString().isEmpty() ? tr("(none)") : v.toString();
            };
            return tr("Attendees: %1 → %2").arg(names(e.oldValue), names(e.newValue));
        }
        if (!f)
            return tr("%1 changed").arg(e.field);
        RecordStore store(m_connection);
        const auto text = [&](const QVariant &v) {
            if (v.isNull() || v.toString().isEmpty())
                return tr("(empty)");
            if (f->type == FieldType::Reference) {
                const QString name = store.nameOf(f->refEntity, v.toLongLong());
                return name.isEmpty() ? tr("(deleted)") : name;
            }
            QVariant typed = v;
            if (f->type == FieldType::Decimal)
                typed = v.toDouble();
            else if (f->type == FieldType::Integer || f->type == FieldType::Bool)
                typed = v.toLongLong();
            return valueText(*f, typed);
        };
        return tr("%1: %2 → %3").arg(fieldLabel(*f), text(e.oldValue), text(e.newValue));
    }
    if (kind == QLatin1String(ChangeKind::Note)) {
        if (e.newValue.isNull())
            return tr("Note deleted: %1").arg(e.oldValue.toString());
        return tr("Note: %1").arg(e.newValue.toString());
    }
    if (kind == QLatin1String("activity") || kind == QLatin1String("activity_status")) {
        const QString type = picklistLabel(e.activityType);
        if (kind == QLatin1String("activity"))
            return tr("%1 scheduled: %2").arg(type, e.subject);
        if (e.newValue.toString() == QLatin1String("Done")) {
            if (!e.outcome.isEmpty())
                return tr("%1 done: %2 (%3)").arg(type, e.subject, picklistLabel(e.outcome));
            return tr("%1 done: %2").arg(type, e.subject);
        }
        return tr("%1 reopened: %2").arg(type, e.subject);
    }
    if (kind == QLatin1String(ChangeKind::Conversion)) {
        if (m_entity == Entity::Lead)
            return tr("Converted");
        return tr("Made from a converted lead");
    }
    if (kind == QLatin1String(ChangeKind::Unconversion)) {
        if (m_entity == Entity::Lead)
            return tr("Conversion undone");
        return tr("The lead it was made from was unconverted");
    }
    if (kind == QLatin1String(ChangeKind::Import))
        return tr("Imported from %1").arg(e.newValue.toString());
    if (kind == QLatin1String(ChangeKind::Undo))
        return tr("Import of %1 undone").arg(e.newValue.toString());
    return kind;
}

} // namespace Rapport
