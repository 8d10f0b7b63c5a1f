// rapport-cli demo and count.
#include "cli/clicontext.h"

#include "cli/cli.h"
#include "storage/demodata.h"
#include "transfer/democsv.h"
#include "lists/recordfilter.h"
#include "records/recordtypes.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>

namespace Rapport::Cli {

namespace {

QString tr(const char *text, const char *comment = nullptr, int n = -1)
{
    return QCoreApplication::translate("Rapport::Cli", text, comment, n);
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

// --seed: a whole number for the random generator.
bool seedOption(Context &ctx, quint32 *seed)
{
    *seed = 42;
    if (!ctx.parser.isSet("seed"))
        return true;
    bool ok = false;
    *seed = ctx.parser.value("seed").toUInt(&ok);
    if (!ok) {
        ctx.fail(Usage, tr("--seed takes a whole number from 0 to 4294967295, not “%1”")
                            .arg(ctx.parser.value("seed")));
        return false;
    }
    return true;
}

// demo --csv FILE: generated leads into a CSV file; the database is not opened.
int demoCsv(Context &ctx, quint32 seed)
{
    for (const char *other : {"contacts", "accounts", "deals"}) {
        if (ctx.parser.isSet(other))
            return ctx.fail(Usage, tr("demo --csv writes leads only: --%1 cannot be used with it")
                                       .arg(QLatin1String(other)));
    }
    qint64 leads = 0;
    if (!countOption(ctx, "leads", &leads))
        return Usage;
    if (!ctx.parser.isSet("leads"))
        leads = 200;
    const QString style = ctx.parser.value("header").toLower();
    if (!style.isEmpty() && style != QLatin1String("zoho") && style != QLatin1String("plain"))
        return ctx.fail(Usage, tr("--header takes zoho or plain, not “%1”").arg(ctx.parser.value("header")));
    const DemoCsvHeader header = style == QLatin1String("plain") ? DemoCsvHeader::Plain
                                                                 : DemoCsvHeader::Zoho;
    const QString path = ctx.parser.value("csv");
    QElapsedTimer timer;
    timer.start();
    if (path == QLatin1String("-")) {
        ctx.out.flush();
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return ctx.fail(Failure, out.errorString());
        if (const QString error = writeDemoLeadsCsv(&out, leads, header, seed); !error.isEmpty())
            return ctx.fail(Failure, error);
        out.flush();
        return Ok; // standard output carries the CSV only
    }
    QSaveFile out(path); // all or nothing: no half-written file on failure
    if (!out.open(QIODevice::WriteOnly))
        return ctx.fail(BadInput, tr("cannot write “%1”: %2").arg(path, out.errorString()));
    if (const QString error = writeDemoLeadsCsv(&out, leads, header, seed); !error.isEmpty())
        return ctx.fail(Failure, tr("cannot write “%1”: %2").arg(path, error));
    if (!out.commit())
        return ctx.fail(Failure, tr("cannot write “%1”: %2").arg(path, out.errorString()));
    if (ctx.json) {
        ctx.printJson({{"leads", leads}, {"file", path},
                       {"header", header == DemoCsvHeader::Zoho ? "zoho" : "plain"},
                       {"seconds", timer.elapsed() / 1000.0}});
    } else {
        ctx.out << tr("Wrote %1 to %2 in %3 s.")
                       .arg(countedRecords(Entity::Lead, leads), path)
                       .arg(timer.elapsed() / 1000.0, 0, 'f', 1)
                << Qt::endl;
    }
    return Ok;
}

} // namespace

int demo(Context &ctx)
{
    quint32 seed = 42;
    if (!seedOption(ctx, &seed))
        return Usage;
    if (ctx.parser.isSet("csv"))
        return demoCsv(ctx, seed);
    if (ctx.parser.isSet("header"))
        return ctx.fail(Usage, tr("--header goes with --csv FILE"));
    DemoCounts n;
    if (!countOption(ctx, "leads", &n.leads) || !countOption(ctx, "contacts", &n.contacts)
        || !countOption(ctx, "accounts", &n.accounts) || !countOption(ctx, "deals", &n.deals)
        || !countOption(ctx, "activities", &n.activities))
        return Usage;
    if (!ctx.parser.isSet("leads") && !ctx.parser.isSet("contacts")
        && !ctx.parser.isSet("accounts") && !ctx.parser.isSet("deals")
        && !ctx.parser.isSet("activities"))
        n = {200, 120, 40, 60, 150};
    QElapsedTimer timer;
    timer.start();
    if (const QString error = DemoData(ctx.connection, seed).generate(n); !error.isEmpty())
        return ctx.fail(Failure, tr("could not add the sample records: %1").arg(error));
    if (ctx.json) {
        ctx.printJson({{"leads", n.leads}, {"contacts", n.contacts}, {"accounts", n.accounts},
                       {"deals", n.deals}, {"activities", n.activities},
                       {"seconds", timer.elapsed() / 1000.0}});
    } else {
        ctx.out << tr("Added %1, %2, %3, %4 and %5 in %6 s.")
                       .arg(countedRecords(Entity::Lead, n.leads),
                            countedRecords(Entity::Contact, n.contacts),
                            countedRecords(Entity::Account, n.accounts),
                            countedRecords(Entity::Deal, n.deals),
                            countedRecords(Entity::Activity, n.activities))
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
