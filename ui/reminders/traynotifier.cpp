#include "reminders/traynotifier.h"

#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>

namespace Rapport {

TrayNotifier::TrayNotifier(QObject *parent)
    : Notifier(parent)
    , m_icon(new QSystemTrayIcon(QIcon::fromTheme(QStringLiteral("appointment-soon")), this))
    , m_menu(new QMenu)
{
    m_icon->setObjectName(QStringLiteral("reminderTrayIcon"));
    m_menu->setObjectName(QStringLiteral("reminderTrayMenu"));
    for (const Choice c : {Choice::Open, Choice::SnoozeTenMinutes, Choice::SnoozeHour,
                           Choice::SnoozeTomorrow, Choice::Dismiss}) {
        if (c == Choice::Dismiss || c == Choice::SnoozeTenMinutes)
            m_menu->addSeparator();
        m_menu->addAction(text(c), this, [this, c] { choose(c); });
    }
    m_icon->setContextMenu(m_menu);
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, [this] { choose(Choice::Open); });
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
            choose(Choice::Open);
    });
}

TrayNotifier::~TrayNotifier()
{
    delete m_menu; // a context menu has no parent: the tray does not own it
}

bool TrayNotifier::canShow() const
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayNotifier::show(const Reminder &reminder)
{
    drop(reminder.activity.id);
    m_waiting.append({reminder.activity.id, summary(reminder)});
    update();
    m_icon->showMessage(summary(reminder), body(reminder),
                        QIcon::fromTheme(QStringLiteral("appointment-soon")), 0);
}

void TrayNotifier::withdraw(qint64 activityId)
{
    drop(activityId);
    update();
}

void TrayNotifier::drop(qint64 activityId)
{
    m_waiting.removeIf([activityId](const auto &w) { return w.first == activityId; });
}

void TrayNotifier::update()
{
    m_icon->setVisible(!m_waiting.isEmpty());
    if (!m_waiting.isEmpty())
        m_icon->setToolTip(tr("Reminder: %1").arg(m_waiting.last().second));
}

void TrayNotifier::choose(Choice choice)
{
    const qint64 activity = current();
    if (!activity)
        return;
    withdraw(activity);
    Q_EMIT chosen(activity, choice);
}

} // namespace Rapport
