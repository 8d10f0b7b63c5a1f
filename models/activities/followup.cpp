#include "activities/followup.h"

#include "records/recurrence.h"

#include "activities/agenda.h"
#include "records/moments.h"
#include "records/recordtypes.h"
#include "storage/clock.h"
#include "storage/recordstore.h"
#include "storage/transaction.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace Rapport {

namespace {

// The activity's Reference fields (lead_id, contact_id, account_id, deal_id).
QStringList referenceFields()
{
    QStringList out;
    for (const FieldDef &f : entityDef(Entity::Activity).fields)
        if (f.type == FieldType::Reference)
            out << QLatin1String(f.name);
    return out;
}

QString describe(const WriteResult &r)
{
    if (!r.error.isEmpty())
        return r.error;
    QStringList messages;
    for (const FieldError &e : r.fieldErrors)
        messages << e.message;
    return messages.join(QLatin1Char(' '));
}

} // namespace

FollowUp::FollowUp(const QString &connectionName)
    : m_connection(connectionName)
{
}

std::optional<QVariantMap> FollowUp::open(qint64 activityId, FollowUpResult &result) const
{
    std::optional<QVariantMap> activity = RecordStore(m_connection).load(Entity::Activity, activityId);
    if (!activity) {
        result.refused = true;
        result.error = tr("There is no activity with id %1.").arg(activityId);
    }
    return activity;
}

QVariantMap FollowUp::regarding(Entity entity, qint64 id) const
{
    QVariantMap out;
    const std::optional<QVariantMap> record = RecordStore(m_connection).load(entity, id);
    if (!record || entity == Entity::Activity)
        return out;
    for (const FieldDef &f : entityDef(Entity::Activity).fields) {
        if (f.type != FieldType::Reference)
            continue;
        const QString name = QLatin1String(f.name);
        if (f.refEntity == entity)
            out.insert(name, id);
        else if (!record->value(name).isNull()) // the same column name on the record
            out.insert(name, record->value(name));
    }
    return out;
}

QVariantMap FollowUp::sameRecords(qint64 activityId) const
{
    QVariantMap out;
    if (const std::optional<QVariantMap> a = RecordStore(m_connection).load(Entity::Activity, activityId)) {
        for (const QString &field : referenceFields())
            if (!a->value(field).isNull())
                out.insert(field, a->value(field));
    }
    return out;
}

FollowUpResult FollowUp::complete(qint64 activityId, const Completion &completion)
{
    FollowUpResult result;
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive()) {
        result.error = tx.error();
        return result;
    }
    RecordStore store(m_connection);
    const std::optional<QVariantMap> activity = open(activityId, result);
    if (!activity)
        return result;
    if (activity->value(QStringLiteral("status")).toString() == QLatin1String("Done")) {
        result.refused = true;
        result.error = tr("“%1” is done already.").arg(activity->value(QStringLiteral("subject")).toString());
        return result;
    }
    QVariantMap done{{QStringLiteral("status"), QStringLiteral("Done")},
                     {QStringLiteral("completed_at"), Moments::toStored(Clock::now())}};
    if (!completion.outcome.isEmpty())
        done.insert(QStringLiteral("outcome"), completion.outcome);
    if (const WriteResult w = store.update(Entity::Activity, activityId, done); !w.ok()) {
        result.error = describe(w);
        return result;
    }
    // A repeating activity: its next occurrence, the same in all but the time, with what is
    // left of the series.
    const QString rule = activity->value(QStringLiteral("repeat_rule")).toString();
    const QDateTime due = Moments::fromStored(activity->value(QStringLiteral("due_at")).toString());
    if (!rule.trimmed().isEmpty()) {
        if (const std::optional<Recurrence::Next> n = Recurrence::after(rule, due)) {
            QVariantMap again;
            for (const char *field : {"subject", "activity_type", "location", "priority", "owner",
                                      "description"})
                again.insert(QLatin1String(field), activity->value(QLatin1String(field)));
            for (const QString &field : referenceFields())
                again.insert(field, activity->value(field));
            again.insert(QStringLiteral("due_at"), Moments::toStored(n->due));
            const QDateTime end = Moments::fromStored(activity->value(QStringLiteral("end_at")).toString());
            if (end.isValid())
                again.insert(QStringLiteral("end_at"), Moments::toStored(n->due.addSecs(due.secsTo(end))));
            again.insert(QStringLiteral("repeat_rule"), n->rule);
            const WriteResult w = store.insert(Entity::Activity, again);
            if (!w.ok()) {
                result.error = describe(w);
                return result;
            }
            result.repeatId = w.id;
        }
    }
    if (completion.next) {
        // On the same records, for the same owner.
        QVariantMap next{{QStringLiteral("subject"), completion.next->subject},
                         {QStringLiteral("activity_type"), completion.next->type}};
        if (completion.next->due.isValid())
            next.insert(QStringLiteral("due_at"), Moments::toStored(completion.next->due));
        const QStringList carried = referenceFields() << QStringLiteral("owner");
        for (const QString &field : carried)
            if (!activity->value(field).isNull())
                next.insert(field, activity->value(field));
        const WriteResult w = store.insert(Entity::Activity, next);
        if (!w.ok()) {
            result.error = describe(w);
            return result;
        }
        result.nextId = w.id;
    }
    result.error = tx.commit();
    if (!result.ok())
        result.nextId = result.repeatId = 0;
    return result;
}

FollowUpResult FollowUp::reschedule(qint64 activityId, const QDateTime &due)
{
    FollowUpResult result;
    RecordStore store(m_connection);
    const std::optional<QVariantMap> activity = open(activityId, result);
    if (!activity)
        return result;
    QVariantMap values{{QStringLiteral("due_at"), Moments::toStored(due)}};
    const QDateTime oldDue = Moments::fromStored(activity->value(QStringLiteral("due_at")).toString());
    const QDateTime oldEnd = Moments::fromStored(activity->value(QStringLiteral("end_at")).toString());
    if (oldDue.isValid() && oldEnd.isValid())
        values.insert(QStringLiteral("end_at"), Moments::toStored(due.addSecs(oldDue.secsTo(oldEnd))));
    if (const WriteResult w = store.update(Entity::Activity, activityId, values); !w.ok())
        result.error = describe(w);
    return result;
}

FollowUpResult FollowUp::add(const QVariantMap &values)
{
    FollowUpResult result;
    const WriteResult w = RecordStore(m_connection).insert(Entity::Activity, values);
    if (!w.ok())
        result.error = describe(w);
    result.nextId = w.id;
    return result;
}

bool FollowUp::wantsNextStep(qint64 activityId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT d.id, d.stage, l.id, l.converted_at, a.repeat_rule, a.due_at FROM activities a "
                             "LEFT JOIN deals d ON d.id = a.deal_id "
                             "LEFT JOIN leads l ON l.id = a.lead_id WHERE a.id = ?"));
    q.addBindValue(activityId);
    if (!q.exec() || !q.next())
        return false;
    // A deal with no stage yet is open too.
    const bool openDeal = !q.value(0).isNull() && !AgendaReader::isClosedStage(q.value(1).toString());
    const bool openLead = !q.value(2).isNull() && q.value(3).isNull();
    // A series' next occurrence is its next step; its last asks like any other.
    const bool repeats = !q.value(4).toString().trimmed().isEmpty()
        && Recurrence::after(q.value(4).toString(), Moments::fromStored(q.value(5).toString()));
    return (openDeal || openLead) && !repeats;
}

QDateTime FollowUp::nextDay(const QDateTime &due)
{
    const QDateTime from = (due.isValid() ? due : Clock::now()).toLocalTime();
    return QDateTime(from.date().addDays(1), from.time()).toUTC();
}

QDateTime FollowUp::nextMonday(const QDateTime &due)
{
    const QDateTime from = (due.isValid() ? due : Clock::now()).toLocalTime();
    const int days = 8 - from.date().dayOfWeek(); // Monday is 1: a Monday goes a week on
    return QDateTime(from.date().addDays(days), from.time()).toUTC();
}

} // namespace Rapport
