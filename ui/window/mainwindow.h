#pragma once
// Rapport's main window: one tab per record type over the one open database, the File menu
// that opens, creates and remembers databases, and the record actions of the current tab.

#include "records/fielddef.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class QLabel;
class QStackedWidget;
class QTabWidget;
class QUndoStack;

namespace Rapport {

class Checkpointer;
class ConnectionNotice;
class ConversionActions;
class CsvActions;
class DeleteConfirmation;
class LiveUpdates;
class NoticeBar;
class Notifier;
class OwnerActions;
class Prompter;
class RecentDatabases;
class ReminderActions;
class RecordTab;
class MyDayTab;
class BoardTab;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens (creating or migrating) the database; on failure the current one stays open
    // and the reason is shown. Returns whether `location` is now open.
    bool openDatabase(const QString &location);
    QString connectionName() const { return m_connection; }
    RecordTab *tab(Entity entity) const;
    // The first tab: what needs the rep today.
    MyDayTab *myDay() const { return m_myDay; }
    BoardTab *board() const { return m_board; }
    // Every tab reads its records again (counts and one page each: cheap). After any write
    // that can touch more than one record type: a save, a conversion, an import, an undo.
    void reloadTabs();
    RecordTab *currentTab() const;
    // Opens the record in its form.
    void openRecord(Entity entity, qint64 id);
    // Says what just happened above the tabs; its links (records/recordlink.h) open records.
    void showNotice(const QString &html);

    // Tests name the file instead of the file dialog (save: New Database, else Open).
    using FileChooser = std::function<QString(QWidget *parent, const QString &title,
                                              const QString &folder, const QString &filter,
                                              bool save)>;
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    // Who asks the window's questions and shows its errors, and those of the conversion,
    // import and export actions in its menus (message boxes unless a test answers them).
    void setPrompter(std::shared_ptr<Prompter> prompter);
    // Who shows the reminders that come due (the desktop's notifications unless a test says).
    void setNotifier(std::shared_ptr<Notifier> notifier);
    ReminderActions *reminders() const { return m_reminders; }
    // Who works (first start, Switch User…) and Assign to… (window/owneractions.h).
    OwnerActions *owners() const { return m_owners; }
    // Other reps' changes shown as they come (window/liveupdates.h).
    LiveUpdates *liveUpdates() const { return m_live; }
    // Says a lost connection and reconnects (window/connectionnotice.h); null without a database.
    ConnectionNotice *connectionNotice() const { return m_connectionNotice; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createFileMenu();
    void createRecordMenu();
    bool closeRecordDialogs();
    // Makes the opened `connection` the window's, closing the one before.
    void adoptDatabase(const QString &connection);
    void closeDatabase();
    void buildTabs();
    void clearTabs();
    void updateStatus();
    void updateActions();

    void newDatabase();
    void openDatabaseDialog();
    void connectToServer();
    void newRecord();
    void openCurrentTabRecord(qint64 id);
    void fillInSampleData();
    void deleteSelected();
    void about();

    QTabWidget *m_tabs;
    MyDayTab *m_myDay = nullptr;
    BoardTab *m_board = nullptr;
    QLabel *m_countLabel;
    QLabel *m_emptyLabel;
    NoticeBar *m_notice;
    QStackedWidget *m_stack = nullptr; // the empty label, or the tabs
    RecentDatabases *m_recent = nullptr;
    QString m_connection;
    int m_connectionSerial = 0;
    FileChooser m_chooseFile;
    std::shared_ptr<Prompter> m_prompter;
    LiveUpdates *m_live = nullptr;
    QPointer<DeleteConfirmation> m_deletion; // while records are being deleted

    QAction *m_newRecord = nullptr;
    QAction *m_openRecord = nullptr;
    QAction *m_deleteRecord = nullptr;
    QAction *m_find = nullptr;
    QAction *m_detailPane = nullptr; // View › Detail Pane: the record beside each list
    // Lead conversion (see ConversionActions) and the undo stack it pushes to.
    QUndoStack *m_undoStack = nullptr;
    ConversionActions *m_conversion = nullptr;
    CsvActions *m_csv = nullptr;
    ReminderActions *m_reminders = nullptr; // View › Reminders…, and what comes due
    OwnerActions *m_owners = nullptr;
    ConnectionNotice *m_connectionNotice = nullptr;
    Checkpointer *m_checkpointer = nullptr;
};

} // namespace Rapport
