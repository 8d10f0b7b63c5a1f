#include "day/activitysteps.h"

#include "day/nextstepdialog.h"
#include "prompts/prompter.h"
#include "records/moments.h"
#include "storage/clock.h"
#include "storage/owner.h"
#include "storage/recordstore.h"

namespace Rapport {

ActivitySteps::ActivitySteps(const QString &connection, std::shared_ptr<Prompter> prompter,
                             QWidget *parent)
    : m_connection(connection)
    , m_prompter(std::move(prompter))
    , m_parent(parent)
{
}

bool ActivitySteps::complete(qint64 activityId, const QString &subject)
{
    FollowUp followUp(m_connection);
    Completion completion;
    if (followUp.wantsNextStep(activityId)) {
        NextStepDialog dialog(NextStepDialog::Mode::NextStep, subject, m_parent);
        if (dialog.exec() == QDialog::Rejected)
            return false; // not completed
        completion.next = dialog.step();
    }
    if (const FollowUpResult r = followUp.complete(activityId, completion); !r.ok()) {
        m_prompter->warn(m_parent, tr("Could not complete the activity"), r.error);
        return false;
    }
    return true;
}

bool ActivitySteps::move(qint64 activityId, Move how)
{
    const std::optional<QVariantMap> activity = RecordStore(m_connection).load(Entity::Activity,
                                                                              activityId);
    const QDateTime due = activity
        ? Moments::fromStored(activity->value(QStringLiteral("due_at")).toString())
        : QDateTime();
    QDateTime to;
    switch (how) {
    case Move::NextDay: to = FollowUp::nextDay(due); break;
    case Move::NextMonday: to = FollowUp::nextMonday(due); break;
    case Move::Picked: to = askMoment(m_parent, tr("Reschedule"), due); break;
    }
    if (!to.isValid())
        return false;
    if (const FollowUpResult r = FollowUp(m_connection).reschedule(activityId, to); !r.ok()) {
        m_prompter->warn(m_parent, tr("Could not reschedule the activity"), r.error);
        return false;
    }
    return true;
}

qint64 ActivitySteps::logCall(const QVariantMap &regarding, const QString &about)
{
    NextStepDialog dialog(NextStepDialog::Mode::LogCall, about, m_parent);
    if (dialog.exec() != QDialog::Accepted)
        return 0;
    QVariantMap values = regarding;
    const QString now = Moments::toStored(Clock::now());
    values.insert(QStringLiteral("subject"), dialog.step()->subject);
    values.insert(QStringLiteral("activity_type"), QStringLiteral("Call"));
    values.insert(QStringLiteral("status"), QStringLiteral("Done"));
    values.insert(QStringLiteral("due_at"), now);
    values.insert(QStringLiteral("completed_at"), now);
    values.insert(QStringLiteral("outcome"), dialog.outcome());
    values.insert(QStringLiteral("owner"), currentUserName());
    const FollowUpResult r = FollowUp(m_connection).add(values);
    if (!r.ok()) {
        m_prompter->warn(m_parent, tr("Could not log the call"), r.error);
        return 0;
    }
    return r.nextId;
}

bool ActivitySteps::planStep(const QVariantMap &regarding, const QString &about, bool afterDone)
{
    NextStepDialog dialog(afterDone ? NextStepDialog::Mode::NextStep
                                    : NextStepDialog::Mode::NewStep,
                          about, m_parent);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    const std::optional<NextStep> step = dialog.step();
    QVariantMap values = regarding;
    values.insert(QStringLiteral("subject"), step->subject);
    values.insert(QStringLiteral("activity_type"), step->type);
    values.insert(QStringLiteral("owner"), currentUserName());
    if (step->due.isValid())
        values.insert(QStringLiteral("due_at"), Moments::toStored(step->due));
    if (const FollowUpResult r = FollowUp(m_connection).add(values); !r.ok()) {
        m_prompter->warn(m_parent, tr("Could not plan the next step"), r.error);
        return false;
    }
    return true;
}

} // namespace Rapport
