#include "storage/owner.h"

#include <QByteArray>
#include <QReadWriteLock>
#include <QtGlobal>
#include <pwd.h>
#include <unistd.h>

namespace Rapport {

namespace {

// Written on the main thread when a database is opened; read by workers too (an import's
// change log), hence the lock.
QReadWriteLock &sessionLock()
{
    static QReadWriteLock lock;
    return lock;
}

QString &sessionName()
{
    static QString name;
    return name;
}

} // namespace

QString systemUserName()
{
    if (const passwd *pw = getpwuid(getuid())) {
        // "Ada Lovelace,Room 1,..." : the full name is the first of the GECOS fields.
        const QString full = QString::fromLocal8Bit(pw->pw_gecos).section(QLatin1Char(','), 0, 0).trimmed();
        if (!full.isEmpty())
            return full;
        return QString::fromLocal8Bit(pw->pw_name);
    }
    return qEnvironmentVariable("USER");
}

void setSessionUserName(const QString &name)
{
    QWriteLocker locker(&sessionLock());
    sessionName() = name.trimmed();
}

QString currentUserName()
{
    if (const QString set = qEnvironmentVariable("RAPPORT_USER").trimmed(); !set.isEmpty())
        return set;
    {
        QReadLocker locker(&sessionLock());
        if (!sessionName().isEmpty())
            return sessionName();
    }
    return systemUserName();
}

} // namespace Rapport
