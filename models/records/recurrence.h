#pragma once
// Repeating activities: rules in the iCalendar form (RFC 5545 RRULE: "FREQ=DAILY;INTERVAL=2",
// "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY;BYDAY=3TU;UNTIL=20270630", "…;COUNT=6"),
// read and stepped through by libical. A series repeats at the same local time of day, across
// daylight-saving changes. Each activity of a series carries the rule of what is left of it:
// completing one makes the next occurrence, with one fewer to go when the rule counts them.

#include <QDateTime>
#include <QString>
#include <optional>

struct icalrecurrencetype;

namespace Rapport::Recurrence {

// Reads `rule` (with or without "RRULE:", any case) with libical; false when it cannot.
bool read(const QString &rule, icalrecurrencetype *out);

// "" for a rule libical reads; otherwise why not, in words.
QString check(const QString &rule);

struct Next {
    QDateTime due;      // UTC
    QString rule;       // the rule of the series from there on (a COUNT one lower)
};

// The occurrence after `due` of the series with `rule` that has an occurrence at `due`, or
// nullopt when the series ends there (its COUNT or UNTIL) or the rule is unreadable.
std::optional<Next> after(const QString &rule, const QDateTime &due);

} // namespace Rapport::Recurrence
