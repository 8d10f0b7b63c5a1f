#pragma once
// Reminders in the main window: View › Reminders…, the scheduler of the open database, the
// Notifier that shows what comes due, and the Reminders window. The window calls
// setDatabase() as it opens and closes databases and recheck() after its writes; what the
// rep opens from a reminder comes back as openRequested().

#include "records/fielddef.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QAction;
class QMainWindow;
class QMenu;

namespace Rapport {

class Notifier;
class ReminderScheduler;
class RemindersWindow;

class ReminderActions : public QObject
{
    Q_OBJECT

public:
    // Adds Reminders… to `menu`; problems show in `window`'s status bar.
    ReminderActions(QMenu *menu, QMainWindow *window);
    ~ReminderActions() override;

    // Who shows reminders (the desktop's notifications, else the tray, unless a test says).
    // For a database already open, its reminders start over with it.
    void setNotifier(std::shared_ptr<Notifier> notifier);
    // Watches the reminders of the database of `connection` ("" for none).
    void setDatabase(const QString &connection);
    // Activities were written here: what is due, moved or done may have changed.
    void recheck();
    // The Reminders window, with what is due now.
    void showWindow();

    QAction *action() const { return m_action; }
    ReminderScheduler *scheduler() const { return m_scheduler; }
    RemindersWindow *window() const; // nullptr until first shown

Q_SIGNALS:
    void openRequested(Rapport::Entity entity, qint64 id);

private:
    RemindersWindow *ensureWindow();

    QMainWindow *m_main;
    QAction *m_action;
    std::shared_ptr<Notifier> m_notifier;
    QString m_connection;
    ReminderScheduler *m_scheduler = nullptr;
    QPointer<RemindersWindow> m_window;
};

} // namespace Rapport
