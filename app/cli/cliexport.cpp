// rapport-cli export.
#include "cli/clicontext.h"

#include "cli/cli.h"
#include "transfer/exporter.h"
#include "records/recordtypes.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <cstdio>

namespace Rapport::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::Cli", text);
}

} // namespace

int exportRecords(Context &ctx)
{
    if (ctx.args.size() != 2)
        return ctx.fail(Usage, tr("usage: rapport-cli export MODULE FILE (“-” for standard output)"));
    const std::optional<Entity> entity = entityFromName(ctx.args[0]);
    if (!entity)
        return ctx.fail(Usage, tr("unknown module “%1”: use leads, contacts, accounts or deals")
                                   .arg(ctx.args[0]));
    ExportOptions o;
    o.filter.search = ctx.parser.value("search");
    if (ctx.parser.isSet("include-converted"))
        o.filter.converted = RecordFilter::Converted::Include;
    // What the file is for sets the guard and the byte order mark; the options that name
    // them still say the last word. Without --for: guarded, no byte order mark, as ever.
    const QString use = ctx.parser.value("for");
    if (!use.isEmpty() && use != QLatin1String("excel") && use != QLatin1String("plain"))
        return ctx.fail(Usage, tr("--for takes excel or plain, not “%1”").arg(use));
    o.formulaGuard = use != QLatin1String("plain") && !ctx.parser.isSet("no-formula-guard");
    o.bom = use == QLatin1String("excel") || ctx.parser.isSet("bom");
    const QString delim = ctx.parser.value("delimiter");
    if (delim == QLatin1String(";"))
        o.delimiter = QLatin1Char(';');
    else if (!delim.isEmpty() && delim != QLatin1String(",") && delim != QLatin1String("auto"))
        return ctx.fail(Usage, tr("export writes “,” or “;” as delimiter, not “%1”").arg(delim));
    const QString path = ctx.args[1];
    FileFormat format = path == QLatin1String("-") ? FileFormat::Csv : formatFromName(path);
    if (ctx.parser.isSet("format")) {
        format = formatFromOption(ctx.parser.value("format"));
        if (format == FileFormat::Auto)
            return ctx.fail(Usage, tr("--format takes csv, xlsx or vcf, not “%1”")
                                       .arg(ctx.parser.value("format")));
    }
    if (format == FileFormat::VCard && *entity != Entity::Contact)
        return ctx.fail(Usage, tr("only contacts are written as vCards"));
    Exporter exporter(ctx.connection);
    qint64 rows = -1;
    if (path == QLatin1String("-")) {
        ctx.out.flush();
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return ctx.fail(Failure, out.errorString());
        rows = exporter.write(*entity, o, format, &out);
        out.flush();
    } else {
        QSaveFile out(path); // all or nothing: no half-written file on failure
        if (!out.open(QIODevice::WriteOnly))
            return ctx.fail(BadInput, tr("cannot write “%1”: %2").arg(path, out.errorString()));
        rows = exporter.write(*entity, o, format, &out);
        if (rows >= 0 && !out.commit())
            return ctx.fail(Failure, tr("cannot write “%1”: %2").arg(path, out.errorString()));
    }
    if (rows < 0)
        return ctx.fail(Failure, exporter.errorString());
    if (path == QLatin1String("-"))
        return Ok; // standard output carries the file only
    if (ctx.json)
        ctx.printJson({{"exported", rows}, {"file", path}});
    else
        ctx.out << tr("Exported %1 to %2.").arg(countedRecords(*entity, rows), path)
                << Qt::endl;
    return Ok;
}

} // namespace Rapport::Cli
