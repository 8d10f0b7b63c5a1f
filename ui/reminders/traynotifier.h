#pragma once
// Reminders where the desktop has no notification service: a message from an icon in the
// system tray. A click on the message opens the activity; the icon's menu holds the other
// choices for the last reminder shown. The icon shows only while a reminder waits.

#include "reminders/notifier.h"

#include <QList>

#include <utility>

class QMenu;
class QSystemTrayIcon;

namespace Rapport {

class TrayNotifier : public Notifier
{
    Q_OBJECT

public:
    explicit TrayNotifier(QObject *parent = nullptr);
    ~TrayNotifier() override;

    void show(const Reminder &reminder) override;
    void withdraw(qint64 activityId) override;
    bool canShow() const override;

    QSystemTrayIcon *icon() const { return m_icon; }
    // The activity whose reminder a click on the message or the icon's menu acts on; 0 none.
    qint64 current() const { return m_waiting.isEmpty() ? 0 : m_waiting.last().first; }

private:
    void choose(Choice choice);
    void drop(qint64 activityId);
    void update();

    QSystemTrayIcon *m_icon;
    QMenu *m_menu;
    // Shown and not dealt with (activity id, summary), the last shown last.
    QList<std::pair<qint64, QString>> m_waiting;
};

} // namespace Rapport
