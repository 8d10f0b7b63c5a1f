#pragma once
// Where a reminder shows when it comes due: a desktop notification with its choices (open
// the activity, snooze it, dismiss it), and the choice the rep makes there coming back. The
// scheduler decides what to show and when; a Notifier only shows and reports. The desktop's
// notification service (DesktopNotifier) where there is one, the tray (TrayNotifier) where
// there is not; tests put their own in.

#include "activities/reminders.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QDBusConnection;

namespace Rapport {

class Notifier : public QObject
{
    Q_OBJECT

public:
    // What the rep can do with a reminder, in a notification or in the Reminders window.
    enum class Choice { Open, SnoozeTenMinutes, SnoozeHour, SnoozeTomorrow, Dismiss };
    Q_ENUM(Choice)

    using QObject::QObject;

    // Shows `reminder`; showing one activity's again replaces the one shown before.
    virtual void show(const Reminder &reminder) = 0;
    // Takes activity `activityId`'s reminder off the screen: dealt with elsewhere.
    virtual void withdraw(qint64 activityId) = 0;
    // Whether it can show anything on this desktop (a tray where there is none cannot).
    virtual bool canShow() const { return true; }

    // The desktop's notification service on `bus` when it has one, else the tray.
    static std::shared_ptr<Notifier> forBus(const QDBusConnection &bus);
    // forBus() on the session bus.
    static std::shared_ptr<Notifier> standard();

    // The words of a notification: the subject; when it is due and the record it is on.
    static QString summary(const Reminder &reminder);
    static QString body(const Reminder &reminder);
    // The snoozes offered, the shortest first, and each one's words and end.
    static QList<Choice> snoozes();
    static QString text(Choice choice);
    static QDateTime snoozeEnd(Choice choice, const QDateTime &now);
    // A choice's name in a notification's actions ("snooze-1h"), and back.
    static QString key(Choice choice);
    static std::optional<Choice> fromKey(const QString &key);

Q_SIGNALS:
    // The rep picked `choice` on activity `activityId`'s reminder.
    void chosen(qint64 activityId, Rapport::Notifier::Choice choice);
    // The rep closed it without a choice.
    void closed(qint64 activityId);
};

} // namespace Rapport
