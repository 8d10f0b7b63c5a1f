#pragma once
// A record's history in its window: the timeline (history/timeline.h), newest first — who
// changed which field from what to what, notes, activities scheduled and done, conversion,
// imports and their undo — a page at a time, with "Show Older" for the next.

#include "records/fielddef.h"

#include <QWidget>

class QPushButton;
class QTreeWidget;

namespace Rapport {

class TimelinePanel : public QWidget
{
    Q_OBJECT

public:
    TimelinePanel(Entity entity, qint64 id, const QString &connection, QWidget *parent = nullptr);

    QTreeWidget *view() const { return m_view; }
    // Shows another record's history (the detail pane follows the list's current row).
    void setRecordId(qint64 id);
    // Reads the newest page again (after a save, a note, an activity).
    void reload();
    // Appends the next page of older entries.
    void showOlder();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void append(int limit);

    Entity m_entity;
    qint64 m_id;
    QString m_connection;
    QTreeWidget *m_view;
    QPushButton *m_older;
    qint64 m_oldestSeq = 0;
};

} // namespace Rapport
