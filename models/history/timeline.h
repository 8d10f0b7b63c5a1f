#pragma once
// A record's timeline, newest first, read from the change log (storage/changelog.h): its
// field changes, notes, conversion and its undo, the imports that made or updated it, and
// the activities on it (scheduled and done) — those on it now, so that activities a
// conversion moved follow them. A contact or deal made from a lead also shows the lead's
// notes, as its notes panel does.

#include "records/fielddef.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariant>

namespace Rapport {

struct TimelineEntry {
    qint64 seq = 0;        // the log's order; 0 for the record's creation from before the log
    QDateTime time;        // UTC
    QString who;
    QString kind;          // a ChangeKind; an activity's own entries are "activity"
    QString field;         // a change: the column
    QVariant oldValue, newValue;
    QString refTable;
    qint64 refId = 0;
    // An activity entry: what the activity is now.
    qint64 activityId = 0;
    QString activityType, subject, outcome;
    bool activityDone = false;
};

class Timeline
{
public:
    static constexpr int PageSize = 50;

    Timeline(const QString &connectionName, Entity entity, qint64 id);

    // Up to `limit` entries older than `beforeSeq` (0: from the newest). When the log runs
    // out, the record's creation ends the list if the log has no entry of it (records from
    // before the log, the demo's).
    QList<TimelineEntry> read(int limit = PageSize, qint64 beforeSeq = 0) const;

    // One line a rep reads ("Stage: Qualification → Proposal", "Call “Pricing” done:
    // Connected"), in the user's language; field values as the forms show them.
    QString describe(const TimelineEntry &entry) const;
    // The label of a change's field, or "".
    QString fieldLabelOf(const TimelineEntry &entry) const;

private:
    QString m_connection;
    Entity m_entity;
    qint64 m_id;
};

} // namespace Rapport
