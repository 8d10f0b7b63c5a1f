#pragma once
// Activities as an iCalendar file (RFC 5545), written by libical, for a calendar program to
// open: meetings (and any activity with an end) as events, tasks, calls and emails as to-dos
// with their due time, priority and whether they are done; a repeating one with its rule.
// Times are UTC. Each carries a UID from its id, so that a calendar that imports the file
// again updates what it has instead of doubling it.

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

class QSqlQuery;
struct icalcomponent_impl;
typedef struct icalcomponent_impl icalcomponent;

namespace Rapport {

struct IcsCounts {
    int events = 0;
    int todos = 0;
    QString error; // "" when written
};

class ICalendarExport
{
    Q_DECLARE_TR_FUNCTIONS(ICalendarExport)

public:
    explicit ICalendarExport(const QString &connectionName);
    // The activities of `owner` (and those nobody owns), or everyone's for "", as the text of
    // one VCALENDAR.
    QByteArray write(const QString &owner, IcsCounts *counts) const;

private:
    QString m_connection;
};

struct IcsImport {
    int created = 0;   // meetings made
    int attached = 0;  // of them, those on a contact found by an attendee's email
    int updated = 0;   // events imported before (the same UID): their meetings brought up to date
    struct Problem {
        int line = 0;
        QString message;
    };
    QList<Problem> errors; // any problem, and nothing was written
    QString error;         // the file as a whole (unreadable, not iCalendar, the database)
    bool ok() const { return error.isEmpty() && errors.isEmpty(); }
};

// Meetings from an iCalendar file (a calendar's export, an invitation): each event becomes a
// meeting — subject, start and end in UTC (from the file's time zones, or the local clock
// for floating times), location, description, its repeat rule — on the first contact whose
// email is one of its attendees (and that contact's account), with every attendee who is a
// contact among its attendees. An event imported before (its UID, or a UID Rapport's own
// export wrote) updates the meeting it became instead of doubling it. All or nothing: a file with a
// problem (a broken line, an event with no start, a rule libical rejects) is refused whole,
// each problem with its line.
class ICalendarImport
{
    Q_DECLARE_TR_FUNCTIONS(ICalendarImport)

public:
    explicit ICalendarImport(const QString &connectionName);
    IcsImport run(const QByteArray &file, const QString &owner) const;

private:
    // The meeting's fields from event `e` (which starts on line `line` of `lines`); on a
    // problem, `*problem` and its line.
    static QVariantMap eventValues(icalcomponent *e, const QStringList &lines, int line,
                                   QString *problem, int *problemLine);
    // The contacts the event's attendees are, by email, in the order the file names them.
    static QList<qint64> attendeeContacts(icalcomponent *e, QSqlQuery &byEmail);
    // The meeting an event with `uid` became when imported (or exported) before; 0 if none.
    qint64 meetingOf(const QString &uid) const;
    // Keeps the event's UID for meeting `id`, and its attendees who are contacts.
    QString remember(const QString &uid, qint64 id, const QList<qint64> &attendees) const;

private:
    QString m_connection;
};

} // namespace Rapport
