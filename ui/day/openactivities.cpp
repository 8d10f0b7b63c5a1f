#include "day/openactivities.h"

#include "day/activitysteps.h"
#include "prompts/prompter.h"
#include "records/moments.h"
#include "records/recordtypes.h"
#include "storage/recordstore.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QPushButton>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Rapport {

namespace {

enum Column { DueColumn, TypeColumn, SubjectColumn };

QString referenceTo(Entity entity)
{
    for (const FieldDef &f : entityDef(Entity::Activity).fields) {
        if (f.type == FieldType::Reference && f.refEntity == entity)
            return QLatin1String(f.name);
    }
    return {};
}

} // namespace

OpenActivities::OpenActivities(Entity entity, const QString &connection, QWidget *parent)
    : QWidget(parent)
    , m_entity(entity)
    , m_field(referenceTo(entity))
    , m_connection(connection)
    , m_prompter(Prompter::standard())
    , m_view(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("openActivities"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const auto button = [this](const QString &icon, const QString &text, const QString &key,
                               const QString &name, const QString &tip) {
        auto *b = new QPushButton(QIcon::fromTheme(icon), text, this);
        b->setObjectName(name);
        b->setAutoDefault(false);
        const QKeySequence sequence(key);
        b->setToolTip(QStringLiteral("%1 (%2)")
                          .arg(tip, sequence.toString(QKeySequence::NativeText)));
        b->setAccessibleDescription(tip);
        auto *shortcut = new QShortcut(sequence, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, b, &QPushButton::click);
        return b;
    };
    m_done = button(QStringLiteral("dialog-ok"), tr("&Done…"), tr("Ctrl+D"),
                    QStringLiteral("paneDoneButton"),
                    tr("Complete the selected activity, and plan the next step"));
    m_tomorrow = button(QStringLiteral("go-next"), tr("+1 D&ay"), tr("Ctrl+Shift+D"),
                        QStringLiteral("paneTomorrowButton"),
                        tr("Move the selected activity a day on, at the same time"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_done);
    row->addWidget(m_tomorrow);
    row->addStretch(1);
    layout->addLayout(row);

    m_view->setObjectName(QStringLiteral("openActivitiesView"));
    m_view->setAccessibleName(tr("Open activities"));
    m_view->setAccessibleDescription(
        tr("The open activities on this record, soonest first; Enter opens one, Ctrl+D "
           "completes it, Ctrl+Shift+D moves it a day on."));
    m_view->setHeaderLabels({tr("Due"), tr("Type"), tr("Subject")});
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->header()->setSectionResizeMode(DueColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(TypeColumn, QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    layout->addWidget(m_view, 1);

    connect(m_done, &QPushButton::clicked, this, &OpenActivities::completeCurrent);
    connect(m_tomorrow, &QPushButton::clicked, this, &OpenActivities::moveCurrent);
    connect(m_view, &QTreeWidget::currentItemChanged, this, &OpenActivities::updateButtons);
    connect(m_view, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (item)
            Q_EMIT openRequested(Entity::Activity, item->data(0, Qt::UserRole).toLongLong());
    });
    updateButtons();
}

OpenActivities::~OpenActivities() = default;

void OpenActivities::setPrompter(std::shared_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
}

void OpenActivities::setRecordId(qint64 id)
{
    m_id = id;
    reload();
}

void OpenActivities::reload()
{
    const qint64 selected = currentActivity();
    m_view->clear();
    QList<QVariantMap> open;
    if (m_id && !m_field.isEmpty()) {
        for (const QVariantMap &a : RecordStore(m_connection).referencing(Entity::Activity,
                                                                          m_field, m_id)) {
            if (a.value(QStringLiteral("status")).toString() != QLatin1String("Done"))
                open << a;
        }
    }
    // Soonest first (stored times sort as text); those with no due time last.
    const QString due = QStringLiteral("due_at");
    std::stable_sort(open.begin(), open.end(), [&due](const QVariantMap &a, const QVariantMap &b) {
        const QString x = a.value(due).toString(), y = b.value(due).toString();
        return !x.isEmpty() && (y.isEmpty() || x < y);
    });
    for (const QVariantMap &a : std::as_const(open)) {
        const QDateTime when = Moments::fromStored(a.value(due).toString());
        auto *item = new QTreeWidgetItem(
            m_view, {when.isValid() ? Moments::display(when) : QString(),
                     picklistLabel(a.value(QStringLiteral("activity_type")).toString()),
                     a.value(QStringLiteral("subject")).toString()});
        const qint64 id = a.value(QStringLiteral("id")).toLongLong();
        item->setData(0, Qt::UserRole, id);
        if (id == selected || !m_view->currentItem())
            m_view->setCurrentItem(item);
    }
    updateButtons();
}

qint64 OpenActivities::currentActivity() const
{
    const QTreeWidgetItem *item = m_view->currentItem();
    return item ? item->data(0, Qt::UserRole).toLongLong() : 0;
}

void OpenActivities::updateButtons()
{
    const bool any = currentActivity() != 0;
    m_done->setEnabled(any);
    m_tomorrow->setEnabled(any);
}

void OpenActivities::completeCurrent()
{
    const QTreeWidgetItem *item = m_view->currentItem();
    if (!item)
        return;
    if (ActivitySteps(m_connection, m_prompter, this).complete(currentActivity(),
                                                                item->text(SubjectColumn))) {
        reload();
        Q_EMIT changed();
    }
}

void OpenActivities::moveCurrent()
{
    const qint64 id = currentActivity();
    if (id && ActivitySteps(m_connection, m_prompter, this).move(id,
                                                                 ActivitySteps::Move::NextDay)) {
        reload();
        Q_EMIT changed();
    }
}

} // namespace Rapport
