#pragma once
// The lower half of the detail pane: the record's open activities (with My Day's quick
// actions), the records of other types that point at it (an account's contacts and deals)
// and its history, a page each. Only the page in view is read, so a record with thousands of
// related rows costs nothing until the rep looks at them.

#include "records/fielddef.h"

#include <QTabWidget>

#include <functional>
#include <memory>

namespace Rapport {

class OpenActivities;
class Prompter;

class DetailPages : public QTabWidget
{
    Q_OBJECT

public:
    DetailPages(Entity entity, const QString &connection, QWidget *parent = nullptr);
    ~DetailPages() override;

    void setPrompter(std::shared_ptr<Prompter> prompter);
    // The record whose pages show; the page in view is read now, the others when shown.
    void setRecordId(qint64 id);
    // Reads the page in view again (after a write here or elsewhere).
    void reloadCurrent();

Q_SIGNALS:
    void openRequested(Rapport::Entity entity, qint64 id);
    // An activity was completed or moved on a page: lists elsewhere may show it.
    void changed();

private:
    void addPage(QWidget *page, const QString &title, const QString &tip,
                 std::function<void(qint64)> load);
    void loadPage(int index, bool force);

    struct Page {
        std::function<void(qint64)> load;
        qint64 loaded = -1; // the record it shows
    };

    QString m_connection;
    qint64 m_id = 0;
    OpenActivities *m_activities = nullptr;
    QList<Page> m_pages;
};

} // namespace Rapport
