#include "day/mydaytab.h"

#include "activities/followup.h"
#include "day/activitysteps.h"
#include "storage/owner.h"
#include "prompts/prompter.h"
#include "prompts/warningtext.h"
#include "records/moments.h"
#include "records/recordtypes.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QScrollBar>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Rapport {

namespace {

enum Column { DueColumn, TypeColumn, SubjectColumn, OnColumn };
enum Role { ActivityRole = Qt::UserRole, EntityRole, RecordRole, SectionRole };
enum Move { Tomorrow, NextMonday, Picked };

QString typeIcon(const QString &type)
{
    if (type == QLatin1String("Call"))
        return QStringLiteral("call-start");
    if (type == QLatin1String("Meeting"))
        return QStringLiteral("appointment-new");
    if (type == QLatin1String("Email"))
        return QStringLiteral("mail-send");
    return QStringLiteral("view-list-details");
}

} // namespace

MyDayTab::MyDayTab(const QString &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_prompter(Prompter::standard())
    , m_owner(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_on(new QComboBox(this))
    , m_view(new QTreeWidget(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("myDayTab"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_owner->setObjectName(QStringLiteral("ownerFilter"));
    m_owner->setAccessibleName(tr("Whose activities"));
    m_owner->setAccessibleDescription(tr("Yours (with those nobody owns), or everyone's."));
    m_owner->addItem(tr("Mine"), currentUserName());
    m_owner->addItem(tr("Everyone's"), QString());
    m_type->setObjectName(QStringLiteral("typeFilter"));
    m_type->setAccessibleName(tr("Activity type"));
    m_type->setAccessibleDescription(tr("Every type, or tasks, calls, meetings or emails only."));
    m_type->addItem(tr("All types"), QString());
    for (const QString &v : picklistValues(*findField(Entity::Activity, QStringLiteral("activity_type"))))
        m_type->addItem(QIcon::fromTheme(typeIcon(v)), picklistLabel(v), v);
    m_on->setObjectName(QStringLiteral("recordFilter"));
    m_on->setAccessibleName(tr("Records"));
    m_on->setAccessibleDescription(tr("Activities on any record, or on leads, contacts, "
                                      "accounts or deals only."));
    m_on->addItem(tr("All records"), int(Entity::Activity));
    for (Entity e : {Entity::Lead, Entity::Contact, Entity::Account, Entity::Deal})
        m_on->addItem(entityPlural(e), int(e));
    bar->addWidget(m_owner);
    bar->addWidget(m_type);
    bar->addWidget(m_on);
    m_summary->setObjectName(QStringLiteral("daySummary"));
    bar->addWidget(m_summary, 1);

    const auto action = [this, bar](const QString &icon, const QString &text, const QKeySequence &key,
                                    const QString &name, const QString &tip) {
        auto *a = new QAction(QIcon::fromTheme(icon), text, this);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        addAction(a);
        auto *button = new QToolButton(this);
        button->setDefaultAction(a);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(true);
        button->setAccessibleName(QString(text).remove(QLatin1Char('&')));
        button->setAccessibleDescription(tip);
        bar->addWidget(button);
        return a;
    };
    m_done = action(QStringLiteral("dialog-ok"), tr("&Done"), QKeySequence(tr("Ctrl+D")),
                    QStringLiteral("doneAction"), tr("Complete the activity, and plan the next step"));
    m_tomorrow = action(QStringLiteral("go-next"), tr("+1 D&ay"), QKeySequence(tr("Ctrl+Shift+D")),
                        QStringLiteral("tomorrowAction"), tr("Move it a day on, at the same time"));
    m_monday = action(QStringLiteral("go-last"), tr("Next &Monday"), QKeySequence(tr("Ctrl+Shift+M")),
                      QStringLiteral("mondayAction"), tr("Move it to next Monday, at the same time"));
    m_pick = action(QStringLiteral("view-calendar"), tr("&Reschedule…"), QKeySequence(tr("Ctrl+Shift+P")),
                    QStringLiteral("pickDateAction"), tr("Move it to a date and time you pick"));
    m_logCall = action(QStringLiteral("call-start"), tr("&Log Call…"), QKeySequence(tr("Ctrl+L")),
                       QStringLiteral("logCallAction"), tr("Log a call just made on the same record"));
    layout->addLayout(bar);

    m_view->setObjectName(QStringLiteral("dayView"));
    m_view->setAccessibleName(tr("My Day"));
    m_view->setAccessibleDescription(
        tr("Overdue, today, the next days and deals with no next step; Enter opens the record, "
           "Ctrl+D completes, Ctrl+Shift+D moves a day on."));
    m_view->setHeaderLabels({tr("Due"), tr("Type"), tr("Subject"), tr("On")});
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(true);
    // Wide enough for a date and time in the user's format, and the longest type.
    const int pad = style()->pixelMetric(QStyle::PM_SmallIconSize) + 24;
    m_view->setColumnWidth(DueColumn, fontMetrics().horizontalAdvance(
                                          Moments::display(QDateTime(QDate(2026, 12, 31), QTime(23, 59))))
                                          + 24 + m_view->indentation());
    int typeWidth = 0;
    for (int i = 1; i < m_type->count(); ++i)
        typeWidth = qMax(typeWidth, fontMetrics().horizontalAdvance(m_type->itemText(i)));
    m_view->setColumnWidth(TypeColumn, typeWidth + pad);
    m_view->setColumnWidth(SubjectColumn, fontMetrics().averageCharWidth() * 40);
    layout->addWidget(m_view, 1);

    connect(m_done, &QAction::triggered, this, &MyDayTab::completeCurrent);
    connect(m_tomorrow, &QAction::triggered, this, [this] { moveCurrent(Tomorrow); });
    connect(m_monday, &QAction::triggered, this, [this] { moveCurrent(NextMonday); });
    connect(m_pick, &QAction::triggered, this, [this] { moveCurrent(Picked); });
    connect(m_logCall, &QAction::triggered, this, &MyDayTab::logCall);
    connect(m_view, &QTreeWidget::itemActivated, this, &MyDayTab::activated);
    connect(m_view, &QTreeWidget::currentItemChanged, this, &MyDayTab::updateActions);
    connect(m_owner, &QComboBox::currentIndexChanged, this, &MyDayTab::refresh);
    connect(m_type, &QComboBox::currentIndexChanged, this, &MyDayTab::refresh);
    connect(m_on, &QComboBox::currentIndexChanged, this, &MyDayTab::refresh);
    refresh();
}

MyDayTab::~MyDayTab() = default;

void MyDayTab::setPrompter(std::shared_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
}

void MyDayTab::refresh()
{
    const qint64 selected = currentActivity();
    const int scroll = m_view->verticalScrollBar()->value(); // read again in place
    AgendaFilter filter;
    filter.owner = m_owner->currentData().toString();
    filter.type = m_type->currentData().toString();
    filter.on = Entity(m_on->currentData().toInt());
    const Agenda agenda = AgendaReader(m_connection).read(filter);
    m_view->clear();
    if (!agenda.error.isEmpty()) {
        m_summary->setText(agenda.error);
        updateActions();
        return;
    }
    addSection(QStringLiteral("overdue"), tr("Overdue"), agenda.overdue, true);
    addSection(QStringLiteral("today"), tr("Today"), agenda.today, false);
    addSection(QStringLiteral("upcoming"), tr("Next %n day(s)", nullptr, 7), agenda.upcoming, false);
    auto *stalled = new QTreeWidgetItem(m_view, {tr("Open deals with no next step (%1)")
                                                     .arg(agenda.noNextStep.size())});
    stalled->setData(0, SectionRole, QStringLiteral("noNextStep"));
    stalled->setFirstColumnSpanned(true);
    QFont bold = stalled->font(0);
    bold.setBold(true);
    stalled->setFont(0, bold);
    for (const StalledDeal &d : agenda.noNextStep) {
        auto *item = new QTreeWidgetItem(stalled, {QString(), picklistLabel(d.stage),
                                                   tr("Plan the next step"), d.name});
        item->setData(0, EntityRole, int(Entity::Deal));
        item->setData(0, RecordRole, d.id);
        item->setIcon(SubjectColumn, QIcon::fromTheme(QStringLiteral("dialog-warning")));
    }
    m_view->expandAll();
    m_summary->setText(tr("%1 overdue, %2 today").arg(agenda.overdue.size()).arg(agenda.today.size()));
    // The same activity stays selected; otherwise the first one.
    QTreeWidgetItem *current = nullptr;
    for (QTreeWidgetItemIterator it(m_view); *it; ++it) {
        const qint64 id = (*it)->data(0, ActivityRole).toLongLong();
        if (!current && (*it)->parent())
            current = *it;
        if (selected && id == selected) {
            current = *it;
            break;
        }
    }
    if (current)
        m_view->setCurrentItem(current);
    m_view->verticalScrollBar()->setValue(scroll);
    updateActions();
}

void MyDayTab::addSection(const QString &key, const QString &title, const QList<AgendaItem> &items,
                          bool late)
{
    auto *section = new QTreeWidgetItem(m_view, {QStringLiteral("%1 (%2)").arg(title).arg(items.size())});
    section->setData(0, SectionRole, key);
    section->setFirstColumnSpanned(true);
    QFont bold = section->font(0);
    bold.setBold(true);
    section->setFont(0, bold);
    const QColor red = warningTextColour(m_view->palette(), QPalette::Base);
    if (late)
        section->setForeground(0, red);
    for (const AgendaItem &a : items) {
        const QString on = a.recordId ? QStringLiteral("%1: %2").arg(entitySingular(a.entity), a.recordName)
                                      : QString();
        auto *item = new QTreeWidgetItem(section, {Moments::display(a.due), picklistLabel(a.type),
                                                   a.subject, on});
        item->setIcon(TypeColumn, QIcon::fromTheme(typeIcon(a.type)));
        item->setData(0, ActivityRole, a.id);
        item->setData(0, EntityRole, a.recordId ? int(a.entity) : int(Entity::Activity));
        item->setData(0, RecordRole, a.recordId ? a.recordId : a.id);
        if (late)
            item->setForeground(DueColumn, red);
    }
}

qint64 MyDayTab::currentActivity() const
{
    const QTreeWidgetItem *item = m_view->currentItem();
    return item ? item->data(0, ActivityRole).toLongLong() : 0;
}

void MyDayTab::updateActions()
{
    const bool activity = currentActivity() > 0;
    const QTreeWidgetItem *item = m_view->currentItem();
    for (QAction *a : {m_done, m_tomorrow, m_monday, m_pick})
        a->setEnabled(activity);
    m_logCall->setEnabled(item && item->parent());
    // On a deal with no next step, Ctrl+D plans one.
    m_done->setEnabled(activity || (item && item->parent() && !item->data(0, RecordRole).isNull()));
}

void MyDayTab::activated(QTreeWidgetItem *item)
{
    if (!item || !item->parent())
        return;
    Q_EMIT openRequested(Entity(item->data(0, EntityRole).toInt()), item->data(0, RecordRole).toLongLong());
}

void MyDayTab::completeCurrent()
{
    QTreeWidgetItem *item = m_view->currentItem();
    if (!item || !item->parent())
        return;
    ActivitySteps steps(m_connection, m_prompter, this);
    if (const qint64 id = currentActivity())
        steps.complete(id, item->text(SubjectColumn));
    else // an open deal with no next step: plan one on it
        steps.planStep(FollowUp(m_connection).regarding(Entity::Deal,
                                                        item->data(0, RecordRole).toLongLong()),
                       item->text(OnColumn), false);
    refresh();
    Q_EMIT changed();
}

void MyDayTab::moveCurrent(int how)
{
    const qint64 id = currentActivity();
    if (id == 0)
        return;
    const ActivitySteps::Move moves[] = {ActivitySteps::Move::NextDay,
                                         ActivitySteps::Move::NextMonday,
                                         ActivitySteps::Move::Picked};
    if (!ActivitySteps(m_connection, m_prompter, this).move(id, moves[how]))
        return;
    refresh();
    Q_EMIT changed();
}

void MyDayTab::logCall()
{
    QTreeWidgetItem *item = m_view->currentItem();
    if (!item || !item->parent())
        return;
    // The call goes on the records the selected activity (or deal) is on.
    const FollowUp followUp(m_connection);
    const qint64 id = currentActivity();
    const QVariantMap regarding =
        id ? followUp.sameRecords(id)
           : followUp.regarding(Entity::Deal, item->data(0, RecordRole).toLongLong());
    const QString about = item->text(OnColumn).isEmpty() ? item->text(SubjectColumn)
                                                         : item->text(OnColumn);
    if (!ActivitySteps(m_connection, m_prompter, this).logCall(regarding, about))
        return;
    refresh();
    Q_EMIT changed();
}

} // namespace Rapport
