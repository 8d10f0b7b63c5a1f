#include "window/liveupdates.h"

#include "day/mydaytab.h"
#include "pipeline/boardtab.h"
#include "records/detailpane.h"
#include "records/recorddialog.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"
#include "reminders/reminderactions.h"
#include "storage/changewatcher.h"
#include "window/mainwindow.h"

#include <QTabWidget>

namespace Rapport {

LiveUpdates::LiveUpdates(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
}

void LiveUpdates::setDatabase(const QString &connection)
{
    delete m_watcher;
    m_watcher = nullptr;
    if (connection.isEmpty())
        return;
    m_watcher = new ChangeWatcher(connection, this);
    m_watcher->setObjectName(QStringLiteral("changeWatcher"));
    connect(m_watcher, &ChangeWatcher::changed, this, &LiveUpdates::apply);
}

void LiveUpdates::apply(const ChangeBatch &batch)
{
    // An activity shows on its record's pane, a deal on its account's, a note on its record.
    const bool activities = batch.touches(Entity::Activity);
    for (Entity e : allEntities()) {
        RecordTab *tab = m_window->tab(e);
        if (!tab)
            continue;
        const bool listed = batch.touches(e);
        if (listed)
            tab->refreshInPlace();
        DetailPane *pane = tab->detailPane();
        if (pane && pane->recordId() && (listed || activities))
            pane->showRecord(pane->recordId()); // kept edits are told of, never dropped
    }
    // A record's own window: shown again, or its edits kept and told who changed it.
    for (RecordDialog *dialog : m_window->findChildren<RecordDialog *>()) {
        if (batch.touchesRecord(dialog->entity(), dialog->recordId()))
            dialog->recordChangedElsewhere(batch.who(dialog->entity(), dialog->recordId()));
    }
    BoardTab *board = m_window->board();
    if (board && (batch.touches(Entity::Deal) || batch.touches(Entity::Account) || activities))
        board->refresh(); // now if it shows, else when it does
    // A hidden My Day is read again when it is shown.
    MyDayTab *day = m_window->myDay();
    if (day && day->isVisible())
        day->refresh();
    if (activities)
        m_window->reminders()->recheck();
}

} // namespace Rapport
