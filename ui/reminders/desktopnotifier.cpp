#include "reminders/desktopnotifier.h"

#include "reminders/notificationsproxy.h"

#include <QCoreApplication>
#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>

namespace Rapport {

namespace {
// Why the service closed a notification (the specification's reasons).
constexpr uint ClosedByUser = 2;
} // namespace

DesktopNotifier::DesktopNotifier(const QDBusConnection &bus, QObject *parent)
    : Notifier(parent)
    , m_proxy(new NotificationsProxy(bus, this))
{
    connect(m_proxy, &NotificationsProxy::ActionInvoked, this, &DesktopNotifier::actionInvoked);
    connect(m_proxy, &NotificationsProxy::NotificationClosed, this,
            &DesktopNotifier::notificationClosed);
    // Markup or not decides how a subject such as "Q&A <draft>" must be written.
    auto *watcher = new QDBusPendingCallWatcher(m_proxy->capabilities(), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        const QDBusPendingReply<QStringList> reply = *w;
        if (reply.isValid())
            m_markup = reply.value().contains(QLatin1String("body-markup"));
        w->deleteLater();
    });
}

bool DesktopNotifier::isServiceAvailable(const QDBusConnection &bus)
{
    if (!bus.isConnected() || !bus.interface())
        return false;
    const QString service = QLatin1String(NotificationsProxy::Service);
    if (bus.interface()->isServiceRegistered(service).value())
        return true;
    // dunst and mako, among others, start on the first notification.
    return bus.interface()->activatableServiceNames().value().contains(service);
}

void DesktopNotifier::show(const Reminder &reminder)
{
    const qint64 activity = reminder.activity.id;
    if (m_awaiting.contains(activity)) {
        // Its number is on its way: without it, a second notification would stand beside it.
        m_withdrawn.remove(activity);
        m_again.insert(activity, reminder);
        return;
    }
    QStringList actions{QStringLiteral("default"), text(Choice::Open)};
    for (const Choice c : snoozes())
        actions << key(c) << text(c);
    actions << key(Choice::Open) << text(Choice::Open) << key(Choice::Dismiss)
            << text(Choice::Dismiss);
    const QVariantMap hints{
        {QStringLiteral("desktop-entry"), QStringLiteral("org.rapportcrm.Rapport")},
        {QStringLiteral("urgency"), QVariant::fromValue(uchar(1))},
    };
    const QString plain = Notifier::body(reminder);
    const QString body = m_markup ? plain.toHtmlEscaped() : plain;
    m_awaiting.insert(activity);
    m_withdrawn.remove(activity);
    // No expiry: a reminder stays until the rep acts on it.
    const auto reply = m_proxy->notify(QCoreApplication::applicationName(),
                                       m_notifications.value(activity, 0),
                                       QStringLiteral("appointment-soon"), summary(reminder),
                                       body, actions, hints, 0);
    auto *watcher = new QDBusPendingCallWatcher(reply, this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, activity](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusPendingReply<uint> r = *w;
                m_awaiting.remove(activity);
                if (r.isValid()) {
                    m_activities.insert(r.value(), activity);
                    m_notifications.insert(activity, r.value());
                }
                if (m_withdrawn.remove(activity))
                    withdraw(activity);
                else if (m_again.contains(activity))
                    show(m_again.take(activity));
            });
}

void DesktopNotifier::withdraw(qint64 activityId)
{
    if (m_awaiting.contains(activityId)) {
        m_again.remove(activityId);
        m_withdrawn.insert(activityId);
        return;
    }
    const auto found = m_notifications.constFind(activityId);
    if (found == m_notifications.constEnd())
        return;
    const uint id = *found;
    forget(id);
    m_proxy->closeNotification(id);
}

void DesktopNotifier::actionInvoked(uint id, const QString &key)
{
    const auto activity = m_activities.constFind(id);
    const auto choice = fromKey(key);
    if (activity == m_activities.constEnd() || !choice)
        return;
    const qint64 activityId = *activity;
    forget(id);
    // Some services leave a notification up after a button; it was dealt with.
    m_proxy->closeNotification(id);
    Q_EMIT chosen(activityId, *choice);
}

void DesktopNotifier::notificationClosed(uint id, uint reason)
{
    const auto activity = m_activities.constFind(id);
    if (activity == m_activities.constEnd())
        return;
    const qint64 activityId = *activity;
    forget(id);
    // Expired or closed by the app is not the rep's dismissal.
    if (reason == ClosedByUser)
        Q_EMIT closed(activityId);
}

void DesktopNotifier::forget(uint id)
{
    m_notifications.remove(m_activities.take(id));
}

} // namespace Rapport
