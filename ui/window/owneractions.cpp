#include "window/owneractions.h"

#include "prompts/prompter.h"
#include "records/assignownercommand.h"
#include "records/assignownerdialog.h"
#include "records/ownerprompt.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/rowsecurity.h"
#include "storage/userdirectory.h"
#include "window/mainwindow.h"
#include "window/userdialog.h"

#include <QAction>
#include <QTabWidget>
#include <QTableView>
#include <QUndoStack>

namespace Rapport {

OwnerActions::OwnerActions(MainWindow *window, QUndoStack *undoStack)
    : QObject(window)
    , m_window(window)
    , m_undoStack(undoStack)
    , m_prompter(Prompter::standard())
    , m_switchUser(new QAction(QIcon::fromTheme(QStringLiteral("system-switch-user")),
                               tr("S&witch User…"), this))
    , m_assign(new QAction(QIcon::fromTheme(QStringLiteral("user-properties")),
                           tr("&Assign To…"), this))
    , m_ownRecordsOnly(new QAction(QIcon::fromTheme(QStringLiteral("changes-prevent")),
                                   tr("Reps Change &Only Their Own Records"), this))
{
    setObjectName(QStringLiteral("ownerActions"));
    m_switchUser->setObjectName(QStringLiteral("switchUserAction"));
    m_switchUser->setShortcut(QKeySequence(tr("Ctrl+Shift+U")));
    m_switchUser->setToolTip(tr("Work as another user of this database (Ctrl+Shift+U)"));
    m_assign->setObjectName(QStringLiteral("assignOwnerAction"));
    m_assign->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    m_assign->setToolTip(tr("Give the selected records to another user (Ctrl+Shift+A)"));
    m_ownRecordsOnly->setObjectName(QStringLiteral("ownRecordsOnlyAction"));
    m_ownRecordsOnly->setCheckable(true);
    m_ownRecordsOnly->setShortcut(QKeySequence(tr("Ctrl+Alt+O")));
    m_ownRecordsOnly->setToolTip(tr("Let the server refuse reps’ changes to records they do not "
                                    "own (admins only, on a server; Ctrl+Alt+O)"));
    connect(m_switchUser, &QAction::triggered, this, &OwnerActions::switchUser);
    connect(m_ownRecordsOnly, &QAction::triggered, this, &OwnerActions::setOwnRecordsOnly);
    connect(m_assign, &QAction::triggered, this, &OwnerActions::assignSelected);
    m_choose = [this](QWidget *parent, bool firstStart) -> std::optional<Choice> {
        UserDialog dialog(m_window->connectionName(),
                          firstStart ? UserDialog::Purpose::FirstStart : UserDialog::Purpose::Switch,
                          parent);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return Choice{dialog.name(), dialog.email()};
    };
    if (auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("recordTabs")))
        connect(tabs, &QTabWidget::currentChanged, this, &OwnerActions::update);
    update();
}

void OwnerActions::setPrompter(std::shared_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
}

void OwnerActions::databaseOpened(const QString &connection)
{
    m_securityAskedOf.clear(); // another database, whatever its connection's name
    UserDirectory users(connection);
    if (users.needsChoice()) {
        // Asked once: what is chosen is kept for this database on this machine. Cancelled,
        // the system account's name serves until the next start.
        if (const std::optional<Choice> choice = m_choose(m_window, true)) {
            if (const QString e = users.choose(choice->name, choice->email); !e.isEmpty())
                m_prompter->warn(m_window, tr("Who are you?"), e);
        }
    }
    if (const QString e = users.activate(); !e.isEmpty())
        m_prompter->warn(m_window, tr("Who are you?"), e);
}

void OwnerActions::update()
{
    const bool database = !m_window->connectionName().isEmpty();
    // On PostgreSQL the login role is the user.
    m_switchUser->setEnabled(database && !Database::isPostgres(m_window->connectionName()));
    // Shown as it is to every rep; only an admin may switch it. Asked of the server once
    // per database, not at each change of selection.
    if (m_securityAskedOf != m_window->connectionName()) {
        m_securityAskedOf = m_window->connectionName();
        const RowSecurity security(m_securityAskedOf);
        m_ownRecordsOnly->setChecked(database && security.isOn());
        m_ownRecordsOnly->setEnabled(database && security.isAdmin());
    }
    RecordTab *current = m_window->currentTab();
    m_tabs.removeIf([](const QPointer<RecordTab> &t) { return t.isNull(); }); // rebuilt since
    for (Entity e : allEntities()) {
        RecordTab *tab = m_window->tab(e);
        if (!tab || !findField(e, QStringLiteral("owner")) || m_tabs.contains(tab))
            continue;
        m_tabs.append(tab);
        connect(tab, &RecordTab::selectionChanged, this, &OwnerActions::update);
        tab->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
        tab->view()->addAction(m_assign);
    }
    m_assign->setEnabled(current && findField(current->entity(), QStringLiteral("owner"))
                         && current->selectedCount() > 0);
}

void OwnerActions::switchUser()
{
    const QString connection = m_window->connectionName();
    if (connection.isEmpty())
        return;
    const std::optional<Choice> choice = m_choose(m_window, false);
    if (!choice)
        return;
    if (const QString e = UserDirectory(connection).choose(choice->name, choice->email);
        !e.isEmpty()) {
        m_prompter->warn(m_window, tr("Switch User"), e);
        return;
    }
    Q_EMIT userSwitched();
}

void OwnerActions::setOwnRecordsOnly(bool on)
{
    const QString connection = m_window->connectionName();
    if (connection.isEmpty())
        return;
    RowSecurity security(connection);
    if (const QString e = security.setOn(on); !e.isEmpty())
        m_prompter->warn(m_window, tr("Reps Change Only Their Own Records"), e);
    m_ownRecordsOnly->setChecked(security.isOn());
}

void OwnerActions::assignSelected()
{
    RecordTab *tab = m_window->currentTab();
    if (!tab || !findField(tab->entity(), QStringLiteral("owner")) || tab->selectedCount() == 0)
        return;
    const Entity entity = tab->entity();
    const QString connection = m_window->connectionName();
    AssignOwnerDialog dialog(entity, tab->selectedCount(), connection, m_window);
    if (dialog.exec() != QDialog::Accepted
        || !acceptOwner(m_window, *m_prompter, connection, dialog.owner()))
        return;
    const QList<qint64> ids = tab->selectedIds();
    auto *command = new AssignOwnerCommand(
        entity, ids, dialog.owner(), connection, [this](bool first, bool ok, const QString &error) {
            if (!ok)
                m_prompter->warn(m_window, first ? tr("Assign To") : tr("Undo"), error);
            m_window->reloadTabs();
        });
    m_undoStack->push(command); // assigns (redo); dropped again when nothing changed
}

} // namespace Rapport
