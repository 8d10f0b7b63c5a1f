#pragma once
// The record beside the list: the current row's record in a pane right of a tab's table, so
// that a rep reads and edits it without a window over the list. Its key fields (those the
// catalogue lists) are edited in place and saved with the version that was read, so a
// colleague's newer write is shown to merge with, never overwritten unseen; below them its
// open activities with My Day's quick actions, its related records and its history. Email
// addresses and phone numbers are links, and after a call the pane offers to log it. The pane
// follows the list's current row, reading one record by id once the selection rests, and asks
// before unsaved edits would be dropped.

#include "records/fielddef.h"

#include <QVariantMap>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTimer;
class QVBoxLayout;

namespace Rapport {

class DetailPages;
class KeyFields;
class PaneBar;
class Prompter;
class RecordForm;
class RecordTab;

class DetailPane : public QWidget
{
    Q_OBJECT

public:
    DetailPane(Entity entity, const QString &connection, QWidget *parent = nullptr);
    ~DetailPane() override;

    // Follows the tab's current row from its splitter, whose split it remembers.
    void follow(RecordTab *tab);
    // Who asks about unsaved edits and hears of failures; the message boxes by default.
    void setPrompter(std::shared_ptr<Prompter> prompter);

    Entity entity() const { return m_entity; }
    // The record shown, 0 when none is.
    qint64 recordId() const { return m_id; }
    RecordForm *form() const { return m_form; }
    bool hasUnsavedChanges() const;

    // Shows record `id` (0: none) once the selection rests; while the pane is hidden, once it
    // shows. The record shown already is read again: a change made elsewhere shows, unless
    // the rep has unsaved edits, which are kept and told of.
    void showRecord(qint64 id);
    // Validates and writes the edits with the version read; false (and why) if not written.
    bool save();
    // Drops the edits: the record as it is stored now.
    void revert();
    // Asks what the call to this record was about and logs it, then its next step.
    void logCall();
    // Before the record goes (another database, the window closing): Save, Discard or Cancel
    // unsaved edits. False to stay.
    bool leaveRecord();

    // View › Detail Pane: one choice for every tab, kept across sessions.
    static bool shownBySettings();
    static void rememberShown(bool shown);

    QSize sizeHint() const override;

Q_SIGNALS:
    void openRequested(Rapport::Entity entity, qint64 id);
    // The pane wrote the record or one of its activities: lists elsewhere may show it.
    void changed();
    // The rep stayed on the record with unsaved edits: the list goes back to it.
    void keepRecord(qint64 id);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildRecordPage();
    void buildForm(QWidget *page, QVBoxLayout *layout);
    void addKeys(QWidget *page);
    void switchRecord();
    void load(qint64 id);
    void refreshRecord();
    void connectCallLinks();
    void updateButtons();
    void saveSplit() const;
    QString splitKey() const;

    Entity m_entity;
    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    RecordTab *m_tab = nullptr;
    qint64 m_id = 0;
    qint64 m_version = 0;
    QVariantMap m_read;        // the whole record as read
    QVariantMap m_shownValues; // as read: only what the rep changed is written
    qint64 m_pending = 0;
    bool m_pendingSet = false;
    QTimer *m_settle = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_title = nullptr;
    PaneBar *m_callBar = nullptr;
    PaneBar *m_changedBar = nullptr;
    KeyFields *m_fields = nullptr;
    RecordForm *m_form = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    DetailPages *m_pages = nullptr; // activities, related records, history
};

} // namespace Rapport
