// File › Connect to Server… as a user meets it: the dialog's fields and what it refuses before
// trying, then the window connecting to a real PostgreSQL server (RAPPORT_TEST_POSTGRESQL):
// a wrong password is said in the dialog with what was typed kept, the right one opens the
// team's database in the window, and the app's address never holds the password.
#include "support/engines.h"
#include "window/connectdialog.h"
#include "window/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Rapport;

class TestConnectDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fieldsAndTls();
    void mistakesKeepTheDialogOpen();
    void windowConnectsToTheServer();

private:
    // Runs `step` on the connect dialog once it is shown (it is modal).
    void whenShown(std::function<void(ConnectDialog *)> step);
    QTemporaryDir m_dir;
};

void TestConnectDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_connectdialog");
    QSettings().clear();
}

void TestConnectDialog::whenShown(std::function<void(ConnectDialog *)> step)
{
    QTimer::singleShot(0, this, [this, step] {
        auto *dialog = qobject_cast<ConnectDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            whenShown(step); // not up yet
            return;
        }
        step(dialog);
    });
}

void TestConnectDialog::fieldsAndTls()
{
    ServerLocation initial;
    initial.user = QStringLiteral("rep");
    ConnectDialog dialog(initial);
    auto *host = dialog.findChild<QLineEdit *>("hostEdit");
    auto *database = dialog.findChild<QLineEdit *>("databaseEdit");
    auto *connectButton = dialog.findChild<QPushButton *>("connectButton");
    auto *tls = dialog.findChild<QComboBox *>("tlsCombo");
    auto *ca = dialog.findChild<QLineEdit *>("caFileEdit");
    // GIVEN a new dialog: the login is this machine's, the server is to type first
    QCOMPARE(dialog.findChild<QLineEdit *>("userEdit")->text(), QString("rep"));
    QCOMPARE(dialog.findChild<QSpinBox *>("portSpin")->value(), 5432);
    QVERIFY(!connectButton->isEnabled());
    QCOMPARE(ServerLocation::Tls(tls->currentData().toInt()), ServerLocation::Tls::Require);
    QVERIFY(!ca->isEnabled());
    QVERIFY(dialog.findChild<QCheckBox *>("keepPasswordCheck")->isChecked());
    QCOMPARE(dialog.findChild<QLineEdit *>("passwordEdit")->echoMode(), QLineEdit::Password);
    // WHEN the server and database are typed, THEN Connect can be pressed
    QTest::keyClicks(host, "db.example.com");
    QTest::keyClicks(database, "crm");
    QVERIFY(connectButton->isEnabled());
    // WHEN the certificate is to be checked, THEN its authority's file can be named
    tls->setCurrentIndex(tls->findData(int(ServerLocation::Tls::VerifyFull)));
    QVERIFY(ca->isEnabled());
    QVERIFY(dialog.findChild<QPushButton *>("browseCaButton")->isEnabled());
    QTest::keyClicks(ca, "/etc/ssl/certs/team-ca.crt");
    const ServerLocation l = dialog.location();
    QCOMPARE(l.host, QString("db.example.com"));
    QCOMPARE(l.database, QString("crm"));
    QCOMPARE(l.tls, ServerLocation::Tls::VerifyFull);
    QCOMPARE(l.caFile, QString("/etc/ssl/certs/team-ca.crt"));
}

void TestConnectDialog::mistakesKeepTheDialogOpen()
{
    ServerLocation initial;
    initial.user = QStringLiteral("rep");
    ConnectDialog dialog(initial);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(dialog.findChild<QLineEdit *>("hostEdit"), "db'; DROP TABLE leads");
    QTest::keyClicks(dialog.findChild<QLineEdit *>("databaseEdit"), "crm");
    QTest::mouseClick(dialog.findChild<QPushButton *>("connectButton"), Qt::LeftButton);
    auto *message = dialog.findChild<QLabel *>("connectMessage");
    QVERIFY(dialog.isVisible());
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains("is not a server name"), qPrintable(message->text()));
    // The file of a certificate authority that is not there is said too
    auto *host = dialog.findChild<QLineEdit *>("hostEdit");
    host->clear();
    QTest::keyClicks(host, "db.example.com");
    auto *tls = dialog.findChild<QComboBox *>("tlsCombo");
    tls->setCurrentIndex(tls->findData(int(ServerLocation::Tls::VerifyFull)));
    QTest::keyClicks(dialog.findChild<QLineEdit *>("caFileEdit"), m_dir.filePath("none.crt"));
    QTest::mouseClick(dialog.findChild<QPushButton *>("connectButton"), Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QVERIFY2(message->text().contains("cannot be read"), qPrintable(message->text()));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestConnectDialog::windowConnectsToTheServer()
{
    const QUrl server = Engines::serverUrl();
    if (server.isEmpty())
        QSKIP("RAPPORT_TEST_POSTGRESQL (a postgresql:// URL) is not set");
    const QString name = QStringLiteral("rapport_connect_%1").arg(QCoreApplication::applicationPid());
    QVERIFY(Engines::admin(QStringLiteral("CREATE DATABASE ") + name));
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDatabase(m_dir.filePath("local.sqlite")));
        QString seen;
        bool secondTry = false;
        // GIVEN the user fills the dialog with a wrong password
        whenShown([&](ConnectDialog *dialog) {
            auto *host = dialog->findChild<QLineEdit *>("hostEdit");
            host->clear();
            QTest::keyClicks(host, server.host());
            dialog->findChild<QSpinBox *>("portSpin")->setValue(server.port(5432));
            auto *database = dialog->findChild<QLineEdit *>("databaseEdit");
            database->clear();
            QTest::keyClicks(database, name);
            auto *user = dialog->findChild<QLineEdit *>("userEdit");
            user->clear();
            QTest::keyClicks(user, server.userName());
            auto *tls = dialog->findChild<QComboBox *>("tlsCombo");
            tls->setCurrentIndex(tls->findData(int(ServerLocation::Tls::Disable)));
            QTest::keyClicks(dialog->findChild<QLineEdit *>("passwordEdit"), "wrong password");
            dialog->findChild<QCheckBox *>("keepPasswordCheck")->setChecked(false);
            QTest::mouseClick(dialog->findChild<QPushButton *>("connectButton"), Qt::LeftButton);
            // WHEN the server refuses, THEN the dialog says why and keeps what was typed
            whenShown([&](ConnectDialog *again) {
                seen = again->findChild<QLabel *>("connectMessage")->text();
                secondTry = again->findChild<QLineEdit *>("databaseEdit")->text() == name;
                auto *password = again->findChild<QLineEdit *>("passwordEdit");
                password->clear();
                QTest::keyClicks(password, server.password());
                QTest::mouseClick(again->findChild<QPushButton *>("connectButton"),
                                  Qt::LeftButton);
            });
        });
        window.findChild<QAction *>("connectServerAction")->trigger();
        QVERIFY2(seen.contains("password", Qt::CaseInsensitive), qPrintable(seen));
        QVERIFY(!seen.contains("wrong password"));
        QVERIFY(secondTry);
        // THEN with the right password the window works on the server's database
        QVERIFY(Database::isPostgres(window.connectionName()));
        QVERIFY2(window.windowTitle().contains(name), qPrintable(window.windowTitle()));
        const QString shown = Database::displayLocation(window.connectionName());
        QVERIFY2(shown.startsWith("postgresql://"), qPrintable(shown));
        QVERIFY2(!shown.contains(QLatin1Char(':') + server.password() + QLatin1Char('@')),
                 qPrintable(shown));
        QVERIFY(shown.contains("sslmode=disable"));
    }
    QVERIFY(Engines::admin(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(name)));
}

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
