#pragma once
// The notes of one saved record, newest first, and a box to add one. A note is written the
// moment it is added, independently of the record's form, so editing the record never
// touches its history.

#include "records/fielddef.h"

#include <QWidget>

class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Rapport {

class NotesPanel : public QWidget
{
    Q_OBJECT

public:
    NotesPanel(Entity entity, qint64 recordId, const QString &connection,
               QWidget *parent = nullptr);

    // Text typed in the note box but not added yet: closing the record must not lose it.
    bool hasPendingNote() const;
    // Adds the typed note; false (and the reason in *error) if it could not be written.
    QString addPendingNote();
    void reload();

Q_SIGNALS:
    void pendingNoteChanged(bool pending);
    void noteFailed(const QString &error);

private:
    Entity m_entity;
    qint64 m_recordId;
    QString m_connection;
    QListWidget *m_list = nullptr;
    QPlainTextEdit *m_edit = nullptr;
    QPushButton *m_add = nullptr;
};

} // namespace Rapport
