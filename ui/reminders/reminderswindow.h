#pragma once
// The Reminders window: the reminders shown and not dealt with yet, as a list to work
// through (the subject, the record it is on, when it is due, how late) rather than a burst
// of notifications, for those missed while the app was closed and, from View › Reminders…,
// at any time. Not modal: the rep opens records from it and keeps it beside the window.
// All of it works from the keyboard: Enter opens, Del dismisses, the buttons' underlined
// letters do the rest; Snooze and Dismiss act on every selected reminder.

#include "reminders/notifier.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Rapport {

class ReminderScheduler;

class RemindersWindow : public QDialog
{
    Q_OBJECT

public:
    explicit RemindersWindow(QWidget *parent = nullptr);

    // The scheduler whose pending reminders it lists and acts on (nullptr: none, no database).
    void setScheduler(ReminderScheduler *scheduler);
    QTreeWidget *list() const { return m_list; }
    // Reads the scheduler's reminders again, keeping the selected ones selected.
    void refresh();

    // "25 minutes", "2 hours", "3 days": how long `seconds` is, roughly.
    static QString duration(qint64 seconds);

private:
    QList<qint64> selectedIds() const;
    void act(Notifier::Choice choice);
    void updateButtons();

    QPointer<ReminderScheduler> m_scheduler;
    QTreeWidget *m_list;
    QLabel *m_summary;
    QPushButton *m_open;
    QPushButton *m_snooze;
    QPushButton *m_dismiss;
    QPushButton *m_dismissAll;
};

} // namespace Rapport
