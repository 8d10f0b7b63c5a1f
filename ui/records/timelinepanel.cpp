#include "records/timelinepanel.h"

#include "history/timeline.h"
#include "records/moments.h"

#include <QHeaderView>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Rapport {

TimelinePanel::TimelinePanel(Entity entity, qint64 id, const QString &connection, QWidget *parent)
    : QWidget(parent)
    , m_entity(entity)
    , m_id(id)
    , m_connection(connection)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view = new QTreeWidget(this);
    m_view->setObjectName(QStringLiteral("timeline"));
    m_view->setAccessibleName(tr("History"));
    m_view->setAccessibleDescription(tr("What happened to this record, newest first"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setHeaderLabels({tr("When"), tr("Who"), tr("What")});
    m_view->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    layout->addWidget(m_view, 1);
    m_older = new QPushButton(tr("Show &Older"), this);
    m_older->setObjectName(QStringLiteral("timelineOlder"));
    m_older->setAutoDefault(false);
    connect(m_older, &QPushButton::clicked, this, &TimelinePanel::showOlder);
    layout->addWidget(m_older, 0, Qt::AlignLeft);
    reload();
}

void TimelinePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload(); // what was saved, noted or planned meanwhile shows
}

void TimelinePanel::setRecordId(qint64 id)
{
    m_id = id;
    reload();
}

void TimelinePanel::reload()
{
    m_view->clear();
    m_oldestSeq = 0;
    append(Timeline::PageSize);
}

void TimelinePanel::showOlder()
{
    append(Timeline::PageSize);
}

void TimelinePanel::append(int limit)
{
    const Timeline timeline(m_connection, m_entity, m_id);
    const QList<TimelineEntry> entries = timeline.read(limit, m_oldestSeq);
    bool ended = entries.size() < limit;
    for (const TimelineEntry &e : entries) {
        const QString what = timeline.describe(e);
        auto *item = new QTreeWidgetItem(m_view, {Moments::display(e.time), e.who, what});
        item->setToolTip(2, what);
        if (e.seq == 0)
            ended = true; // the record's creation from before the log: nothing older
        else
            m_oldestSeq = e.seq;
    }
    m_older->setEnabled(!ended);
}

} // namespace Rapport
