#include "reminders/reminderswindow.h"

#include "reminders/reminderscheduler.h"

#include "prompts/warningtext.h"
#include "records/moments.h"
#include "records/recordtypes.h"
#include "storage/clock.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Rapport {

namespace {
enum Column { SubjectColumn, RecordColumn, DueColumn, LateColumn };
constexpr int ActivityRole = Qt::UserRole;
} // namespace

RemindersWindow::RemindersWindow(QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_open(new QPushButton(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open"), this))
    , m_snooze(new QPushButton(QIcon::fromTheme(QStringLiteral("appointment-soon")), tr("&Snooze"),
                               this))
    , m_dismiss(new QPushButton(QIcon::fromTheme(QStringLiteral("dialog-ok")), tr("&Dismiss"),
                                this))
    , m_dismissAll(new QPushButton(tr("Dismiss &All"), this))
{
    setObjectName(QStringLiteral("remindersWindow"));
    setWindowTitle(tr("Reminders"));
    setModal(false);
    m_summary->setObjectName(QStringLiteral("remindersSummary"));
    m_list->setObjectName(QStringLiteral("reminderList"));
    m_list->setHeaderLabels({tr("Subject"), tr("Record"), tr("Due"), tr("Late")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setAccessibleName(tr("Reminders"));
    m_list->setAccessibleDescription(tr("The reminders that are due: Enter opens one, Del "
                                        "dismisses the selected ones."));
    m_list->header()->setSectionResizeMode(SubjectColumn, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    // Enter reaches the dialog (a list passes it on) and presses Open, its default button.
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, [this] { act(Notifier::Choice::Open); });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &RemindersWindow::updateButtons);
    auto *dismissKey = new QAction(this);
    dismissKey->setShortcut(QKeySequence::Delete);
    dismissKey->setShortcutContext(Qt::WidgetShortcut);
    connect(dismissKey, &QAction::triggered, this, [this] { act(Notifier::Choice::Dismiss); });
    m_list->addAction(dismissKey);

    const auto describe = [](QPushButton *b, const char *name, const QString &tip) {
        b->setObjectName(QLatin1String(name));
        b->setToolTip(tip);
        b->setAccessibleDescription(tip);
        b->setAutoDefault(false);
    };
    describe(m_open, "remindersOpenButton", tr("Open the record the activity is on"));
    describe(m_snooze, "remindersSnoozeButton", tr("Remind again later"));
    describe(m_dismiss, "remindersDismissButton", tr("Take the selected reminders off the list"));
    describe(m_dismissAll, "remindersDismissAllButton", tr("Take every reminder off the list"));
    auto *snoozes = new QMenu(m_snooze);
    snoozes->setObjectName(QStringLiteral("remindersSnoozeMenu"));
    for (const Notifier::Choice c : Notifier::snoozes()) {
        QAction *a = snoozes->addAction(Notifier::text(c), this, [this, c] { act(c); });
        a->setObjectName(Notifier::key(c));
    }
    m_snooze->setMenu(snoozes);
    connect(m_open, &QPushButton::clicked, this, [this] { act(Notifier::Choice::Open); });
    connect(m_dismiss, &QPushButton::clicked, this, [this] { act(Notifier::Choice::Dismiss); });
    connect(m_dismissAll, &QPushButton::clicked, this, [this] {
        if (m_scheduler)
            m_scheduler->dismissAll();
        close();
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("remindersButtons"));
    for (QPushButton *b : {m_open, m_snooze, m_dismiss, m_dismissAll})
        buttons->addButton(b, QDialogButtonBox::ActionRole);
    m_open->setDefault(true);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("remindersCloseButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *column = new QVBoxLayout(this);
    column->addWidget(m_summary);
    column->addWidget(m_list, 1);
    column->addWidget(buttons);
    resize(720, 320);
    updateButtons();
}

void RemindersWindow::setScheduler(ReminderScheduler *scheduler)
{
    if (m_scheduler)
        disconnect(m_scheduler, nullptr, this, nullptr);
    m_scheduler = scheduler;
    if (m_scheduler)
        connect(m_scheduler, &ReminderScheduler::pendingChanged, this, &RemindersWindow::refresh);
    refresh();
}

QString RemindersWindow::duration(qint64 seconds)
{
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%n minute(s)", nullptr, int(minutes));
    if (minutes < 48 * 60)
        return tr("%n hour(s)", nullptr, int(minutes / 60));
    return tr("%n day(s)", nullptr, int(minutes / (24 * 60)));
}

void RemindersWindow::refresh()
{
    const QList<qint64> selected = selectedIds();
    const qint64 current = m_list->currentItem()
                               ? m_list->currentItem()->data(0, ActivityRole).toLongLong()
                               : 0;
    const int currentRow =
        m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : 0;
    m_list->clear();
    const QList<Reminder> reminders = m_scheduler ? m_scheduler->pending() : QList<Reminder>();
    const QDateTime now = Clock::now();
    const QColor red = warningTextColour(m_list->palette(), QPalette::Base);
    for (const Reminder &r : reminders) {
        const AgendaItem &a = r.activity;
        const qint64 late = a.due.secsTo(now);
        const QString record =
            a.recordId ? tr("%1: %2").arg(entitySingular(a.entity), a.recordName) : QString();
        // How late, to the minute; one not due yet says how soon.
        const QString lateText = late >= 60 ? duration(late)
                                 : late >= 0 ? tr("due now")
                                             : tr("due in %1").arg(duration(-late + 59));
        auto *item = new QTreeWidgetItem(
            m_list, {Notifier::summary(r), record, Moments::display(a.due), lateText});
        item->setData(0, ActivityRole, a.id);
        item->setToolTip(SubjectColumn, Notifier::body(r));
        if (late >= 60)
            item->setForeground(LateColumn, red);
        item->setSelected(selected.contains(a.id));
        if (a.id == current)
            m_list->setCurrentItem(item, 0, QItemSelectionModel::NoUpdate);
    }
    // The one dealt with leaves; the next one takes its place under the keyboard.
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0) {
        m_list->setCurrentItem(
            m_list->topLevelItem(std::min(currentRow, m_list->topLevelItemCount() - 1)));
    }
    m_summary->setText(reminders.isEmpty()
                           ? tr("No reminders are due.")
                           : tr("%n reminder(s) due.", nullptr, int(reminders.size())));
    for (int c = RecordColumn; c <= LateColumn; ++c)
        m_list->resizeColumnToContents(c);
    updateButtons();
}

QList<qint64> RemindersWindow::selectedIds() const
{
    QList<qint64> ids;
    for (const QTreeWidgetItem *item : m_list->selectedItems())
        ids << item->data(0, ActivityRole).toLongLong();
    return ids;
}

void RemindersWindow::act(Notifier::Choice choice)
{
    if (!m_scheduler)
        return;
    QList<qint64> ids;
    if (choice == Notifier::Choice::Open) {
        if (const QTreeWidgetItem *item = m_list->currentItem())
            ids << item->data(0, ActivityRole).toLongLong();
    } else {
        ids = selectedIds();
    }
    for (const qint64 id : std::as_const(ids))
        m_scheduler->choose(id, choice);
    // The last one dealt with: nothing is left to show.
    if (!ids.isEmpty() && m_scheduler && m_scheduler->pending().isEmpty())
        close();
}

void RemindersWindow::updateButtons()
{
    const bool any = m_list->topLevelItemCount() > 0;
    const bool selected = !m_list->selectedItems().isEmpty();
    m_open->setEnabled(m_list->currentItem() != nullptr);
    m_snooze->setEnabled(selected);
    m_dismiss->setEnabled(selected);
    m_dismissAll->setEnabled(any);
}

} // namespace Rapport
