#include "conversion/unconverter.h"

#include "storage/changelog.h"

#include "storage/clock.h"
#include "records/derivedcolumns.h"
#include "conversion/conversionjournal.h"
#include "conversion/conversionplan.h"
#include "records/matchkeys.h"
#include "storage/recordstore.h"
#include "storage/rowsecurity.h"
#include "records/recordtypes.h"
#include "records/searchkey.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

using Kind = UnconvertIssue::Kind;
using Status = UnconvertReport::Status;

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

qint64 createdId(const ConversionRecord &r, Entity e)
{
    return e == Entity::Account ? r.accountId : e == Entity::Contact ? r.contactId : r.dealId;
}

QString describe(Entity e, const QVariantMap &values)
{
    return Unconverter::tr("%1 “%2”").arg(entitySingular(e), displayName(e, values));
}

// Every conversion link of the lead set to NULL: it is an active lead again.
QString clearLinksSql()
{
    QStringList sets{QStringLiteral("converted_at = NULL"), QStringLiteral("version = version + 1")};
    for (const FieldDef &f : entityDef(Entity::Lead).links)
        sets << QStringLiteral("%1 = NULL").arg(QLatin1String(f.name));
    return QStringLiteral("UPDATE leads SET %1 WHERE id = ?").arg(sets.join(QStringLiteral(", ")));
}

// The Lead Status the lead had before it read "Converted". Left alone when the rep has given
// it another since, or when the conversion is older than Rapport's "Converted".
bool restoreLeadStatus(const QString &connection, const ConversionRecord &record, QString *error)
{
    if (!record.leadStatusSet)
        return true;
    QSqlQuery q(QSqlDatabase::database(connection));
    q.prepare(QStringLiteral("UPDATE leads SET lead_status = ? WHERE id = ? AND lead_status = ?"));
    q.addBindValue(record.leadStatus.isNull() ? QVariant(QMetaType::fromType<QString>())
                                              : record.leadStatus);
    q.addBindValue(record.leadId);
    q.addBindValue(convertedLeadStatus());
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

// The checks, with the connection they read.
class Checker
{
public:
    Checker(const QString &connection, const ConversionRecord &r, QList<UnconvertIssue> *issues)
        : m_db(connection), m_store(connection), m_record(r), m_issues(issues) {}

    void created(Entity e, const QVariantMap &snapshot)
    {
        const qint64 id = createdId(m_record, e);
        const std::optional<QVariantMap> row = m_store.load(e, id);
        if (!row) {
            add({Kind::RecordGone, e, id, {}, e, 0,
                 Unconverter::tr("%1 made by the conversion was deleted since.")
                     .arg(describe(e, snapshot))});
            return;
        }
        for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
            if (sameValue(row->value(it.key()), it.value()))
                continue;
            const FieldDef *f = findField(e, it.key());
            add({Kind::CreatedEdited, e, id, it.key(), e, 0,
                 Unconverter::tr("%1 was edited since the conversion (%2).")
                     .arg(describe(e, *row), f ? fieldLabel(*f) : it.key())});
        }
        notes(e, id, *row);
        links(e, id, *row);
    }

    void changed(const RecordChange &c)
    {
        const std::optional<QVariantMap> row = m_store.load(c.entity, c.id);
        if (!row) {
            add({Kind::RecordGone, c.entity, c.id, {}, c.entity, 0,
                 Unconverter::tr("%1 %2 changed by the conversion was deleted since.")
                     .arg(entitySingular(c.entity)).arg(c.id)});
            return;
        }
        for (auto it = c.after.cbegin(); it != c.after.cend(); ++it) {
            if (it.key() == QLatin1String("modified_at") || sameValue(row->value(it.key()), it.value()))
                continue;
            const FieldDef *f = findField(c.entity, it.key());
            add({Kind::ExistingChanged, c.entity, c.id, it.key(), c.entity, 0,
                 Unconverter::tr("%1: %2 was changed since the conversion; putting back “%3” would "
                    "overwrite “%4”.")
                     .arg(describe(c.entity, *row), f ? fieldLabel(*f) : it.key(),
                          c.before.value(it.key()).toString(), row->value(it.key()).toString())});
        }
    }

private:
    void add(const UnconvertIssue &issue) { m_issues->append(issue); }

    void notes(Entity e, qint64 id, const QVariantMap &row)
    {
        QSqlQuery q(QSqlDatabase::database(m_db));
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM notes WHERE entity = ? AND record_id = ?"));
        q.addBindValue(table(e));
        q.addBindValue(id);
        const int n = q.exec() && q.next() ? q.value(0).toInt() : 0;
        if (n > 0)
            add({Kind::CreatedHasNotes, e, id, {}, e, 0,
                 Unconverter::tr("%1 has %n note(s) added since the conversion.", nullptr, n).arg(describe(e, row))});
    }

    void links(Entity e, qint64 id, const QVariantMap &row)
    {
        // Links made since the conversion to a record it created (the catalogue's references,
        // conversion links included).
        for (const Reference &r : referencesTo(e)) {
            const Entity from = r.from;
            QSqlQuery q(QSqlDatabase::database(m_db));
            q.prepare(QStringLiteral("SELECT id FROM %1 WHERE %2 = ?")
                          .arg(table(from), QLatin1String(r.field->name)));
            q.addBindValue(id);
            if (!q.exec())
                continue;
            while (q.next()) {
                const qint64 other = q.value(0).toLongLong();
                const bool ours = (from == Entity::Lead && other == m_record.leadId)
                               || (from == Entity::Contact && other == m_record.contactId)
                               || (from == Entity::Deal && other == m_record.dealId)
                               || linkedByConversion(from, other, QLatin1String(r.field->name), id);
                if (ours)
                    continue;
                add({Kind::LinkedSince, e, id, {}, from, other,
                     Unconverter::tr("%1 was linked to %2 since the conversion.")
                         .arg(describe(from, m_store.load(from, other).value_or(QVariantMap())),
                              describe(e, row))});
            }
        }
    }

    // Whether the conversion itself made that link (the lead's activities it moved along).
    bool linkedByConversion(Entity from, qint64 other, const QString &field, qint64 id) const
    {
        for (const RecordChange &c : m_record.changes)
            if (c.entity == from && c.id == other && c.after.value(field).toLongLong() == id)
                return true;
        return false;
    }

    QString m_db;
    RecordStore m_store;
    const ConversionRecord &m_record;
    QList<UnconvertIssue> *m_issues;
};

} // namespace

bool UnconvertReport::hasBlockingIssues() const
{
    for (const UnconvertIssue &i : issues) {
        if (i.blocking())
            return true;
    }
    return false;
}

Unconverter::Unconverter(const QString &connectionName)
    : m_connection(connectionName)
{
}

UnconvertReport Unconverter::check(qint64 leadId) const
{
    UnconvertReport report;
    report.leadId = leadId;
    const std::optional<QVariantMap> lead = RecordStore(m_connection).load(Entity::Lead, leadId);
    if (!lead) {
        report.error = Unconverter::tr("There is no lead with id %1.").arg(leadId);
        report.status = Status::UnknownLead;
        return report;
    }
    const std::optional<ConversionRecord> record = ConversionJournal(m_connection).current(leadId);
    if (lead->value(QStringLiteral("converted_at")).isNull() || !record) {
        report.error = lead->value(QStringLiteral("converted_at")).isNull()
            ? Unconverter::tr("Lead “%1” is not converted.").arg(displayName(Entity::Lead, *lead))
            : Unconverter::tr("Rapport has no record of how lead “%1” was converted, so it cannot be "
                 "undone.").arg(displayName(Entity::Lead, *lead));
        report.status = Status::NotConverted;
        return report;
    }
    report.conversionId = record->id;
    // Reps who may change only their own records (storage/rowsecurity.h): every record the
    // undo would write is asked about, so that nothing is half undone or silently skipped.
    const RowSecurity security(m_connection);
    QList<RecordRef> written{{Entity::Lead, leadId}};
    for (Entity e : {Entity::Account, Entity::Contact, Entity::Deal}) {
        if (record->created.contains(e))
            written << RecordRef{e, createdId(*record, e)};
    }
    for (const RecordChange &c : record->changes)
        written << RecordRef{c.entity, c.id};
    for (const auto &[entity, id] : std::as_const(written)) {
        if (const QString refused = security.refusal(entity, id); !refused.isEmpty()) {
            report.error = refused;
            report.status = Status::Refused;
            return report;
        }
    }
    Checker checker(m_connection, *record, &report.issues);
    for (Entity e : {Entity::Account, Entity::Contact, Entity::Deal}) {
        if (record->created.contains(e))
            checker.created(e, record->created.value(e));
    }
    for (const RecordChange &c : record->changes)
        checker.changed(c);
    report.status = Status::Ok;
    return report;
}

namespace {

// Created records that KeepEdited keeps: those with a blocking issue, and what they
// point at (a kept deal keeps its new account and contact, so it is not changed either).
QSet<Entity> keptRecords(const ConversionRecord &r, const QList<UnconvertIssue> &issues)
{
    QSet<Entity> kept;
    for (const UnconvertIssue &i : issues) {
        if (i.blocking() && i.kind != Kind::ExistingChanged && r.created.contains(i.entity)
            && createdId(r, i.entity) == i.id)
            kept.insert(i.entity);
    }
    if (kept.contains(Entity::Deal))
        kept << Entity::Contact << Entity::Account;
    if (kept.contains(Entity::Contact))
        kept << Entity::Account;
    kept.intersect(QSet<Entity>(r.created.keyBegin(), r.created.keyEnd()));
    return kept;
}

bool execAll(const QString &connection, const QStringList &steps, qint64 id, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(connection));
    for (const QString &sql : steps) {
        q.prepare(sql);
        q.addBindValue(id);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

// Deletes a record the conversion created; whatever was linked to it since is detached, by
// the store's own delete rules.
bool deleteCreated(const QString &connection, Entity e, qint64 id, QString *error)
{
    return execAll(connection,
                   RecordStore::deleteSteps(e, DeleteRule::DetachRelated, QStringLiteral("?")),
                   id, error);
}

// Writes `values` back exactly as they were (RecordStore would turn a NULL flag into 0),
// with the search and match keys recomputed and the given modification time.
bool writeBack(const QString &connection, Entity e, qint64 id, const QVariantMap &values,
               const QString &modifiedAt, QString *error)
{
    QVariantMap row = RecordStore(connection).load(e, id).value_or(QVariantMap());
    QStringList sets;
    QVariantList binds;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const FieldDef *f = findField(e, it.key());
        if (!f)
            continue; // only columns the field descriptions know
        sets << QLatin1String(f->name) + QStringLiteral(" = ?");
        binds << it.value();
        row.insert(it.key(), it.value());
    }
    QVariantMap keys = DerivedColumns::compute(e, row);
    keys.insert(QStringLiteral("modified_at"), modifiedAt);
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        sets << it.key() + QStringLiteral(" = ?");
        binds << it.value();
    }
    QSqlQuery q(QSqlDatabase::database(connection));
    q.prepare(QStringLiteral("UPDATE %1 SET %2, version = version + 1 WHERE id = ?")
                  .arg(table(e), sets.join(", ")));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

// Puts back the values the conversion changed (all, or only those not changed since),
// and the old modification time when nothing else changed.
bool restore(const QString &connection, const RecordChange &c, UnconvertMode mode,
             bool *restored, QString *error)
{
    const std::optional<QVariantMap> row = RecordStore(connection).load(c.entity, c.id);
    *restored = false;
    if (!row)
        return true;
    QVariantMap values;
    for (auto it = c.after.cbegin(); it != c.after.cend(); ++it) {
        if (it.key() == QLatin1String("modified_at"))
            continue;
        if (mode == UnconvertMode::Discard || sameValue(row->value(it.key()), it.value()))
            values.insert(it.key(), c.before.value(it.key()));
    }
    if (values.isEmpty())
        return true;
    const QString modifiedAt = QStringLiteral("modified_at");
    const bool untouched = values.size() == c.after.size() - 1
        && row->value(modifiedAt).toString() == c.after.value(modifiedAt).toString();
    *restored = true;
    return writeBack(connection, c.entity, c.id, values,
                     untouched ? c.before.value(modifiedAt).toString() : nowUtc(), error);
}

bool restoreAll(const QString &connection, const ConversionRecord &record, UnconvertMode mode,
                QList<RecordRef> *restoredRecords, QString *error)
{
    for (const RecordChange &c : record.changes) {
        bool restored = false;
        if (!restore(connection, c, mode, &restored, error))
            return false;
        if (restored)
            restoredRecords->append({c.entity, c.id});
    }
    return true;
}

// Deletes the created records but those in `keep`, children first.
bool deleteAll(const QString &connection, const ConversionRecord &record, const QSet<Entity> &keep,
               UnconvertReport *report, QString *error)
{
    for (Entity e : {Entity::Deal, Entity::Contact, Entity::Account}) {
        const qint64 id = createdId(record, e);
        if (!record.created.contains(e) || !RecordStore(connection).exists(e, id))
            continue;
        if (keep.contains(e)) {
            report->kept.append({e, id});
            continue;
        }
        if (!deleteCreated(connection, e, id, error))
            return false;
        report->deleted.append({e, id});
    }
    return true;
}

// The undo on the timelines: the lead's, and those of what it had become and stays; the
// records it had made and that go, as deleted.
QString logUnconversion(const QString &connection, const ConversionRecord &record,
                        const UnconvertReport &report)
{
    ChangeLog log(connection);
    if (!log.append({QLatin1String(ChangeKind::Unconversion), QStringLiteral("leads"),
                     record.leadId, {}, {}, {}, QStringLiteral("conversions"), record.id}))
        return log.error();
    const std::pair<Entity, qint64> targets[] = {{Entity::Account, record.accountId},
                                                 {Entity::Contact, record.contactId},
                                                 {Entity::Deal, record.dealId}};
    for (const auto &target : targets) {
        const Entity entity = target.first;
        const qint64 id = target.second;
        if (!id)
            continue;
        const bool gone = report.deleted.contains(RecordRef{entity, id});
        const ChangeEntry entry = gone
            ? ChangeEntry{QLatin1String(ChangeKind::Delete), QLatin1String(entityDef(entity).table),
                          id, {}, {}, {}, QStringLiteral("conversions"), record.id}
            : ChangeEntry{QLatin1String(ChangeKind::Unconversion),
                          QLatin1String(entityDef(entity).table), id, {}, {}, {},
                          QStringLiteral("leads"), record.leadId};
        if (!log.append(entry))
            return log.error();
    }
    return {};
}

} // namespace

UnconvertReport Unconverter::unconvert(qint64 leadId, UnconvertMode mode) const
{
    // The check and the undo see the same data.
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive()) {
        UnconvertReport failed;
        failed.leadId = leadId;
        failed.error = tx.error();
        return failed;
    }
    // A second undo of the same conversion at the same moment waits here, then finds the
    // lead no longer converted.
    if (const QString error = tx.lockRow(QStringLiteral("leads"), leadId); !error.isEmpty()) {
        UnconvertReport failed;
        failed.leadId = leadId;
        failed.error = error;
        return failed;
    }
    UnconvertReport report = check(leadId);
    if (!report.ok())
        return report;
    if (mode == UnconvertMode::Refuse && report.hasBlockingIssues()) {
        report.status = Status::Conflicts;
        report.error = Unconverter::tr("The conversion cannot be undone without losing changes made since: %1")
                           .arg(report.issues.first().message);
        return report;
    }
    const ConversionRecord record = *ConversionJournal(m_connection).current(leadId);
    const QSet<Entity> kept = mode == UnconvertMode::KeepEdited
        ? keptRecords(record, report.issues) : QSet<Entity>();
    auto fail = [&report](const QString &error) {
        report.status = Status::Failed;
        report.error = error;
        report.deleted.clear();
        report.kept.clear();
        report.restored.clear();
        return report;
    };
    QString error;
    auto step = [this, &error](const char *name) {
        error = m_hook ? m_hook(QLatin1String(name)) : QString();
        return error.isEmpty();
    };
    const QString clearLead = clearLinksSql();
    const bool done = step("lead") && execAll(m_connection, {clearLead}, leadId, &error)
                   && restoreLeadStatus(m_connection, record, &error)
                   && step("restore")
                   && restoreAll(m_connection, record, mode, &report.restored, &error)
                   && step("delete") && deleteAll(m_connection, record, kept, &report, &error)
                   && step("journal")
                   && (error = ConversionJournal(m_connection).markUndone(record.id)).isEmpty()
                   && (error = logUnconversion(m_connection, record, report)).isEmpty()
                   && step("commit");
    if (!done)
        return fail(error);
    if (error = tx.commit(); !error.isEmpty())
        return fail(error);
    return report;
}

} // namespace Rapport
