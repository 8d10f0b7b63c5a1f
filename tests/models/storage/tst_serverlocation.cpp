// A team server's address: what the connect dialog's fields become as a postgresql:// URL
// and back, the TLS modes, and the mistakes said before anything is tried (an empty field, a
// hostile server name, a CA file that is not there). Opening with a TLS mode reaches the
// server when RAPPORT_TEST_POSTGRESQL names one.
#include "storage/database.h"
#include "storage/serverlocation.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Rapport;

class TestServerLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void addressWithoutAMode();
    void mistakesAreSaid();
    void tlsOptions();
    void passwordNeverInMessages();
    void opensWithTheModeGiven();
};

void TestServerLocation::roundTrip()
{
    QTemporaryDir dir;
    ServerLocation in;
    in.host = QStringLiteral("crm.example.com");
    in.port = 6543;
    in.database = QStringLiteral("sales team");
    in.user = QStringLiteral("anna.müller");
    in.tls = ServerLocation::Tls::VerifyFull;
    in.caFile = dir.filePath(QStringLiteral("root & ca's.crt"));
    const QUrl url = in.url();
    QCOMPARE(url.scheme(), QString("postgresql"));
    QVERIFY(url.password().isEmpty());
    QString error;
    const std::optional<ServerLocation> out = ServerLocation::fromUrl(QUrl(url.toString()), &error);
    QVERIFY2(out, qPrintable(error));
    QCOMPARE(out->host, in.host);
    QCOMPARE(out->port, in.port);
    QCOMPARE(out->database, in.database);
    QCOMPARE(out->user, in.user);
    QCOMPARE(out->tls, in.tls);
    QCOMPARE(out->caFile, in.caFile);
    QCOMPARE(out->keyringKey(), QString("anna.müller@crm.example.com:6543/sales team"));
}

void TestServerLocation::addressWithoutAMode()
{
    // An address typed by hand, as psql takes it: libpq's own default, no sslmode given
    const auto plain = ServerLocation::fromUrl(QUrl("postgres://rep@db.local/crm"));
    QVERIFY(plain);
    QCOMPARE(plain->tls, ServerLocation::Tls::Prefer);
    QCOMPARE(plain->port, 5432);
    QCOMPARE(plain->tlsOptions(), QString());
    QVERIFY(!plain->url().toString().contains("sslmode"));
    QString error;
    QVERIFY(!ServerLocation::fromUrl(QUrl("postgresql://rep@db.local/crm?sslmode=sometimes"),
                                     &error));
    QVERIFY2(error.contains("“sometimes” is not a TLS mode"), qPrintable(error));
    QVERIFY(!ServerLocation::fromUrl(QUrl("/home/rep/crm.sqlite"), &error));
}

void TestServerLocation::mistakesAreSaid()
{
    ServerLocation l;
    l.host = QStringLiteral("db.example.com");
    l.database = QStringLiteral("crm");
    l.user = QStringLiteral("rep");
    QCOMPARE(l.check(), QString());
    ServerLocation bad = l;
    bad.host = QStringLiteral("  ");
    QVERIFY(bad.check().contains("server's name"));
    for (const char *hostile : {"db'; DROP TABLE leads; --", "db example", "db/../etc",
                                "host=evil sslmode=disable"}) {
        bad.host = QString::fromUtf8(hostile);
        QVERIFY2(bad.check().contains("is not a server name"), hostile);
    }
    bad = l;
    bad.database.clear();
    QVERIFY(bad.check().contains("name of the database"));
    bad = l;
    bad.user = QStringLiteral("rep\nx");
    QVERIFY(bad.check().contains("control characters"));
    bad = l;
    bad.tls = ServerLocation::Tls::VerifyFull;
    QVERIFY(bad.check().contains("certificate authority that signed"));
    bad.caFile = QStringLiteral("/nonexistent/root.crt");
    QVERIFY(bad.check().contains("cannot be read"));
    l.host = QStringLiteral("[::1]");
    QCOMPARE(l.check(), QString());
}

void TestServerLocation::tlsOptions()
{
    ServerLocation l;
    l.tls = ServerLocation::Tls::Require;
    QCOMPARE(l.tlsOptions(), QString("sslmode=require"));
    l.tls = ServerLocation::Tls::VerifyFull;
    l.caFile = QStringLiteral("/certs/it's \\ root.crt");
    // quoted as libpq reads a value, so a space or quote cannot start another option
    QCOMPARE(l.tlsOptions(), QString("sslmode=verify-full;sslrootcert='/certs/it\\'s \\\\ root.crt'"));
}

void TestServerLocation::passwordNeverInMessages()
{
    // A server that is not there: the message names it, without the password
    const QString e = Database::open(
        QStringLiteral("postgresql://rep:s3cret-pw@127.0.0.1:1/crm?sslmode=disable"), "nowhere");
    QVERIFY(!e.isEmpty());
    QVERIFY2(!e.contains("s3cret-pw"), qPrintable(e));
    QVERIFY2(e.contains("postgresql://rep@127.0.0.1:1/crm"), qPrintable(e));
}

void TestServerLocation::opensWithTheModeGiven()
{
    const QUrl server(qEnvironmentVariable("RAPPORT_TEST_POSTGRESQL"));
    if (server.isEmpty())
        QSKIP("RAPPORT_TEST_POSTGRESQL (a postgresql:// URL) is not set");
    std::optional<ServerLocation> l = ServerLocation::fromUrl(server);
    QVERIFY(l);
    // TLS off, and a CA file that did not sign the server's certificate: refused, said so
    l->tls = ServerLocation::Tls::Disable;
    QUrl url = l->url();
    url.setPassword(server.password());
    QCOMPARE(Database::open(url.toString(), "tls-off"), QString());
    Database::close("tls-off");
    QTemporaryDir dir;
    const QString ca = dir.filePath("other-ca.crt");
    QFile f(ca);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    f.close();
    l->tls = ServerLocation::Tls::VerifyFull;
    l->caFile = ca;
    url = l->url();
    url.setPassword(server.password());
    const QString refused = Database::open(url.toString(), "tls-verify");
    QVERIFY2(!refused.isEmpty(), "a CA that signed nothing must not be trusted");
    QVERIFY2(!refused.contains(QLatin1Char(':') + server.password() + QLatin1Char('@')),
             qPrintable(refused));
}

QTEST_GUILESS_MAIN(TestServerLocation)
#include "tst_serverlocation.moc"
