#include "storage/database.h"

#include "storage/schema.h"
#include "storage/searchindex.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QVariant>

namespace Rapport {

namespace {

const char *const LocationProperty = "rapportLocation";
const char *const BackupProperty = "rapportBackup";

QSqlError failure(const QString &message)
{
    return QSqlError(message, QString(), QSqlError::ConnectionError);
}

bool isServerUrl(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://"))
        || location.startsWith(QLatin1String("postgres://"));
}

// An SQLite file must start with this; anything else is not a database at all.
bool looksLikeSqlite(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    if (f.size() == 0)
        return true; // an empty file becomes a new database
    return f.read(16) == QByteArray("SQLite format 3\0", 16);
}

QSqlError configure(QSqlDatabase &db, const QString &location)
{
    if (isServerUrl(location)) {
        const QUrl url(location);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        // The server's NOTICEs ("relation … already exists, skipping" for the schema's
        // IF [NOT] EXISTS) are not for the user: libpq prints them on stderr, under the
        // app's window and in the middle of rapport-cli's output. Warnings and errors still
        // come through (errors as the query's lastError()).
        db.setConnectOptions(QStringLiteral("options='-c client_min_messages=warning'"));
        return {};
    }
    const QFileInfo info(location);
    if (info.exists() && info.isDir())
        return failure(Database::tr("“%1” is a folder, not a Rapport database.").arg(location));
    if (info.exists() && !looksLikeSqlite(location))
        return failure(Database::tr("“%1” is not a Rapport database (it is not an SQLite file).")
                           .arg(location));
    if (!info.exists() && !QDir().mkpath(info.absolutePath()))
        return failure(Database::tr("Cannot create the folder “%1”.").arg(info.absolutePath()));
    db.setDatabaseName(location);
    return {};
}

// SQLite only: a consistent copy of the whole database next to it, before a migration.
QSqlError backup(QSqlDatabase &db, const QString &location, int version, QString *path)
{
    *path = QStringLiteral("%1.v%2-%3.bak")
                .arg(location)
                .arg(version)
                .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    QFile::remove(*path);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("VACUUM INTO ?"));
    q.addBindValue(*path);
    if (!q.exec())
        return failure(Database::tr("Could not keep a backup copy before upgrading the database: %1")
                           .arg(q.lastError().text()));
    return {};
}

QSqlError prepareSchema(QSqlDatabase &db, const QString &location)
{
    Schema schema(db);
    if (QSqlError e = schema.configureConnection(); e.isValid())
        return failure(Database::tr("“%1” cannot be used: %2").arg(location, e.text()));
    if (schema.isEmptyDatabase())
        return schema.create();
    const int version = schema.storedVersion();
    if (version < 0)
        return failure(Database::tr("“%1” holds another program’s data, not a Rapport database.")
                           .arg(location));
    if (version > Database::SchemaVersion)
        return failure(Database::tr("“%1” was made by a newer Rapport (schema %2; this version reads up "
                          "to %3). Please update Rapport.")
                           .arg(location)
                           .arg(version)
                           .arg(Database::SchemaVersion));
    // The search index is derived data: a database without it (older Rapport) is upgraded
    // without a new schema version, so that an older Rapport still opens it (its writes
    // keep the index right through the triggers).
    if (version == Database::SchemaVersion && schema.missingColumns().isEmpty()
        && SearchIndex(db).isComplete())
        return {};
    if (!isServerUrl(location)) {
        QString path;
        if (QSqlError e = backup(db, location, version, &path); e.isValid())
            return e;
        db.driver()->setProperty(BackupProperty, path);
    }
    if (QSqlError e = schema.migrate(version); e.isValid())
        return failure(Database::tr("Upgrading “%1” failed, nothing was changed: %2")
                           .arg(location, e.text()));
    return {};
}

// What displayLocation() says for a clone, from its own settings (see openClone()).
QString cloneLocation(const QSqlDatabase &db)
{
    if (db.driverName() != QLatin1String("QPSQL"))
        return QFileInfo(db.databaseName()).absoluteFilePath();
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(db.userName());
    url.setHost(db.hostName());
    url.setPort(db.port());
    url.setPath(QLatin1Char('/') + db.databaseName());
    return url.toString();
}

} // namespace

QString Database::defaultLocation()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                      + QStringLiteral("/Rapport");
    return dir + QStringLiteral("/rapport.sqlite");
}

QSqlError Database::open(const QString &location, const QString &connectionName)
{
    const QString driver = isServerUrl(location) ? QStringLiteral("QPSQL")
                                                 : QStringLiteral("QSQLITE");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return failure(Database::tr("The %1 database driver is not installed.").arg(driver));
    QSqlError error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, connectionName);
        error = configure(db, location);
        if (!error.isValid() && !db.open())
            error = failure(Database::tr("Cannot open “%1”: %2").arg(location, db.lastError().text()));
        if (!error.isValid())
            error = prepareSchema(db, location);
        const QUrl url(location);
        db.driver()->setProperty(LocationProperty, isServerUrl(location)
                                             ? url.toString(QUrl::RemovePassword)
                                             : QFileInfo(location).absoluteFilePath());
        if (error.isValid())
            db.close();
    }
    if (error.isValid())
        QSqlDatabase::removeDatabase(connectionName);
    return error;
}

QSqlError Database::openClone(const QString &sourceConnection, const QString &connectionName)
{
    QSqlError error;
    {
        // By name: QSqlDatabase::database() refuses a connection of another thread, and a
        // clone is made on the worker thread that is going to use it.
        QSqlDatabase db = QSqlDatabase::cloneDatabase(sourceConnection, connectionName);
        if (!db.isValid())
            return failure(tr("There is no open database to work on."));
        if (!db.open()) {
            error = db.lastError();
        } else {
            db.driver()->setProperty(LocationProperty, cloneLocation(db));
            error = Schema(db).configureConnection();
        }
    }
    if (error.isValid())
        QSqlDatabase::removeDatabase(connectionName);
    return error;
}

void Database::close(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

QString Database::displayLocation(const QString &connectionName)
{
    return QSqlDatabase::database(connectionName, false).driver()->property(LocationProperty).toString();
}

QString Database::lastBackupPath(const QString &connectionName)
{
    return QSqlDatabase::database(connectionName, false).driver()->property(BackupProperty).toString();
}

bool Database::isPostgres(const QString &connectionName)
{
    return QSqlDatabase::database(connectionName, false).driverName() == QLatin1String("QPSQL");
}

} // namespace Rapport
