// rapport-cli import, imports and undo-import.
#include "cli/clicontext.h"

#include "cli/cli.h"
#include "transfer/importer.h"
#include "transfer/importjournal.h"
#include "records/recordtypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

namespace Rapport::Cli {

namespace {

QString tr(const char *text, const char *comment = nullptr, int n = -1)
{
    return QCoreApplication::translate("Rapport::Cli", text, comment, n);
}

// Fills the import options from the command line; an exit code other than Ok on bad usage.
// --sheet N (1 the first) or a sheet's name; the names are only known once the file is open.
int chooseSheet(Context &ctx, ImportOptions &o)
{
    if (!ctx.parser.isSet("sheet"))
        return Ok;
    const QString sheet = ctx.parser.value("sheet");
    bool number = false;
    const int n = sheet.toInt(&number);
    if (number && n >= 1) {
        o.sheet = n - 1;
        return Ok;
    }
    const ImportPreview p = Importer::preview(o, 0);
    const qsizetype index = p.sheets.indexOf(sheet);
    if (index < 0)
        return ctx.fail(BadInput, p.sheets.isEmpty()
                                      ? tr("“%1” has no sheets to choose from").arg(o.filePath)
                                      : tr("“%1” has no sheet “%2”; it has: %3")
                                            .arg(o.filePath, sheet, p.sheets.join(QStringLiteral(", "))));
    o.sheet = int(index);
    return Ok;
}

int importOptions(Context &ctx, ImportOptions &o)
{
    if (ctx.args.size() != 2)
        return ctx.fail(Usage, tr("usage: rapport-cli import MODULE FILE (MODULE: leads, "
                                  "contacts, accounts or deals)"));
    const std::optional<Entity> entity = entityFromName(ctx.args[0]);
    if (!entity)
        return ctx.fail(Usage, tr("unknown module “%1”: use leads, contacts, accounts or deals")
                                   .arg(ctx.args[0]));
    o.entity = *entity;
    o.filePath = ctx.args[1];
    o.dryRun = ctx.parser.isSet("dry-run");
    o.unmappedToDescription = ctx.parser.isSet("unmapped-to-description");
    const QString dup = ctx.parser.value("on-duplicate").toLower();
    if (dup == QLatin1String("update"))
        o.onDuplicate = DuplicatePolicy::Update;
    else if (dup == QLatin1String("create"))
        o.onDuplicate = DuplicatePolicy::Create;
    else if (!dup.isEmpty() && dup != QLatin1String("skip"))
        return ctx.fail(Usage, tr("--on-duplicate takes skip, update or create, not “%1”").arg(dup));
    const QString enc = ctx.parser.value("encoding");
    if (!enc.isEmpty() && enc.toLower() != QLatin1String("auto")) {
        o.encoding = CsvDialect::encodingFromName(enc);
        if (o.encoding.isEmpty())
            return ctx.fail(Usage, tr("unknown encoding “%1”").arg(enc));
    }
    const QString delim = ctx.parser.value("delimiter");
    if (!delim.isEmpty() && delim.toLower() != QLatin1String("auto")) {
        o.delimiter = CsvDialect::delimiterFromName(delim);
        if (o.delimiter.isNull())
            return ctx.fail(Usage, tr("--delimiter takes auto, “,”, “;”, tab or “|”, not “%1”")
                                       .arg(delim));
    }
    if (ctx.parser.isSet("format")) {
        o.format = formatFromOption(ctx.parser.value("format"));
        if (o.format == FileFormat::Auto)
            return ctx.fail(Usage, tr("--format takes csv, xlsx or vcf, not “%1”")
                                       .arg(ctx.parser.value("format")));
    }
    if (ctx.parser.isSet("create-missing") && ctx.parser.isSet("no-create-missing"))
        return ctx.fail(Usage, tr("--create-missing and --no-create-missing exclude each other"));
    o.createMissing = !ctx.parser.isSet("no-create-missing");
    if (const int code = chooseSheet(ctx, o); code != Ok)
        return code;
    const QString order = ctx.parser.value("date-order").toLower();
    if (order == QLatin1String("dmy"))
        o.dateOrder = DateOrder::DayFirst;
    else if (order == QLatin1String("mdy"))
        o.dateOrder = DateOrder::MonthFirst;
    else if (!order.isEmpty() && order != QLatin1String("auto"))
        return ctx.fail(Usage, tr("--date-order takes auto, dmy or mdy, not “%1”").arg(order));
    return Ok;
}

// {"accounts": 2}: the parent records made (or, in a dry run, to be made) for the rows.
QJsonObject parentsJson(const ImportResult &r)
{
    QJsonObject made;
    for (auto it = r.parentsCreated.cbegin(); it != r.parentsCreated.cend(); ++it)
        made.insert(QLatin1String(entityDef(it.key()).table), it.value());
    return made;
}

void printImport(Context &ctx, const ImportOptions &o, const ImportResult &r)
{
    if (ctx.json) {
        QJsonArray errors, notes;
        for (const RowProblem &p : r.problems)
            errors.append(QJsonObject{{"line", p.line}, {"message", p.message}});
        for (const QString &n : r.notes)
            notes.append(n);
        ctx.printJson({{"import", o.dryRun || r.importId == 0 ? QJsonValue() : QJsonValue(r.importId)},
                       {"created", r.created}, {"updated", r.updated}, {"unchanged", r.unchanged},
                       {"skipped", r.skipped}, {"rejected", r.rejected}, {"errors", errors},
                       {"notes", notes},
                       {"dry_run", o.dryRun}, {"rows", r.rows},
                       {"created_parents", parentsJson(r)}});
        return;
    }
    const QString counts = tr("%1 created, %2 updated, %3 skipped, %4 rejected")
                               .arg(r.created).arg(r.updated).arg(r.skipped).arg(r.rejected);
    if (o.dryRun)
        ctx.out << tr("Dry run, nothing written: %1.").arg(counts) << Qt::endl;
    else if (r.importId > 0)
        ctx.out << tr("Import %1: %2. Undo with: rapport-cli undo-import %1").arg(r.importId).arg(counts)
                << Qt::endl;
    else
        ctx.out << tr("Nothing written: %1.").arg(counts) << Qt::endl;
    for (auto it = r.parentsCreated.cbegin(); it != r.parentsCreated.cend(); ++it) {
        ctx.out << (o.dryRun ? tr("%1 to be made for the rows.") : tr("%1 made for the rows."))
                       .arg(countedRecords(it.key(), it.value()))
                << Qt::endl;
    }
    for (const RowProblem &p : r.problems)
        ctx.out << tr("line %1: %2").arg(p.line).arg(p.message) << Qt::endl;
    for (const QString &n : r.notes)
        ctx.out << tr("note: %1").arg(n) << Qt::endl;
}

} // namespace

int import(Context &ctx)
{
    ImportOptions o;
    if (const int code = importOptions(ctx, o); code != Ok)
        return code;
    Importer importer(ctx.connection);
    const ImportResult r = importer.run(o);
    if (!r.ok() && r.rows == 0 && r.rejected == 0 && !r.writeFailed)
        return ctx.fail(BadInput, r.error);
    if (!r.ok())
        return ctx.fail(r.writeFailed ? Failure : BadInput, r.error);
    if (ctx.parser.isSet("errors")) {
        QSaveFile errors(ctx.parser.value("errors"));
        QString error;
        if (!errors.open(QIODevice::WriteOnly)
            || !(error = importer.writeRejected(o, r, &errors)).isEmpty() || !errors.commit())
            return ctx.fail(Failure, tr("could not write the rejected rows to “%1”: %2")
                                         .arg(errors.fileName(), error.isEmpty() ? errors.errorString() : error));
    }
    printImport(ctx, o, r);
    if (r.created + r.updated + r.unchanged + r.skipped == 0)
        return ctx.fail(BadInput, tr("nothing to import: %n row(s) rejected, none accepted "
                                     "(first: line %1: %2)", nullptr, int(r.rejected))
                                      .arg(r.problems.first().line)
                                      .arg(r.problems.first().message));
    return Ok;
}

int imports(Context &ctx)
{
    if (!ctx.args.isEmpty())
        return ctx.fail(Usage, tr("usage: rapport-cli imports"));
    const QList<ImportEntry> list = ImportJournal(ctx.connection).list();
    if (ctx.json) {
        QJsonArray array;
        for (const ImportEntry &e : list) {
            array.append(QJsonObject{{"id", e.id}, {"module", e.module}, {"file", e.file},
                                     {"time", e.time}, {"created", e.created},
                                     {"updated", e.updated}, {"skipped", e.skipped},
                                     {"rejected", e.rejected}, {"undone", e.undone}});
        }
        ctx.printJson({{"imports", array}});
        return Ok;
    }
    for (const ImportEntry &e : list) {
        ctx.out << QStringLiteral("%1  %2  %3  %4  ").arg(e.id).arg(e.time, e.module, e.file)
                << tr("%1 created, %2 updated, %3 skipped, %4 rejected")
                       .arg(e.created).arg(e.updated).arg(e.skipped).arg(e.rejected)
                << (e.undone ? tr(" (undone)") : QString()) << Qt::endl;
    }
    return Ok;
}

int undoImport(Context &ctx)
{
    bool ok = false;
    const qint64 id = ctx.args.size() == 1 ? ctx.args.first().toLongLong(&ok) : 0;
    if (!ok || id <= 0)
        return ctx.fail(Usage, tr("usage: rapport-cli undo-import IMPORT_ID (see rapport-cli imports)"));
    ImportJournal journal(ctx.connection);
    const std::optional<ImportEntry> entry = journal.find(id);
    switch (journal.undo(id)) {
    case ImportJournal::UndoResult::Done:
        break;
    case ImportJournal::UndoResult::UnknownImport:
        return ctx.fail(BadInput, journal.errorString());
    case ImportJournal::UndoResult::AlreadyUndone:
    case ImportJournal::UndoResult::Conflict:
        return ctx.fail(Refused, journal.errorString());
    case ImportJournal::UndoResult::Failed:
        return ctx.fail(Failure, tr("could not undo import %1: %2").arg(id).arg(journal.errorString()));
    }
    if (ctx.json)
        ctx.printJson({{"import", id}, {"undone", true}, {"removed", entry->created},
                       {"restored", entry->updated}});
    else
        ctx.out << tr("Undid import %1: removed %2, restored %3.")
                       .arg(id)
                       .arg(tr("%n record(s)", nullptr, int(entry->created)))
                       .arg(entry->updated)
                << Qt::endl;
    return Ok;
}

} // namespace Rapport::Cli
