#include "activities/reminders.h"

#include "records/moments.h"
#include "records/recordtypes.h"
#include "storage/transaction.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace Rapport {

namespace {

// The Reminder picklist's stored values and their lead times; the longest bounds how far
// ahead of its due time an activity can remind.
struct Lead {
    const char *stored;
    int minutes;
};
const Lead Leads[] = {
    {"At due time", 0},        {"5 minutes before", 5},   {"15 minutes before", 15},
    {"30 minutes before", 30}, {"1 hour before", 60},     {"2 hours before", 120},
    {"1 day before", 24 * 60}, {"1 week before", 7 * 24 * 60},
};
constexpr int LongestLead = 7 * 24 * 60;

QString leadList()
{
    QStringList values;
    for (const Lead &l : Leads)
        values << QLatin1Char('\'') + QLatin1String(l.stored) + QLatin1Char('\'');
    return values.join(QStringLiteral(", "));
}

struct Due {
    QDateTime fireAt;
    bool open = false;
};

// Activity `id`'s reminder as it stands now: when it fires, and whether it still can.
std::optional<Due> currentDue(const QSqlDatabase &db, qint64 id, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT status, due_at, reminder FROM activities WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    const QDateTime due = Moments::fromStored(q.value(1).toString());
    const auto lead = ReminderBook::leadMinutes(q.value(2).toString());
    if (!due.isValid() || !lead)
        return std::nullopt;
    return Due{due.addSecs(-60LL * *lead), q.value(0).toString() != QLatin1String("Done")};
}

} // namespace

ReminderBook::ReminderBook(const QString &connectionName, const QString &owner, bool unowned)
    : m_connection(connectionName)
    , m_owner(owner)
    , m_unowned(unowned)
{
}

std::optional<int> ReminderBook::leadMinutes(const QString &stored)
{
    for (const Lead &l : Leads) {
        if (stored == QLatin1String(l.stored))
            return l.minutes;
    }
    return std::nullopt;
}

QList<Reminder> ReminderBook::read(const QString &reachDue, QString *error) const
{
    QList<Reminder> found;
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    // Every open activity with a lead time that is due soon enough to remind by `reachDue`;
    // the index on (reminder, due_at) keeps this to those with a reminder.
    QString where = QStringLiteral("a.reminder IN (%1) AND a.due_at <= ? AND a.status <> 'Done'")
                        .arg(leadList());
    QVariantList binds{reachDue};
    if (!m_owner.isEmpty()) {
        where += m_unowned ? QStringLiteral(" AND (a.owner = ? OR COALESCE(a.owner, '') = '')")
                           : QStringLiteral(" AND a.owner = ?");
        binds << m_owner;
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("%1 WHERE %2")
                  .arg(AgendaReader::itemSelect(
                           QStringLiteral("a.reminder, s.fire_at, s.snoozed_until"),
                           QStringLiteral("LEFT JOIN reminder_state s ON s.activity_id = a.id")),
                       where));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        if (error)
            *error = tr("Could not read the reminders: %1").arg(q.lastError().text());
        return found;
    }
    const int more = AgendaReader::itemColumns();
    while (q.next()) {
        Reminder r;
        r.activity = AgendaReader::item(q);
        const auto lead = leadMinutes(q.value(more).toString());
        if (!lead || !r.activity.due.isValid())
            continue;
        r.fireAt = r.activity.due.addSecs(-60LL * *lead);
        r.at = r.fireAt;
        if (Moments::fromStored(q.value(more + 1).toString()) == r.fireAt) {
            // Shown already: only a snooze brings it back.
            const QDateTime until = Moments::fromStored(q.value(more + 2).toString());
            if (!until.isValid())
                continue;
            r.at = until;
            r.snoozed = true;
        }
        found << r;
    }
    std::sort(found.begin(), found.end(), [](const Reminder &a, const Reminder &b) {
        return a.at != b.at ? a.at < b.at : a.activity.id < b.activity.id;
    });
    return found;
}

QList<Reminder> ReminderBook::due(const QDateTime &now, int limit, QString *error) const
{
    // Due by now: due − lead ≤ now, so due ≤ now + the longest lead.
    QList<Reminder> all = read(Moments::toStored(now.addSecs(60LL * LongestLead)), error);
    all.erase(std::remove_if(all.begin(), all.end(), [&](const Reminder &r) { return r.at > now; }),
              all.end());
    if (all.size() > limit)
        all.resize(limit);
    return all;
}

QDateTime ReminderBook::next(const QDateTime &now, int horizonDays) const
{
    const QDateTime reach = now.addDays(horizonDays);
    const QList<Reminder> all =
        read(Moments::toStored(reach.addSecs(60LL * LongestLead)), nullptr);
    for (const Reminder &r : all) { // sorted by time
        if (r.at > now)
            return r.at <= reach ? r.at : QDateTime();
    }
    return {};
}

bool ReminderBook::claim(const Reminder &reminder, const QDateTime &now)
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(m_connection, Transaction::Kind::Write);
    if (!t.isActive())
        return false;
    QString error;
    const auto current = currentDue(db, reminder.activity.id, &error);
    if (!current || !current->open || current->fireAt != reminder.fireAt)
        return false;
    const QString fireAt = Moments::toStored(reminder.fireAt);
    // One statement decides, so that of two windows claiming at once only one succeeds: the
    // row changes only while it is not marked shown (or its snooze is over).
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE reminder_state SET fire_at = ?, snoozed_until = NULL "
                             "WHERE activity_id = ? AND (fire_at <> ? OR (snoozed_until IS NOT "
                             "NULL AND snoozed_until <= ?))"));
    q.addBindValue(fireAt);
    q.addBindValue(reminder.activity.id);
    q.addBindValue(fireAt);
    q.addBindValue(Moments::toStored(now));
    if (!q.exec())
        return false;
    if (q.numRowsAffected() == 0) {
        QSqlQuery exists(db);
        exists.prepare(QStringLiteral("SELECT 1 FROM reminder_state WHERE activity_id = ?"));
        exists.addBindValue(reminder.activity.id);
        if (!exists.exec() || exists.next())
            return false; // shown, and not snoozed past its end
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO reminder_state (activity_id, fire_at) "
                                      "VALUES (?, ?)"));
        insert.addBindValue(reminder.activity.id);
        insert.addBindValue(fireAt);
        if (!insert.exec())
            return false; // another window inserted it first
    }
    return t.commit().isEmpty();
}

bool ReminderBook::stands(const Reminder &reminder) const
{
    QString error;
    const auto current = currentDue(QSqlDatabase::database(m_connection), reminder.activity.id,
                                    &error);
    // Unreadable is not gone: a reminder is taken off only when the activity says so.
    if (!error.isEmpty())
        return true;
    return current && current->open && current->fireAt == reminder.fireAt;
}

QString ReminderBook::snooze(qint64 activityId, const QDateTime &until)
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    Transaction t(m_connection, Transaction::Kind::Write);
    if (!t.isActive())
        return t.error();
    QString error;
    const auto current = currentDue(db, activityId, &error);
    if (!error.isEmpty())
        return error;
    if (!current || !current->open)
        return tr("This activity has no reminder to snooze any more.");
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE reminder_state SET fire_at = ?, snoozed_until = ? "
                             "WHERE activity_id = ?"));
    q.addBindValue(Moments::toStored(current->fireAt));
    q.addBindValue(Moments::toStored(until));
    q.addBindValue(activityId);
    if (!q.exec())
        return q.lastError().text();
    if (q.numRowsAffected() == 0) {
        q.prepare(QStringLiteral("INSERT INTO reminder_state (activity_id, fire_at, snoozed_until) "
                                 "VALUES (?, ?, ?)"));
        q.addBindValue(activityId);
        q.addBindValue(Moments::toStored(current->fireAt));
        q.addBindValue(Moments::toStored(until));
        if (!q.exec())
            return q.lastError().text();
    }
    return t.commit();
}

} // namespace Rapport
