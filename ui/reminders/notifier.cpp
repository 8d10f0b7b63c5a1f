#include "reminders/notifier.h"

#include "reminders/desktopnotifier.h"
#include "reminders/traynotifier.h"

#include "records/moments.h"
#include "records/recordtypes.h"

#include <QDBusConnection>

namespace Rapport {

std::shared_ptr<Notifier> Notifier::forBus(const QDBusConnection &bus)
{
    if (DesktopNotifier::isServiceAvailable(bus))
        return std::make_shared<DesktopNotifier>(bus);
    return std::make_shared<TrayNotifier>();
}

std::shared_ptr<Notifier> Notifier::standard()
{
    return forBus(QDBusConnection::sessionBus());
}

QString Notifier::summary(const Reminder &reminder)
{
    const QString subject = reminder.activity.subject.trimmed();
    return subject.isEmpty() ? tr("Reminder") : subject;
}

QString Notifier::body(const Reminder &reminder)
{
    const AgendaItem &a = reminder.activity;
    QString text = tr("%1, due %2").arg(picklistLabel(a.type), Moments::display(a.due));
    if (a.recordId)
        text += QLatin1Char('\n') + tr("%1: %2").arg(entitySingular(a.entity), a.recordName);
    return text;
}

QList<Notifier::Choice> Notifier::snoozes()
{
    return {Choice::SnoozeTenMinutes, Choice::SnoozeHour, Choice::SnoozeTomorrow};
}

QString Notifier::text(Choice choice)
{
    switch (choice) {
    case Choice::Open:
        return tr("Open");
    case Choice::SnoozeTenMinutes:
        return tr("Snooze 10 minutes");
    case Choice::SnoozeHour:
        return tr("Snooze 1 hour");
    case Choice::SnoozeTomorrow:
        return tr("Tomorrow morning");
    case Choice::Dismiss:
        return tr("Dismiss");
    }
    return {};
}

QDateTime Notifier::snoozeEnd(Choice choice, const QDateTime &now)
{
    switch (choice) {
    case Choice::SnoozeTenMinutes:
        return now.addSecs(10 * 60);
    case Choice::SnoozeHour:
        return now.addSecs(60 * 60);
    case Choice::SnoozeTomorrow:
        // The start of the next working morning in the rep's own time zone.
        return QDateTime(now.toLocalTime().date().addDays(1), QTime(9, 0)).toUTC();
    case Choice::Open:
    case Choice::Dismiss:
        break;
    }
    return {};
}

namespace {
struct Named {
    Notifier::Choice choice;
    const char *key;
};
const Named Keys[] = {
    {Notifier::Choice::Open, "open"},
    {Notifier::Choice::SnoozeTenMinutes, "snooze-10m"},
    {Notifier::Choice::SnoozeHour, "snooze-1h"},
    {Notifier::Choice::SnoozeTomorrow, "snooze-tomorrow"},
    {Notifier::Choice::Dismiss, "dismiss"},
};
} // namespace

QString Notifier::key(Choice choice)
{
    for (const Named &n : Keys) {
        if (n.choice == choice)
            return QLatin1String(n.key);
    }
    return {};
}

std::optional<Notifier::Choice> Notifier::fromKey(const QString &key)
{
    // "default" is a click on the notification itself: it opens.
    if (key == QLatin1String("default"))
        return Choice::Open;
    for (const Named &n : Keys) {
        if (key == QLatin1String(n.key))
            return n.choice;
    }
    return std::nullopt;
}

} // namespace Rapport
