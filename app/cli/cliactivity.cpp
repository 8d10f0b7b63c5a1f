// rapport-cli activity add|done and today: scheduling and completing activities, and what My
// Day shows, for scripts.
#include "cli/clicontext.h"

#include "cli/cli.h"
#include "activities/agenda.h"
#include "activities/followup.h"
#include "activities/icalendar.h"
#include "storage/owner.h"
#include "records/recurrence.h"
#include "records/moments.h"
#include "records/recordtypes.h"
#include "storage/recordstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QFile>
#include <QSaveFile>

namespace Rapport::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::Cli", text);
}

// "2026-12-02T09:00" (local), "…Z", a date alone: a moment, or a message and Usage.
bool momentOption(Context &ctx, const char *name, QDateTime *moment)
{
    *moment = {};
    if (!ctx.parser.isSet(name))
        return true;
    *moment = Moments::parse(ctx.parser.value(name), QLocale::c());
    if (!moment->isValid()) {
        ctx.fail(Usage, tr("--%1 takes a date and time such as 2026-12-31T14:30, not “%2”")
                            .arg(QLatin1String(name), ctx.parser.value(name)));
        return false;
    }
    return true;
}

// task|call|meeting|email, as the picklist stores it.
QString typeValue(const QString &given)
{
    for (const QString &v : picklistValues(*findField(Entity::Activity, QStringLiteral("activity_type"))))
        if (v.compare(given, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

// --owner me|all|NAME for the day and the calendar: the rep's own by default.
QString ownerFilter(const Context &ctx)
{
    return ownerOption(ctx, QStringLiteral("me"));
}

int add(Context &ctx)
{
    if (ctx.args.size() != 1)
        return ctx.fail(Usage, tr("usage: activity add --on MODULE:ID --subject TEXT [--type "
                                  "task|call|meeting|email] [--due WHEN] [--end WHEN] [--owner NAME]"));
    QVariantMap values;
    const QString on = ctx.parser.value("on");
    const auto entity = entityFromName(on.section(QLatin1Char(':'), 0, 0));
    bool isId = false;
    const qint64 id = on.section(QLatin1Char(':'), 1).toLongLong(&isId);
    if (!ctx.parser.isSet("on") || !entity || *entity == Entity::Activity || !isId)
        return ctx.fail(Usage, tr("--on takes a record such as deals:5 or contacts:12"));
    FollowUp followUp(ctx.connection);
    // The record, and what it belongs to: a deal's contact and account, a contact's account.
    values = followUp.regarding(*entity, id);
    if (values.isEmpty())
        return ctx.fail(BadInput, tr("there is no %1 with id %2").arg(entityNoun(*entity)).arg(id));
    values.insert(QStringLiteral("subject"), ctx.parser.value("subject"));
    if (ctx.parser.isSet("type")) {
        const QString type = typeValue(ctx.parser.value("type"));
        if (type.isEmpty())
            return ctx.fail(Usage, tr("--type is task, call, meeting or email, not “%1”")
                                       .arg(ctx.parser.value("type")));
        values.insert(QStringLiteral("activity_type"), type);
    }
    QDateTime due, end;
    if (!momentOption(ctx, "due", &due) || !momentOption(ctx, "end", &end))
        return Usage;
    if (due.isValid())
        values.insert(QStringLiteral("due_at"), Moments::toStored(due));
    if (end.isValid())
        values.insert(QStringLiteral("end_at"), Moments::toStored(end));
    values.insert(QStringLiteral("owner"), ctx.parser.isSet("owner") ? ctx.parser.value("owner")
                                                                     : currentUserName());
    if (ctx.parser.isSet("repeat")) {
        if (const QString problem = Recurrence::check(ctx.parser.value("repeat")); !problem.isEmpty())
            return ctx.fail(Usage, problem);
        if (!due.isValid())
            return ctx.fail(Usage, tr("--repeat needs --due: the first time it is due"));
        values.insert(QStringLiteral("repeat_rule"), ctx.parser.value("repeat").trimmed());
    }
    const FollowUpResult r = followUp.add(values);
    if (!r.ok())
        return ctx.fail(BadInput, r.error);
    if (ctx.json)
        ctx.printJson({{"id", r.nextId}});
    else
        ctx.out << tr("Activity %1 is on %2.").arg(r.nextId).arg(recordRef(*entity, id)) << Qt::endl;
    return Ok;
}

int done(Context &ctx)
{
    bool isId = false;
    const qint64 id = ctx.args.value(1).toLongLong(&isId);
    if (ctx.args.size() != 2 || !isId)
        return ctx.fail(Usage, tr("usage: activity done ID [--outcome TEXT] [--next SUBJECT "
                                  "--next-due WHEN | --no-next]"));
    if (ctx.parser.isSet("next") && ctx.parser.isSet("no-next"))
        return ctx.fail(Usage, tr("--next and --no-next exclude each other"));
    FollowUp followUp(ctx.connection);
    if (!RecordStore(ctx.connection).exists(Entity::Activity, id))
        return ctx.fail(BadInput, tr("there is no activity with id %1").arg(id));
    // As the window asks: an activity on an open deal or lead is not done without a word on
    // what comes next.
    if (!ctx.parser.isSet("next") && !ctx.parser.isSet("no-next") && followUp.wantsNextStep(id))
        return ctx.fail(Usage, tr("activity %1 is on an open deal or lead: give its next step "
                                  "(--next SUBJECT --next-due WHEN) or --no-next").arg(id));
    Completion c;
    if (ctx.parser.isSet("outcome")) {
        const FieldDef *outcome = findField(Entity::Activity, QStringLiteral("outcome"));
        for (const QString &v : picklistValues(*outcome))
            if (v.compare(ctx.parser.value("outcome"), Qt::CaseInsensitive) == 0)
                c.outcome = v;
        if (c.outcome.isEmpty())
            c.outcome = ctx.parser.value("outcome");
    }
    if (ctx.parser.isSet("next")) {
        NextStep next;
        next.subject = ctx.parser.value("next");
        if (!momentOption(ctx, "next-due", &next.due))
            return Usage;
        c.next = next;
    }
    const FollowUpResult r = followUp.complete(id, c);
    if (!r.ok())
        return ctx.fail(r.refused ? Refused : Failure, r.error);
    if (ctx.json)
        ctx.printJson({{"id", id}, {"next", r.nextId ? QJsonValue(r.nextId) : QJsonValue()},
                       {"repeat", r.repeatId ? QJsonValue(r.repeatId) : QJsonValue()}});
    else if (r.repeatId)
        ctx.out << tr("Activity %1 is done; it comes again as activity %2.").arg(id).arg(r.repeatId)
                << Qt::endl;
    else if (r.nextId)
        ctx.out << tr("Activity %1 is done; its next step is activity %2.").arg(id).arg(r.nextId)
                << Qt::endl;
    else
        ctx.out << tr("Activity %1 is done.").arg(id) << Qt::endl;
    return Ok;
}

QJsonArray itemsJson(const QList<AgendaItem> &items)
{
    QJsonArray out;
    for (const AgendaItem &i : items) {
        out.append(QJsonObject{
            {"id", i.id},
            {"type", i.type.toLower()},
            {"subject", i.subject},
            {"due", i.due.isValid() ? QJsonValue(Moments::toStored(i.due)) : QJsonValue()},
            {"record", i.recordId ? QJsonValue(recordRef(i.entity, i.recordId)) : QJsonValue()},
        });
    }
    return out;
}

void printItems(Context &ctx, const QString &title, const QList<AgendaItem> &items)
{
    ctx.out << title << Qt::endl;
    if (items.isEmpty())
        ctx.out << "  " << tr("nothing") << Qt::endl;
    for (const AgendaItem &i : items) {
        ctx.out << "  " << i.id << "  " << Moments::display(i.due) << "  " << picklistLabel(i.type)
                << "  " << i.subject;
        if (i.recordId)
            ctx.out << "  (" << entitySingular(i.entity) << ": " << i.recordName << ")";
        ctx.out << Qt::endl;
    }
}

} // namespace

int activity(Context &ctx)
{
    const QString what = ctx.args.value(0);
    if (what == QLatin1String("add"))
        return add(ctx);
    if (what == QLatin1String("done"))
        return done(ctx);
    return ctx.fail(Usage, tr("activity takes add or done, not “%1”").arg(what));
}

int today(Context &ctx)
{
    if (!ctx.args.isEmpty())
        return ctx.fail(Usage, tr("usage: today [--owner me|all|NAME] [--days N]"));
    AgendaFilter filter;
    filter.owner = ownerFilter(ctx);
    if (ctx.parser.isSet("days")) {
        bool ok = false;
        filter.days = ctx.parser.value("days").toInt(&ok);
        if (!ok || filter.days < 0 || filter.days > 366)
            return ctx.fail(Usage, tr("--days takes a whole number from 0 to 366, not “%1”")
                                       .arg(ctx.parser.value("days")));
    }
    const Agenda a = AgendaReader(ctx.connection).read(filter);
    if (!a.error.isEmpty())
        return ctx.fail(Failure, a.error);
    if (ctx.json) {
        QJsonArray stalled;
        for (const StalledDeal &d : a.noNextStep)
            stalled.append(QJsonObject{{"record", recordRef(Entity::Deal, d.id)}, {"name", d.name}});
        ctx.printJson({{"overdue", itemsJson(a.overdue)}, {"today", itemsJson(a.today)},
                       {"upcoming", itemsJson(a.upcoming)}, {"no_next_step", stalled}});
        return Ok;
    }
    printItems(ctx, tr("Overdue:"), a.overdue);
    printItems(ctx, tr("Today:"), a.today);
    printItems(ctx, tr("Next days:"), a.upcoming);
    ctx.out << tr("Open deals with no next step:") << Qt::endl;
    if (a.noNextStep.isEmpty())
        ctx.out << "  " << tr("none") << Qt::endl;
    for (const StalledDeal &d : a.noNextStep)
        ctx.out << "  " << d.id << "  " << d.name << "  (" << picklistLabel(d.stage) << ")" << Qt::endl;
    return Ok;
}

int exportIcs(Context &ctx)
{
    if (ctx.args.size() != 1)
        return ctx.fail(Usage, tr("usage: export-ics FILE [--owner me|all|NAME]"));
    IcsCounts counts;
    const QByteArray text = ICalendarExport(ctx.connection).write(ownerFilter(ctx), &counts);
    if (!counts.error.isEmpty())
        return ctx.fail(Failure, counts.error);
    const QString path = ctx.args.first();
    if (path == QLatin1String("-")) {
        ctx.out.flush();
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(text) != text.size())
            return ctx.fail(Failure, tr("could not write to standard output"));
        out.flush();
    } else {
        // All or nothing: a file half written is never left in its place.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
            return ctx.fail(BadInput, tr("cannot write “%1”: %2").arg(path, file.errorString()));
    }
    if (ctx.json)
        ctx.printJson({{"events", counts.events}, {"todos", counts.todos}});
    else if (path != QLatin1String("-"))
        ctx.out << tr("Wrote %1 and %2 to %3.")
                       .arg(QCoreApplication::translate("Rapport::Cli", "%n event(s)", nullptr, counts.events),
                            QCoreApplication::translate("Rapport::Cli", "%n to-do(s)", nullptr, counts.todos),
                            path)
                << Qt::endl;
    return Ok;
}

int importIcs(Context &ctx)
{
    if (ctx.args.size() != 1)
        return ctx.fail(Usage, tr("usage: import-ics FILE"));
    QFile file(ctx.args.first());
    if (!file.open(QIODevice::ReadOnly))
        return ctx.fail(BadInput, tr("cannot read “%1”: %2").arg(ctx.args.first(), file.errorString()));
    const IcsImport r = ICalendarImport(ctx.connection).run(file.readAll(), currentUserName());
    if (!r.error.isEmpty())
        return ctx.fail(BadInput, r.error);
    if (ctx.json) {
        QJsonArray errors;
        for (const IcsImport::Problem &p : r.errors)
            errors.append(QJsonObject{{"line", p.line}, {"message", p.message}});
        ctx.printJson({{"created", r.created}, {"attached", r.attached}, {"updated", r.updated},
                       {"rejected", int(r.errors.size())}, {"errors", errors}});
    }
    if (!r.errors.isEmpty())
        return ctx.fail(BadInput, tr("line %1: %2 Nothing was imported.")
                                      .arg(r.errors.first().line).arg(r.errors.first().message));
    if (!ctx.json)
        ctx.out << tr("Imported %1, %2 of them on a contact.")
                       .arg(QCoreApplication::translate("Rapport::Cli", "%n meeting(s)", nullptr, r.created))
                       .arg(r.attached)
                << Qt::endl;
    if (!ctx.json && r.updated > 0)
        ctx.out << QCoreApplication::translate("Rapport::Cli", "%n meeting(s) imported before brought up to date.",
                                               nullptr, r.updated)
                << Qt::endl;
    return Ok;
}

} // namespace Rapport::Cli
