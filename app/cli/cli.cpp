#include "cli/cli.h"

#include "cli/clicontext.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QMap>
#include <cstdio>
#include <functional>

namespace Rapport::Cli {

namespace {

const char *const Connection = "rapport-cli";

struct Command {
    const char *synopsis;
    const char *summary;
    std::function<int(Context &)> run;
};

const QMap<QString, Command> &commands()
{
    static const QMap<QString, Command> map = {
        {"count", {"count MODULE [--search TEXT] [--include-converted]",
                   QT_TRANSLATE_NOOP("Rapport::Cli", "print how many records the module shows"), count}},
        {"convert", {"convert LEAD_ID [--account new|ID | --no-account] [--contact new|ID] "
                     "[--no-deal | --deal-name TEXT --amount N --stage TEXT --closing-date YYYY-MM-DD]",
                     QT_TRANSLATE_NOOP("Rapport::Cli", "convert a lead into an account, a contact and a deal"), convert}},
        {"unconvert", {"unconvert LEAD_ID [--keep-edited | --discard]",
                       QT_TRANSLATE_NOOP("Rapport::Cli", "undo a lead's conversion"), unconvert}},
        {"demo", {"demo [--leads N] [--contacts N] [--accounts N] [--deals N]",
                  QT_TRANSLATE_NOOP("Rapport::Cli", "fill the database with generated sample records"), demo}},
        {"import", {"import MODULE FILE [--on-duplicate skip|update|create] [--encoding auto|NAME] "
                    "[--delimiter auto|,|;|tab|\"|\"] [--date-order auto|dmy|mdy] [--unmapped-to-description] "
                    "[--dry-run] [--errors FILE]",
                    QT_TRANSLATE_NOOP("Rapport::Cli", "import a CSV file into leads, contacts, accounts or deals"), import}},
        {"export", {"export MODULE FILE|- [--search TEXT] [--include-converted] [--no-formula-guard] "
                    "[--delimiter ,|;] [--bom]",
                    QT_TRANSLATE_NOOP("Rapport::Cli", "write a module's records as CSV (- = standard output)"), exportRecords}},
        {"imports", {"imports",
                     QT_TRANSLATE_NOOP("Rapport::Cli", "list past imports: id, time, file, module, counts"), imports}},
        {"undo-import", {"undo-import IMPORT_ID",
                         QT_TRANSLATE_NOOP("Rapport::Cli", "undo that import: remove what it created, restore what it updated"), undoImport}},
    };
    return map;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::Cli", text);
}

void addOptions(QCommandLineParser &p)
{
    p.setApplicationDescription(tr("Rapport's command line: the desktop CRM without a window."));
    p.addHelpOption();
    p.addVersionOption();
    p.addOptions({
        {"db", tr("Database file, or postgresql://USER[:PASS]@HOST[:PORT]/DBNAME."), "PATH"},
        {"json", tr("Print the result as one JSON object.")},
        {"search", tr("count, export: the same quick search as the app."), "TEXT"},
        {"include-converted", tr("count, export: include converted leads.")},
        {"leads", tr("demo: number of leads."), "N"},
        {"contacts", tr("demo: number of contacts."), "N"},
        {"accounts", tr("demo: number of accounts."), "N"},
        {"deals", tr("demo: number of deals."), "N"},
        {"account", tr("convert: “new”, or the id of an existing account (default: the one "
                       "unambiguous match, else new)."), "new|ID"},
        {"contact", tr("convert: “new”, or the id of a contact to merge into (default: the one "
                       "unambiguous match, else new)."), "new|ID"},
        {"no-account", tr("convert: make no account (B2C).")},
        {"no-deal", tr("convert: make no deal.")},
        {"deal-name", tr("convert: the deal's name."), "TEXT"},
        {"amount", tr("convert: the deal's amount."), "N"},
        {"stage", tr("convert: the deal's stage."), "TEXT"},
        {"closing-date", tr("convert: the deal's closing date."), "YYYY-MM-DD"},
        {"keep-edited", tr("unconvert: keep records edited, noted or linked since.")},
        {"discard", tr("unconvert: undo everything, losing what was done since.")},
        {"on-duplicate", tr("import: skip, update or create records that already exist."), "POLICY"},
        {"encoding", tr("import: the file's encoding (auto, utf-8, utf-16, windows-1252, ...)."), "NAME"},
        {"delimiter", tr("import: auto, “,”, “;”, tab or “|”; export: “,” or “;”."), "CHAR"},
        {"date-order", tr("import: how to read 01/03/2026: auto, dmy or mdy."), "ORDER"},
        {"dry-run", tr("import: check and report, write nothing.")},
        {"unmapped-to-description", tr("import: keep unmatched columns as “Header: value” lines in Description.")},
        {"errors", tr("import: write the rejected rows, with line and reason, to FILE."), "FILE"},
        {"no-formula-guard", tr("export: write cells exactly as stored (no ' before = + - @).")},
        {"bom", tr("export: start the file with a byte order mark (for Excel).")},
    });
    QString help = tr("Commands:");
    for (auto it = commands().cbegin(); it != commands().cend(); ++it)
        help += QStringLiteral("\n  %1\n      %2").arg(QLatin1String(it->synopsis), tr(it->summary));
    p.addPositionalArgument("command", help, "COMMAND [ARGS...]");
}

} // namespace

int Context::fail(int code, const QString &message) const
{
    err << "rapport-cli: " << message << Qt::endl;
    return code;
}

void Context::printJson(const QJsonObject &object) const
{
    out << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
}

int run(const QStringList &arguments)
{
    QCoreApplication::setApplicationName(QStringLiteral("Rapport"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RAPPORT_VERSION));
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments)) {
        err << "rapport-cli: " << parser.errorText() << Qt::endl;
        return Usage;
    }
    if (parser.isSet("help")) {
        out << parser.helpText();
        return Ok;
    }
    if (parser.isSet("version")) {
        out << "rapport-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return Ok;
    }
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        err << parser.helpText();
        return Usage;
    }
    const QString name = positional.takeFirst();
    if (!commands().contains(name)) {
        err << "rapport-cli: " << tr("unknown command “%1” (see --help)").arg(name) << Qt::endl;
        return Usage;
    }
    const QString location = parser.isSet("db") ? parser.value("db") : Database::defaultLocation();
    if (const QSqlError e = Database::open(location, Connection); e.isValid()) {
        err << "rapport-cli: " << e.text() << Qt::endl;
        return BadInput;
    }
    Context ctx{parser, positional, Connection, parser.isSet("json"), out, err};
    const int code = commands().value(name).run(ctx);
    out.flush();
    err.flush();
    Database::close(Connection);
    return code;
}

} // namespace Rapport::Cli
