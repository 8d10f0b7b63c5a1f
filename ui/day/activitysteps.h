#pragma once
// The steps of working through activities, asked and written the same way wherever a rep
// takes them (My Day, the detail pane beside a list): completing one with the next step,
// moving one on, logging a call just made and planning what follows it. Each asks its
// questions (NextStepDialog), writes through FollowUp and says what failed.

#include "activities/followup.h"

#include <QCoreApplication>
#include <QPointer>
#include <QVariantMap>

#include <memory>

class QWidget;

namespace Rapport {

class Prompter;

class ActivitySteps
{
    Q_DECLARE_TR_FUNCTIONS(ActivitySteps)

public:
    enum class Move { NextDay, NextMonday, Picked };

    // `parent` is the window the questions belong to; `prompter` says what failed.
    ActivitySteps(const QString &connection, std::shared_ptr<Prompter> prompter, QWidget *parent);

    // Completes the activity (its subject, for the question), asking for the next step where
    // FollowUp::wantsNextStep says so. False if the rep cancelled or it could not be done.
    bool complete(qint64 activityId, const QString &subject);
    // Moves it a day on or to next Monday at the same time, or to a moment the rep picks.
    bool move(qint64 activityId, Move how);
    // Asks what the call about `about` was and how it went, and logs it as done now on
    // `regarding`'s records (FollowUp::regarding). The call's id, or 0.
    qint64 logCall(const QVariantMap &regarding, const QString &about);
    // Asks for a step on `regarding`'s records: `done` the activity just completed or logged
    // (NextStepDialog's NextStep), or with no activity an open deal's plan (NewStep). False if
    // the rep cancelled, said there is none, or it could not be written.
    bool planStep(const QVariantMap &regarding, const QString &about, bool afterDone);

private:
    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    QPointer<QWidget> m_parent;
};

} // namespace Rapport
