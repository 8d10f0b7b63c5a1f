// rapport-cli add, get, update, list and timeline: single records for scripts, through the
// same store, checks, list SQL and change log as the window.
#include "cli/clicontext.h"

#include "storage/owner.h"
#include "cli/cli.h"
#include "history/timeline.h"
#include "lists/recordfilter.h"
#include "lists/recordtablesql.h"
#include "lists/pagereader.h"
#include "lists/viewrows.h"
#include "matching/matcher.h"
#include "pipeline/board.h"
#include "records/moments.h"
#include "records/recordtypes.h"
#include "records/valuetext.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "transfer/rowconverter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::Cli", text);
}

// A field by its column name or its label, in English or the user's language, case ignored.
const FieldDef *fieldNamed(Entity entity, const QString &name)
{
    const QString wanted = name.trimmed();
    for (const FieldDef &f : entityDef(entity).fields) {
        if (wanted.compare(QLatin1String(f.name), Qt::CaseInsensitive) == 0
            || wanted.compare(QLatin1String(f.label), Qt::CaseInsensitive) == 0
            || wanted.compare(fieldLabel(f), Qt::CaseInsensitive) == 0)
            return &f;
    }
    return nullptr;
}

bool moduleArg(Context &ctx, const QString &usage, Entity *entity)
{
    const auto e = entityFromName(ctx.args.value(0));
    if (!e) {
        ctx.fail(Usage, ctx.args.isEmpty() ? usage
                                           : tr("unknown module “%1”: leads, contacts, accounts, "
                                                "deals or activities").arg(ctx.args.value(0)));
        return false;
    }
    *entity = *e;
    return true;
}

bool idArg(Context &ctx, int index, const QString &usage, qint64 *id)
{
    bool ok = false;
    *id = ctx.args.value(index).toLongLong(&ok);
    if (!ok || *id <= 0) {
        ctx.fail(Usage, usage);
        return false;
    }
    return true;
}

// MODULE ID as get, update and timeline take them (and nothing more): Ok, or the exit code
// after a message.
int recordArgs(Context &ctx, const QString &usage, Entity *entity, qint64 *id)
{
    if (!moduleArg(ctx, usage, entity))
        return Usage;
    if (ctx.args.size() != 2)
        return ctx.fail(Usage, usage);
    return idArg(ctx, 1, usage, id) ? Ok : Usage;
}

// --set FIELD=VALUE …, read as an import reads its cells (dates, amounts, yes/no, picklist
// spellings, accounts by name). Ok, or the exit code after a message.
int setValues(Context &ctx, Entity entity, QVariantMap *values)
{
    QStringList fields, cells;
    for (const QString &set : ctx.parser.values("set")) {
        const qsizetype eq = set.indexOf(QLatin1Char('='));
        const FieldDef *f = eq > 0 ? fieldNamed(entity, set.left(eq)) : nullptr;
        if (eq <= 0)
            return ctx.fail(Usage, tr("--set takes FIELD=VALUE, not “%1”").arg(set));
        if (!f)
            return ctx.fail(BadInput, tr("a %1 has no field “%2”").arg(entityNoun(entity), set.left(eq)));
        fields << QLatin1String(f->name);
        cells << set.mid(eq + 1);
    }
    RowConverter converter(ctx.connection, entity, fields, QLatin1Char(','), DateOrder::Auto);
    QStringList errors;
    *values = converter.convert(cells, &errors);
    if (!errors.isEmpty())
        return ctx.fail(BadInput, errors.join(QLatin1Char(' ')));
    // A field set to nothing is emptied; the converter leaves it out.
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (cells[i].trimmed().isEmpty())
            values->insert(fields[i], QVariant());
    }
    return Ok;
}

int writeFailure(Context &ctx, const WriteResult &w)
{
    if (w.stale || w.refused)
        return ctx.fail(Refused, w.error);
    if (!w.fieldErrors.isEmpty()) {
        QStringList problems;
        for (const FieldError &e : w.fieldErrors)
            problems << e.message;
        return ctx.fail(BadInput, problems.join(QLatin1Char(' ')));
    }
    return ctx.fail(Failure, w.error);
}

QJsonValue jsonValue(const FieldDef &f, const QVariant &v)
{
    if (v.isNull() || (v.typeId() == QMetaType::QString && v.toString().isEmpty()))
        return QJsonValue();
    switch (f.type) {
    case FieldType::Integer:
    case FieldType::Reference:
        return QJsonValue(v.toLongLong());
    case FieldType::Decimal:
        return QJsonValue(v.toDouble());
    case FieldType::Bool:
        return QJsonValue(v.toLongLong() != 0);
    default:
        return QJsonValue(v.toString());
    }
}

// The tab's count statement, run as its readers run statements.
PageReader::Request countRequest(const RecordTableSql &sql, const RecordFilter &filter)
{
    const RecordTableSql::Statement s = sql.count(filter);
    return {0, 0, false, s.sql, s.binds};
}

} // namespace

int addRecord(Context &ctx)
{
    const QString usage = tr("usage: add MODULE --set FIELD=VALUE …");
    Entity entity;
    if (!moduleArg(ctx, usage, &entity))
        return Usage;
    if (ctx.args.size() != 1 || !ctx.parser.isSet("set"))
        return ctx.fail(Usage, usage);
    QVariantMap values;
    if (const int code = setValues(ctx, entity, &values); code != Ok)
        return code;
    // Yours unless said otherwise, as in the form.
    if (findField(entity, QStringLiteral("owner")) && !values.contains(QStringLiteral("owner")))
        values.insert(QStringLiteral("owner"), currentUserName());
    if (entity == Entity::Deal)
        values = Pipeline(ctx.connection).withStageProbability({}, values);
    // What the form would warn of, looked up before the record itself is there.
    const QList<SimilarRecord> similar = Matcher(ctx.connection).similarRecords(entity, values);
    const WriteResult w = RecordStore(ctx.connection).insert(entity, values);
    if (!w.ok())
        return writeFailure(ctx, w);
    QJsonArray list;
    if (!ctx.json)
        ctx.out << tr("Added %1 %2.").arg(entityNoun(entity)).arg(w.id) << Qt::endl;
    for (const SimilarRecord &s : similar) {
        QStringList reasons;
        for (MatchReason r : s.reasons)
            reasons << matchReasonText(r);
        if (ctx.json)
            list.append(QJsonObject{{"record", recordRef(s.entity, s.id)}, {"name", s.name},
                                    {"reasons", QJsonArray::fromStringList(reasons)}});
        else
            ctx.out << "  " << tr("similar: %1 %2 (%3)").arg(recordRef(s.entity, s.id), s.name,
                                                            reasons.join(QStringLiteral(", ")))
                    << Qt::endl;
    }
    if (ctx.json)
        ctx.printJson({{"id", w.id}, {"version", w.version}, {"similar", list}});
    return Ok;
}

int getRecord(Context &ctx)
{
    Entity entity;
    qint64 id = 0;
    if (const int code = recordArgs(ctx, tr("usage: get MODULE ID"), &entity, &id); code != Ok)
        return code;
    RecordStore store(ctx.connection);
    const std::optional<QVariantMap> values = store.load(entity, id);
    if (!values)
        return ctx.fail(BadInput, tr("there is no %1 with id %2").arg(entityNoun(entity)).arg(id));
    const qint64 version = values->value(QStringLiteral("version")).toLongLong();
    if (ctx.json) {
        QJsonObject fields;
        for (const FieldDef &f : entityDef(entity).fields)
            fields.insert(QLatin1String(f.label), jsonValue(f, values->value(QLatin1String(f.name))));
        ctx.printJson({{"id", id}, {"version", version}, {"fields", fields}});
        return Ok;
    }
    ctx.out << tr("%1 %2, version %3").arg(entitySingular(entity)).arg(id).arg(version) << Qt::endl;
    for (const FieldDef &f : entityDef(entity).fields) {
        const QVariant v = values->value(QLatin1String(f.name));
        QString text = f.type == FieldType::Reference && !v.isNull()
            ? store.nameOf(f.refEntity, v.toLongLong())
            : valueText(f, v);
        if (text.isEmpty())
            continue;
        ctx.out << "  " << fieldLabel(f) << ": " << text << Qt::endl;
    }
    return Ok;
}

int updateRecord(Context &ctx)
{
    const QString usage = tr("usage: update MODULE ID --set FIELD=VALUE … [--if-version N]");
    Entity entity;
    qint64 id = 0;
    if (const int code = recordArgs(ctx, usage, &entity, &id); code != Ok)
        return code;
    if (!ctx.parser.isSet("set"))
        return ctx.fail(Usage, usage);
    qint64 ifVersion = 0;
    if (ctx.parser.isSet("if-version")) {
        bool ok = false;
        ifVersion = ctx.parser.value("if-version").toLongLong(&ok);
        if (!ok || ifVersion <= 0)
            return ctx.fail(Usage, tr("--if-version takes a version number, not “%1”")
                                       .arg(ctx.parser.value("if-version")));
    }
    RecordStore store(ctx.connection);
    if (!store.exists(entity, id))
        return ctx.fail(BadInput, tr("there is no %1 with id %2").arg(entityNoun(entity)).arg(id));
    QVariantMap values;
    if (const int code = setValues(ctx, entity, &values); code != Ok)
        return code;
    if (entity == Entity::Deal)
        values = Pipeline(ctx.connection).withStageProbability(*store.load(entity, id), values);
    const WriteResult w = store.update(entity, id, values, ifVersion);
    if (!w.ok())
        return writeFailure(ctx, w);
    if (ctx.json)
        ctx.printJson({{"id", id}, {"version", w.version}});
    else
        ctx.out << tr("%1 %2 is at version %3.").arg(entitySingular(entity)).arg(id).arg(w.version)
                << Qt::endl;
    return Ok;
}

int listRecords(Context &ctx)
{
    const QString usage = tr("usage: list MODULE [--search TEXT] [--sort FIELD] [--desc] "
                             "[--offset N] [--limit N] [--fields A,B,…] [--owner me|all|NAME]");
    Entity entity;
    if (!moduleArg(ctx, usage, &entity))
        return Usage;
    if (ctx.args.size() != 1)
        return ctx.fail(Usage, usage);
    RecordFilter filter;
    filter.search = ctx.parser.value("search");
    if (ctx.parser.isSet("include-converted"))
        filter.converted = RecordFilter::Converted::Include;
    if (const QString owner = ownerOption(ctx, QStringLiteral("all")); !owner.isEmpty()) {
        if (!findField(entity, QStringLiteral("owner")))
            return ctx.fail(Usage, tr("%1 have no owner").arg(entityPlural(entity)));
        filter.equals.append({QStringLiteral("owner"), owner});
    }
    // The tab's order: by the record's name, unless a column is asked for.
    int sortColumn = RecordTableSql::defaultSortColumn(entity);
    if (ctx.parser.isSet("sort")) {
        const FieldDef *f = fieldNamed(entity, ctx.parser.value("sort"));
        if (!f)
            return ctx.fail(BadInput, tr("a %1 has no field “%2”")
                                          .arg(entityNoun(entity), ctx.parser.value("sort")));
        sortColumn = fieldIndex(entity, QLatin1String(f->name));
    }
    const Qt::SortOrder order = ctx.parser.isSet("desc") ? Qt::DescendingOrder : Qt::AscendingOrder;
    qint64 offset = 0, limit = 100;
    for (auto [name, value] : {std::pair{"offset", &offset}, std::pair{"limit", &limit}}) {
        if (!ctx.parser.isSet(name))
            continue;
        bool ok = false;
        *value = ctx.parser.value(name).toLongLong(&ok);
        if (!ok || *value < 0 || *value > std::numeric_limits<int>::max())
            return ctx.fail(Usage, tr("--%1 takes a whole number ≥ 0, not “%2”")
                                       .arg(QLatin1String(name), ctx.parser.value(name)));
    }
    const QList<FieldDef> &fields = entityDef(entity).fields;
    QList<int> shown;
    if (ctx.parser.isSet("fields")) {
        for (const QString &name : ctx.parser.value("fields").split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const FieldDef *f = fieldNamed(entity, name);
            if (!f)
                return ctx.fail(BadInput, tr("a %1 has no field “%2”").arg(entityNoun(entity), name));
            shown << fieldIndex(entity, QLatin1String(f->name));
        }
    } else {
        for (int i = 0; i < fields.size(); ++i)
            if (fields[i].listed)
                shown << i;
    }
    // The tab's statements: its count, its first page (the walk along the sort index, then
    // the search index), deeper rows from the nearer end of the list.
    const RecordTableSql sql(entity, Database::isPostgres(ctx.connection));
    const bool withTotal = !ctx.parser.isSet("no-total");
    qint64 total = -1;
    if (withTotal) {
        const PageReader::Result counted = PageReader::readNow(ctx.connection, countRequest(sql, filter));
        if (!counted.error.isEmpty() || counted.rows.isEmpty())
            return ctx.fail(Failure, counted.error);
        total = counted.rows.first().value(0).toLongLong();
    }
    const ViewRows::View view{filter, sortColumn, order};
    const PageReader::Result page =
        PageReader::readNow(ctx.connection, ViewRows::rows(sql, view, offset, int(limit), total));
    if (!page.error.isEmpty())
        return ctx.fail(Failure, page.error);
    // Where each reference's name is in the row: after the id and every field.
    QHash<int, int> nameAt;
    for (int slot = 0; slot < sql.referenceColumns().size(); ++slot)
        nameAt.insert(sql.referenceColumns().at(slot), 1 + int(fields.size()) + slot);
    QJsonArray rows;
    for (const QVariantList &values : page.rows) {
        const qint64 id = values.at(0).toLongLong();
        if (ctx.json) {
            QJsonObject row{{"id", id}};
            for (int i : std::as_const(shown)) {
                const FieldDef &f = fields[i];
                const QVariant &v = values.at(1 + i);
                row.insert(QLatin1String(f.label),
                           f.type == FieldType::Reference
                               ? (v.isNull() ? QJsonValue() : QJsonValue(values.at(nameAt.value(i)).toString()))
                               : jsonValue(f, v));
            }
            rows.append(row);
            continue;
        }
        QStringList cells{QString::number(id)};
        for (int i : std::as_const(shown)) {
            const FieldDef &f = fields[i];
            cells << (f.type == FieldType::Reference ? values.at(nameAt.value(i)).toString()
                                                     : valueText(f, values.at(1 + i)));
        }
        ctx.out << cells.join(QLatin1Char('\t')) << Qt::endl;
    }
    if (ctx.json)
        ctx.printJson({{"total", withTotal ? QJsonValue(total) : QJsonValue()},
                       {"offset", offset}, {"rows", rows}});
    return Ok;
}

int timeline(Context &ctx)
{
    Entity entity;
    qint64 id = 0;
    if (const int code = recordArgs(ctx, tr("usage: timeline MODULE ID [--limit N]"), &entity, &id);
        code != Ok)
        return code;
    int limit = 100;
    if (ctx.parser.isSet("limit")) {
        bool ok = false;
        limit = ctx.parser.value("limit").toInt(&ok);
        if (!ok || limit <= 0)
            return ctx.fail(Usage, tr("--limit takes a whole number > 0, not “%1”")
                                       .arg(ctx.parser.value("limit")));
    }
    if (!RecordStore(ctx.connection).exists(entity, id))
        return ctx.fail(BadInput, tr("there is no %1 with id %2").arg(entityNoun(entity)).arg(id));
    const Timeline timeline(ctx.connection, entity, id);
    const QList<TimelineEntry> entries = timeline.read(limit);
    if (ctx.json) {
        QJsonArray list;
        for (const TimelineEntry &e : entries) {
            const QString kind = e.kind.startsWith(QLatin1String("activity"))
                ? QStringLiteral("activity") : e.kind;
            QJsonObject o{{"time", Moments::toStored(e.time)},
                          {"who", e.who.isEmpty() ? QJsonValue() : QJsonValue(e.who)},
                          {"kind", kind}, {"text", timeline.describe(e)}};
            if (!e.field.isEmpty() && e.kind == QLatin1String("change")) {
                const FieldDef *f = findField(entity, e.field);
                o.insert("field", f ? QLatin1String(f->label) : e.field);
                o.insert("old", e.oldValue.isNull() ? QJsonValue() : QJsonValue(e.oldValue.toString()));
                o.insert("new", e.newValue.isNull() ? QJsonValue() : QJsonValue(e.newValue.toString()));
            }
            if (e.activityId)
                o.insert("activity", e.activityId);
            list.append(o);
        }
        ctx.printJson({{"entries", list}});
        return Ok;
    }
    for (const TimelineEntry &e : entries) {
        ctx.out << Moments::display(e.time) << "  ";
        if (!e.who.isEmpty())
            ctx.out << e.who << "  ";
        ctx.out << timeline.describe(e) << Qt::endl;
    }
    return Ok;
}

int board(Context &ctx)
{
    if (!ctx.args.isEmpty())
        return ctx.fail(Usage, tr("usage: board [--search TEXT] [--owner me|all|NAME]"));
    BoardFilter filter;
    filter.search = ctx.parser.value("search");
    filter.owner = ownerOption(ctx, QStringLiteral("all"));
    // Only the totals: no cards are read.
    const Board b = BoardReader(ctx.connection).read(filter, 0);
    if (!b.error.isEmpty())
        return ctx.fail(Failure, b.error);
    if (ctx.json) {
        QJsonArray stages;
        for (const BoardColumn &c : b.columns)
            stages.append(QJsonObject{{"stage", c.stage.stage.isEmpty() ? QJsonValue() : QJsonValue(c.stage.stage)},
                                      {"count", c.count}, {"total", c.total},
                                      {"weighted", c.weighted},
                                      {"probability", c.stage.probability}});
        ctx.printJson({{"stages", stages}});
        return Ok;
    }
    const QLocale locale;
    for (const BoardColumn &c : b.columns) {
        const QString name = c.stage.stage.isEmpty() ? tr("(other stages)") : picklistLabel(c.stage.stage);
        ctx.out << name << '\t' << c.count << '\t' << locale.toString(c.total, 'f', 2) << '\t'
                << locale.toString(c.weighted, 'f', 2) << Qt::endl;
    }
    return Ok;
}

} // namespace Rapport::Cli
