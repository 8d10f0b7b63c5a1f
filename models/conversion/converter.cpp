#include "conversion/converter.h"

#include "storage/changelog.h"

#include "storage/clock.h"
#include "conversion/conversionjournal.h"
#include "matching/matcher.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"
#include "storage/rowsecurity.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

// The record's field values only (no id, time stamps or keys).
QVariantMap fieldValues(Entity entity, const QVariantMap &row)
{
    QVariantMap values;
    for (const FieldDef &f : entityDef(entity).fields)
        values.insert(QLatin1String(f.name), row.value(QLatin1String(f.name)));
    return values;
}

} // namespace

struct Converter::Run {
    const ConversionPlan &plan;
    RecordStore store;
    QVariantMap lead;
    ConversionResult result;
    ConversionRecord journal;

    bool fail(ConversionResult::Status status, const QString &message)
    {
        result.status = status;
        result.error = message;
        return false;
    }
};

Converter::Converter(const QString &connectionName)
    : m_connection(connectionName)
{
}

ConversionResult Converter::convert(const ConversionPlan &plan) const
{
    return execute(plan, true);
}

ConversionResult Converter::preview(const ConversionPlan &plan) const
{
    return execute(plan, false);
}

std::optional<ConversionPlan> Converter::suggest(qint64 leadId) const
{
    const std::optional<QVariantMap> lead = RecordStore(m_connection).load(Entity::Lead, leadId);
    if (!lead)
        return std::nullopt;
    return suggest(leadId, *lead);
}

ConversionPlan Converter::suggest(qint64 leadId, const QVariantMap &lead) const
{
    ConversionPlan plan = ConversionPlan::suggested(leadId, lead,
                                                    ConversionMapping::teamDefault(m_connection));
    const Matcher matcher(m_connection);
    std::optional<qint64> account = Matcher::unambiguous(matcher.accountCandidates(lead));
    if (account) {
        plan.account = ConversionPlan::AccountAction::Existing;
        plan.accountId = *account;
    }
    if (const auto contact = Matcher::unambiguous(matcher.contactCandidates(lead, account))) {
        plan.contact = ConversionPlan::ContactAction::Merge;
        plan.contactId = *contact;
    }
    return plan;
}

ConversionResult Converter::execute(const ConversionPlan &plan, bool keep) const
{
    Run run{plan, RecordStore(m_connection), {}, {}, {}};
    run.result.leadId = plan.leadId;
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive()) {
        run.fail(ConversionResult::Status::Failed, tx.error());
        return run.result;
    }
    // Before the lock: the server locks no row the rep may not change, and says nothing.
    if (const QString refused = RowSecurity(m_connection).refusal(Entity::Lead, plan.leadId);
        !refused.isEmpty()) {
        run.fail(ConversionResult::Status::Refused, refused);
        return run.result;
    }
    // Two Rapports converting the lead at once: the second waits here for the first to
    // finish, then reads the lead as converted and is told so (an SQLite write holds the
    // database already; on PostgreSQL the lead's row is locked).
    if (const QString error = tx.lockRow(QStringLiteral("leads"), plan.leadId); !error.isEmpty()) {
        run.fail(ConversionResult::Status::Failed, error);
        return run.result;
    }
    const std::optional<QVariantMap> lead = run.store.load(Entity::Lead, plan.leadId);
    if (!lead) {
        run.fail(ConversionResult::Status::UnknownLead,
                 tr("There is no lead with id %1.").arg(plan.leadId));
        return run.result;
    }
    run.lead = *lead;
    if (!lead->value(QStringLiteral("converted_at")).isNull()) {
        run.fail(ConversionResult::Status::AlreadyConverted, alreadyConverted(*lead));
        return run.result;
    }
    run.journal.leadId = plan.leadId;
    run.journal.convertedAt = nowUtc();
    const bool done = step(run, "account") && resolveAccount(run) && step(run, "contact")
                   && resolveContact(run) && step(run, "deal") && createDeal(run)
                   && step(run, "activities") && moveActivities(run)
                   && step(run, "lead") && markLead(run) && step(run, "journal")
                   && writeJournal(run) && step(run, "commit");
    run.result.created = run.journal.created;
    run.result.changes = run.journal.changes;
    if (!done)
        return run.result; // the transaction rolls back
    if (!keep) {
        tx.rollback();
        run.result.status = ConversionResult::Status::Ok;
        return run.result;
    }
    if (const QString error = tx.commit(); !error.isEmpty()) {
        run.fail(ConversionResult::Status::Failed, error);
        return run.result;
    }
    run.result.status = ConversionResult::Status::Ok;
    return run.result;
}

UnconvertReport Converter::checkUnconvert(qint64 leadId) const
{
    return Unconverter(m_connection).check(leadId);
}

UnconvertReport Converter::unconvert(qint64 leadId, UnconvertMode mode) const
{
    Unconverter unconverter(m_connection);
    unconverter.setStepHook(m_hook);
    return unconverter.unconvert(leadId, mode);
}

QString Converter::alreadyConverted(const QVariantMap &lead) const
{
    const QString name = displayName(Entity::Lead, lead);
    const QString when = lead.value(QStringLiteral("converted_at")).toString();
    const QString who = ConversionJournal(m_connection).convertedBy(
        lead.value(QStringLiteral("id")).toLongLong());
    if (who.isEmpty())
        return tr("Lead “%1” was already converted on %2.").arg(name, when);
    return tr("Lead “%1” was already converted by %2 on %3.").arg(name, who, when);
}

bool Converter::step(Run &run, const char *name) const
{
    const QString error = m_hook ? m_hook(QLatin1String(name)) : QString();
    return error.isEmpty() || run.fail(ConversionResult::Status::Failed, error);
}

bool Converter::insert(Run &run, Entity entity, const QVariantMap &values, qint64 *id) const
{
    const WriteResult w = run.store.insert(entity, values);
    if (!w.fieldErrors.isEmpty()) {
        run.result.fieldErrors = w.fieldErrors;
        run.result.entity = entity;
        return run.fail(ConversionResult::Status::Invalid,
                        tr("The new %1 cannot be saved: %2")
                            .arg(entityNoun(entity), w.fieldErrors.first().message));
    }
    if (!w.error.isEmpty())
        return run.fail(ConversionResult::Status::Failed, w.error);
    *id = w.id;
    run.journal.created.insert(entity, fieldValues(entity, *run.store.load(entity, w.id)));
    return true;
}

bool Converter::merge(Run &run, Entity entity, qint64 id, const QVariantMap &incoming,
                      const QHash<QString, MergeChoice> &choices) const
{
    const std::optional<QVariantMap> existing = run.store.load(entity, id);
    if (!existing)
        return run.fail(ConversionResult::Status::UnknownRecord,
                        tr("There is no %1 with id %2.").arg(entityNoun(entity)).arg(id));
    const QVariantMap changes = mergeChanges(*existing, incoming, choices);
    if (changes.isEmpty())
        return true;
    const WriteResult w = run.store.update(entity, id, changes);
    if (!w.fieldErrors.isEmpty()) {
        run.result.fieldErrors = w.fieldErrors;
        run.result.entity = entity;
        return run.fail(ConversionResult::Status::Invalid,
                        tr("%1 “%2” cannot be updated: %3")
                            .arg(entitySingular(entity), displayName(entity, *existing),
                                 w.fieldErrors.first().message));
    }
    if (!w.error.isEmpty())
        return run.fail(ConversionResult::Status::Failed, w.error);
    const QVariantMap now = *run.store.load(entity, id);
    RecordChange change{entity, id, {}, {}};
    for (const QString &column : changes.keys() + QStringList{QStringLiteral("modified_at")}) {
        change.before.insert(column, existing->value(column));
        change.after.insert(column, now.value(column));
    }
    run.journal.changes.append(change);
    return true;
}

bool Converter::resolveAccount(Run &run) const
{
    const ConversionPlan &plan = run.plan;
    const QVariantMap values = plan.recordValues(Target::Account, run.lead);
    switch (plan.account) {
    case ConversionPlan::AccountAction::None:
        return true;
    case ConversionPlan::AccountAction::New:
        run.result.accountCreated = run.journal.accountCreated = true;
        return insert(run, Entity::Account, values, &run.result.accountId);
    case ConversionPlan::AccountAction::Existing:
        run.result.accountId = plan.accountId;
        return merge(run, Entity::Account, plan.accountId, values, plan.accountChoices);
    }
    return false;
}

bool Converter::resolveContact(Run &run) const
{
    const ConversionPlan &plan = run.plan;
    const QVariantMap values = plan.recordValues(Target::Contact, run.lead, run.result.accountId);
    if (plan.contact == ConversionPlan::ContactAction::New) {
        run.result.contactCreated = run.journal.contactCreated = true;
        return insert(run, Entity::Contact, values, &run.result.contactId);
    }
    run.result.contactId = plan.contactId;
    return merge(run, Entity::Contact, plan.contactId, values, plan.contactChoices);
}

bool Converter::createDeal(Run &run) const
{
    if (!run.plan.createDeal)
        return true;
    return insert(run, Entity::Deal,
                  run.plan.recordValues(Target::Deal, run.lead, run.result.accountId,
                                        run.result.contactId),
                  &run.result.dealId);
}

bool Converter::moveActivities(Run &run) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id FROM activities WHERE lead_id = ? ORDER BY id"));
    q.addBindValue(run.plan.leadId);
    if (!q.exec())
        return run.fail(ConversionResult::Status::Failed, q.lastError().text());
    QList<qint64> ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    const ConversionResult &r = run.result;
    for (const qint64 id : std::as_const(ids)) {
        const std::optional<QVariantMap> before = run.store.load(Entity::Activity, id);
        if (!before)
            continue;
        QVariantMap set;
        for (const FieldDef &f : entityDef(Entity::Activity).fields) {
            if (f.type != FieldType::Reference)
                continue;
            const qint64 target = r.idOf(f.refEntity);
            const QString name = QLatin1String(f.name);
            if (target && before->value(name).isNull())
                set.insert(name, target);
        }
        if (set.isEmpty())
            continue;
        const WriteResult w = run.store.update(Entity::Activity, id, set);
        if (!w.ok())
            return run.fail(ConversionResult::Status::Failed,
                            w.error.isEmpty() ? w.fieldErrors.value(0).message : w.error);
        const QVariantMap after = *run.store.load(Entity::Activity, id);
        RecordChange change{Entity::Activity, id, {}, {}};
        for (const QString &column : set.keys() + QStringList{QStringLiteral("modified_at")}) {
            change.before.insert(column, before->value(column));
            change.after.insert(column, after.value(column));
        }
        run.journal.changes.append(change);
    }
    return true;
}

bool Converter::markLead(Run &run) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    // "converted_at IS NULL" again: another window may have converted it meanwhile.
    // The lead reads "Converted" in its Lead Status; the journal keeps what it was.
    QStringList sets{QStringLiteral("converted_at = ?"), QStringLiteral("lead_status = ?")};
    QVariantList binds{run.journal.convertedAt, convertedLeadStatus()};
    run.journal.leadStatus = run.lead.value(QStringLiteral("lead_status"));
    run.journal.leadStatusSet = true;
    const ConversionResult &r = run.result;
    for (const FieldDef &link : entityDef(Entity::Lead).links) {
        const qint64 id = r.idOf(link.refEntity);
        sets << QStringLiteral("%1 = ?").arg(QLatin1String(link.name));
        binds << (id ? QVariant(id) : QVariant());
    }
    q.prepare(QStringLiteral("UPDATE leads SET %1, version = version + 1 WHERE id = ? AND "
                             "converted_at IS NULL")
                  .arg(sets.join(QStringLiteral(", "))));
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    q.addBindValue(run.plan.leadId);
    if (!q.exec())
        return run.fail(ConversionResult::Status::Failed, q.lastError().text());
    if (q.numRowsAffected() != 1)
        return run.fail(ConversionResult::Status::AlreadyConverted,
                        tr("The lead was converted meanwhile."));
    return true;
}

bool Converter::writeJournal(Run &run) const
{
    run.journal.accountId = run.result.accountId;
    run.journal.contactId = run.result.contactId;
    run.journal.dealId = run.result.dealId;
    const WriteResult written = ConversionJournal(m_connection).write(run.journal);
    run.result.conversionId = written.id;
    if (!written.ok())
        return run.fail(ConversionResult::Status::Failed, written.error);
    // The conversion on each record's timeline: the lead's, and those of what it became.
    ChangeLog log(m_connection);
    bool logged = log.append({QLatin1String(ChangeKind::Conversion), QStringLiteral("leads"),
                              run.plan.leadId, {}, {}, {}, QStringLiteral("conversions"),
                              written.id});
    const std::pair<Entity, qint64> targets[] = {{Entity::Account, run.result.accountId},
                                                 {Entity::Contact, run.result.contactId},
                                                 {Entity::Deal, run.result.dealId}};
    for (const auto &[entity, id] : targets) {
        if (logged && id)
            logged = log.append({QLatin1String(ChangeKind::Conversion),
                                 QLatin1String(entityDef(entity).table), id, {}, {}, {},
                                 QStringLiteral("leads"), run.plan.leadId});
    }
    return logged || run.fail(ConversionResult::Status::Failed, log.error());
}

} // namespace Rapport
