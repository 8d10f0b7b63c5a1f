// rapport-cli assign: many records to another owner at once, through the same bulk reassign
// (one transaction, each change logged) as the window's Assign to…. rapport-cli
// own-records-only: the admin's setting that has a team server refuse reps' changes to
// records they do not own (storage/rowsecurity.h), shown or switched.
#include "cli/clicontext.h"

#include "cli/cli.h"
#include "records/recordtypes.h"
#include "storage/owner.h"
#include "storage/ownerassignment.h"
#include "storage/rowsecurity.h"

#include <QCoreApplication>

namespace Rapport::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::Cli", text);
}

} // namespace

int assignOwner(Context &ctx)
{
    const QString usage = tr("usage: assign MODULE --to NAME ID …");
    const auto entity = entityFromName(ctx.args.value(0));
    if (!entity || ctx.args.size() < 2 || !ctx.parser.isSet("to"))
        return ctx.fail(Usage, entity || ctx.args.isEmpty()
                                   ? usage
                                   : tr("unknown module “%1”: leads, contacts, accounts, deals "
                                        "or activities").arg(ctx.args.value(0)));
    if (!findField(*entity, QStringLiteral("owner")))
        return ctx.fail(Usage, tr("%1 have no owner").arg(entityPlural(*entity)));
    QList<qint64> ids;
    for (const QString &arg : ctx.args.mid(1)) {
        bool ok = false;
        const qint64 id = arg.toLongLong(&ok);
        if (!ok || id <= 0)
            return ctx.fail(Usage, tr("“%1” is not a record id").arg(arg));
        if (!ids.contains(id))
            ids << id;
    }
    const QString to = ctx.parser.value("to").trimmed();
    if (to.isEmpty())
        return ctx.fail(Usage, usage);
    const AssignResult r = OwnerAssignment(ctx.connection)
                               .assign(*entity, ids, to == QLatin1String("me") ? currentUserName() : to);
    if (!r.ok())
        return ctx.fail(r.unknownRecord ? BadInput : r.refused ? Refused : Failure, r.error);
    if (ctx.json)
        ctx.printJson({{"assigned", qint64(r.changes.size())}});
    else
        ctx.out << tr("Assigned %1 to %2.").arg(countedRecords(*entity, r.changes.size()),
                                                r.changes.isEmpty() ? to : r.changes.first().after)
                << Qt::endl;
    return Ok;
}

int ownRecordsOnly(Context &ctx)
{
    const QString usage = tr("usage: own-records-only [on|off]");
    if (ctx.args.size() > 1)
        return ctx.fail(Usage, usage);
    RowSecurity security(ctx.connection);
    if (!security.isAvailable())
        return ctx.fail(BadInput, tr("only a database on a PostgreSQL server has this setting"));
    if (!ctx.args.isEmpty()) {
        const QString value = ctx.args.first();
        if (value != QLatin1String("on") && value != QLatin1String("off"))
            return ctx.fail(Usage, usage);
        // Only an admin may: anyone else is refused by the server (exit 4).
        if (const QString e = security.setOn(value == QLatin1String("on")); !e.isEmpty())
            return ctx.fail(security.isAdmin() ? Failure : Refused, e);
    }
    const bool on = security.isOn();
    if (ctx.json)
        ctx.printJson({{"own_records_only", on}});
    else
        ctx.out << (on ? tr("Reps may change only their own records.")
                       : tr("Reps may change every record.")) << Qt::endl;
    return Ok;
}

} // namespace Rapport::Cli
