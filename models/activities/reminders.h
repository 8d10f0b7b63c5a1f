#pragma once
// Reminders that need no server: an open activity with a due time and a Reminder lead time
// ("15 minutes before") is due to remind its owner at due − lead. The desktop app asks the
// book which have come due (also those that came due while it was closed), claims each before
// showing it, so that it is shown once even with two windows or two apps on one database, and
// snoozes one to a later time. Rescheduling the activity or changing its lead time makes a
// new reminder; completing it ends it.
//
// What has been shown is kept beside the activities (reminder_state), not in them: showing a
// reminder is not an edit of the activity, changes neither its version nor its timeline.

#include "activities/agenda.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace Rapport {

struct Reminder {
    AgendaItem activity;
    QDateTime at;       // when it is due to be shown, UTC: due − lead, or the snooze's end
    QDateTime fireAt;   // due − lead, whatever a snooze says: what a claim is for
    bool snoozed = false;
};

class ReminderBook
{
    Q_DECLARE_TR_FUNCTIONS(ReminderBook)

public:
    // The reminders of `owner`'s activities; with `unowned`, those of activities nobody owns
    // too (one rep's own SQLite file). An empty owner: every activity's.
    ReminderBook(const QString &connectionName, const QString &owner, bool unowned);

    // Those due by `now` and not shown yet, the earliest first; at most `limit`.
    QList<Reminder> due(const QDateTime &now, int limit = 50, QString *error = nullptr) const;
    // When the next one not due yet falls, within `horizonDays`; invalid when none does.
    QDateTime next(const QDateTime &now, int horizonDays = 1) const;

    // Marks `reminder` as shown. False when it is not to be shown: shown already (by another
    // window), or no longer due (done, rescheduled, its lead time changed) since it was read.
    bool claim(const Reminder &reminder, const QDateTime &now);
    // Whether `reminder` still stands: its activity open, neither rescheduled nor its lead
    // time changed since it was read. A reminder on screen that no longer stands is taken off.
    bool stands(const Reminder &reminder) const;
    // Shows activity `id`'s reminder again at `until`. "" or the message.
    QString snooze(qint64 activityId, const QDateTime &until);

    // The lead time of a Reminder value ("15 minutes before" → 15); nullopt for none.
    static std::optional<int> leadMinutes(const QString &stored);

private:
    QList<Reminder> read(const QString &reachDue, QString *error) const;
    QString m_connection;
    QString m_owner;
    bool m_unowned;
};

} // namespace Rapport
