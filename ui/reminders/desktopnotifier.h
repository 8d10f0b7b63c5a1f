#pragma once
// Reminders as the desktop's own notifications (org.freedesktop.Notifications over D-Bus):
// GNOME, KDE Plasma, Xfce, dunst and mako all show them, with the choices as buttons, and
// keep them in their notification lists until the rep acts. A click on the notification
// opens the activity. A reminder dealt with in the app is taken off the desktop too.

#include "reminders/notifier.h"

#include <QDBusConnection>
#include <QHash>
#include <QSet>

namespace Rapport {

class NotificationsProxy;

class DesktopNotifier : public Notifier
{
    Q_OBJECT

public:
    explicit DesktopNotifier(const QDBusConnection &bus, QObject *parent = nullptr);

    // Whether `bus` is connected and has a notification service, running or startable.
    static bool isServiceAvailable(const QDBusConnection &bus);

    void show(const Reminder &reminder) override;
    void withdraw(qint64 activityId) override;

private:
    void actionInvoked(uint id, const QString &key);
    void notificationClosed(uint id, uint reason);
    void forget(uint id);

    NotificationsProxy *m_proxy;
    bool m_markup = false;              // the service reads the body as markup
    QHash<uint, qint64> m_activities;   // notification id → activity id
    QHash<qint64, uint> m_notifications;
    QSet<qint64> m_awaiting;            // sent, the service's id not back yet
    QSet<qint64> m_withdrawn;           // withdrawn while awaited: closed once the id is back
    QHash<qint64, Reminder> m_again;    // shown again while awaited: replaces it once it is back
};

} // namespace Rapport
