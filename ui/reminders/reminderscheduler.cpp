#include "reminders/reminderscheduler.h"

#include "storage/clock.h"

#include <QTimer>

#include <algorithm>

namespace Rapport {

namespace {
// How often the database is asked again when no reminder falls sooner: changes made in
// another window, by another rep, or by rapport-cli show within this.
constexpr qint64 RecheckMs = 60 * 1000;
} // namespace

ReminderScheduler::ReminderScheduler(const QString &connection, const QString &owner,
                                     bool unowned, std::shared_ptr<Notifier> notifier,
                                     QObject *parent)
    : QObject(parent)
    , m_book(connection, owner, unowned)
    , m_notifier(std::move(notifier))
    , m_timer(new QTimer(this))
{
    m_timer->setObjectName(QStringLiteral("reminderTimer"));
    m_timer->setSingleShot(true);
    // On time to the second, not to the 5 % of a coarse timer.
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &ReminderScheduler::check);
    if (m_notifier) {
        connect(m_notifier.get(), &Notifier::chosen, this,
                [this](qint64 id, Notifier::Choice choice) { choose(id, choice); });
        connect(m_notifier.get(), &Notifier::closed, this, &ReminderScheduler::take);
    }
}

ReminderScheduler::~ReminderScheduler()
{
    // Another database, or none: its reminders' buttons would act on nothing.
    if (m_notifier) {
        for (const Reminder &r : std::as_const(m_pending))
            m_notifier->withdraw(r.activity.id);
    }
}

void ReminderScheduler::start()
{
    // One missed is a notification like any other; several are a list to work through.
    deliver(claimDue(), 1);
    arm();
}

void ReminderScheduler::check()
{
    const bool pruned = prune();
    const QList<Reminder> claimed = claimDue();
    if (pruned && claimed.isEmpty())
        Q_EMIT pendingChanged();
    deliver(claimed, MostNotifications);
    arm();
}

void ReminderScheduler::gather()
{
    const bool pruned = prune();
    if (claimDue().isEmpty() && pruned)
        Q_EMIT pendingChanged();
    arm();
}

QList<Reminder> ReminderScheduler::claimDue()
{
    const QDateTime now = Clock::now();
    QString error;
    const QList<Reminder> due = m_book.due(now, 50, &error);
    report(error);
    QList<Reminder> claimed;
    for (const Reminder &r : due) {
        if (!m_book.claim(r, now))
            continue; // another window showed it, or it changed since it was read
        claimed << r;
        const qint64 id = r.activity.id;
        m_pending.erase(std::remove_if(m_pending.begin(), m_pending.end(),
                                       [id](const Reminder &p) { return p.activity.id == id; }),
                        m_pending.end());
        m_pending << r;
    }
    if (!claimed.isEmpty()) {
        std::stable_sort(m_pending.begin(), m_pending.end(),
                         [](const Reminder &a, const Reminder &b) { return a.at < b.at; });
        Q_EMIT pendingChanged();
    }
    return claimed;
}

void ReminderScheduler::deliver(const QList<Reminder> &claimed, int mostNotifications)
{
    if (claimed.isEmpty())
        return;
    if (claimed.size() > mostNotifications || !m_notifier || !m_notifier->canShow()) {
        Q_EMIT windowWanted();
        return;
    }
    for (const Reminder &r : claimed)
        m_notifier->show(r);
}

bool ReminderScheduler::prune()
{
    bool changed = false;
    for (qsizetype i = m_pending.size() - 1; i >= 0; --i) {
        if (m_book.stands(m_pending.at(i)))
            continue;
        const qint64 id = m_pending.takeAt(i).activity.id;
        if (m_notifier)
            m_notifier->withdraw(id);
        changed = true;
    }
    return changed;
}

void ReminderScheduler::arm()
{
    const QDateTime now = Clock::now();
    m_next = m_book.next(now);
    qint64 wait = RecheckMs;
    if (m_next.isValid())
        wait = std::clamp<qint64>(now.msecsTo(m_next), 1, RecheckMs);
    m_timer->start(int(wait));
}

bool ReminderScheduler::choose(qint64 activityId, Notifier::Choice choice)
{
    const auto found =
        std::find_if(m_pending.cbegin(), m_pending.cend(),
                     [activityId](const Reminder &r) { return r.activity.id == activityId; });
    if (found == m_pending.cend())
        return false;
    const AgendaItem activity = found->activity;
    take(activityId);
    switch (choice) {
    case Notifier::Choice::Open:
        // As My Day does: the record it is on, where the rep sees why it matters.
        Q_EMIT openRequested(activity.recordId ? activity.entity : Entity::Activity,
                             activity.recordId ? activity.recordId : activity.id);
        return true;
    case Notifier::Choice::Dismiss:
        return true;
    case Notifier::Choice::SnoozeTenMinutes:
    case Notifier::Choice::SnoozeHour:
    case Notifier::Choice::SnoozeTomorrow:
        break;
    }
    const QString error =
        m_book.snooze(activityId, Notifier::snoozeEnd(choice, Clock::now()));
    arm();
    if (!error.isEmpty()) {
        Q_EMIT problem(tr("“%1” could not be snoozed: %2").arg(activity.subject, error));
        return false;
    }
    return true;
}

void ReminderScheduler::dismissAll()
{
    const QList<Reminder> all = m_pending;
    for (const Reminder &r : all)
        take(r.activity.id);
}

void ReminderScheduler::take(qint64 activityId)
{
    const auto gone =
        std::remove_if(m_pending.begin(), m_pending.end(),
                       [activityId](const Reminder &r) { return r.activity.id == activityId; });
    if (gone == m_pending.end())
        return;
    m_pending.erase(gone, m_pending.end());
    if (m_notifier)
        m_notifier->withdraw(activityId);
    Q_EMIT pendingChanged();
}

void ReminderScheduler::report(const QString &error)
{
    if (error.isEmpty() || error == m_lastError) {
        m_lastError = error;
        return;
    }
    m_lastError = error;
    Q_EMIT problem(error);
}

} // namespace Rapport
