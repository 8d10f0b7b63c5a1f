// rapport-cli convert and unconvert.
#include "cli/clicontext.h"

#include "cli/cli.h"
#include "conversion/conversionjournal.h"
#include "conversion/converter.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

namespace Rapport::Cli {

namespace {

QString tr(const char *text, const char *comment = nullptr, int n = -1)
{
    return QCoreApplication::translate("Rapport::Cli", text, comment, n);
}

QJsonValue idOrNull(qint64 id)
{
    return id ? QJsonValue(id) : QJsonValue();
}

// The lead id argument; 0 (and a message) when it is missing or not a positive number.
qint64 leadIdArgument(Context &ctx, const QString &command)
{
    bool ok = false;
    const qint64 id = ctx.args.size() == 1 ? ctx.args.first().toLongLong(&ok) : 0;
    if (!ok || id <= 0) {
        ctx.fail(Usage, tr("usage: rapport-cli %1 LEAD_ID").arg(command));
        return 0;
    }
    return id;
}

// --account / --contact: "new", an existing record's id, or not given (nullopt).
// Returns false (after a message) on anything else.
bool choiceOption(Context &ctx, const char *name, Entity entity, std::optional<qint64> *id,
                  int *code)
{
    *id = std::nullopt;
    if (!ctx.parser.isSet(name))
        return true;
    const QString value = ctx.parser.value(name).trimmed();
    if (value.compare(QLatin1String("new"), Qt::CaseInsensitive) == 0) {
        *id = 0;
        return true;
    }
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (!ok || n <= 0) {
        *code = ctx.fail(Usage, tr("--%1 takes “new” or a record id, not “%2”")
                                    .arg(QLatin1String(name), value));
        return false;
    }
    if (!RecordStore(ctx.connection).exists(entity, n)) {
        *code = ctx.fail(BadInput, tr("there is no %1 with id %2")
                                       .arg(entityNoun(entity)).arg(n));
        return false;
    }
    *id = n;
    return true;
}

// The deal options onto the plan; false (after a message) on a bad value.
bool dealOptions(Context &ctx, ConversionPlan *plan, int *code)
{
    const QStringList dealOptions{"deal-name", "amount", "stage", "closing-date"};
    if (ctx.parser.isSet("no-deal")) {
        for (const QString &o : dealOptions) {
            if (ctx.parser.isSet(o)) {
                *code = ctx.fail(Usage, tr("--no-deal and --%1 cannot be used together").arg(o));
                return false;
            }
        }
        plan->createDeal = false;
        return true;
    }
    if (ctx.parser.isSet("deal-name"))
        plan->dealName = ctx.parser.value("deal-name");
    if (ctx.parser.isSet("stage"))
        plan->stage = ctx.parser.value("stage");
    if (ctx.parser.isSet("amount")) {
        bool ok = false;
        plan->amount = ctx.parser.value("amount").toDouble(&ok);
        if (!ok) {
            *code = ctx.fail(Usage, tr("--amount takes a number, not “%1”").arg(ctx.parser.value("amount")));
            return false;
        }
    }
    if (ctx.parser.isSet("closing-date")) {
        plan->closingDate = QDate::fromString(ctx.parser.value("closing-date"), Qt::ISODate);
        if (!plan->closingDate.isValid()) {
            *code = ctx.fail(Usage, tr("--closing-date takes a date as YYYY-MM-DD, not “%1”")
                                        .arg(ctx.parser.value("closing-date")));
            return false;
        }
    }
    return true;
}

// Which account and contact: as asked, else as suggested (the one unambiguous match, or new).
bool recordOptions(Context &ctx, ConversionPlan *plan, int *code)
{
    std::optional<qint64> account, contact;
    if (ctx.parser.isSet("no-account") && ctx.parser.isSet("account")) {
        *code = ctx.fail(Usage, tr("--no-account and --account cannot be used together"));
        return false;
    }
    if (!choiceOption(ctx, "account", Entity::Account, &account, code)
        || !choiceOption(ctx, "contact", Entity::Contact, &contact, code))
        return false;
    if (ctx.parser.isSet("no-account")) {
        plan->account = ConversionPlan::AccountAction::None;
    } else if (account) {
        plan->account = *account ? ConversionPlan::AccountAction::Existing
                                 : ConversionPlan::AccountAction::New;
        plan->accountId = *account;
    }
    if (contact) {
        plan->contact = *contact ? ConversionPlan::ContactAction::Merge
                                 : ConversionPlan::ContactAction::New;
        plan->contactId = *contact;
    }
    return true;
}

int exitCode(ConversionResult::Status status)
{
    switch (status) {
    case ConversionResult::Status::Ok: return Ok;
    case ConversionResult::Status::UnknownLead:
    case ConversionResult::Status::UnknownRecord:
    case ConversionResult::Status::Invalid: return BadInput;
    case ConversionResult::Status::AlreadyConverted:
    case ConversionResult::Status::Refused: return Refused;
    case ConversionResult::Status::Failed: return Failure;
    }
    return Failure;
}

// Refused: the lead is converted, by whom and when (UTC, as cli.md writes times), and how to
// undo it. Read after the refusal: the winner of a race has committed by then.
int alreadyConverted(Context &ctx, qint64 leadId)
{
    const std::optional<QVariantMap> lead = RecordStore(ctx.connection).load(Entity::Lead, leadId);
    const QString stored = lead ? lead->value("converted_at").toString() : QString();
    QDateTime at = QDateTime::fromString(stored, Qt::ISODateWithMs).toUTC();
    const QString when = at.isValid() ? at.toString(Qt::ISODate) : stored;
    const QString who = ConversionJournal(ctx.connection).convertedBy(leadId);
    if (when.isEmpty())
        return ctx.fail(Refused, tr("lead %1 is already converted (undo with: rapport-cli "
                                    "unconvert %1)").arg(leadId));
    if (who.isEmpty())
        return ctx.fail(Refused, tr("lead %1 was already converted at %2 (undo with: "
                                    "rapport-cli unconvert %1)").arg(leadId).arg(when));
    return ctx.fail(Refused, tr("lead %1 was already converted by %2 at %3 (undo with: "
                                "rapport-cli unconvert %1)").arg(leadId).arg(who, when));
}

void printConverted(Context &ctx, const ConversionResult &r, const QStringList &dropped)
{
    if (ctx.json) {
        ctx.printJson({{"lead", r.leadId}, {"account", idOrNull(r.accountId)},
                       {"account_created", r.accountCreated}, {"contact", idOrNull(r.contactId)},
                       {"contact_created", r.contactCreated}, {"deal", idOrNull(r.dealId)},
                       {"conversion", r.conversionId}, {"dropped", QJsonArray::fromStringList(dropped)}});
        return;
    }
    auto part = [](qint64 id, bool created) {
        return id == 0 ? tr("none") : created ? tr("%1 (new)").arg(id) : tr("%1 (existing)").arg(id);
    };
    ctx.out << tr("Converted lead %1: account %2, contact %3, deal %4.")
                   .arg(r.leadId).arg(part(r.accountId, r.accountCreated),
                                      part(r.contactId, r.contactCreated), part(r.dealId, true))
            << Qt::endl;
}

} // namespace

int convert(Context &ctx)
{
    const qint64 leadId = leadIdArgument(ctx, QStringLiteral("convert"));
    if (!leadId)
        return Usage;
    const std::optional<QVariantMap> lead = RecordStore(ctx.connection).load(Entity::Lead, leadId);
    if (!lead)
        return ctx.fail(BadInput, tr("there is no lead with id %1").arg(leadId));
    if (!lead->value("converted_at").isNull())
        return alreadyConverted(ctx, leadId);
    ConversionPlan plan = *Converter(ctx.connection).suggest(leadId);
    int code = Ok;
    if (!recordOptions(ctx, &plan, &code) || !dealOptions(ctx, &plan, &code))
        return code;
    const ConversionResult r = Converter(ctx.connection).convert(plan);
    // Converted by another Rapport since it was read above.
    if (r.status == ConversionResult::Status::AlreadyConverted)
        return alreadyConverted(ctx, leadId);
    if (!r.ok())
        return ctx.fail(exitCode(r.status), r.error);
    QStringList dropped = plan.mapping.droppedFields(*lead);
    if (!ctx.json && !dropped.isEmpty()) {
        QStringList labels;
        for (const QString &f : dropped)
            labels << fieldLabel(*findField(Entity::Lead, f));
        ctx.err << tr("rapport-cli: note: kept on the converted lead only: %1").arg(labels.join(", "))
                << Qt::endl;
    }
    printConverted(ctx, r, dropped);
    return Ok;
}

namespace {

QJsonArray refsToJson(const QList<RecordRef> &refs)
{
    QJsonArray list;
    for (const RecordRef &r : refs)
        list.append(QJsonObject{{"module", QLatin1String(entityDef(r.first).table)}, {"id", r.second}});
    return list;
}

QJsonArray issuesToJson(const QList<UnconvertIssue> &issues)
{
    QJsonArray list;
    for (const UnconvertIssue &i : issues) {
        QJsonObject o{{"module", QLatin1String(entityDef(i.entity).table)}, {"id", i.id},
                      {"message", i.message}, {"blocking", i.blocking()}};
        if (!i.field.isEmpty())
            o.insert("field", i.field);
        if (i.linkedId)
            o.insert("linked", QJsonObject{{"module", QLatin1String(entityDef(i.linkedEntity).table)},
                                           {"id", i.linkedId}});
        list.append(o);
    }
    return list;
}

int unconvertExitCode(UnconvertReport::Status status)
{
    switch (status) {
    case UnconvertReport::Status::Ok: return Ok;
    case UnconvertReport::Status::UnknownLead: return BadInput;
    case UnconvertReport::Status::NotConverted:
    case UnconvertReport::Status::Conflicts:
    case UnconvertReport::Status::Refused: return Refused;
    case UnconvertReport::Status::Failed: return Failure;
    }
    return Failure;
}

} // namespace

int unconvert(Context &ctx)
{
    const qint64 leadId = leadIdArgument(ctx, QStringLiteral("unconvert"));
    if (!leadId)
        return Usage;
    if (ctx.parser.isSet("keep-edited") && ctx.parser.isSet("discard"))
        return ctx.fail(Usage, tr("--keep-edited and --discard cannot be used together"));
    const UnconvertMode mode = ctx.parser.isSet("keep-edited") ? UnconvertMode::KeepEdited
                             : ctx.parser.isSet("discard")     ? UnconvertMode::Discard
                                                               : UnconvertMode::Refuse;
    const UnconvertReport r = Converter(ctx.connection).unconvert(leadId, mode);
    if (r.status == UnconvertReport::Status::Conflicts) {
        if (ctx.json)
            ctx.printJson({{"lead", leadId}, {"conflicts", issuesToJson(r.issues)}});
        else
            for (const UnconvertIssue &i : r.issues)
                ctx.out << i.message << Qt::endl;
        return ctx.fail(Refused, tr("lead %1 was not unconverted: %n change(s) made since would "
                                    "be lost (see above); use --keep-edited or --discard",
                                    nullptr, int(r.issues.size())).arg(leadId));
    }
    if (!r.ok())
        return ctx.fail(unconvertExitCode(r.status), r.error);
    if (ctx.json) {
        ctx.printJson({{"lead", leadId}, {"deleted", refsToJson(r.deleted)},
                       {"kept", refsToJson(r.kept)}, {"restored", refsToJson(r.restored)},
                       {"issues", issuesToJson(r.issues)}});
    } else {
        ctx.out << tr("Unconverted lead %1: %2, %3 kept, %4 restored.")
                       .arg(leadId)
                       .arg(tr("%n record(s) deleted", nullptr, int(r.deleted.size())))
                       .arg(r.kept.size())
                       .arg(r.restored.size())
                << Qt::endl;
    }
    return Ok;
}

} // namespace Rapport::Cli
