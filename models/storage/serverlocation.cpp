#include "storage/serverlocation.h"

#include <QFileInfo>
#include <QUrlQuery>

namespace Rapport {

namespace {

// A libpq connection-string value in quotes: backslash and quote escaped.
QString quoted(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

bool hasControl(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

} // namespace

QString ServerLocation::tlsName(Tls tls)
{
    switch (tls) {
    case Tls::Disable: return QStringLiteral("disable");
    case Tls::Prefer: return QStringLiteral("prefer");
    case Tls::Require: return QStringLiteral("require");
    case Tls::VerifyFull: return QStringLiteral("verify-full");
    }
    return {};
}

std::optional<ServerLocation::Tls> ServerLocation::tlsFromName(const QString &name)
{
    for (Tls tls : {Tls::Disable, Tls::Prefer, Tls::Require, Tls::VerifyFull}) {
        if (name.compare(tlsName(tls), Qt::CaseInsensitive) == 0)
            return tls;
    }
    return std::nullopt;
}

QString ServerLocation::check() const
{
    const QString name = host.trimmed();
    if (name.isEmpty())
        return tr("Enter the server's name or address.");
    // A name or address is letters, digits and . - : _ [ ] (IPv6); anything else, such as a
    // space, a quote or a slash, is a typing mistake or worse.
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() || QStringLiteral(".-:_[]").contains(c)))
            return tr("“%1” is not a server name or address.").arg(name);
    }
    if (port < 1 || port > 65535)
        return tr("The port is a number from 1 to 65535.");
    if (database.trimmed().isEmpty())
        return tr("Enter the name of the database on the server.");
    if (user.trimmed().isEmpty())
        return tr("Enter your login name on the server.");
    if (hasControl(database) || hasControl(user))
        return tr("The database and login names cannot hold control characters.");
    if (tls == Tls::VerifyFull) {
        if (caFile.isEmpty())
            return tr("Choose the file of the certificate authority that signed the server's "
                      "certificate, to check it against.");
        const QFileInfo file(caFile);
        if (!file.isFile() || !file.isReadable())
            return tr("The certificate authority's file “%1” cannot be read.").arg(caFile);
        // libpq's connection options are separated by ';' in Qt's driver.
        if (caFile.contains(QLatin1Char(';')) || hasControl(caFile))
            return tr("The path of the certificate authority's file cannot hold ';'; move the "
                      "file to a folder without one.");
    }
    return {};
}

QUrl ServerLocation::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user.trimmed());
    url.setHost(host.trimmed());
    url.setPort(port);
    url.setPath(QLatin1Char('/') + database.trimmed());
    QUrlQuery query;
    if (tls != Tls::Prefer)
        query.addQueryItem(QStringLiteral("sslmode"), tlsName(tls));
    if (tls == Tls::VerifyFull && !caFile.isEmpty())
        query.addQueryItem(QStringLiteral("sslrootcert"),
                           QString(caFile).replace(QLatin1Char('&'), QLatin1String("%26")));
    url.setQuery(query);
    return url;
}

std::optional<ServerLocation> ServerLocation::fromUrl(const QUrl &url, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<ServerLocation> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres"))
        return fail(tr("“%1” is not a postgresql:// address.").arg(url.toString(QUrl::RemovePassword)));
    if (!url.isValid())
        return fail(tr("“%1” is not a server address: %2")
                        .arg(url.toString(QUrl::RemovePassword), url.errorString()));
    ServerLocation location;
    location.host = url.host();
    location.port = url.port(5432);
    location.database = url.path().mid(1);
    location.user = url.userName();
    const QUrlQuery query(url);
    // An address without a mode keeps libpq's default, as psql does with it.
    const QString mode = query.queryItemValue(QStringLiteral("sslmode"), QUrl::FullyDecoded);
    location.tls = Tls::Prefer;
    if (!mode.isEmpty()) {
        const std::optional<Tls> tls = tlsFromName(mode);
        if (!tls)
            return fail(tr("“%1” is not a TLS mode Rapport knows (disable, prefer, require or "
                           "verify-full).").arg(mode));
        location.tls = *tls;
    }
    location.caFile = query.queryItemValue(QStringLiteral("sslrootcert"), QUrl::FullyDecoded);
    return location;
}

QString ServerLocation::keyringKey() const
{
    return QStringLiteral("%1@%2:%3/%4").arg(user.trimmed(), host.trimmed()).arg(port)
        .arg(database.trimmed());
}

QString ServerLocation::tlsOptions() const
{
    if (tls == Tls::Prefer)
        return {};
    QString options = QStringLiteral("sslmode=") + tlsName(tls);
    if (tls == Tls::VerifyFull && !caFile.isEmpty())
        options += QStringLiteral(";sslrootcert=") + quoted(caFile);
    return options;
}

} // namespace Rapport
