// rapport-cli assign: many records to another owner at once, through the same bulk reassign
// (one transaction, each change logged) as the window's Assign to….
#include "cli/clicontext.h"

#include "cli/cli.h"
#include "records/recordtypes.h"
#include "storage/owner.h"
#include "storage/ownerassignment.h"

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

} // namespace Rapport::Cli
