#include "records/detailpages.h"

#include "day/openactivities.h"
#include "records/recordtypes.h"
#include "records/relatedlist.h"
#include "records/timelinepanel.h"

namespace Rapport {

DetailPages::DetailPages(Entity entity, const QString &connection, QWidget *parent)
    : QTabWidget(parent)
    , m_connection(connection)
{
    setObjectName(QStringLiteral("detailPages"));
    setDocumentMode(true);
    if (entity != Entity::Activity) {
        m_activities = new OpenActivities(entity, connection, this);
        connect(m_activities, &OpenActivities::openRequested, this, &DetailPages::openRequested);
        connect(m_activities, &OpenActivities::changed, this, &DetailPages::changed);
        addPage(m_activities, tr("Activities"),
                tr("The open activities on this record; Ctrl+L logs a call"),
                [this](qint64 id) { m_activities->setRecordId(id); });
    }
    for (const Reference &r : referencesTo(entity)) {
        if (r.link || r.from == entity || r.from == Entity::Activity)
            continue;
        auto *list = new RelatedList(r.from, QLatin1String(r.field->name), connection, this);
        list->setObjectName(
            QStringLiteral("related%1").arg(QLatin1String(entityDef(r.from).plural)));
        list->setAccessibleName(entityPlural(r.from));
        const QString tip = tr("The %1 of this record; Enter opens the selected one.")
                                .arg(entityNoun(r.from, true));
        list->setAccessibleDescription(tip);
        connect(list, &RelatedList::openRequested, this, &DetailPages::openRequested);
        addPage(list, entityPlural(r.from), tip, [list](qint64 id) { list->setRecordId(id); });
    }
    auto *history = new TimelinePanel(entity, 0, connection, this);
    addPage(history, tr("History"),
            tr("Every change to this record, who made it and when, newest first"),
            [history](qint64 id) { history->setRecordId(id); });
    connect(this, &QTabWidget::currentChanged, this,
            [this](int index) { loadPage(index, false); });
}

DetailPages::~DetailPages() = default;

void DetailPages::setPrompter(std::shared_ptr<Prompter> prompter)
{
    if (m_activities)
        m_activities->setPrompter(std::move(prompter));
}

void DetailPages::addPage(QWidget *page, const QString &title, const QString &tip,
                          std::function<void(qint64)> load)
{
    const int index = addTab(page, title);
    setTabToolTip(index, tip);
    m_pages.append({std::move(load)});
}

void DetailPages::setRecordId(qint64 id)
{
    m_id = id;
    for (Page &p : m_pages)
        p.loaded = -1;
    loadPage(currentIndex(), true);
}

void DetailPages::reloadCurrent()
{
    loadPage(currentIndex(), true);
}

void DetailPages::loadPage(int index, bool force)
{
    if (index < 0 || index >= m_pages.size())
        return;
    Page &page = m_pages[index];
    if (!force && page.loaded == m_id)
        return;
    page.loaded = m_id;
    page.load(m_id);
}

} // namespace Rapport
