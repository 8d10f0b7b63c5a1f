#include "activities/icalendar.h"

#include "activities/attendees.h"
#include "storage/database.h"

#include "records/recurrence.h"
#include "records/moments.h"
#include "storage/recordstore.h"
#include "storage/transaction.h"
#include "records/recordtypes.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringDecoder>

#include "records/icaltime.h"

#include <libical/ical.h>

#include <memory>

namespace Rapport {

namespace {

icaltimetype utcTime(const QDateTime &moment)
{
    return icaltime_from_timet_with_zone(moment.toSecsSinceEpoch(), 0, icaltimezone_get_utc_timezone());
}

int priorityOf(const QString &priority)
{
    if (priority == QLatin1String("High"))
        return 1;
    if (priority == QLatin1String("Low"))
        return 9;
    return 5;
}

// Each attendee with an email, as calendars write them: ATTENDEE;CN=Ada King:mailto:ada@…
void addAttendees(icalcomponent *event, const QList<Attendee> &attendees)
{
    for (const Attendee &a : attendees) {
        if (a.email.isEmpty())
            continue;
        const QByteArray address = (QStringLiteral("mailto:") + a.email).toUtf8();
        icalproperty *p = icalproperty_new_attendee(address.constData());
        icalproperty_add_parameter(p, icalparameter_new_cn(a.name.toUtf8().constData()));
        icalcomponent_add_property(event, p);
    }
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
    // The attendees are read while the activities are: PostgreSQL's driver would drop the rest
    // of a forward-only (row by row) result then.
    q.setForwardOnly(!Database::isPostgres(m_connection));
    QString sql = QStringLiteral("SELECT id, activity_type, subject, due_at, end_at, location, "
                                 "status, priority, completed_at, description, repeat_rule, "
                                 "created_at, modified_at, (SELECT MIN(uid) FROM calendar_uids u "
                                 "WHERE u.activity_id = activities.id) FROM activities");
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
        // A repeating one's times on the local wall clock, without a zone ("floating"): the
        // series then stays at 09:00 for the rep across daylight saving, as in Rapport.
        const auto when = [repeats](const QDateTime &m) {
            return repeats ? IcalTime::floating(m) : utcTime(m);
        };
        icalcomponent *item = event ? icalcomponent_new_vevent() : icalcomponent_new_vtodo();
        // A meeting from a calendar keeps that calendar's UID: importing this file there
        // updates the event it came from.
        const QByteArray uid = q.value(13).isNull()
            ? QStringLiteral("activity-%1@rapport").arg(id).toUtf8()
            : q.value(13).toString().toUtf8();
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
            addAttendees(item, Attendees(m_connection).of(id));
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

ICalendarImport::ICalendarImport(const QString &connectionName)
    : m_connection(connectionName)
{
}

namespace {

// A time of the file as UTC: with its zone, as UTC, or a floating time on the local clock.
QDateTime fromIcal(const icaltimetype &t)
{
    if (icaltime_is_null_time(t))
        return {};
    if (t.zone || icaltime_is_utc(t)) {
        const icaltimezone *zone = t.zone ? t.zone : icaltimezone_get_utc_timezone();
        return QDateTime::fromSecsSinceEpoch(icaltime_as_timet_with_zone(t, zone), Qt::UTC);
    }
    // Floating, or a date alone: the local wall clock (a date starts at 09:00).
    return IcalTime::fromFloating(t, QTime(9, 0));
}

QString text(const char *value)
{
    return value ? QString::fromUtf8(value).trimmed() : QString();
}

} // namespace

QVariantMap ICalendarImport::eventValues(icalcomponent *e, const QStringList &lines, int line,
                                         QString *problem, int *problemLine)
{
    QVariantMap values;
    QString subject = text(icalcomponent_get_summary(e));
    if (subject.isEmpty())
        subject = tr("Meeting");
    values.insert(QStringLiteral("subject"), subject);
    const QDateTime start = fromIcal(icalcomponent_get_dtstart(e));
    if (!start.isValid()) {
        *problem = tr("The event “%1” has no start (DTSTART).").arg(subject);
        return {};
    }
    values.insert(QStringLiteral("due_at"), Moments::toStored(start));
    const QDateTime end = fromIcal(icalcomponent_get_dtend(e));
    if (end.isValid() && end >= start)
        values.insert(QStringLiteral("end_at"), Moments::toStored(end));
    if (const QString where = text(icalcomponent_get_location(e)); !where.isEmpty())
        values.insert(QStringLiteral("location"), where);
    if (const QString what = text(icalcomponent_get_description(e)); !what.isEmpty())
        values.insert(QStringLiteral("description"), what);
    if (icalproperty *rrule = icalcomponent_get_first_property(e, ICAL_RRULE_PROPERTY)) {
        char *rule = icalproperty_get_value_as_string_r(rrule);
        const QString r = QString::fromUtf8(rule);
        free(rule);
        if (const QString bad = Recurrence::check(r); !bad.isEmpty()) {
            // The rule's own line, in this event.
            *problemLine = line;
            for (int i = line; i < lines.size() && !lines[i].startsWith(QLatin1String("END:VEVENT"), Qt::CaseInsensitive); ++i) {
                if (lines[i].startsWith(QLatin1String("RRULE"), Qt::CaseInsensitive)) {
                    *problemLine = i + 1;
                    break;
                }
            }
            *problem = bad;
            return {};
        }
        values.insert(QStringLiteral("repeat_rule"), r);
    }
    return values;
}

QList<qint64> ICalendarImport::attendeeContacts(icalcomponent *e, QSqlQuery &byEmail)
{
    QList<qint64> ids;
    for (icalproperty *a = icalcomponent_get_first_property(e, ICAL_ATTENDEE_PROPERTY); a;
         a = icalcomponent_get_next_property(e, ICAL_ATTENDEE_PROPERTY)) {
        QString email = text(icalproperty_get_attendee(a));
        if (email.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive))
            email = email.mid(7);
        byEmail.addBindValue(email);
        byEmail.addBindValue(email);
        if (byEmail.exec() && byEmail.next() && !ids.contains(byEmail.value(0).toLongLong()))
            ids << byEmail.value(0).toLongLong();
        byEmail.finish();
    }
    return ids;
}

qint64 ICalendarImport::meetingOf(const QString &uid) const
{
    if (uid.isEmpty())
        return 0;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT activity_id FROM calendar_uids WHERE uid = ?"));
    q.addBindValue(uid);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    // What Rapport's own export wrote: the activity's id.
    static const QRegularExpression own(QStringLiteral("^activity-(\\d+)@rapport$"));
    const QRegularExpressionMatch m = own.match(uid);
    if (m.hasMatch() && RecordStore(m_connection).exists(Entity::Activity, m.captured(1).toLongLong()))
        return m.captured(1).toLongLong();
    return 0;
}

QString ICalendarImport::remember(const QString &uid, qint64 id, const QList<qint64> &attendees) const
{
    if (!uid.isEmpty() && meetingOf(uid) != id) {
        QSqlQuery q(QSqlDatabase::database(m_connection));
        q.prepare(QStringLiteral("INSERT INTO calendar_uids (uid, activity_id) VALUES (?, ?)"));
        q.addBindValue(uid);
        q.addBindValue(id);
        if (!q.exec())
            return q.lastError().text();
    }
    Attendees list(m_connection);
    for (qint64 contact : attendees) {
        if (const QString error = list.add(id, contact); !error.isEmpty())
            return error;
    }
    return {};
}

IcsImport ICalendarImport::run(const QByteArray &file, const QString &owner) const
{
    IcsImport result;
    // The text: UTF-8 as the standard has it; a file in a legacy encoding is read as
    // Windows-1252, which every byte is.
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString content = utf8(file);
    if (utf8.hasError())
        content = QStringDecoder(QStringDecoder::System)(file);
    content.remove(QLatin1Char('\r'));
    // Lines checked before libical reads them, to name the line of a problem: each unfolded
    // line is NAME[;PARAM…]:VALUE, and the components open and close in turn.
    const QStringList lines = content.split(QLatin1Char('\n'));
    QList<int> eventLines; // the line each VEVENT starts on, in order
    QStringList open;
    int logical = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.isEmpty() || line.startsWith(QLatin1Char(' ')) || line.startsWith(QLatin1Char('\t')))
            continue; // blank, or the continuation of a folded line
        ++logical;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9-]+([;:]|$)"));
        if (colon <= 0 || !name.match(line).hasMatch()) {
            result.errors.append({i + 1, tr("“%1” is not an iCalendar line.").arg(line.left(60))});
            continue;
        }
        const QString key = line.left(colon).section(QLatin1Char(';'), 0, 0).toUpper();
        const QString value = line.mid(colon + 1).trimmed().toUpper();
        if (key == QLatin1String("RRULE")) {
            if (const QString problem = Recurrence::check(line.mid(colon + 1)); !problem.isEmpty())
                result.errors.append({i + 1, problem});
        }
        if (key == QLatin1String("BEGIN")) {
            open << value;
            if (value == QLatin1String("VEVENT"))
                eventLines << i + 1;
        } else if (key == QLatin1String("END")) {
            if (open.isEmpty() || open.last() != value)
                result.errors.append({i + 1, tr("END:%1 closes nothing that was opened.").arg(value)});
            else
                open.removeLast();
        }
    }
    if (logical == 0 || !content.trimmed().startsWith(QLatin1String("BEGIN:VCALENDAR"), Qt::CaseInsensitive)) {
        result.error = tr("This is not an iCalendar file (it does not begin with BEGIN:VCALENDAR).");
        return result;
    }
    if (!open.isEmpty())
        result.errors.append({int(lines.size()), tr("The file ends before END:%1.").arg(open.last())});
    if (!result.errors.isEmpty())
        return result;
    Component calendar{icalparser_parse_string(content.toUtf8().constData())};
    if (!calendar.c) {
        result.error = tr("The file could not be read as iCalendar.");
        return result;
    }
    icalcomponent *root = calendar.c;
    if (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT)
        root = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive()) {
        result.error = tx.error();
        return result;
    }
    RecordStore store(m_connection);
    QSqlQuery contact(QSqlDatabase::database(m_connection));
    contact.prepare(QStringLiteral("SELECT id, account_id FROM contacts WHERE LOWER(email) = LOWER(?) "
                                   "OR LOWER(secondary_email) = LOWER(?) ORDER BY id LIMIT 1"));
    int index = 0;
    for (icalcomponent *e = root ? icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT) : nullptr;
         e; e = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT), ++index) {
        const int line = eventLines.value(index);
        // What libical could not read in the event, it says in X-LIC-ERROR properties.
        if (icalproperty *problem = icalcomponent_get_first_property(e, ICAL_XLICERROR_PROPERTY)) {
            result.errors.append({line, tr("The event could not be read: %1")
                                            .arg(text(icalproperty_get_xlicerror(problem)))});
            continue;
        }
        QString problem;
        int problemLine = line;
        QVariantMap values = eventValues(e, lines, line, &problem, &problemLine);
        if (!problem.isEmpty()) {
            result.errors.append({problemLine, problem});
            continue;
        }
        const QList<qint64> attendees = attendeeContacts(e, contact);
        const QString uid = text(icalcomponent_get_uid(e));
        const qint64 existing = meetingOf(uid);
        WriteResult w;
        if (existing) {
            // The same event imported again: the meeting it became takes its new times and
            // words; who owns it and what it is about stay as the rep has them.
            w = store.update(Entity::Activity, existing, values);
            w.id = existing;
        } else {
            values.insert(QStringLiteral("activity_type"), QStringLiteral("Meeting"));
            values.insert(QStringLiteral("owner"), owner);
            // About the first contact an attendee's email names (and that contact's account).
            if (!attendees.isEmpty()) {
                values.insert(QStringLiteral("contact_id"), attendees.first());
                if (const auto c = store.load(Entity::Contact, attendees.first());
                    c && !c->value(QStringLiteral("account_id")).isNull())
                    values.insert(QStringLiteral("account_id"), c->value(QStringLiteral("account_id")));
            }
            w = store.insert(Entity::Activity, values);
        }
        if (!w.ok()) {
            QStringList why;
            for (const FieldError &fe : w.fieldErrors)
                why << fe.message;
            result.errors.append({line, why.isEmpty() ? w.error : why.join(QLatin1Char(' '))});
            continue;
        }
        if (const QString error = remember(uid, w.id, attendees); !error.isEmpty()) {
            result.errors.append({line, error});
            continue;
        }
        ++(existing ? result.updated : result.created);
        if (!existing && !attendees.isEmpty())
            ++result.attached;
    }
    if (!result.errors.isEmpty()) {
        result.created = result.attached = result.updated = 0;
        return result; // tx rolls back: nothing written
    }
    if (const QString error = tx.commit(); !error.isEmpty()) {
        result.error = error;
        result.created = result.attached = result.updated = 0;
    }
    return result;
}

} // namespace Rapport
