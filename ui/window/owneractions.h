#pragma once
// Who works and who owns what, in the main window: at the first start on a database (SQLite)
// it asks who the rep is, once per machine; File › Switch User… changes that; Record ›
// Assign to… (and the tables' context menus, Ctrl+Shift+A) gives the selected records to
// another user in one step, which Ctrl+Z takes back. On a PostgreSQL server, File › Reps
// Change Only Their Own Records (an admin's setting, storage/rowsecurity.h) has the server
// refuse reps' writes to records of others.

#include "records/fielddef.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QUndoStack;

namespace Rapport {

class MainWindow;
class Prompter;
class RecordTab;

class OwnerActions : public QObject
{
    Q_OBJECT

public:
    OwnerActions(MainWindow *window, QUndoStack *undoStack);

    QAction *switchUserAction() const { return m_switchUser; }
    QAction *assignAction() const { return m_assign; }
    QAction *ownRecordsOnlyAction() const { return m_ownRecordsOnly; }
    void setPrompter(std::shared_ptr<Prompter> prompter);

    // Asks who the rep is: the name and the email of a new user, or nullopt if they
    // cancelled. The dialog (window/userdialog.h) unless a test answers.
    struct Choice {
        QString name;
        QString email;
    };
    using UserChooser = std::function<std::optional<Choice>(QWidget *parent, bool firstStart)>;
    void setUserChooser(UserChooser chooser) { m_choose = std::move(chooser); }

    // The window has opened `connection` and is about to build its tabs: whose they are.
    void databaseOpened(const QString &connection);
    // Follows the window's tabs and their selection; the window calls it after building them.
    void update();

    void switchUser();
    void assignSelected();
    // The admin switched the setting: the server is told, or the action shows it as it is.
    void setOwnRecordsOnly(bool on);

Q_SIGNALS:
    // Another user was chosen: "Mine" and new records are someone else's now.
    void userSwitched();

private:
    MainWindow *m_window;
    QUndoStack *m_undoStack;
    std::shared_ptr<Prompter> m_prompter;
    UserChooser m_choose;
    QAction *m_switchUser;
    QAction *m_assign;
    QAction *m_ownRecordsOnly;
    QString m_securityAskedOf; // the connection the setting's action shows
    QList<QPointer<RecordTab>> m_tabs; // those whose tables offer Assign to…
};

} // namespace Rapport
