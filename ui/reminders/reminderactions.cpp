#include "reminders/reminderactions.h"

#include "reminders/notifier.h"
#include "reminders/reminderscheduler.h"
#include "reminders/reminderswindow.h"

#include "storage/database.h"
#include "storage/owner.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>
#include <QTreeWidget>

namespace Rapport {

namespace {
// Whose reminders this app shows. The one place that says who "me" is for reminders.
QString recipient()
{
    return currentUserName();
}
} // namespace

ReminderActions::ReminderActions(QMenu *menu, QMainWindow *window)
    : QObject(window)
    , m_main(window)
{
    m_action = menu->addAction(QIcon::fromTheme(QStringLiteral("appointment-soon")),
                               tr("&Reminders…"), this, &ReminderActions::showWindow);
    m_action->setObjectName(QStringLiteral("remindersAction"));
    m_action->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    const QString tip = tr("The reminders that are due, to open, snooze or dismiss");
    m_action->setToolTip(tip);
    m_action->setStatusTip(tip);
    m_action->setEnabled(false);
}

ReminderActions::~ReminderActions()
{
    // The window deletes its children in turn: the menu, with the action, may be gone by now,
    // so only what this owns is let go of.
    delete m_scheduler;
    m_scheduler = nullptr;
    if (m_window)
        m_window->setScheduler(nullptr);
}

void ReminderActions::setNotifier(std::shared_ptr<Notifier> notifier)
{
    m_notifier = std::move(notifier);
    if (m_scheduler) {
        const QString connection = m_connection;
        setDatabase(QString());
        setDatabase(connection);
    }
}

void ReminderActions::setDatabase(const QString &connection)
{
    delete m_scheduler;
    m_scheduler = nullptr;
    m_connection = connection;
    m_action->setEnabled(!connection.isEmpty());
    if (connection.isEmpty()) {
        if (m_window) {
            m_window->setScheduler(nullptr);
            m_window->close();
        }
        return;
    }
    if (!m_notifier)
        m_notifier = Notifier::standard();
    // On a shared server an activity nobody owns is nobody's to be reminded of; in one rep's
    // own file it is that rep's.
    m_scheduler = new ReminderScheduler(connection, recipient(), !Database::isPostgres(connection),
                                        m_notifier, this);
    connect(m_scheduler, &ReminderScheduler::openRequested, this,
            [this](Entity entity, qint64 id) {
                // From a notification the window may be behind others or minimised.
                if (m_main->isMinimized())
                    m_main->showNormal();
                m_main->raise();
                m_main->activateWindow();
                Q_EMIT openRequested(entity, id);
            });
    connect(m_scheduler, &ReminderScheduler::windowWanted, this, [this] {
        RemindersWindow *w = ensureWindow();
        w->show();
        w->raise();
    });
    connect(m_scheduler, &ReminderScheduler::problem, this, [this](const QString &message) {
        m_main->statusBar()->showMessage(message, 15000);
    });
    if (m_window)
        m_window->setScheduler(m_scheduler);
    m_scheduler->start();
}

void ReminderActions::recheck()
{
    if (m_scheduler)
        m_scheduler->check();
}

void ReminderActions::showWindow()
{
    if (!m_scheduler)
        return;
    m_scheduler->gather();
    RemindersWindow *w = ensureWindow();
    w->refresh();
    w->show();
    w->raise();
    w->activateWindow();
    w->list()->setFocus();
}

RemindersWindow *ReminderActions::window() const
{
    return m_window;
}

RemindersWindow *ReminderActions::ensureWindow()
{
    if (!m_window) {
        m_window = new RemindersWindow(m_main);
        m_window->setScheduler(m_scheduler);
    }
    return m_window;
}

} // namespace Rapport
