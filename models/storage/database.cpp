#include "storage/database.h"

#include "storage/schema.h"
#include "storage/serverlocation.h"
#include "storage/changechannel.h"
#include "storage/searchindex.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QUrl>
#include <QVariant>

#include <atomic>
#include <filesystem>

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
        QString error;
        const std::optional<ServerLocation> server = ServerLocation::fromUrl(url, &error);
        if (!server)
            return failure(error);
        db.setHostName(server->host);
        db.setPort(server->port);
        db.setUserName(server->user);
        db.setPassword(url.password());
        db.setDatabaseName(server->database);
        // The server's NOTICEs ("relation … already exists, skipping" for the schema's
        // IF [NOT] EXISTS) are not for the user: libpq prints them on stderr, under the
        // app's window and in the middle of rapport-cli's output. Warnings and errors still
        // come through (errors as the query's lastError()).
        // A server that does not answer (the network gone) must not hold the window for
        // long: reconnecting (storage/connectionwatch.h) tries again later instead.
        QStringList options{QStringLiteral("options='-c client_min_messages=warning'"),
                            QStringLiteral("connect_timeout=5")};
        if (const QString tls = server->tlsOptions(); !tls.isEmpty())
            options << tls;
        db.setConnectOptions(options.join(QLatin1Char(';')));
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

// SQLite only: a consistent copy of the whole database next to it, before a migration. Made
// through a connection of its own: VACUUM cannot run inside the transaction that holds the
// database while it is upgraded, and reads what was committed (all of it, under that lock).
QSqlError backup(const QString &location, int version, QString *path)
{
    *path = QStringLiteral("%1.v%2-%3.bak")
                .arg(location)
                .arg(version)
                .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    QFile::remove(*path);
    static std::atomic_int serial = 0;
    const QString name = QStringLiteral("rapport-backup-%1").arg(++serial);
    QSqlError error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(location);
        QSqlQuery q(db);
        if (!db.open()) {
            error = db.lastError();
        } else {
            q.prepare(QStringLiteral("VACUUM INTO ?"));
            q.addBindValue(*path);
            if (!q.exec())
                error = q.lastError();
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (error.isValid())
        return failure(Database::tr("Could not keep a backup copy before upgrading the database: %1")
                           .arg(Transaction::errorText(error)));
    return {};
}

// Whether the database holds Rapport's current schema (`ready`), else the version it has
// (0 for an empty database); an error for another program's or a newer Rapport's data.
// `fileCurrent`: a file would not change in an upgrade but for the version it records.
QSqlError inspect(const Schema &schema, const QSqlDatabase &db, const QString &location,
                  bool *ready, int *version, bool *fileCurrent = nullptr)
{
    *ready = false;
    *version = 0;
    if (fileCurrent)
        *fileCurrent = false;
    if (schema.isEmptyDatabase())
        return {};
    *version = schema.storedVersion();
    if (*version < 0)
        return failure(Database::tr("“%1” holds another program’s data, not a Rapport database.")
                           .arg(location));
    if (*version > Database::SchemaVersion)
        return failure(Database::tr("“%1” was made by a newer Rapport (schema %2; this version reads up "
                          "to %3). Please update Rapport.")
                           .arg(location)
                           .arg(*version)
                           .arg(Database::SchemaVersion));
    // The search index and the change channel's trigger are derived data: a database without
    // them (older Rapport) is upgraded without a new schema version, so that an older Rapport
    // still opens it (its writes keep the index right through the triggers).
    const bool complete = *version >= Schema::LastFileChange && schema.missingColumns().isEmpty()
                       && SearchIndex(db).isComplete() && ChangeChannel(db).isComplete();
    *ready = *version == Database::SchemaVersion && complete;
    if (fileCurrent)
        *fileCurrent = complete;
    return {};
}

// Makes or upgrades the schema. One Rapport at a time does it, and it looks at the database
// again once it has the lock: another one (a second window, rapport-cli beside it) may
// have done it meanwhile.
QSqlError upgrade(QSqlDatabase &db, const QString &location)
{
    Schema schema(db);
    Transaction lock(db.connectionName(), Transaction::Kind::Write);
    if (!lock.isActive())
        return failure(Database::tr("“%1” cannot be used: %2").arg(location, lock.error()));
    if (QSqlError e = schema.lockForUpgrade(); e.isValid())
        return failure(Database::tr("“%1” cannot be used: %2")
                           .arg(location, Transaction::errorText(e)));
    bool ready = false;
    int version = 0;
    bool fileCurrent = false;
    if (QSqlError e = inspect(schema, db, location, &ready, &version, &fileCurrent);
        e.isValid() || ready)
        return e;
    if (schema.isEmptyDatabase()) {
        if (QSqlError e = schema.create(); e.isValid())
            return e;
    } else {
        // A file is copied first, unless the upgrade changes nothing in it but the version it
        // records: then there is nothing a copy could give back, and a million records' copy
        // would cost a gigabyte and most of a minute.
        if (!isServerUrl(location) && !fileCurrent) {
            QString path;
            if (QSqlError e = backup(location, version, &path); e.isValid())
                return e;
            db.driver()->setProperty(BackupProperty, path);
        }
        if (QSqlError e = schema.migrate(version); e.isValid())
            return failure(Database::tr("Upgrading “%1” failed, nothing was changed: %2")
                               .arg(location, Transaction::errorText(e)));
    }
    if (const QString error = lock.commit(); !error.isEmpty())
        return failure(Database::tr("Upgrading “%1” failed, nothing was changed: %2")
                           .arg(location, error));
    return {};
}

QSqlError prepareSchema(QSqlDatabase &db, const QString &location)
{
    Schema schema(db);
    if (QSqlError e = schema.configureConnection(); e.isValid())
        return failure(Database::tr("“%1” cannot be used: %2")
                           .arg(location, Transaction::errorText(e)));
    // Most opens find the schema as it should be, and take no lock.
    bool ready = false;
    int version = 0;
    if (QSqlError e = inspect(schema, db, location, &ready, &version); e.isValid() || ready)
        return e;
    return upgrade(db, location);
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

// The files SQLite keeps beside a database while it is open or after a crash.
QStringList companions(const QString &path)
{
    return {path + QStringLiteral("-wal"), path + QStringLiteral("-shm"),
            path + QStringLiteral("-journal")};
}

bool removeWithCompanions(const QString &path)
{
    bool removed = true;
    for (const QString &file : QStringList{path} + companions(path)) {
        if (QFileInfo::exists(file) && !QFile::remove(file))
            removed = false;
    }
    return removed;
}

// Whether any connection, of this process or another, has the SQLite file open. A Rapport
// connection in WAL mode holds a shared lock on the file for as long as it is open, so an
// exclusive lock (no waiting) is refused exactly while someone has it open.
enum class Use { Free, InUse, NotADatabase };
Use fileUse(const QString &path)
{
    static std::atomic_int serial = 0;
    const QString name = QStringLiteral("rapport-probe-%1").arg(++serial);
    Use use = Use::Free;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
        if (!db.open()) {
            use = Use::NotADatabase;
        } else {
            QSqlQuery q(db);
            // Exclusive locking mode makes even a WAL database take the file's exclusive
            // lock, which BEGIN EXCLUSIVE alone does not in WAL mode.
            for (const char *sql : {"PRAGMA locking_mode = EXCLUSIVE", "BEGIN EXCLUSIVE",
                                    "SELECT COUNT(*) FROM sqlite_master"}) {
                if (q.exec(QLatin1String(sql)))
                    continue;
                const QString code = q.lastError().nativeErrorCode();
                // SQLITE_BUSY, SQLITE_LOCKED: someone has it; anything else (not a
                // database, a broken file) is replaced like any other file.
                use = code == QLatin1String("5") || code == QLatin1String("6") ? Use::InUse
                                                                               : Use::NotADatabase;
                break;
            }
            q.finish();
            if (use == Use::Free)
                q.exec(QStringLiteral("ROLLBACK"));
        }
        db.close(); // the last connection: SQLite checkpoints and deletes the -wal file
    }
    QSqlDatabase::removeDatabase(name);
    return use;
}

} // namespace

QString Database::defaultLocation()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                      + QStringLiteral("/Rapport");
    return dir + QStringLiteral("/rapport.sqlite");
}

QSqlError Database::openImpl(const QString &location, const QString &connectionName)
{
    const QString driver = isServerUrl(location) ? QStringLiteral("QPSQL")
                                                 : QStringLiteral("QSQLITE");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return failure(Database::tr("The %1 database driver is not installed.").arg(driver));
    QSqlError error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, connectionName);
        // A server's address as the messages say it: never with its password.
        const QString shown = isServerUrl(location)
                                ? QUrl(location).toString(QUrl::RemovePassword)
                                : location;
        error = configure(db, location);
        if (!error.isValid() && !db.open())
            error = failure(Database::tr("Cannot open “%1”: %2").arg(shown, db.lastError().text()));
        if (!error.isValid())
            error = prepareSchema(db, shown);
        db.driver()->setProperty(LocationProperty, isServerUrl(location)
                                             ? shown
                                             : QFileInfo(location).absoluteFilePath());
        if (error.isValid())
            db.close();
    }
    if (error.isValid())
        QSqlDatabase::removeDatabase(connectionName);
    return error;
}

QSqlError Database::openCloneImpl(const QString &sourceConnection, const QString &connectionName)
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

QSqlError Database::createFreshImpl(const QString &path, const QString &connectionName)
{
    if (isServerUrl(path))
        return failure(tr("A new database is a file; “%1” is a server.")
                           .arg(QUrl(path).toString(QUrl::RemovePassword)));
    const QFileInfo info(path);
    if (info.isDir())
        return failure(tr("“%1” is a folder, not a Rapport database.").arg(path));
    if (!QDir().mkpath(info.absolutePath()))
        return failure(tr("Cannot create the folder “%1”.").arg(info.absolutePath()));
    if (info.exists() && fileUse(path) == Use::InUse)
        return failure(tr("“%1” is open in another Rapport window or program (such as "
                          "rapport-cli), so it cannot be replaced by a new database. Close it "
                          "there and try again; nothing was changed.").arg(path));

    // The new database is made beside the old one under another name and then renamed over
    // it, so that a failure on the way leaves the old database as it was.
    QTemporaryFile temp(info.absolutePath() + QStringLiteral("/.rapport-new-XXXXXX.sqlite"));
    if (!temp.open())
        return failure(tr("Cannot create a new database in “%1”: %2")
                           .arg(info.absolutePath(), temp.errorString()));
    const QString tempPath = temp.fileName();
    temp.close(); // an empty file: open() makes it a new database
    const QString tempConnection = connectionName + QStringLiteral("-new");
    if (QSqlError e = openImpl(tempPath, tempConnection); e.isValid()) {
        removeWithCompanions(tempPath);
        return e;
    }
    close(tempConnection); // the last connection: nothing is left in a -wal file
    temp.setAutoRemove(false);
    // The old database's companions go first: a -wal file left beside the new database
    // would be read back into it.
    bool replaced = true;
    for (const QString &file : companions(info.absoluteFilePath())) {
        if (QFileInfo::exists(file) && !QFile::remove(file))
            replaced = false;
    }
    std::error_code error;
    if (replaced) {
        std::filesystem::rename(tempPath.toStdU16String(),
                                info.absoluteFilePath().toStdU16String(), error);
        replaced = !error;
    }
    if (!replaced) {
        removeWithCompanions(tempPath);
        return failure(tr("“%1” cannot be replaced: %2")
                           .arg(path, error ? QString::fromStdString(error.message())
                                            : tr("its files cannot be removed.")));
    }
    return openImpl(path, connectionName);
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

QString Database::message(const QSqlError &error)
{
    if (!error.isValid())
        return {};
    return error.text().trimmed().isEmpty() ? tr("The database cannot be opened.") : error.text();
}

bool Database::isServerLocation(const QString &location)
{
    return isServerUrl(location);
}

QString Database::open(const QString &location, const QString &connectionName)
{
    return message(openImpl(location, connectionName));
}

QString Database::openClone(const QString &sourceConnection, const QString &connectionName)
{
    return message(openCloneImpl(sourceConnection, connectionName));
}

QString Database::createFresh(const QString &path, const QString &connectionName)
{
    return message(createFreshImpl(path, connectionName));
}

} // namespace Rapport
