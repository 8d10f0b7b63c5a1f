#pragma once
// A meeting's attendees who are contacts, kept beside the activity (activity_attendees): a
// meeting can have several, and each contact's meetings are found from it. An activity's
// "regarding" contact (contact_id) stays what the meeting is about; attendees are who comes.
// Adding or removing one is a write of its own, in one transaction with its change-log entry
// (the timeline shows "Attendees: Ada King → Ada King, Alan Turing"). Like a note, it leaves
// the activity's row and version alone: a rep editing the meeting's form meanwhile is not
// refused as stale. A contact's deletion takes it off its meetings (ON DELETE CASCADE).

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Rapport {

struct Attendee {
    qint64 contactId = 0;
    QString name;
    QString email;
};

class Attendees
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::Attendees)

public:
    explicit Attendees(const QString &connectionName);

    // The activity's attendees, by name.
    QList<Attendee> of(qint64 activityId, QString *error = nullptr) const;
    // Adds contact `contactId` (nothing when it attends already); "" or the reason. Joins the
    // caller's transaction when there is one.
    QString add(qint64 activityId, qint64 contactId);
    QString remove(qint64 activityId, qint64 contactId);

private:
    // Writes `sql` (bound to the activity and the contact) and logs the new list.
    QString write(qint64 activityId, qint64 contactId, const QString &sql);
    static QString names(const QList<Attendee> &list);

    QString m_connection;
};

} // namespace Rapport
