#pragma once
// A meeting's attendees who are contacts, in its window: the list (Enter opens a contact),
// a contact picker with Add, and Remove. Each is written the moment it is made, as a note
// is (activities/attendees.h), so the form's Save is not needed for it.

#include "records/fielddef.h"

#include <QWidget>

class QListWidget;
class QPushButton;

namespace Rapport {

class ReferencePicker;

class AttendeesPanel : public QWidget
{
    Q_OBJECT

public:
    AttendeesPanel(qint64 activityId, const QString &connection, QWidget *parent = nullptr);
    void reload();

Q_SIGNALS:
    void openRequested(Rapport::Entity entity, qint64 id);
    // An attendee was added or removed (the history shows it).
    void changed();
    void failed(const QString &error);

private:
    void add();
    void removeCurrent();
    void updateButtons();

    qint64 m_activity;
    QString m_connection;
    QListWidget *m_list;
    ReferencePicker *m_picker;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace Rapport
