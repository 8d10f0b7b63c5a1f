#pragma once
// My Day: the first tab, where a rep starts the day. What is overdue (in red), due today, due
// in the next days, and the open deals with no next step; the rep's own by default (with what
// nobody owns), or everyone's, of every type or one. All of it works from the keyboard:
// Enter opens the record an activity is on, Ctrl+D completes it (asking for the next step on
// an open deal or lead), Ctrl+Shift+D moves it a day on, Ctrl+Shift+M to next Monday,
// Ctrl+Shift+P to a date picked, Ctrl+L logs a call on the same record.

#include "activities/agenda.h"

#include <QWidget>
#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace Rapport {

class Prompter;

class MyDayTab : public QWidget
{
    Q_OBJECT

public:
    explicit MyDayTab(const QString &connection, QWidget *parent = nullptr);
    ~MyDayTab() override;

    void setPrompter(std::shared_ptr<Prompter> prompter);
    QTreeWidget *view() const { return m_view; }
    // Reads the day again, keeping the selected activity selected where it still shows.
    void refresh();

Q_SIGNALS:
    void openRequested(Rapport::Entity entity, qint64 id);
    // An activity was completed, moved or added here: lists elsewhere may show it.
    void changed();

private:
    void addSection(const QString &key, const QString &title, const QList<AgendaItem> &items,
                    bool late);
    void completeCurrent();
    void moveCurrent(int how);
    void logCall();
    void activated(QTreeWidgetItem *item);
    void updateActions();
    qint64 currentActivity() const;

    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    QComboBox *m_owner;
    QComboBox *m_type;
    QComboBox *m_on; // the type of record the activities are on
    QTreeWidget *m_view;
    QLabel *m_summary;
    QAction *m_done;
    QAction *m_tomorrow;
    QAction *m_monday;
    QAction *m_pick;
    QAction *m_logCall;
};

} // namespace Rapport
