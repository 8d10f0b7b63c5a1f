#include "window/mainwindow.h"

#include "day/mydaytab.h"
#include "pipeline/boardtab.h"

#include "window/liveupdates.h"
#include "storage/changewatcher.h"
#include "window/connectionnotice.h"
#include "window/noticebar.h"
#include "window/owneractions.h"

#include "window/csvactions.h"
#include "window/conversionactions.h"
#include "storage/checkpointer.h"
#include "storage/database.h"
#include "storage/demodata.h"
#include "records/deleteconfirmation.h"
#include "records/detailpane.h"
#include "window/recentdatabases.h"
#include "window/serverlogin.h"
#include "records/recorddialog.h"
#include "records/recordlink.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "prompts/prompter.h"
#include "reminders/reminderactions.h"
#include "records/recordtypes.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QUrl>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QToolBar>
#include <QUndoStack>

namespace Rapport {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
    , m_countLabel(new QLabel(this))
    , m_emptyLabel(new QLabel(this))
    , m_notice(new NoticeBar(this))
    , m_prompter(Prompter::standard())
    , m_live(new LiveUpdates(this))
{
    setObjectName("mainWindow");
    m_tabs->setObjectName("recordTabs");
    m_tabs->setDocumentMode(true);
    m_countLabel->setObjectName("countLabel");
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setText(tr("No database is open.\nUse File › New Database or File › Open "
                             "Database."));
    // The empty state and the tabs share one stack, so the window owns both for its whole
    // life and neither is ever taken out of it.
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName("centralStack");
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(m_tabs);
    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_notice);
    column->addWidget(m_stack, 1);
    setCentralWidget(central);
    connect(m_notice, &NoticeBar::linkActivated, this, [this](const QString &link) {
        if (const auto record = linkedRecord(link))
            openRecord(record->first, record->second);
    });
    statusBar()->addPermanentWidget(m_countLabel);
    m_chooseFile = [](QWidget *owner, const QString &title, const QString &folder,
                      const QString &filter, bool save) {
        return save ? QFileDialog::getSaveFileName(owner, title, folder, filter)
                    : QFileDialog::getOpenFileName(owner, title, folder, filter);
    };
    createActions();
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        // Coming back to the day: what was done or added elsewhere shows.
        if (m_myDay && m_tabs->currentWidget() == m_myDay)
            m_myDay->refresh();
        updateStatus();
        updateActions();
    });
    setWindowTitle(tr("Rapport"));
    if (!restoreGeometry(QSettings().value("mainWindow/geometry").toByteArray())) {
        // The first start: most of the screen, centred, whatever its size.
        const QRect available = screen()->availableGeometry();
        resize(available.size() * 4 / 5);
        move(available.center() - rect().center());
    }
    updateActions();
}

MainWindow::~MainWindow()
{
    m_live->setDatabase(QString());
    m_reminders->setDatabase(QString());
    clearTabs();
    if (!m_connection.isEmpty())
        Database::close(m_connection);
}

void MainWindow::createActions()
{
    createFileMenu();
    createRecordMenu();
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(QIcon::fromTheme(QStringLiteral("help-about")), tr("&About Rapport"), this,
                    &MainWindow::about);
    QToolBar *bar = addToolBar(tr("Records"));
    bar->setObjectName("recordToolBar");
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_newRecord);
    bar->addAction(m_openRecord);
    bar->addAction(m_deleteRecord);

    // --- Lead conversion and undo (ConversionActions) ---
    m_undoStack = new QUndoStack(this);
    m_undoStack->setObjectName("undoStack");
    m_conversion = new ConversionActions(this, m_undoStack);
    auto *edit = new QMenu(tr("&Edit"), this);
    QAction *undo = m_undoStack->createUndoAction(edit, tr("&Undo"));
    edit->addAction(undo);
    undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo")));
    undo->setShortcut(QKeySequence::Undo);
    undo->setObjectName("undoAction");
    QAction *redo = m_undoStack->createRedoAction(edit, tr("&Redo"));
    edit->addAction(redo);
    redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo")));
    redo->setShortcuts(QKeySequence::Redo);
    redo->setObjectName("redoAction");
    menuBar()->insertMenu(menuBar()->actions().value(1), edit); // after File
    QMenu *lead = new QMenu(tr("&Lead"), this);
    lead->addActions(m_conversion->actions());
    menuBar()->insertMenu(help->menuAction(), lead);
    bar->addAction(m_conversion->convertAction());
    // --- end of lead conversion ---
    // Who works and who owns what: File › Switch User…, Record › Assign To….
    m_owners = new OwnerActions(this, m_undoStack);
    QMenu *file = menuBar()->actions().value(0)->menu();
    file->insertAction(file->actions().value(file->actions().size() - 2),
                       m_owners->switchUserAction()); // before Quit and its separator
    file->insertAction(file->actions().value(file->actions().size() - 2),
                       m_owners->ownRecordsOnlyAction());
    if (auto *record = qobject_cast<QMenu *>(m_deleteRecord->parent())) {
        record->addSeparator();
        record->addAction(m_owners->assignAction());
    }
    connect(m_owners, &OwnerActions::userSwitched, this, [this] {
        const int shown = m_tabs->currentIndex();
        clearTabs(); // "Mine" is another rep's now
        buildTabs();
        m_tabs->setCurrentIndex(shown);
    });
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newDb = file->addAction(QIcon::fromTheme(QStringLiteral("document-new")),
                                     tr("&New Database…"), this, &MainWindow::newDatabase);
    newDb->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
    newDb->setObjectName("newDatabaseAction");
    QAction *openDb = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")),
                                      tr("&Open Database…"), this,
                                      &MainWindow::openDatabaseDialog);
    openDb->setShortcut(QKeySequence::Open);
    openDb->setObjectName("openDatabaseAction");
    QAction *server = file->addAction(QIcon::fromTheme(QStringLiteral("network-server")),
                                      tr("Connect to &Server…"), this,
                                      &MainWindow::connectToServer);
    server->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    server->setObjectName("connectServerAction");
    QMenu *recentMenu = file->addMenu(QIcon::fromTheme(QStringLiteral("document-open-recent")),
                                      tr("Open &Recent"));
    recentMenu->setObjectName("recentMenu");
    m_recent = new RecentDatabases(recentMenu, this);
    connect(m_recent, &RecentDatabases::openRequested, this, &MainWindow::openDatabase);
    // CSV import and export: File › Import › <type>…, Import History…, Export… (csvactions.h)
    file->addSeparator();
    m_csv = new CsvActions(file, this);
    file->addSeparator();
    QAction *quit = file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")),
                                    tr("&Quit"), this, &QWidget::close);
    // QKeySequence::Quit is empty on some platforms; where it is Ctrl+Q already, the key
    // once (twice on one action is an ambiguous shortcut, and Qt then does nothing).
    QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    if (const QKeySequence ctrlQ(tr("Ctrl+Q")); !quitKeys.contains(ctrlQ))
        quitKeys << ctrlQ;
    quit->setShortcuts(quitKeys);
    quit->setMenuRole(QAction::QuitRole);
}

void MainWindow::createRecordMenu()
{
    QMenu *record = menuBar()->addMenu(tr("&Record"));
    m_newRecord = record->addAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&New"),
                                    this, &MainWindow::newRecord);
    m_newRecord->setShortcut(QKeySequence::New);
    m_newRecord->setObjectName("newRecordAction");
    m_openRecord = record->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open"),
                                     this, [this] {
        if (RecordTab *tab = currentTab(); tab && tab->currentId() > 0)
            openCurrentTabRecord(tab->currentId());
    });
    m_openRecord->setObjectName("openRecordAction");
    m_deleteRecord = record->addAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete…"),
                                       this, &MainWindow::deleteSelected);
    m_deleteRecord->setShortcut(QKeySequence::Delete);
    m_deleteRecord->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_deleteRecord->setObjectName("deleteRecordAction");
    // Del must not delete records while the rep edits the search box: only the tables own it.
    m_tabs->addAction(m_deleteRecord);
    record->addSeparator();
    m_find = record->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), tr("&Find…"), this,
                               [this] {
        if (RecordTab *tab = currentTab())
            tab->focusSearch();
    });
    m_find->setShortcut(QKeySequence::Find);
    m_find->setObjectName("findAction");
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *day = view->addAction(QIcon::fromTheme(QStringLiteral("view-calendar")), tr("My &Day"),
                                   this, [this] {
                                       if (m_myDay)
                                           m_tabs->setCurrentWidget(m_myDay);
                                   });
    day->setObjectName(QStringLiteral("myDayAction"));
    day->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    for (int i = 0; i < allEntities().size(); ++i) {
        const Entity e = allEntities()[i];
        QAction *a = view->addAction(entityPlural(e), this, [this, e] {
            if (RecordTab *t = tab(e))
                m_tabs->setCurrentWidget(t);
        });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    QAction *board = view->addAction(QIcon::fromTheme(QStringLiteral("view-columns")),
                                     tr("&Pipeline Board"), this, [this] {
                                         if (m_board)
                                             m_tabs->setCurrentWidget(m_board);
                                     });
    board->setObjectName(QStringLiteral("boardAction"));
    board->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + allEntities().size())));
    view->addSeparator();
    m_detailPane = view->addAction(QIcon::fromTheme(QStringLiteral("view-split-left-right")),
                                   tr("De&tail Pane"));
    m_detailPane->setObjectName(QStringLiteral("detailPaneAction"));
    m_detailPane->setCheckable(true);
    m_detailPane->setChecked(DetailPane::shownBySettings());
    m_detailPane->setShortcut(QKeySequence(Qt::Key_F3));
    m_detailPane->setToolTip(tr("Show the current record beside the list (F3)"));
    m_detailPane->setStatusTip(tr("The selected record's key fields, activities, related "
                                  "records and history beside each list"));
    connect(m_detailPane, &QAction::toggled, this, [this](bool shown) {
        DetailPane::rememberShown(shown);
        for (Entity e : allEntities()) {
            if (RecordTab *t = tab(e); t && t->detailPane())
                t->detailPane()->setVisible(shown);
        }
    });
    m_reminders = new ReminderActions(view, this);
    connect(m_reminders, &ReminderActions::openRequested, this, &MainWindow::openRecord);
}

bool MainWindow::openDatabase(const QString &location)
{
    if (!closeRecordDialogs())
        return false;
    const QString connection = QStringLiteral("rapport-main-%1").arg(++m_connectionSerial);
    if (Database::isServerLocation(location)) {
        // The password from the keyring, or asked for; a cancel leaves things as they were.
        QString notice;
        if (!ServerLogin::open(this, location, connection, &notice))
            return false;
        adoptDatabase(connection);
        if (!notice.isEmpty())
            statusBar()->showMessage(notice, 15000);
        return true;
    }
    if (const QString e = Database::open(location, connection); !e.isEmpty()) {
        m_prompter->warn(this, tr("Cannot open database"), e);
        return false;
    }
    adoptDatabase(connection);
    if (const QString backup = Database::lastBackupPath(m_connection); !backup.isEmpty())
        statusBar()->showMessage(tr("The database was upgraded; the previous version was "
                                    "kept as %1").arg(backup), 15000);
    return true;
}

void MainWindow::adoptDatabase(const QString &connection)
{
    closeDatabase();
    m_notice->hide(); // its links were to the other database
    m_connection = connection;
    // The window's own commits (a save, a conversion, a card moved) never copy the log.
    m_checkpointer = new Checkpointer(m_connection, this);
    m_connectionNotice = new ConnectionNotice(m_connection, m_notice, this);
    m_owners->databaseOpened(m_connection); // whose "Mine" the tabs show
    buildTabs();
    m_reminders->setDatabase(m_connection);
    m_live->setDatabase(m_connection);
    // Back on the server: listen again, catch up on what others wrote meanwhile and read
    // every list again in place (a read may have failed meanwhile), once.
    connect(m_connectionNotice, &ConnectionNotice::reconnected, m_live->watcher(),
            &ChangeWatcher::pollEverything);
    const QString shown = Database::displayLocation(m_connection);
    m_recent->add(shown);
    setWindowFilePath(shown);
    if (const auto server = ServerLocation::fromUrl(QUrl(shown)))
        setWindowTitle(tr("%1 on %2 — Rapport").arg(server->database, server->host));
    else
        setWindowTitle(tr("%1 — Rapport").arg(QFileInfo(shown).fileName()));
}

void MainWindow::closeDatabase()
{
    // The tabs first: each one's background reader holds a connection of its own.
    clearTabs();
    m_live->setDatabase(QString());
    m_reminders->setDatabase(QString());
    delete m_connectionNotice;
    m_connectionNotice = nullptr;
    delete m_checkpointer; // its worker's connection goes with it, before the window's
    m_checkpointer = nullptr;
    if (!m_connection.isEmpty())
        Database::close(m_connection);
    m_connection.clear();
    m_stack->setCurrentWidget(m_emptyLabel);
    setWindowFilePath(QString());
    setWindowTitle(tr("Rapport"));
    updateStatus();
    updateActions();
}

void MainWindow::buildTabs()
{
    m_myDay = new MyDayTab(m_connection, m_tabs);
    m_myDay->setPrompter(m_prompter);
    connect(m_myDay, &MyDayTab::openRequested, this, &MainWindow::openRecord);
    connect(m_myDay, &MyDayTab::changed, this, [this] {
        if (RecordTab *t = tab(Entity::Activity))
            t->reload();
        m_reminders->recheck();
    });
    m_tabs->addTab(m_myDay, QIcon::fromTheme(QStringLiteral("view-calendar")), tr("My Day"));
    m_tabs->setTabToolTip(0, tr("What needs you today (Ctrl+0)"));
    for (Entity e : allEntities()) {
        auto *tab = new RecordTab(e, m_connection, m_tabs);
        tab->setObjectName(QStringLiteral("%1Tab").arg(QLatin1String(entityDef(e).table)));
        connect(tab, &RecordTab::openRequested, this, &MainWindow::openCurrentTabRecord);
        connect(tab, &RecordTab::countChanged, this, &MainWindow::updateStatus);
        connect(tab, &RecordTab::selectionChanged, this, &MainWindow::updateActions);
        connect(tab, &RecordTab::importRequested, this, [this, e] { m_csv->openImport(e); });
        connect(tab, &RecordTab::newRecordRequested, this, [this, e] { openRecord(e, 0); });
        connect(tab, &RecordTab::sampleDataRequested, this, &MainWindow::fillInSampleData);
        auto *pane = new DetailPane(e, m_connection);
        pane->setPrompter(m_prompter);
        tab->setDetailPane(pane);
        pane->setVisible(m_detailPane->isChecked());
        connect(pane, &DetailPane::openRequested, this, &MainWindow::openRecord);
        connect(pane, &DetailPane::changed, this, &MainWindow::reloadTabs);
        const int index = m_tabs->addTab(tab, entityPlural(e));
        m_tabs->setTabToolTip(index, tr("%1 (Ctrl+%2)").arg(entityPlural(e)).arg(index));
    }
    m_board = new BoardTab(m_connection, m_undoStack, m_tabs);
    m_board->setObjectName(QStringLiteral("boardTab"));
    m_board->setPrompter(m_prompter);
    connect(m_board, &BoardTab::openRequested, this, &MainWindow::openRecord);
    connect(m_board, &BoardTab::changed, this, [this] {
        if (RecordTab *t = tab(Entity::Deal))
            t->reload();
        if (RecordTab *t = tab(Entity::Activity))
            t->reload();
    });
    const int boardIndex = m_tabs->addTab(m_board, QIcon::fromTheme(QStringLiteral("view-columns")),
                                          tr("Pipeline"));
    m_tabs->setTabToolTip(boardIndex, tr("The deals by stage (Ctrl+%1)").arg(boardIndex));
    m_tabs->setCurrentIndex(QSettings().value("mainWindow/tab", 0).toInt());
    m_stack->setCurrentWidget(m_tabs);
    m_conversion->update();
    m_owners->update();
    updateStatus();
    updateActions();
}

void MainWindow::clearTabs()
{
    m_myDay = nullptr;
    m_board = nullptr;
    while (m_tabs->count() > 0) {
        QWidget *w = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete w;
    }
}

RecordTab *MainWindow::tab(Entity entity) const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *t = qobject_cast<RecordTab *>(m_tabs->widget(i));
        if (t && t->entity() == entity)
            return t;
    }
    return nullptr;
}

RecordTab *MainWindow::currentTab() const
{
    return qobject_cast<RecordTab *>(m_tabs->currentWidget());
}

void MainWindow::updateStatus()
{
    RecordTab *t = currentTab();
    if (!t) {
        m_countLabel->clear();
        return;
    }
    m_countLabel->setText(tr("%1: %2").arg(entityPlural(t->entity()),
                                           QLocale().toString(t->model()->rowCount())));
}

void MainWindow::updateActions()
{
    RecordTab *t = currentTab();
    // The selection's size, not its ids: with a million rows selected that is a query.
    const bool hasSelection = t && t->selectedCount() > 0;
    m_newRecord->setEnabled(t != nullptr || (m_myDay && m_tabs->currentWidget() == m_myDay)
                            || (m_board && m_tabs->currentWidget() == m_board));
    m_find->setEnabled(t != nullptr);
    m_openRecord->setEnabled(hasSelection);
    m_deleteRecord->setEnabled(hasSelection && !m_deletion);
}

void MainWindow::newDatabase()
{
    const QString path = m_chooseFile(this, tr("New Database"),
                                      QFileInfo(Database::defaultLocation()).absolutePath(),
                                      tr("Rapport databases (*.sqlite *.db)"), true);
    if (path.isEmpty() || !closeRecordDialogs())
        return;
    // The window's own connections would keep the file it replaces in use: close them,
    // and open the database again if it cannot be replaced after all.
    const QString current = m_connection.isEmpty() ? QString()
                                                   : Database::displayLocation(m_connection);
    const auto sameFile = [](const QString &a, const QString &b) {
        const QFileInfo x(a), y(b);
        return x.absoluteFilePath() == y.absoluteFilePath()
            || (x.exists() && x.canonicalFilePath() == y.canonicalFilePath());
    };
    const bool replacingOpen = !current.isEmpty() && !Database::isPostgres(m_connection)
                            && sameFile(path, current);
    if (replacingOpen)
        closeDatabase();
    const QString connection = QStringLiteral("rapport-main-%1").arg(++m_connectionSerial);
    if (const QString e = Database::createFresh(path, connection); !e.isEmpty()) {
        m_prompter->warn(this, tr("New Database"), e);
        if (replacingOpen)
            openDatabase(current);
        return;
    }
    adoptDatabase(connection);
}

void MainWindow::connectToServer()
{
    if (!closeRecordDialogs())
        return;
    // The server in use, or the last one opened, else this machine's login name.
    ServerLocation initial = ServerLogin::fresh();
    const QStringList recent = m_recent->locations();
    for (const QString &location : recent) {
        if (const auto server = ServerLocation::fromUrl(QUrl(location))) {
            initial = *server;
            break;
        }
    }
    const QString connection = QStringLiteral("rapport-main-%1").arg(++m_connectionSerial);
    QString notice;
    if (!ServerLogin::ask(this, initial, QString(), connection, &notice))
        return;
    adoptDatabase(connection);
    if (!notice.isEmpty())
        statusBar()->showMessage(notice, 15000);
}

void MainWindow::openDatabaseDialog()
{
    const QString path = m_chooseFile(this, tr("Open Database"),
                                      QFileInfo(Database::defaultLocation()).absolutePath(),
                                      tr("Rapport databases (*.sqlite *.db);;All files (*)"),
                                      false);
    if (!path.isEmpty())
        openDatabase(path);
}

void MainWindow::newRecord()
{
    if (currentTab())
        openCurrentTabRecord(0);
    else if (m_myDay && m_tabs->currentWidget() == m_myDay)
        openRecord(Entity::Activity, 0); // the day's "new" is a new activity
    else if (m_board && m_tabs->currentWidget() == m_board)
        openRecord(Entity::Deal, 0);
}

void MainWindow::fillInSampleData()
{
    // What `rapport-cli demo` adds: enough of each type to try every feature.
    const DemoCounts counts{200, 120, 40, 60, 150};
    if (const QString error = DemoData(m_connection).generate(counts); !error.isEmpty()) {
        m_prompter->warn(this, tr("Sample Data"),
                         tr("The sample records could not be added; nothing was changed.\n\n%1")
                             .arg(error));
        return;
    }
    reloadTabs();
}

void MainWindow::openCurrentTabRecord(qint64 id)
{
    if (RecordTab *t = currentTab())
        openRecord(t->entity(), id);
}

void MainWindow::showNotice(const QString &html)
{
    m_notice->say(html);
}

void MainWindow::openRecord(Entity entity, qint64 id)
{
    if (m_connection.isEmpty())
        return;
    auto *dialog = new RecordDialog(entity, id, m_connection, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RecordDialog::saved, this, [this](Entity e, qint64 savedId) {
        reloadTabs(); // saving a contact changes what its account shows
        if (RecordTab *target = tab(e))
            target->selectId(savedId);
    });
    dialog->open();
}

void MainWindow::setPrompter(std::shared_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
    m_conversion->setPrompter(m_prompter);
    m_csv->setPrompter(m_prompter);
    m_owners->setPrompter(m_prompter);
    if (m_myDay)
        m_myDay->setPrompter(m_prompter);
    if (m_board)
        m_board->setPrompter(m_prompter);
    for (Entity e : allEntities()) {
        if (RecordTab *t = tab(e); t && t->detailPane())
            t->detailPane()->setPrompter(m_prompter);
    }
}

void MainWindow::setNotifier(std::shared_ptr<Notifier> notifier)
{
    m_reminders->setNotifier(std::move(notifier));
}

void MainWindow::reloadTabs()
{
    for (Entity e : allEntities()) {
        if (RecordTab *t = tab(e))
            t->reload();
    }
    // A hidden My Day is read again when it is shown (currentChanged), not on every save.
    if (m_myDay && m_tabs->currentWidget() == m_myDay)
        m_myDay->refresh();
    if (m_board)
        m_board->refresh(); // read now if it shows, else when it does
    m_reminders->recheck(); // an activity saved, moved or done changes its reminder
    updateStatus();
}

void MainWindow::deleteSelected()
{
    RecordTab *t = currentTab();
    if (!t || m_deletion || t->selectedCount() == 0)
        return;
    const Entity entity = t->entity();
    auto *deletion = new DeleteConfirmation(m_connection, m_prompter, this);
    m_deletion = deletion;
    connect(deletion, &DeleteConfirmation::finished, this, [this, deletion](bool deleted) {
        deletion->deleteLater();
        m_deletion = nullptr;
        if (deleted)
            reloadTabs();
        updateActions();
    });
    if (!deletion->start(entity, t->selectedIds())) {
        delete deletion;
        return;
    }
    updateActions();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Rapport"),
                       tr("<h3>Rapport %1</h3><p>A desktop CRM for small sales teams: leads, "
                          "contacts, accounts and deals.</p><p>Licensed under the GNU GPL "
                          "version 3 or later.</p>")
                           .arg(QApplication::applicationVersion()));
}

bool MainWindow::closeRecordDialogs()
{
    // Each open form asks about its own unsaved changes; "Cancel" there keeps it open.
    for (RecordDialog *dialog : findChildren<RecordDialog *>()) {
        if (!dialog->isVisible())
            continue;
        dialog->reject();
        if (dialog->isVisible())
            return false;
    }
    // And the edits in the panes beside the lists.
    for (Entity e : allEntities()) {
        if (RecordTab *t = tab(e); t && t->detailPane() && !t->detailPane()->leaveRecord())
            return false;
    }
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!closeRecordDialogs()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue("mainWindow/geometry", saveGeometry());
    settings.setValue("mainWindow/tab", m_tabs->currentIndex());
    event->accept();
}

} // namespace Rapport
