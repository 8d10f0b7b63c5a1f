#include "activities/icalendar.h"

#include "records/moments.h"
#include "records/recordtypes.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <libical/ical.h>

#include <memory>

namespace Rapport {

namespace {

icaltimetype utcTime(const QDateTime &moment)
{
    return icaltime_from_timet_with_zone(moment.toSecsSinceEpoch(), 0, icaltimezone_get_utc_timezone());
}

// A repeating activity's times as the local wall clock, without a zone ("floating"): the
// series then stays at 09:00 for the rep across daylight saving, as it does in Rapport.
icaltimetype localTime(const QDateTime &moment)
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

int priorityOf(const QString &priority)
{
    if (priority == QLatin1String("High"))
        return 1;
    if (priority == QLatin1String("Low"))
        return 9;
    return 5;
}

struct Component {
    icalcomponent *c;
    ~Component() { if (c) icalcomponent_free(c); }
};

} // namespace

ICalendarExport::ICalendarExport(const QString &connectionName)
    : m_connection(connectionName)
{
}

QByteArray ICalendarExport::write(const QString &owner, IcsCounts *counts) const
{
    *counts = {};
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT id, activity_type, subject, due_at, end_at, location, "
                                 "status, priority, completed_at, description, repeat_rule, "
                                 "created_at, modified_at FROM activities");
    if (!owner.isEmpty())
        sql += QStringLiteral(" WHERE owner = ? OR owner IS NULL OR owner = ''");
    q.prepare(sql + QStringLiteral(" ORDER BY id"));
    if (!owner.isEmpty())
        q.addBindValue(owner);
    if (!q.exec()) {
        counts->error = q.lastError().text();
        return {};
    }
    Component calendar{icalcomponent_new_vcalendar()};
    icalcomponent_add_property(calendar.c, icalproperty_new_version("2.0"));
    icalcomponent_add_property(calendar.c, icalproperty_new_prodid("-//Rapport//Rapport CRM//EN"));
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        const QString type = q.value(1).toString();
        const QDateTime due = Moments::fromStored(q.value(3).toString());
        const QDateTime end = Moments::fromStored(q.value(4).toString());
        const bool done = q.value(6).toString() == QLatin1String("Done");
        const bool event = due.isValid() && (end.isValid() || type == QLatin1String("Meeting"));
        QString rule = q.value(10).toString().trimmed();
        if (rule.startsWith(QLatin1String("RRULE:"), Qt::CaseInsensitive))
            rule = rule.mid(6);
        const bool repeats = !rule.isEmpty() && due.isValid() && !done;
        const auto when = [repeats](const QDateTime &m) { return repeats ? localTime(m) : utcTime(m); };
        icalcomponent *item = event ? icalcomponent_new_vevent() : icalcomponent_new_vtodo();
        const QByteArray uid = QStringLiteral("activity-%1@rapport").arg(id).toUtf8();
        icalcomponent_add_property(item, icalproperty_new_uid(uid.constData()));
        const QDateTime created = QDateTime::fromString(q.value(11).toString(), Qt::ISODateWithMs);
        icalcomponent_add_property(item, icalproperty_new_dtstamp(
            utcTime(created.isValid() ? created : QDateTime::currentDateTimeUtc())));
        icalcomponent_add_property(item, icalproperty_new_summary(q.value(2).toString().toUtf8().constData()));
        icalcomponent_add_property(item, icalproperty_new_categories(picklistLabel(type).toUtf8().constData()));
        if (const QString location = q.value(5).toString(); !location.isEmpty())
            icalcomponent_add_property(item, icalproperty_new_location(location.toUtf8().constData()));
        if (const QString description = q.value(9).toString(); !description.isEmpty())
            icalcomponent_add_property(item, icalproperty_new_description(description.toUtf8().constData()));
        icalcomponent_add_property(item, icalproperty_new_priority(priorityOf(q.value(7).toString())));
        if (event) {
            icalcomponent_add_property(item, icalproperty_new_dtstart(when(due)));
            icalcomponent_add_property(item, icalproperty_new_dtend(when(end.isValid() ? end : due.addSecs(3600))));
            icalcomponent_add_property(item, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
            ++counts->events;
        } else {
            if (due.isValid())
                icalcomponent_add_property(item, icalproperty_new_due(when(due)));
            icalcomponent_add_property(item, icalproperty_new_status(done ? ICAL_STATUS_COMPLETED
                                                                          : ICAL_STATUS_NEEDSACTION));
            const QDateTime completed = Moments::fromStored(q.value(8).toString());
            if (done && completed.isValid())
                icalcomponent_add_property(item, icalproperty_new_completed(utcTime(completed)));
            ++counts->todos;
        }
        if (repeats) {
            const icalrecurrencetype r = icalrecurrencetype_from_string(rule.toUpper().toUtf8().constData());
            if (r.freq != ICAL_NO_RECURRENCE)
                icalcomponent_add_property(item, icalproperty_new_rrule(r));
            icalerror_clear_errno();
        }
        icalcomponent_add_component(calendar.c, item);
    }
    char *text = icalcomponent_as_ical_string_r(calendar.c);
    QByteArray out(text);
    free(text);
    return out;
}

} // namespace Rapport
