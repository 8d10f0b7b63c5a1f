#include "storage/keyring.h"

#include "storage/serverlocation.h"

#include <QEventLoop>
#include <QUrl>

#include <qt6keychain/keychain.h>

namespace Rapport {

namespace {

// Starts `job` and waits for it to finish.
void run(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
}

} // namespace

std::optional<QString> Keyring::read(const QString &key, QString *error)
{
    QKeychain::ReadPasswordJob job{QLatin1String(Service)};
    job.setKey(key);
    run(job);
    if (job.error() == QKeychain::NoError) {
        if (error)
            error->clear();
        return job.textData();
    }
    if (error) {
        *error = job.error() == QKeychain::EntryNotFound
                     ? QString()
                     : tr("The desktop keyring could not be read: %1").arg(job.errorString());
    }
    return std::nullopt;
}

QString Keyring::write(const QString &key, const QString &password)
{
    QKeychain::WritePasswordJob job{QLatin1String(Service)};
    job.setKey(key);
    job.setTextData(password);
    run(job);
    if (job.error() == QKeychain::NoError)
        return {};
    return tr("The password could not be kept in the desktop keyring: %1")
        .arg(job.errorString());
}

QString Keyring::forget(const QString &key)
{
    QKeychain::DeletePasswordJob job{QLatin1String(Service)};
    job.setKey(key);
    run(job);
    if (job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound)
        return {};
    return tr("The password could not be taken out of the desktop keyring: %1")
        .arg(job.errorString());
}

QString Keyring::withPassword(const QString &location)
{
    QUrl url(location);
    if (!url.password().isEmpty())
        return location;
    const std::optional<ServerLocation> server = ServerLocation::fromUrl(url);
    if (!server)
        return location;
    const std::optional<QString> password = read(server->keyringKey());
    if (!password || password->isEmpty())
        return location;
    url.setPassword(*password);
    return url.toString();
}

} // namespace Rapport
