#include "storage/owner.h"

#include <QByteArray>
#include <QtGlobal>
#include <pwd.h>
#include <unistd.h>

#include <mutex>
#include <shared_mutex>

namespace Rapport {

namespace {

// Written on the main thread when a database is opened; read by workers too (an import's
// change log), hence the lock: the standard library's, which ThreadSanitizer sees.
std::shared_mutex &sessionLock()
{
    static std::shared_mutex lock;
    return lock;
}

QString &sessionName()
{
    static QString name;
    return name;
}

bool &sessionFromServer()
{
    static bool fromServer = false;
    return fromServer;
}

QString lookUpSystemUserName()
{
    // getpwuid_r: workers ask too (a change log's author), and getpwuid's answer is shared.
    passwd entry{};
    passwd *pw = nullptr;
    QByteArray buffer(16384, '\0');
    if (getpwuid_r(getuid(), &entry, buffer.data(), size_t(buffer.size()), &pw) == 0 && pw) {
        // "Ada Lovelace,Room 1,..." : the full name is the first of the GECOS fields.
        const QString full = QString::fromLocal8Bit(pw->pw_gecos).section(QLatin1Char(','), 0, 0).trimmed();
        if (!full.isEmpty())
            return full;
        return QString::fromLocal8Bit(pw->pw_name);
    }
    return qEnvironmentVariable("USER");
}

} // namespace

QString systemUserName()
{
    // Looked up once: every change-log entry asks (seven per lead conversion), and the
    // process's account does not change while it runs.
    static const QString name = lookUpSystemUserName();
    return name;
}

void setSessionUserName(const QString &name, bool fromServer)
{
    std::unique_lock locker(sessionLock());
    sessionName() = name.trimmed();
    sessionFromServer() = fromServer && !sessionName().isEmpty();
}

QString currentUserName()
{
    {
        std::shared_lock locker(sessionLock());
        if (sessionFromServer())
            return sessionName();
    }
    if (const QString set = qEnvironmentVariable("RAPPORT_USER").trimmed(); !set.isEmpty())
        return set;
    {
        std::shared_lock locker(sessionLock());
        if (!sessionName().isEmpty())
            return sessionName();
    }
    return systemUserName();
}

} // namespace Rapport
