#pragma once
// Database tests run on both engines. tests/CMakeLists.txt registers each test that has the
// DATABASE flag twice: <name> on SQLite files, and <name>_postgresql (label postgresql) with
// RAPPORT_TEST_ENGINE=postgresql, on the server named by RAPPORT_TEST_POSTGRESQL. A test asks
// for its database by the SQLite path it would use,
//     Database::open(Engines::location(m_dir.filePath("x.sqlite")), Db)
// and gets that path back on SQLite, or the URL of a database of its own on the server: the
// same one for the same path within a test function (or for the whole run when asked for in
// initTestCase), a fresh one for each other function. Made databases are reused: one that a
// finished test function had is emptied back to a new schema (TRUNCATE, far cheaper than
// CREATE and DROP DATABASE, which checkpoint the server), and all are dropped when the process
// ends. A PostgreSQL run without a server says so and exits with SkipCode, which ctest reports
// as skipped.
// FreshDatabase is the same for tests that open one database per test function.

#include "storage/database.h"

#include <QCoreApplication>
#include <QDebug>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace Engines {

// The exit code of a PostgreSQL run without a server (SKIP_RETURN_CODE in tests/CMakeLists.txt).
constexpr int SkipCode = 77;

// Whether this run is the PostgreSQL one of its test.
inline bool postgres()
{
    return qEnvironmentVariable("RAPPORT_TEST_ENGINE") == QLatin1String("postgresql");
}

inline QUrl serverUrl()
{
    return QUrl(qEnvironmentVariable("RAPPORT_TEST_POSTGRESQL"));
}

// What a server database is when a test gets it: Rapport's schema made (and its rows as a new
// database has them), or nothing at all, for tests of what opening a new database does.
enum class Schema { Made, None };

class Pool
{
public:
    static Pool &instance()
    {
        static Pool pool;
        return pool;
    }

    QString location(const QString &sqlitePath, Schema schema)
    {
        if (!postgres())
            return sqlitePath;
        start();
        const QString key = currentKey();
        releaseAllBut(key);
        if (auto it = m_given.constFind(sqlitePath); it != m_given.cend())
            return url(it->name);
        QString name = schema == Schema::Made ? takeFree() : makeNew(Schema::None);
        if (name.isEmpty())
            return QStringLiteral("postgresql://could-not-make-a-test-database/");
        m_given.insert(sqlitePath, {name, key, schema});
        return url(name);
    }

    // Gives a database back before its test function ends (FreshDatabase::drop).
    void release(const QString &location)
    {
        for (auto it = m_given.begin(); it != m_given.end(); ++it) {
            if (url(it->name) == location) {
                if (it->schema == Schema::Made)
                    m_free << it->name;
                m_given.erase(it);
                return;
            }
        }
    }

    // Runs `sql` on the server's own database (where databases are made and dropped).
    bool admin(const QString &sql)
    {
        start();
        QSqlQuery q(QSqlDatabase::database(QStringLiteral("engines-admin")));
        if (q.exec(sql))
            return true;
        qWarning() << sql << q.lastError().text();
        return false;
    }

    QString url(const QString &database) const
    {
        QUrl url = serverUrl();
        url.setPath(QLatin1Char('/') + database);
        return url.toString();
    }

private:
    struct Given {
        QString name, key;
        Schema schema;
    };

    void start()
    {
        if (m_started)
            return;
        m_started = true;
        if (serverUrl().isEmpty()) {
            std::fprintf(stderr, "SKIP: a PostgreSQL run (RAPPORT_TEST_ENGINE=postgresql) needs "
                                 "RAPPORT_TEST_POSTGRESQL, a postgresql:// URL of a role that "
                                 "may create databases; it is not set\n");
            std::fflush(stderr);
            std::_Exit(SkipCode);
        }
        const QUrl url = serverUrl();
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"),
                                                    QStringLiteral("engines-admin"));
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        if (!db.open())
            qWarning() << "Cannot reach" << url.toString(QUrl::RemovePassword) << db.lastError();
        dropLeftovers();
        qAddPostRoutine([] { instance().dropAll(); });
    }

    // Databases of test processes that are gone (a crash, a timeout) are dropped.
    void dropLeftovers()
    {
        QSqlQuery q(QSqlDatabase::database(QStringLiteral("engines-admin")));
        // The underscores escaped: a bare one matches any character (rapport_test, too).
        q.exec(QStringLiteral("SELECT datname FROM pg_database "
                              "WHERE datname LIKE 'rapport\\_t\\_%'"));
        QStringList gone;
        while (q.next()) {
            const qint64 pid = q.value(0).toString().section(QLatin1Char('_'), 2, 2).toLongLong();
            if (pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
                gone << q.value(0).toString();
        }
        for (const QString &name : std::as_const(gone))
            admin(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
    }

    void dropAll()
    {
        for (const QString &name : std::as_const(m_made)) {
            // Connections a test left open go with the database.
            admin(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
        }
        QSqlDatabase::database(QStringLiteral("engines-admin"), false).close();
        QSqlDatabase::removeDatabase(QStringLiteral("engines-admin"));
    }

    // A database asked for in initTestCase stays for the run; any other belongs to the test
    // function (and data row) that asked for it.
    static QString currentKey()
    {
        const char *function = QTest::currentTestFunction();
        if (!function || qstrcmp(function, "initTestCase") == 0
            || qstrcmp(function, "initTestCase_data") == 0)
            return {};
        const char *tag = QTest::currentDataTag();
        return QString::fromUtf8(function) + QLatin1Char('/') + QString::fromUtf8(tag ? tag : "");
    }

    void releaseAllBut(const QString &key)
    {
        for (auto it = m_given.begin(); it != m_given.end();) {
            if (it->key.isEmpty() || it->key == key) {
                ++it;
                continue;
            }
            if (it->schema == Schema::Made)
                m_free << it->name;
            it = m_given.erase(it);
        }
    }

    QString takeFree()
    {
        while (!m_free.isEmpty()) {
            const QString name = m_free.takeLast();
            if (reset(name))
                return name;
        }
        return makeNew(Schema::Made);
    }

    QString makeNew(Schema schema)
    {
        const QString name = QStringLiteral("rapport_t_%1_%2")
                                 .arg(QCoreApplication::applicationPid()).arg(++m_serial);
        // A database name cannot be a bound value; these are made of a constant and numbers.
        // Commits need not wait for the disk: nothing here has to survive a crash.
        if (!admin(QStringLiteral("CREATE DATABASE ") + name)
            || !admin(QStringLiteral("ALTER DATABASE %1 SET synchronous_commit = off").arg(name)))
            return {};
        m_made << name;
        if (schema == Schema::None)
            return name;
        const QString error = Rapport::Database::open(url(name), QStringLiteral("engines-setup"));
        Rapport::Database::close(QStringLiteral("engines-setup"));
        if (!error.isEmpty()) {
            qWarning() << error;
            return {};
        }
        if (m_fingerprint.isEmpty() && !capture(name))
            return {};
        return name;
    }

    // Runs `work` on a connection of its own to the server database `name`.
    template<typename Work>
    bool onDatabase(const QString &name, Work work)
    {
        const QString connection = QStringLiteral("engines-") + name;
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            const QUrl url = serverUrl();
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(name);
            ok = db.open() && work(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        return ok;
    }

    static QString fingerprint(QSqlDatabase &db)
    {
        QSqlQuery q(db);
        q.exec(QStringLiteral(
            "SELECT (SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ','"
            "        ORDER BY table_name, column_name) FROM information_schema.columns"
            "        WHERE table_schema = 'public'),"
            "       (SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
            "        WHERE schemaname = 'public')"));
        return q.next() ? q.value(0).toString() + QLatin1Char('|') + q.value(1).toString()
                        : QString();
    }

    // What a new database holds: its tables' rows and its sequences' values, kept to empty a
    // used database back to just that.
    bool capture(const QString &name)
    {
        return onDatabase(name, [this](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT format('%I', tablename) FROM pg_tables "
                                  "WHERE schemaname = 'public'"));
            QStringList tables;
            while (q.next())
                tables << q.value(0).toString();
            for (const QString &table : std::as_const(tables)) {
                q.exec(QStringLiteral("SELECT json_agg(t)::text FROM %1 t").arg(table));
                if (q.next() && !q.isNull(0))
                    m_rows << std::pair(table, q.value(0).toString());
            }
            q.exec(QStringLiteral("SELECT format('%I', sequencename), last_value FROM "
                                  "pg_sequences WHERE schemaname = 'public' AND last_value "
                                  "IS NOT NULL"));
            while (q.next())
                m_sequences << std::pair(q.value(0).toString(), q.value(1).toLongLong());
            m_truncate = QStringLiteral("TRUNCATE %1 RESTART IDENTITY CASCADE")
                             .arg(tables.join(QStringLiteral(", ")));
            m_fingerprint = fingerprint(db);
            return !tables.isEmpty() && !m_fingerprint.isEmpty();
        });
    }

    // Empties a used database back to a new one's rows; false (it is then left alone) when
    // its schema was changed, or a connection still open holds a lock on it.
    bool reset(const QString &name)
    {
        return onDatabase(name, [this, &name](QSqlDatabase &db) {
            if (fingerprint(db) != m_fingerprint)
                return false;
            QSqlQuery q(db);
            bool ok = q.exec(QStringLiteral("SET lock_timeout = '3s'")) && db.transaction()
                   && q.exec(m_truncate);
            for (const auto &[table, json] : std::as_const(m_rows)) {
                ok = ok && q.prepare(QStringLiteral("INSERT INTO %1 SELECT * FROM "
                                                    "json_populate_recordset(NULL::%1, ?)")
                                         .arg(table));
                q.addBindValue(json);
                ok = ok && q.exec();
            }
            for (const auto &[sequence, value] : std::as_const(m_sequences)) {
                ok = ok && q.prepare(QStringLiteral("SELECT setval(?::regclass, ?)"));
                q.addBindValue(sequence);
                q.addBindValue(value);
                ok = ok && q.exec();
            }
            if (!ok)
                qWarning() << "Cannot empty" << name << q.lastError().text();
            return ok ? db.commit() : (db.rollback(), false);
        });
    }

    bool m_started = false;
    int m_serial = 0;
    QHash<QString, Given> m_given; // by the SQLite path asked for
    QStringList m_free, m_made;
    QString m_fingerprint, m_truncate;
    QList<std::pair<QString, QString>> m_rows;
    QList<std::pair<QString, qint64>> m_sequences;
};

// The database a test opens instead of the SQLite file `sqlitePath` (see above).
inline QString location(const QString &sqlitePath, Schema schema = Schema::Made)
{
    return Pool::instance().location(sqlitePath, schema);
}

inline bool admin(const QString &sql)
{
    return Pool::instance().admin(sql);
}

// A new database per test function, in either engine, as `connection`.
class FreshDatabase
{
public:
    explicit FreshDatabase(const QString &prefix) : m_prefix(prefix) {}

    bool open(const QString &connection)
    {
        m_connection = connection;
        m_location = Engines::location(m_dir.filePath(QStringLiteral("%1-%2.sqlite")
                                                 .arg(m_prefix).arg(++m_serial)));
        const QString error = Rapport::Database::open(m_location, connection);
        if (!error.isEmpty())
            qWarning() << error;
        return error.isEmpty();
    }
    // Closes the connection and gives the server's database back for the next test.
    bool drop()
    {
        if (!m_connection.isEmpty())
            Rapport::Database::close(std::exchange(m_connection, QString()));
        if (postgres() && !m_location.isEmpty())
            Pool::instance().release(std::exchange(m_location, QString()));
        return true;
    }
    QString location() const { return m_location; }
    QString path(const QString &name) const { return m_dir.filePath(name); }

private:
    QString m_prefix;
    QTemporaryDir m_dir;
    QString m_connection, m_location;
    int m_serial = 0;
};

} // namespace Engines

// For a test function that only one engine can run, with the reason.
#define SQLITE_ONLY(reason)                                                                    \
    do {                                                                                       \
        if (Engines::postgres())                                                               \
            QSKIP("SQLite only: " reason);                                                     \
    } while (false)
#define POSTGRESQL_ONLY(reason)                                                                \
    do {                                                                                       \
        if (!Engines::postgres())                                                              \
            QSKIP("PostgreSQL only (see the test's _postgresql run): " reason);                \
    } while (false)
