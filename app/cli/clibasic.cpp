// rapport-cli demo and count.
#include "cli/clicontext.h"

#include "cli/cli.h"
#include "storage/demodata.h"
#include "lists/recordfilter.h"
#include "records/recordtypes.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace Rapport::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::Cli", text);
}

// A non-negative count option; false (and a message) on anything else.
bool countOption(Context &ctx, const char *name, qint64 *value)
{
    *value = 0;
    if (!ctx.parser.isSet(name))
        return true;
    bool ok = false;
    *value = ctx.parser.value(name).toLongLong(&ok);
    if (!ok || *value < 0) {
        ctx.fail(Usage, tr("--%1 takes a whole number ≥ 0, not “%2”")
                            .arg(QLatin1String(name), ctx.parser.value(name)));
        return false;
    }
    return true;
}

} // namespace

int demo(Context &ctx)
{
    DemoCounts n;
    if (!countOption(ctx, "leads", &n.leads) || !countOption(ctx, "contacts", &n.contacts)
        || !countOption(ctx, "accounts", &n.accounts) || !countOption(ctx, "deals", &n.deals))
        return Usage;
    if (!ctx.parser.isSet("leads") && !ctx.parser.isSet("contacts")
        && !ctx.parser.isSet("accounts") && !ctx.parser.isSet("deals"))
        n = {200, 120, 40, 60};
    QElapsedTimer timer;
    timer.start();
    if (const QString error = DemoData(ctx.connection).generate(n); !error.isEmpty())
        return ctx.fail(Failure, tr("could not add the sample records: %1").arg(error));
    if (ctx.json) {
        ctx.printJson({{"leads", n.leads}, {"contacts", n.contacts}, {"accounts", n.accounts},
                       {"deals", n.deals}, {"seconds", timer.elapsed() / 1000.0}});
    } else {
        ctx.out << tr("Added %1 leads, %2 contacts, %3 accounts and %4 deals in %5 s.")
                       .arg(n.leads).arg(n.contacts).arg(n.accounts).arg(n.deals)
                       .arg(timer.elapsed() / 1000.0, 0, 'f', 1)
                << Qt::endl;
    }
    return Ok;
}

int count(Context &ctx)
{
    if (ctx.args.size() != 1)
        return ctx.fail(Usage, tr("usage: rapport-cli count MODULE (leads, contacts, accounts or deals)"));
    const std::optional<Entity> entity = entityFromName(ctx.args.first());
    if (!entity)
        return ctx.fail(Usage, tr("unknown module “%1”: use leads, contacts, accounts or deals")
                                   .arg(ctx.args.first()));
    RecordFilter filter;
    filter.search = ctx.parser.value("search");
    if (ctx.parser.isSet("include-converted"))
        filter.converted = RecordFilter::Converted::Include;
    const qint64 n = countRecords(ctx.connection, *entity, filter);
    if (n < 0)
        return ctx.fail(Failure, tr("could not count the records"));
    if (ctx.json)
        ctx.printJson({{"count", n}});
    else
        ctx.out << n << Qt::endl;
    return Ok;
}

} // namespace Rapport::Cli
