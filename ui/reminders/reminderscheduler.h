#pragma once
// Reminders that need no server: the app itself watches the clock. For one database and one
// rep, it wakes when the next reminder falls (and every minute besides, so that activities
// changed in another window or by another rep are noticed), claims each reminder that has
// come due, so that two windows on one database show it once, and hands it to the Notifier.
// What was missed while the app was closed comes at once on opening: several in the
// Reminders window rather than a burst of notifications. The rep's choices come back here:
// a snooze is kept in the database, Open asks the window to open the activity.
//
// It keeps what it has shown and the rep has not dealt with (pending()), which the Reminders
// window lists; a reminder whose activity was done or moved meanwhile is taken off.
// Time is Clock::now(), so that tests move it instead of waiting.

#include "activities/reminders.h"
#include "reminders/notifier.h"

#include <QObject>

#include <memory>

class QTimer;

namespace Rapport {

class ReminderScheduler : public QObject
{
    Q_OBJECT

public:
    // `owner`'s reminders (with those of activities nobody owns, with `unowned`) on the
    // database of `connection`, shown by `notifier`.
    ReminderScheduler(const QString &connection, const QString &owner, bool unowned,
                      std::shared_ptr<Notifier> notifier, QObject *parent = nullptr);
    ~ReminderScheduler() override;

    // The first look, on opening the database: what came due while the app was closed.
    void start();
    // Shows what has come due since, takes off what no longer stands, and sets the timer.
    void check();
    // Claims what has come due into pending() without a notification: the rep is looking
    // at the Reminders window.
    void gather();

    // Shown and not dealt with yet, the earliest first.
    QList<Reminder> pending() const { return m_pending; }
    // The rep's choice on activity `activityId`'s reminder, from a notification or the
    // window. False when it failed (the reason went out as problem()).
    bool choose(qint64 activityId, Notifier::Choice choice);
    void dismissAll();

    // When the next reminder falls (within a day), or invalid; the timer wakes for it.
    QDateTime nextReminder() const { return m_next; }
    QTimer *timer() const { return m_timer; }

    // More than this many at once go to the window rather than as notifications.
    static constexpr int MostNotifications = 3;

Q_SIGNALS:
    // Open the record the activity is on (the activity itself when it is on none).
    void openRequested(Rapport::Entity entity, qint64 id);
    // Several came due at once (missed while closed): show them in the Reminders window.
    void windowWanted();
    void pendingChanged();
    // A reminder could not be read, snoozed or claimed: the reason, for the rep.
    void problem(const QString &message);

private:
    QList<Reminder> claimDue();
    void deliver(const QList<Reminder> &claimed, int mostNotifications);
    bool prune();
    void arm();
    void take(qint64 activityId);
    void report(const QString &error);

    ReminderBook m_book;
    std::shared_ptr<Notifier> m_notifier;
    QTimer *m_timer;
    QList<Reminder> m_pending;
    QDateTime m_next;
    QString m_lastError; // said once, not every minute
};

} // namespace Rapport
