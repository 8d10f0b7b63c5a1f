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
    qint64 repeatId = 0;             // a repeating activity's next occurrence, or 0
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

    // The references a new activity on record `id` of `entity` gets: that record, and the
    // account, contact or deal it belongs to (a deal's contact and account, a contact's
    // account). Empty when there is no such record.
    QVariantMap regarding(Entity entity, qint64 id) const;
    // The activity's own references, for another activity on the same records.
    QVariantMap sameRecords(qint64 activityId) const;

    // Whether completing this activity should ask for the next step: it is on an open deal
    // or on a lead not converted yet, and it does not repeat (its next occurrence is the
    // next step).
    bool wantsNextStep(qint64 activityId) const;

    // When "+1 day" and "next Monday" land, from `due` (or now, if it has none), at the same
    // local time of day.
    static QDateTime nextDay(const QDateTime &due);
    static QDateTime nextMonday(const QDateTime &due);

private:
    // The activity, or nullopt with `result` refused and saying so.
    std::optional<QVariantMap> open(qint64 activityId, FollowUpResult &result) const;
    QString m_connection;
};

} // namespace Rapport
