#include "reminders/notificationsproxy.h"

namespace Rapport {

NotificationsProxy::NotificationsProxy(const QDBusConnection &bus, QObject *parent)
    : QDBusAbstractInterface(QLatin1String(Service), QLatin1String(Path),
                             "org.freedesktop.Notifications", bus, parent)
{
}

QDBusPendingReply<uint> NotificationsProxy::notify(const QString &appName, uint replacesId,
                                                   const QString &icon, const QString &summary,
                                                   const QString &body,
                                                   const QStringList &actions,
                                                   const QVariantMap &hints, int expireTimeout)
{
    return asyncCall(QStringLiteral("Notify"), appName, replacesId, icon, summary, body, actions,
                     hints, expireTimeout);
}

QDBusPendingReply<> NotificationsProxy::closeNotification(uint id)
{
    return asyncCall(QStringLiteral("CloseNotification"), id);
}

QDBusPendingReply<QStringList> NotificationsProxy::capabilities()
{
    return asyncCall(QStringLiteral("GetCapabilities"));
}

} // namespace Rapport
