#pragma once
// Where a team's PostgreSQL database is: server, port, database, login role and how the
// connection is secured (TLS off, required, or required with the server's certificate checked
// against a CA file). Written as the `postgresql://` URL that Database::open takes, the
// command line's --db and the app's argument accept, and File › Open Recent remembers; the
// password is never part of it (it stays in the desktop keyring, storage/keyring.h).

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

namespace Rapport {

struct ServerLocation {
    Q_DECLARE_TR_FUNCTIONS(Rapport::ServerLocation)

public:
    // Prefer is libpq's default, TLS when the server offers it: what an address naming no
    // mode gets; the connect dialog offers the other three.
    enum class Tls { Disable, Prefer, Require, VerifyFull };

    QString host;
    int port = 5432;
    QString database;
    QString user;
    Tls tls = Tls::Require;
    QString caFile; // for VerifyFull

    // "" when the location can be tried, else what to fix, for the user.
    QString check() const;
    // postgresql://user@host:port/database?sslmode=…[&sslrootcert=…], no password.
    QUrl url() const;
    // The fields of a postgresql:// (or postgres://) URL; nullopt and `error` when it is none.
    static std::optional<ServerLocation> fromUrl(const QUrl &url, QString *error = nullptr);
    // What the keyring files the password under: one per role on a server's database.
    QString keyringKey() const;
    // The libpq connection options for the TLS mode (QSqlDatabase::setConnectOptions syntax);
    // "" for Prefer.
    QString tlsOptions() const;

    static QString tlsName(Tls tls);
    static std::optional<Tls> tlsFromName(const QString &name);
};

} // namespace Rapport
