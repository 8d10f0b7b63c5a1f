#pragma once
// Two reps of a team server for the row-level security tests: login roles of their own,
// named uniquely per run (several runs share the cluster under ctest -j2), made in
// initTestCase and dropped in cleanupTestCase. grant() gives them a test database's tables,
// as a team's admin would (to a group role of theirs, here to each); revoke() takes that
// back before the database goes back to the pool, since a role with privileges cannot be
// dropped. The test role needs CREATEROLE (.ci/setup gives it).

#include "support/engines.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUrl>

namespace Engines {

class RepRoles
{
public:
    static constexpr const char *Password = "rep-secret";

    // The two roles' names: "rapport_rep_a_<pid>", "rapport_rep_b_<pid>".
    QString a() const { return name(QStringLiteral("a")); }
    QString b() const { return name(QStringLiteral("b")); }

    bool create()
    {
        for (const QString &role : {a(), b()}) {
            if (!admin(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'")
                           .arg(role, QLatin1String(Password))))
                return false;
        }
        return true;
    }
    void drop()
    {
        for (const QString &role : {a(), b()})
            admin(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
    }

    // On the database `connection` is open on, as the tables' owner.
    bool grant(const QString &connection) const
    {
        return run(connection, QStringLiteral("GRANT ALL"));
    }
    bool revoke(const QString &connection) const
    {
        return run(connection, QStringLiteral("REVOKE ALL"));
    }

    // The URL of the database `location` names, logged in as `role`.
    static QString as(const QString &location, const QString &role)
    {
        QUrl url(location);
        url.setUserName(role);
        url.setPassword(QLatin1String(Password));
        return url.toString();
    }

private:
    static QString name(const QString &which)
    {
        return QStringLiteral("rapport_rep_%1_%2")
            .arg(which)
            .arg(QCoreApplication::applicationPid());
    }
    bool run(const QString &connection, const QString &what) const
    {
        const QString to = what.startsWith(QLatin1String("GRANT")) ? QStringLiteral("TO")
                                                                   : QStringLiteral("FROM");
        QSqlQuery q(QSqlDatabase::database(connection));
        for (const QString &role : {a(), b()}) {
            for (const char *kind : {"TABLES", "SEQUENCES"}) {
                const QString sql = QStringLiteral("%1 ON ALL %2 IN SCHEMA public %3 %4")
                                        .arg(what, QLatin1String(kind), to, role);
                if (!q.exec(sql)) {
                    qWarning() << sql << q.lastError().text();
                    return false;
                }
            }
        }
        return true;
    }
};

} // namespace Engines
