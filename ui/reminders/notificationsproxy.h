#pragma once
// The desktop's notification service (org.freedesktop.Notifications, the Desktop Notifications
// Specification) as a Qt object: its signals are Qt signals, so that they connect like any
// other (a proxy of the kind qdbusxml2cpp writes, for the calls and signals Rapport uses).

#include <QDBusAbstractInterface>
#include <QDBusPendingReply>
#include <QStringList>
#include <QVariantMap>

namespace Rapport {

class NotificationsProxy : public QDBusAbstractInterface
{
    Q_OBJECT

public:
    static constexpr char Service[] = "org.freedesktop.Notifications";
    static constexpr char Path[] = "/org/freedesktop/Notifications";

    explicit NotificationsProxy(const QDBusConnection &bus, QObject *parent = nullptr);

    QDBusPendingReply<uint> notify(const QString &appName, uint replacesId, const QString &icon,
                                   const QString &summary, const QString &body,
                                   const QStringList &actions, const QVariantMap &hints,
                                   int expireTimeout);
    QDBusPendingReply<> closeNotification(uint id);
    QDBusPendingReply<QStringList> capabilities();

Q_SIGNALS:
    // Named as on the bus: QDBusAbstractInterface connects each to the bus signal of its name.
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);
};

} // namespace Rapport
