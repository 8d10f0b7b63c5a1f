#pragma once
// Other reps' changes, shown as they come: follows the open database's ChangeWatcher
// (storage/changewatcher.h) and reads again, in place, what shows a record that changed —
// the record tabs (the current record stays current, the list stays scrolled where it was),
// the board, My Day, reminders and the detail panes. A pane with unsaved edits keeps them and
// says who changed the record; saving then merges (records/versionedsave.h).

#include <QObject>
#include <QString>

namespace Rapport {

class ChangeWatcher;
class MainWindow;
struct ChangeBatch;

class LiveUpdates : public QObject
{
    Q_OBJECT

public:
    explicit LiveUpdates(MainWindow *window);

    // Watches the database open as `connection`; "" stops (before the connection closes).
    void setDatabase(const QString &connection);
    // The watcher of the open database, nullptr when none is open.
    ChangeWatcher *watcher() const { return m_watcher; }

private:
    void apply(const ChangeBatch &batch);

    MainWindow *m_window;
    ChangeWatcher *m_watcher = nullptr;
};

} // namespace Rapport
