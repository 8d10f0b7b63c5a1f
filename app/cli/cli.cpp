#include "cli/cli.h"

#include "cli/clicontext.h"
#include "storage/database.h"
#include "storage/keyring.h"
#include "storage/owner.h"
#include "storage/userdirectory.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QMap>
#include <cstdio>
#include <functional>
#include <limits>

namespace Rapport::Cli {

namespace {

const char *const Connection = "rapport-cli";

// One option as a command takes it; an option that several commands take is listed in
// each (with the same value name), and `rapport-cli --help` shows it once.
struct CommandOption {
    const char *name;
    const char *valueName; // nullptr for a switch
    const char *description;
};

struct Command {
    const char *synopsis;
    const char *summary;
    QList<CommandOption> options;
    std::function<int(Context &)> run;
    // Whether this use of the command works on the database (demo --csv does not).
    std::function<bool(const QCommandLineParser &)> usesDatabase = [](const QCommandLineParser &) {
        return true;
    };
};

const QMap<QString, Command> &commands()
{
    const CommandOption search{
        "search", "TEXT", QT_TRANSLATE_NOOP("Rapport::Cli", "the same quick search as the app.")};
    const CommandOption includeConverted{
        "include-converted", nullptr, QT_TRANSLATE_NOOP("Rapport::Cli", "include converted leads.")};
    const CommandOption set{
        "set", "FIELD=VALUE", QT_TRANSLATE_NOOP("Rapport::Cli", "a field (its label or column "
                                                                "name) and its value; repeat it "
                                                                "for more fields.")};
    static const QMap<QString, Command> map = {
        {"count", {
            "count MODULE [--search TEXT] [--include-converted]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "print how many records the module shows"),
            {search, includeConverted},
            count}},
        {"convert", {
            "convert LEAD_ID [--account new|ID | --no-account] [--contact new|ID] "
            "[--no-deal | --deal-name TEXT --amount N --stage TEXT --closing-date YYYY-MM-DD]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "convert a lead into an account, a contact and a deal"),
            {{"account", "new|ID",
              QT_TRANSLATE_NOOP("Rapport::Cli", "“new”, or the id of an existing account (default: "
                                                "the one unambiguous match, else new).")},
             {"contact", "new|ID",
              QT_TRANSLATE_NOOP("Rapport::Cli", "“new”, or the id of a contact to merge into "
                                                "(default: the one unambiguous match, else new).")},
             {"no-account", nullptr, QT_TRANSLATE_NOOP("Rapport::Cli", "make no account (B2C).")},
             {"no-deal", nullptr, QT_TRANSLATE_NOOP("Rapport::Cli", "make no deal.")},
             {"deal-name", "TEXT", QT_TRANSLATE_NOOP("Rapport::Cli", "the deal's name.")},
             {"amount", "N", QT_TRANSLATE_NOOP("Rapport::Cli", "the deal's amount.")},
             {"stage", "TEXT", QT_TRANSLATE_NOOP("Rapport::Cli", "the deal's stage.")},
             {"closing-date", "YYYY-MM-DD",
              QT_TRANSLATE_NOOP("Rapport::Cli", "the deal's closing date.")}},
            convert}},
        {"unconvert", {
            "unconvert LEAD_ID [--keep-edited | --discard]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "undo a lead's conversion"),
            {{"keep-edited", nullptr,
              QT_TRANSLATE_NOOP("Rapport::Cli", "keep records edited, noted or linked since.")},
             {"discard", nullptr,
              QT_TRANSLATE_NOOP("Rapport::Cli", "undo everything, losing what was done since.")}},
            unconvert}},
        {"demo", {
            "demo [--leads N] [--contacts N] [--accounts N] [--deals N] [--seed N]\n"
            "demo --csv FILE|- [--leads N] [--header zoho|plain] [--seed N]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "fill the database with generated sample records, or "
                                              "write generated leads to a CSV file (- = standard "
                                              "output) without touching the database"),
            {{"leads", "N", QT_TRANSLATE_NOOP("Rapport::Cli", "number of leads.")},
             {"contacts", "N", QT_TRANSLATE_NOOP("Rapport::Cli", "number of contacts.")},
             {"accounts", "N", QT_TRANSLATE_NOOP("Rapport::Cli", "number of accounts.")},
             {"deals", "N", QT_TRANSLATE_NOOP("Rapport::Cli", "number of deals.")},
             {"activities", "N",
              QT_TRANSLATE_NOOP("Rapport::Cli", "number of tasks, calls, meetings and emails on "
                                                "them.")},
             {"seed", "N",
              QT_TRANSLATE_NOOP("Rapport::Cli", "the same seed makes the same records (default: 42).")},
             {"csv", "FILE",
              QT_TRANSLATE_NOOP("Rapport::Cli", "write the leads to FILE as CSV instead (default: "
                                                "200 leads).")},
             {"header", "STYLE",
              QT_TRANSLATE_NOOP("Rapport::Cli", "with --csv: zoho (First Name, …, the default) or "
                                                "plain (first_name, …) column names.")}},
            demo,
            [](const QCommandLineParser &p) { return !p.isSet("csv"); }}},
        {"import", {
            "import MODULE FILE [--on-duplicate skip|update|create] [--encoding auto|NAME] "
            "[--delimiter auto|,|;|tab|\"|\"] [--date-order auto|dmy|mdy] "
            "[--unmapped-to-description] [--dry-run] [--errors FILE] [--format csv|xlsx|vcf] "
            "[--sheet N] [--no-create-missing]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "import a CSV file, an Excel workbook or vCards into "
                                              "leads, contacts, accounts or deals"),
            {{"format", "FORMAT",
              QT_TRANSLATE_NOOP("Rapport::Cli", "csv, xlsx or vcf (default: by the file's content "
                                                "and name).")},
             {"sheet", "N", QT_TRANSLATE_NOOP("Rapport::Cli", "the workbook's sheet to read, 1 the "
                                                            "first (default) or its name.")},
             {"create-missing", nullptr,
              QT_TRANSLATE_NOOP("Rapport::Cli", "make the accounts (and deals' contacts) the rows "
                                                "name that do not exist yet (the default).")},
             {"no-create-missing", nullptr,
              QT_TRANSLATE_NOOP("Rapport::Cli", "reject the rows naming an account or contact that "
                                                "does not exist yet.")},
             {"on-duplicate", "POLICY",
              QT_TRANSLATE_NOOP("Rapport::Cli", "skip, update or create records that already exist.")},
             {"encoding", "NAME",
              QT_TRANSLATE_NOOP("Rapport::Cli", "the file's encoding (auto, utf-8, utf-16, "
                                                "windows-1252, ...).")},
             {"delimiter", "CHAR", QT_TRANSLATE_NOOP("Rapport::Cli", "auto, “,”, “;”, tab or “|”.")},
             {"date-order", "ORDER",
              QT_TRANSLATE_NOOP("Rapport::Cli", "how to read 01/03/2026: auto, dmy or mdy.")},
             {"dry-run", nullptr, QT_TRANSLATE_NOOP("Rapport::Cli", "check and report, write nothing.")},
             {"unmapped-to-description", nullptr,
              QT_TRANSLATE_NOOP("Rapport::Cli", "keep unmatched columns as “Header: value” lines in "
                                                "Description.")},
             {"errors", "FILE",
              QT_TRANSLATE_NOOP("Rapport::Cli", "write the rejected rows, with line and reason, to "
                                                "FILE.")}},
            import}},
        {"export", {
            "export MODULE FILE|- [--search TEXT] [--include-converted] [--for excel|plain] "
            "[--no-formula-guard] [--delimiter ,|;] [--bom] [--format csv|xlsx|vcf]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "write a module's records as CSV, an Excel workbook "
                                              "(.xlsx) or vCards (.vcf, contacts) (- = standard "
                                              "output)"),
            {search, includeConverted,
             {"format", "FORMAT",
              QT_TRANSLATE_NOOP("Rapport::Cli", "csv, xlsx or vcf (default: by the file's name; "
                                                "csv for standard output).")},
             {"for", "USE",
              QT_TRANSLATE_NOOP("Rapport::Cli", "excel (formula guard and byte order mark) or plain "
                                                "(neither) for another program.")},
             {"no-formula-guard", nullptr,
              QT_TRANSLATE_NOOP("Rapport::Cli", "write cells exactly as stored (no ' before = + - @).")},
             {"delimiter", "CHAR", QT_TRANSLATE_NOOP("Rapport::Cli", "“,” or “;”.")},
             {"bom", nullptr,
              QT_TRANSLATE_NOOP("Rapport::Cli", "start the file with a byte order mark (for Excel).")}},
            exportRecords}},
        {"activity", {
            "activity add --on MODULE:ID --subject TEXT [--type task|call|meeting|email] "
            "[--due WHEN] [--end WHEN] [--owner NAME] [--repeat RRULE]\n"
            "activity done ID [--outcome TEXT] [--next SUBJECT --next-due WHEN | --no-next]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "schedule an activity on a record, or complete one "
                                              "with its next step"),
            {{"on", "MODULE:ID", QT_TRANSLATE_NOOP("Rapport::Cli", "the record it is on, e.g. deals:5.")},
             {"subject", "TEXT", QT_TRANSLATE_NOOP("Rapport::Cli", "what is to be done.")},
             {"type", "TYPE", QT_TRANSLATE_NOOP("Rapport::Cli", "task (default), call, meeting or email.")},
             {"due", "WHEN", QT_TRANSLATE_NOOP("Rapport::Cli", "when it is due: 2026-12-31T14:30 "
                                                             "(local time), …Z (UTC) or a date.")},
             {"end", "WHEN", QT_TRANSLATE_NOOP("Rapport::Cli", "when a meeting ends.")},
             {"owner", "NAME", QT_TRANSLATE_NOOP("Rapport::Cli", "whose it is (default: you).")},
             {"repeat", "RRULE", QT_TRANSLATE_NOOP("Rapport::Cli", "repeat it by an iCalendar rule, "
                                                                 "e.g. FREQ=WEEKLY;BYDAY=MO or "
                                                                 "FREQ=MONTHLY;BYDAY=3TU;COUNT=6.")},
             {"outcome", "TEXT", QT_TRANSLATE_NOOP("Rapport::Cli", "a call's outcome: connected, no "
                                                                 "answer, left voicemail, busy.")},
             {"next", "SUBJECT", QT_TRANSLATE_NOOP("Rapport::Cli", "the next step, on the same records.")},
             {"next-due", "WHEN", QT_TRANSLATE_NOOP("Rapport::Cli", "when the next step is due.")},
             {"no-next", nullptr, QT_TRANSLATE_NOOP("Rapport::Cli", "there is no next step.")}},
            activity}},
        {"today", {
            "today [--owner me|all|NAME] [--days N]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "what My Day shows: overdue, today, the next days, "
                                              "open deals with no next step"),
            {{"owner", "NAME", QT_TRANSLATE_NOOP("Rapport::Cli", "me (default, with what nobody owns), "
                                                               "all, or a name.")},
             {"days", "N", QT_TRANSLATE_NOOP("Rapport::Cli", "how many days ahead (default: 7).")}},
            today}},
        {"add", {
            "add MODULE --set FIELD=VALUE ...",
            QT_TRANSLATE_NOOP("Rapport::Cli", "create a record, checked as the form checks it; "
                                              "the likely duplicates are listed"),
            {set},
            addRecord}},
        {"assign", {
            "assign MODULE --to NAME ID ...",
            QT_TRANSLATE_NOOP("Rapport::Cli", "give records another owner, all in one step; a "
                                              "new name becomes a user"),
            {{"to", "NAME", QT_TRANSLATE_NOOP("Rapport::Cli", "the user who owns them from now "
                                                            "on (me: you).")}},
            assignOwner}},
        {"own-records-only", {
            "own-records-only [on|off]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "on a team server: whether reps may change only "
                                              "their own records (and unowned ones); an admin "
                                              "switches it on or off"),
            {},
            ownRecordsOnly}},
        {"get", {
            "get MODULE ID",
            QT_TRANSLATE_NOOP("Rapport::Cli", "one record, every field, and its version"),
            {},
            getRecord}},
        {"update", {
            "update MODULE ID --set FIELD=VALUE ... [--if-version N]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "change fields of a record; with --if-version, "
                                              "only if nobody changed it since"),
            {set,
             {"if-version", "N", QT_TRANSLATE_NOOP("Rapport::Cli", "refuse (exit 4) if the record "
                                                                 "is no longer at version N.")}},
            updateRecord}},
        {"list", {
            "list MODULE [--search TEXT] [--sort FIELD] [--desc] [--offset N] [--limit N] "
            "[--fields A,B,...] [--owner me|all|NAME] [--include-converted] [--no-total]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "the rows the tab shows, in its order"),
            {search, includeConverted,
             {"sort", "FIELD", QT_TRANSLATE_NOOP("Rapport::Cli", "the column to sort by (default: "
                                                               "the name, as the tab).")},
             {"desc", nullptr, QT_TRANSLATE_NOOP("Rapport::Cli", "sort in descending order.")},
             {"offset", "N", QT_TRANSLATE_NOOP("Rapport::Cli", "skip the first N rows.")},
             {"limit", "N", QT_TRANSLATE_NOOP("Rapport::Cli", "at most N rows (default 100).")},
             {"fields", "A,B,...", QT_TRANSLATE_NOOP("Rapport::Cli", "the columns to show "
                                                                   "(default: the tab's).")},
             {"owner", "NAME", QT_TRANSLATE_NOOP("Rapport::Cli", "me, all (default) or a name.")},
             {"no-total", nullptr, QT_TRANSLATE_NOOP("Rapport::Cli", "do not count the rows.")}},
            listRecords}},
        {"timeline", {
            "timeline MODULE ID [--limit N]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "the record's timeline, newest first: changes, "
                                              "notes, activities, conversion, imports"),
            {{"limit", "N", QT_TRANSLATE_NOOP("Rapport::Cli", "at most N entries (default 100).")}},
            timeline}},
        {"board", {
            "board [--search TEXT] [--owner me|all|NAME]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "the pipeline board's columns: each stage's count, "
                                              "total and weighted total"),
            {search,
             {"owner", "NAME", QT_TRANSLATE_NOOP("Rapport::Cli", "me, all (default) or a name.")}},
            board}},
        {"export-ics", {
            "export-ics FILE [--owner me|all|NAME]",
            QT_TRANSLATE_NOOP("Rapport::Cli", "the activities as an iCalendar file for a calendar "
                                              "program (- for standard output)"),
            {{"owner", "NAME", QT_TRANSLATE_NOOP("Rapport::Cli", "me (default, with what nobody owns), "
                                                               "all, or a name.")}},
            exportIcs}},
        {"import-ics", {
            "import-ics FILE",
            QT_TRANSLATE_NOOP("Rapport::Cli", "meetings from an iCalendar file, each on the contact "
                                              "whose email is an attendee; all or nothing"),
            {},
            importIcs}},
        {"imports", {
            "imports",
            QT_TRANSLATE_NOOP("Rapport::Cli", "list past imports: id, time, file, module, counts"),
            {},
            imports}},
        {"undo-import", {
            "undo-import IMPORT_ID",
            QT_TRANSLATE_NOOP("Rapport::Cli", "undo that import: remove what it created, restore "
                                              "what it updated"),
            {},
            undoImport}},
    };
    return map;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::Cli", text);
}

// The text without its one full stop at the end, to join with others.
QString withoutFullStop(QString text)
{
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

// Every command's options for the parser, each once. Its description in `rapport-cli --help`
// names the commands that take it: "count, export: include converted leads."
QList<QCommandLineOption> allOptions()
{
    QStringList names;                               // in order of first appearance
    QMap<QString, const char *> valueNames;
    QMap<QString, QList<QPair<QStringList, QString>>> uses; // name -> (commands, description)
    for (auto it = commands().cbegin(); it != commands().cend(); ++it) {
        for (const CommandOption &o : it->options) {
            const QString name = QLatin1String(o.name);
            if (!names.contains(name))
                names << name;
            valueNames[name] = o.valueName;
            const QString description = tr(o.description);
            auto &list = uses[name];
            auto same = std::find_if(list.begin(), list.end(),
                                     [&](const auto &u) { return u.second == description; });
            if (same != list.end())
                same->first << it.key();
            else
                list.append({QStringList{it.key()}, description});
        }
    }
    QList<QCommandLineOption> options;
    for (const QString &name : names) {
        QStringList parts;
        for (const auto &[users, description] : uses.value(name))
            parts << QStringLiteral("%1: %2").arg(users.join(QLatin1String(", ")),
                                                   withoutFullStop(description));
        const QString description = parts.join(QLatin1String("; ")) + QLatin1Char('.');
        options << (valueNames.value(name)
                        ? QCommandLineOption(name, description, QLatin1String(valueNames.value(name)))
                        : QCommandLineOption(name, description));
    }
    return options;
}

void addOptions(QCommandLineParser &p)
{
    p.setApplicationDescription(tr("Rapport's command line: the desktop CRM without a window."));
    p.addHelpOption();
    p.addVersionOption();
    p.addOptions({
        {"db", tr("Database file, or postgresql://USER[:PASS]@HOST[:PORT]/DBNAME."), "PATH"},
        {"json", tr("Print the result as one JSON object.")},
    });
    p.addOptions(allOptions());
    p.addPositionalArgument("command", tr("One of the commands below."), "COMMAND [ARGS...]");
}

constexpr qsizetype Width = 79;

// A synopsis in pieces that a line break should not split: "[--errors FILE]" stays whole
// (unless it is longer than a line).
QStringList synopsisPieces(const QString &synopsis, qsizetype room)
{
    QStringList pieces;
    QString piece;
    int depth = 0;
    for (const QChar c : synopsis) {
        if (c == QLatin1Char(' ') && depth == 0) {
            if (!piece.isEmpty())
                pieces << piece;
            piece.clear();
            continue;
        }
        depth += c == QLatin1Char('[') ? 1 : c == QLatin1Char(']') ? -1 : 0;
        piece += c;
    }
    if (!piece.isEmpty())
        pieces << piece;
    QStringList fitting;
    for (const QString &p : pieces)
        fitting << (p.size() > room ? p.split(QLatin1Char(' '), Qt::SkipEmptyParts) : QStringList{p});
    return fitting;
}

// The pieces after `prefix`, broken into lines of at most Width characters; the lines after
// the first start with `indent` spaces.
QString wrapped(const QStringList &pieces, const QString &prefix = {}, qsizetype indent = 0)
{
    QString result, line = prefix;
    bool empty = true;
    for (const QString &piece : pieces) {
        if (!empty && line.size() + 1 + piece.size() > Width) {
            result += line + QLatin1Char('\n');
            line = QString(indent, QLatin1Char(' '));
            empty = true;
        }
        if (!empty)
            line += QLatin1Char(' ');
        line += piece;
        empty = false;
    }
    return result + line + QLatin1Char('\n');
}

QString wrapped(const QString &text, const QString &prefix = {}, qsizetype indent = 0)
{
    return wrapped(text.split(QLatin1Char(' '), Qt::SkipEmptyParts), prefix, indent);
}

// Each command's synopsis and what it does, for `rapport-cli --help`.
QString commandList()
{
    QString text = tr("Commands:") + QLatin1Char('\n');
    for (const Command &command : commands()) {
        for (const QString &synopsis : QString::fromLatin1(command.synopsis).split(QLatin1Char('\n'))) {
            const qsizetype indent = 2 + synopsis.indexOf(QLatin1Char(' ')) + 1;
            text += wrapped(synopsisPieces(synopsis, Width - indent), QStringLiteral("  "),
                            indent > 2 ? indent : 4);
        }
        text += wrapped(tr(command.summary), QStringLiteral("      "), 6);
    }
    return text + QLatin1Char('\n')
         + wrapped(tr("“rapport-cli COMMAND --help” shows that command's options only."));
}

QString mainHelp(const QCommandLineParser &parser)
{
    return parser.helpText() + QLatin1Char('\n') + commandList();
}

// `rapport-cli COMMAND --help`: how to call that command and its own options, as git does.
QString commandHelp(const Command &command)
{
    const QString usage = tr("Usage:") + QLatin1Char(' ');
    QString text;
    for (const QString &synopsis : QString::fromLatin1(command.synopsis).split(QLatin1Char('\n'))) {
        const QString call = QStringLiteral("rapport-cli ") + synopsis;
        const QString prefix = text.isEmpty() ? usage : QString(usage.size(), QLatin1Char(' '));
        const qsizetype indent = prefix.size() + call.indexOf(QLatin1Char(' '), 12) + 1;
        text += wrapped(synopsisPieces(call, Width - indent), prefix, indent);
    }
    text += QLatin1Char('\n') + wrapped(tr(command.summary));
    QList<QPair<QString, QString>> rows;
    for (const CommandOption &o : command.options) {
        QString option = QStringLiteral("--") + QLatin1String(o.name);
        if (o.valueName)
            option += QStringLiteral(" <%1>").arg(QLatin1String(o.valueName));
        rows.append({option, tr(o.description)});
    }
    rows.append({QStringLiteral("-h, --help"), tr("show this help.")});
    qsizetype column = 0;
    for (const auto &row : rows)
        column = std::max(column, row.first.size() + 4);
    text += QLatin1Char('\n') + tr("Options:") + QLatin1Char('\n');
    for (const auto &[option, description] : rows)
        text += wrapped(description, QStringLiteral("  ") + option.leftJustified(column - 2), column);
    text += QLatin1Char('\n') + wrapped(tr("Every command also takes --db PATH and --json; "
                                           "rapport-cli --help lists all commands."));
    return text;
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
    // The app's settings, where the user chosen for each database is kept.
    QCoreApplication::setOrganizationName(QStringLiteral("Rapport"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RAPPORT_VERSION));
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments)) {
        err << "rapport-cli: " << parser.errorText() << Qt::endl;
        return Usage;
    }
    QStringList positional = parser.positionalArguments();
    if (parser.isSet("help")) {
        // "rapport-cli import --help" (or "--help import"): that command only.
        if (!positional.isEmpty() && commands().contains(positional.first()))
            out << commandHelp(*commands().constFind(positional.first()));
        else
            out << mainHelp(parser);
        return Ok;
    }
    if (parser.isSet("version")) {
        out << "rapport-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return Ok;
    }
    if (positional.isEmpty()) {
        err << mainHelp(parser);
        return Usage;
    }
    const QString name = positional.takeFirst();
    if (!commands().contains(name)) {
        err << "rapport-cli: " << tr("unknown command “%1” (see --help)").arg(name) << Qt::endl;
        return Usage;
    }
    const Command &command = *commands().constFind(name);
    const bool usesDatabase = command.usesDatabase(parser);
    if (usesDatabase) {
        const QString location = parser.isSet("db") ? parser.value("db") : Database::defaultLocation();
        // A server's password: in the address, else the one the app kept in the keyring,
        // else libpq's own PGPASSWORD or ~/.pgpass.
        if (const QString e = Database::open(Keyring::withPassword(location), Connection);
            !e.isEmpty()) {
            err << "rapport-cli: " << e << Qt::endl;
            return BadInput;
        }
        // "me" is the user chosen in the app for this database, or the login role.
        if (const QString e = UserDirectory(QString::fromLatin1(Connection)).activate();
            !e.isEmpty()) {
            err << "rapport-cli: " << e << Qt::endl;
            Database::close(Connection);
            return Failure;
        }
    }
    Context ctx{parser, positional, usesDatabase ? QString::fromLatin1(Connection) : QString(),
                parser.isSet("json"), out, err};
    const int code = command.run(ctx);
    out.flush();
    err.flush();
    if (usesDatabase)
        Database::close(Connection);
    return code;
}

QString recordRef(Entity entity, qint64 id)
{
    return QStringLiteral("%1:%2").arg(QLatin1String(entityDef(entity).table)).arg(id);
}

QString ownerOption(const Context &ctx, const QString &fallback)
{
    const QString owner = ctx.parser.isSet("owner") ? ctx.parser.value("owner") : fallback;
    if (owner == QLatin1String("all"))
        return {};
    return owner == QLatin1String("me") ? currentUserName() : owner;
}

QString countedRecords(Entity entity, qint64 n)
{
    const int count = int(qMin<qint64>(n, std::numeric_limits<int>::max()));
    switch (entity) {
    case Entity::Lead: return QCoreApplication::translate("Rapport::Cli", "%n lead(s)", nullptr, count);
    case Entity::Contact: return QCoreApplication::translate("Rapport::Cli", "%n contact(s)", nullptr, count);
    case Entity::Account: return QCoreApplication::translate("Rapport::Cli", "%n account(s)", nullptr, count);
    case Entity::Deal: return QCoreApplication::translate("Rapport::Cli", "%n deal(s)", nullptr, count);
    case Entity::Activity: return QCoreApplication::translate("Rapport::Cli", "%n activity(-ies)", nullptr, count);
    }
    return QString::number(n);
}

} // namespace Rapport::Cli
