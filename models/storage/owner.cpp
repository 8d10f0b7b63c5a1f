#include "storage/owner.h"

#include <QByteArray>
#include <QtGlobal>
#include <pwd.h>
#include <unistd.h>

namespace Rapport {

QString currentUserName()
{
    if (const QString set = qEnvironmentVariable("RAPPORT_USER").trimmed(); !set.isEmpty())
        return set;
    if (const passwd *pw = getpwuid(getuid())) {
        // "Ada Lovelace,Room 1,..." : the full name is the first of the GECOS fields.
        const QString full = QString::fromLocal8Bit(pw->pw_gecos).section(QLatin1Char(','), 0, 0).trimmed();
        if (!full.isEmpty())
            return full;
        return QString::fromLocal8Bit(pw->pw_name);
    }
    return qEnvironmentVariable("USER");
}

} // namespace Rapport
