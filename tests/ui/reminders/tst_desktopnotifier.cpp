// Reminders as desktop notifications, against a notification service of the test's own on a
// private D-Bus session bus: the notification carries the reminder's words and its choices,
// a button pressed on it comes back as the rep's choice, and a reminder dealt with in the
// app is closed on the desktop. Without a service, the tray stands in.
#include "reminders/desktopnotifier.h"
#include "reminders/traynotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QSystemTrayIcon>
#include <QTest>

using namespace Rapport;

namespace {

// The notification service of a desktop, as far as Rapport uses it: it keeps what it is asked.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Shown {
        QString app, icon, summary, body;
        uint replaces = 0;
        QStringList actions;
        QVariantMap hints;
        int timeout = -1;
    };
    QList<Shown> shown;
    QList<uint> closed;
    QStringList capabilities{QStringLiteral("actions"), QStringLiteral("body")};
    bool asked = false;

public Q_SLOTS:
    uint Notify(const QString &app, uint replaces, const QString &icon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints,
                int timeout)
    {
        shown << Shown{app, icon, summary, body, replaces, actions, hints, timeout};
        return replaces ? replaces : uint(100 + shown.size());
    }
    void CloseNotification(uint id) { closed << id; }
    QStringList GetCapabilities()
    {
        asked = true;
        return capabilities;
    }
};

Reminder reminder(qint64 id, const QString &subject, const QString &record)
{
    Reminder r;
    r.activity.id = id;
    r.activity.type = QStringLiteral("Call");
    r.activity.subject = subject;
    r.activity.due = QDateTime(QDate(2026, 12, 2), QTime(10, 30), Qt::UTC);
    r.activity.entity = Entity::Account;
    r.activity.recordId = 3;
    r.activity.recordName = record;
    r.at = r.fireAt = r.activity.due.addSecs(-15 * 60);
    return r;
}

} // namespace

class TestDesktopNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void withoutAServiceTheTrayStandsIn();
    void aClickOnTheTrayMessageOpensTheLastShown();
    void aReminderIsANotificationWithItsChoices();
    void aButtonPressedComesBackAsTheChoice();
    void closedByTheRepIsSaidExpiredIsNot();
    void dealtWithInTheAppIsClosedOnTheDesktop();
    void aServiceThatReadsMarkupGetsItEscaped();

private:
    void emitSignal(const QString &name, const QVariantList &arguments);

    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_address;
    int m_run = 0;
    FakeNotifications *m_service = nullptr;
    QString m_serviceName, m_clientName;
};

void TestDesktopNotifier::initTestCase()
{
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    if (daemon.isEmpty())
        QSKIP("dbus-daemon is not installed (Debian package dbus): no bus to test against");
    // A bus of the test's own, that starts no service of the machine's.
    const QString config = m_dir.filePath(QStringLiteral("bus.conf"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral(
        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
        "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
        "<busconfig><type>session</type><listen>unix:dir=%1</listen>"
        "<auth>EXTERNAL</auth><policy context=\"default\">"
        "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
        "<allow own=\"*\"/>"
        "</policy></busconfig>\n").arg(m_dir.path()).toUtf8());
    file.close();
    m_daemon.setStandardErrorFile(QProcess::nullDevice()); // "cannot raise the fd limit"
    m_daemon.start(daemon, {QStringLiteral("--config-file=") + config,
                            QStringLiteral("--print-address"), QStringLiteral("--nofork")});
    QVERIFY(m_daemon.waitForStarted());
    QVERIFY(m_daemon.waitForReadyRead(10000));
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY(!m_address.isEmpty());
}

void TestDesktopNotifier::cleanupTestCase()
{
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        m_daemon.waitForFinished();
    }
}

void TestDesktopNotifier::init()
{
    // A client and a service of their own for each test, so that nothing carries over.
    ++m_run;
    m_serviceName = QStringLiteral("service%1").arg(m_run);
    m_clientName = QStringLiteral("client%1").arg(m_run);
    QDBusConnection service = QDBusConnection::connectToBus(m_address, m_serviceName);
    QVERIFY(service.isConnected());
    QVERIFY(QDBusConnection::connectToBus(m_address, m_clientName).isConnected());
    m_service = new FakeNotifications;
    QVERIFY(service.registerObject(QStringLiteral("/org/freedesktop/Notifications"), m_service,
                                   QDBusConnection::ExportAllSlots));
}

void TestDesktopNotifier::cleanup()
{
    QDBusConnection::disconnectFromBus(m_clientName);
    QDBusConnection::disconnectFromBus(m_serviceName);
    delete m_service;
    m_service = nullptr;
}

void TestDesktopNotifier::emitSignal(const QString &name, const QVariantList &arguments)
{
    QDBusMessage message = QDBusMessage::createSignal(
        QStringLiteral("/org/freedesktop/Notifications"),
        QStringLiteral("org.freedesktop.Notifications"), name);
    message.setArguments(arguments);
    QVERIFY(QDBusConnection(m_serviceName).send(message));
}

void TestDesktopNotifier::withoutAServiceTheTrayStandsIn()
{
    // GIVEN no bus at all, THEN the tray
    QVERIFY(dynamic_cast<TrayNotifier *>(
        Notifier::forBus(QDBusConnection(QStringLiteral("no such bus"))).get()));
    // GIVEN a bus without a notification service, THEN the tray
    const QDBusConnection client(m_clientName);
    QVERIFY(!DesktopNotifier::isServiceAvailable(client));
    QVERIFY(dynamic_cast<TrayNotifier *>(Notifier::forBus(client).get()));
    // GIVEN the service starts, THEN the desktop's notifications
    QVERIFY(QDBusConnection(m_serviceName)
                .registerService(QStringLiteral("org.freedesktop.Notifications")));
    QVERIFY(DesktopNotifier::isServiceAvailable(client));
    QVERIFY(dynamic_cast<DesktopNotifier *>(Notifier::forBus(client).get()));
}

void TestDesktopNotifier::aClickOnTheTrayMessageOpensTheLastShown()
{
    TrayNotifier tray;
    QSignalSpy chosen(&tray, &Notifier::chosen);
    tray.show(reminder(7, "call Byron", "Acme"));
    tray.show(reminder(8, "send the offer", "Acme"));
    // WHEN the rep clicks the message, THEN the last one shown opens
    Q_EMIT tray.icon()->messageClicked();
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toLongLong(), 8);
    QCOMPARE(chosen.at(0).at(1).value<Notifier::Choice>(), Notifier::Choice::Open);
    // The one before it is next; once dealt with in the app, a click does nothing.
    QCOMPARE(tray.current(), 7);
    tray.withdraw(7);
    QCOMPARE(tray.current(), 0);
    Q_EMIT tray.icon()->messageClicked();
    QCOMPARE(chosen.size(), 1);
    QVERIFY(!tray.icon()->isVisible());
}

void TestDesktopNotifier::aReminderIsANotificationWithItsChoices()
{
    QVERIFY(QDBusConnection(m_serviceName)
                .registerService(QStringLiteral("org.freedesktop.Notifications")));
    DesktopNotifier notifier{QDBusConnection(m_clientName)};
    // WHEN a reminder is shown
    notifier.show(reminder(7, "call Byron", "Acme"));
    // THEN the service is asked for a notification with its words and its choices
    QTRY_COMPARE(m_service->shown.size(), 1);
    const FakeNotifications::Shown &n = m_service->shown.first();
    QCOMPARE(n.summary, QStringLiteral("call Byron"));
    QVERIFY2(n.body.contains(QLatin1String("Call, due")), qPrintable(n.body));
    QVERIFY2(n.body.contains(QLatin1String("Account: Acme")), qPrintable(n.body));
    QCOMPARE(n.icon, QStringLiteral("appointment-soon"));
    QCOMPARE(n.timeout, 0); // stays until the rep acts
    QCOMPARE(n.hints.value("desktop-entry").toString(), QStringLiteral("org.rapportcrm.Rapport"));
    const QStringList keys = {n.actions.value(0), n.actions.value(2), n.actions.value(4),
                              n.actions.value(6), n.actions.value(8), n.actions.value(10)};
    QCOMPARE(keys, (QStringList{"default", "snooze-10m", "snooze-1h", "snooze-tomorrow", "open",
                                "dismiss"}));
    QCOMPARE(n.actions.value(3), QStringLiteral("Snooze 10 minutes"));
    // WHEN it is shown again, THEN it replaces the one on screen
    notifier.show(reminder(7, "call Byron", "Acme"));
    QTRY_COMPARE(m_service->shown.size(), 2);
    QCOMPARE(m_service->shown.last().replaces, 101u);
}

void TestDesktopNotifier::aButtonPressedComesBackAsTheChoice()
{
    QVERIFY(QDBusConnection(m_serviceName)
                .registerService(QStringLiteral("org.freedesktop.Notifications")));
    DesktopNotifier notifier{QDBusConnection(m_clientName)};
    QSignalSpy chosen(&notifier, &Notifier::chosen);
    notifier.show(reminder(7, "call Byron", "Acme"));
    notifier.show(reminder(8, "send the offer", "Acme"));
    QTRY_COMPARE(m_service->shown.size(), 2);
    // WHEN the rep presses "Snooze 1 hour" on the first
    emitSignal(QStringLiteral("ActionInvoked"), {101u, QStringLiteral("snooze-1h")});
    // THEN the scheduler's side hears a snooze of activity 7, and the notification goes
    QTRY_COMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toLongLong(), 7);
    QCOMPARE(chosen.at(0).at(1).value<Notifier::Choice>(), Notifier::Choice::SnoozeHour);
    QTRY_COMPARE(m_service->closed, QList<uint>{101u});
    // WHEN the rep clicks the second one's text, THEN it opens
    emitSignal(QStringLiteral("ActionInvoked"), {102u, QStringLiteral("default")});
    QTRY_COMPARE(chosen.size(), 2);
    QCOMPARE(chosen.at(1).at(0).toLongLong(), 8);
    QCOMPARE(chosen.at(1).at(1).value<Notifier::Choice>(), Notifier::Choice::Open);
    // Another program's notification, or one already dealt with: nothing.
    emitSignal(QStringLiteral("ActionInvoked"), {101u, QStringLiteral("dismiss")});
    emitSignal(QStringLiteral("ActionInvoked"), {555u, QStringLiteral("open")});
    notifier.show(reminder(9, "book the hall", "Acme"));
    QTRY_COMPARE(m_service->shown.size(), 3);
    QCOMPARE(chosen.size(), 2);
}

void TestDesktopNotifier::closedByTheRepIsSaidExpiredIsNot()
{
    QVERIFY(QDBusConnection(m_serviceName)
                .registerService(QStringLiteral("org.freedesktop.Notifications")));
    DesktopNotifier notifier{QDBusConnection(m_clientName)};
    QSignalSpy closed(&notifier, &Notifier::closed);
    notifier.show(reminder(7, "call Byron", "Acme"));
    notifier.show(reminder(8, "send the offer", "Acme"));
    QTRY_COMPARE(m_service->shown.size(), 2);
    // WHEN one expires and the rep closes the other (the specification's reasons 1 and 2)
    emitSignal(QStringLiteral("NotificationClosed"), {101u, 1u});
    emitSignal(QStringLiteral("NotificationClosed"), {102u, 2u});
    // THEN only the rep's closing is a dismissal
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toLongLong(), 8);
}

void TestDesktopNotifier::dealtWithInTheAppIsClosedOnTheDesktop()
{
    QVERIFY(QDBusConnection(m_serviceName)
                .registerService(QStringLiteral("org.freedesktop.Notifications")));
    DesktopNotifier notifier{QDBusConnection(m_clientName)};
    notifier.show(reminder(7, "call Byron", "Acme"));
    QTRY_COMPARE(m_service->shown.size(), 1);
    // WHEN the rep dismisses it in the Reminders window
    notifier.withdraw(7);
    // THEN the service closes it
    QTRY_COMPARE(m_service->closed, QList<uint>{101u});
    // Even when the service has not said its number yet.
    notifier.show(reminder(8, "send the offer", "Acme"));
    notifier.withdraw(8);
    QTRY_COMPARE(m_service->closed, (QList<uint>{101u, 102u}));
    notifier.withdraw(8);
    notifier.withdraw(99);
    notifier.show(reminder(9, "book the hall", "Acme"));
    QTRY_COMPARE(m_service->shown.size(), 3);
    QCOMPARE(m_service->closed.size(), 2);
}

void TestDesktopNotifier::aServiceThatReadsMarkupGetsItEscaped()
{
    // GIVEN a service that reads the body as markup
    m_service->capabilities << QStringLiteral("body-markup");
    QVERIFY(QDBusConnection(m_serviceName)
                .registerService(QStringLiteral("org.freedesktop.Notifications")));
    DesktopNotifier notifier{QDBusConnection(m_clientName)};
    QTRY_VERIFY(m_service->asked);
    // The answer is on its way; a call after it comes back after it.
    QDBusConnection(m_clientName).interface()->isServiceRegistered(QStringLiteral("x"));
    QCoreApplication::processEvents();
    // WHEN the record is "Smith & <Co>"
    notifier.show(reminder(7, "Q&A", "Smith & <Co>"));
    QTRY_COMPARE(m_service->shown.size(), 1);
    // THEN the body says it, not a broken tag; the summary is plain text anyway
    QVERIFY2(m_service->shown.first().body.contains(QLatin1String("Smith &amp; &lt;Co&gt;")),
             qPrintable(m_service->shown.first().body));
    QCOMPARE(m_service->shown.first().summary, QStringLiteral("Q&A"));
}

QTEST_MAIN(TestDesktopNotifier)
#include "tst_desktopnotifier.moc"
