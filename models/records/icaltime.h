#pragma once
// The one conversion between Qt's moments and libical's floating time (a wall-clock time
// with no zone): how a repeating series keeps its local time of day across daylight saving,
// in the recurrence rules and in iCalendar files. Included only by the files that use
// libical.

#include <QDateTime>

#include <libical/ical.h>

namespace Rapport::IcalTime {

// `moment` on the local clock, as a floating time.
inline icaltimetype floating(const QDateTime &moment)
{
    const QDateTime local = moment.toLocalTime();
    icaltimetype t = icaltime_null_time();
    t.year = local.date().year();
    t.month = local.date().month();
    t.day = local.date().day();
    t.hour = local.time().hour();
    t.minute = local.time().minute();
    t.second = local.time().second();
    return t;
}

// A floating time read on the local clock, in UTC. A date alone is taken at `dayTime`.
inline QDateTime fromFloating(const icaltimetype &t, QTime dayTime = QTime(0, 0))
{
    const QTime time = icaltime_is_date(t) ? dayTime : QTime(t.hour, t.minute, t.second);
    return QDateTime(QDate(t.year, t.month, t.day), time, Qt::LocalTime).toUTC();
}

} // namespace Rapport::IcalTime
