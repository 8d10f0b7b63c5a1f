#pragma once
// The open activities on one record, in the detail pane beside a list: when each is due and
// what it is, soonest first. Enter opens one; Ctrl+D completes it with its next step and
// Ctrl+Shift+D moves it a day on, asked and written as My Day does (day/activitysteps.h).

#include "records/fielddef.h"

#include <QWidget>

#include <memory>

class QPushButton;
class QTreeWidget;

namespace Rapport {

class Prompter;

class OpenActivities : public QWidget
{
    Q_OBJECT

public:
    // The open activities whose reference to an `entity` record is the one shown.
    OpenActivities(Entity entity, const QString &connection, QWidget *parent = nullptr);
    ~OpenActivities() override;

    void setPrompter(std::shared_ptr<Prompter> prompter);
    void setRecordId(qint64 id);
    void reload();
    QTreeWidget *view() const { return m_view; }

Q_SIGNALS:
    void openRequested(Rapport::Entity entity, qint64 id);
    // An activity was completed or moved here: the lists and the history may show it.
    void changed();

private:
    qint64 currentActivity() const;
    void completeCurrent();
    void moveCurrent();
    void updateButtons();

    Entity m_entity;
    QString m_field; // the activities' Reference field to the record
    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    qint64 m_id = 0;
    QTreeWidget *m_view;
    QPushButton *m_done;
    QPushButton *m_tomorrow;
};

} // namespace Rapport
