#pragma once
// The window a rep opens a record in: its form, and for a saved record its notes, an
// account's contacts and deals, a contact's or deal's account. Saving validates first;
// closing with unsaved changes always asks, so an edit is never lost silently.

#include "records/fielddef.h"

#include <QDialog>
#include <QVariantMap>

#include <memory>

class QLabel;
class QTimer;
class QPushButton;
class QScrollArea;
class QSplitter;

namespace Rapport {

class NotesPanel;
class PaneBar;
class Prompter;
class RecordForm;
class RelatedList;
struct SaveOutcome;

class RecordDialog : public QDialog
{
    Q_OBJECT

public:
    // id 0 opens an empty form for a new record.
    RecordDialog(Entity entity, qint64 id, const QString &connection, QWidget *parent = nullptr);
    ~RecordDialog() override;

    Entity entity() const { return m_entity; }
    qint64 recordId() const { return m_id; }
    RecordForm *form() const { return m_form; }
    // False if the record asked for does not exist (deleted meanwhile): the dialog then
    // says so in its title and offers only Close.
    bool recordFound() const { return m_found; }

    // Who answers "Save changes?" and sees errors; the message boxes unless a test says so.
    void setPrompter(std::shared_ptr<Prompter> prompter);
    // Fills a new record's form (e.g. a new contact's account); does not count as an edit.
    void setInitialValues(const QVariantMap &values);

    bool hasUnsavedChanges() const;
    // Another rep, window or process wrote the record (window/liveupdates.h): shown at once
    // when the form holds no edits of the rep's; else the edits stay and a bar says who
    // changed it (a save then shows both versions).
    void recordChangedElsewhere(const QString &who);
    // Validates and writes; false (with the problems shown) if nothing was written.
    bool save();
    // Asks about unsaved changes first; Esc, the Close button and the window's close end here.
    void reject() override;
    // Remembers the split between the form and the side panel.
    void done(int result) override;

Q_SIGNALS:
    void saved(Rapport::Entity entity, qint64 id);

private:
    QString splitterKey() const;
    void buildButtons();
    QPushButton *buildAccountButton();
    bool writeRecord();
    bool finishWrite(const SaveOutcome &outcome);
    void loadRecord();
    void readRecord();
    void focusFirstTextField();
    void rebuildSidePanel();
    void updateTitle();
    void updateAccountButton();
    void saveAndNew();
    void openRecord(Entity entity, qint64 id);
    // A new activity on this record (and what it belongs to), in a form of its own (Ctrl+T).
    void newActivity();
    // A new lead, contact or account: the records it may duplicate, with the matcher's
    // reasons, shown above the form. Whether there are any.
    bool checkDuplicates();

    Entity m_entity;
    qint64 m_id;
    PaneBar *m_changedBar = nullptr;
    qint64 m_version = 0; // as read: a save over a newer one asks first
    QVariantMap m_read;   // the record as read, what the merge compares both versions with
    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    QVariantMap m_shownValues; // what the form showed when loaded: only changes are written
    RecordForm *m_form = nullptr;
    QScrollArea *m_scroll = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_side = nullptr;
    NotesPanel *m_notes = nullptr;
    QList<RelatedList *> m_related;
    QPushButton *m_openAccount = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_saveNewButton = nullptr;
    bool m_found = true;
    QLabel *m_duplicates = nullptr; // "this may be a contact you have already: …"
    QTimer *m_duplicateTimer = nullptr;
};

} // namespace Rapport
