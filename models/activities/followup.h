#pragma once
// Working through activities: completing one (with its outcome, and the next step on the same
// records, as Pipedrive has reps do), rescheduling one, and adding one on a record. Each is one
// transaction.

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QVariantMap>
#include <optional>

namespace Rapport {

struct NextStep {
    QString subject;
    QDateTime due;                   // UTC; invalid: no due time
    QString type = QStringLiteral("Task");
};

struct Completion {
    QString outcome;                 // a call's: "Connected", "No Answer", ...; "" keeps it
    std::optional<NextStep> next;    // nullopt: no next step
};

struct FollowUpResult {
    QString error;                   // "" when done
    bool refused = false;            // the data refused it (done already, gone)
    qint64 nextId = 0;               // the next step made, or 0
    bool ok() const { return error.isEmpty(); }
};

class FollowUp
{
    Q_DECLARE_TR_FUNCTIONS(FollowUp)

public:
    explicit FollowUp(const QString &connectionName);

    FollowUpResult complete(qint64 activityId, const Completion &completion);
    // A new due time (the end moves with it, keeping a meeting's length).
    FollowUpResult reschedule(qint64 activityId, const QDateTime &due);
    // The next step of `activityId`'s records, on its own: what completing asks for.
    FollowUpResult add(const QVariantMap &values);

    // Whether completing this activity should ask for the next step: it is on an open deal
    // or on a lead not converted yet.
    bool wantsNextStep(qint64 activityId) const;

    // When "+1 day" and "next Monday" land, from `due` (or now, if it has none), at the same
    // local time of day.
    static QDateTime nextDay(const QDateTime &due);
    static QDateTime nextMonday(const QDateTime &due);

private:
    QString m_connection;
};

} // namespace Rapport
