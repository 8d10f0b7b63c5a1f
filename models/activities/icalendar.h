#pragma once
// Activities as an iCalendar file (RFC 5545), written by libical, for a calendar program to
// open: meetings (and any activity with an end) as events, tasks, calls and emails as to-dos
// with their due time, priority and whether they are done; a repeating one with its rule.
// Times are UTC. Each carries a UID from its id, so that a calendar that imports the file
// again updates what it has instead of doubling it.

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

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

} // namespace Rapport
