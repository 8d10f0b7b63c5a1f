#pragma once
// Tests that run on both engines: a data-driven column "postgres", a fresh database per test
// function (an SQLite file in a temporary directory, or a database of its own on the server
// named by RAPPORT_TEST_POSTGRESQL, made and dropped around the test), and a skip when no
// server is given. Usage:
//     void myCase_data() { Engines::columns(); }
//     void myCase() { OPEN_FRESH_OR_SKIP(m_fresh, "conn"); ... }
//     void cleanup() { m_fresh.drop(); }

#include "storage/database.h"

#include <QCoreApplication>
#include <QDebug>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <utility>

namespace Engines {

inline QUrl serverUrl()
{
    return QUrl(qEnvironmentVariable("RAPPORT_TEST_POSTGRESQL"));
}

// Runs `sql` on the server's own database (a database is made and dropped outside it).
inline bool admin(const QString &sql)
{
    const QUrl url = serverUrl();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"),
                                                    QStringLiteral("engines-admin"));
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        // A database name cannot be a bound value; these are made of a constant and numbers.
        ok = db.open() && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("engines-admin"));
    return ok;
}

inline void columns()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

class FreshDatabase
{
public:
    explicit FreshDatabase(const QString &prefix) : m_prefix(prefix) {}

    // Opens a new, empty database as `connection`; its location is kept for reopening.
    bool open(bool postgres, const QString &connection)
    {
        m_connection = connection;
        m_location = m_dir.filePath(QStringLiteral("%1-%2.sqlite").arg(m_prefix).arg(++m_serial));
        if (postgres) {
            m_server = QStringLiteral("rapport_%1_%2_%3")
                           .arg(m_prefix).arg(QCoreApplication::applicationPid()).arg(++m_serial);
            if (!admin(QStringLiteral("CREATE DATABASE ") + m_server))
                return false;
            QUrl url = serverUrl();
            url.setPath(QLatin1Char('/') + m_server);
            m_location = url.toString();
        }
        const QString error = Rapport::Database::open(m_location, connection);
        if (!error.isEmpty())
            qWarning() << error;
        return error.isEmpty();
    }
    // Closes the connection and drops the server's database.
    bool drop()
    {
        if (!m_connection.isEmpty())
            Rapport::Database::close(std::exchange(m_connection, QString()));
        return m_server.isEmpty() || admin(QStringLiteral("DROP DATABASE ")
                                           + std::exchange(m_server, QString()));
    }
    QString location() const { return m_location; }
    QString path(const QString &name) const { return m_dir.filePath(name); }

private:
    QString m_prefix;
    QTemporaryDir m_dir;
    QString m_connection, m_location, m_server;
    int m_serial = 0;
};

} // namespace Engines

#define OPEN_FRESH_OR_SKIP(fresh, connection)                                                  \
    do {                                                                                       \
        QFETCH(bool, postgres);                                                                \
        if (postgres && Engines::serverUrl().isEmpty())                                        \
            QSKIP("RAPPORT_TEST_POSTGRESQL (a postgresql:// URL) is not set");                 \
        QVERIFY((fresh).open(postgres, connection));                                           \
    } while (false)
