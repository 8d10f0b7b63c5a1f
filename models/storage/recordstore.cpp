#include "storage/recordstore.h"

#include "records/derivedcolumns.h"
#include "storage/changelog.h"
#include "storage/clock.h"
#include "storage/database.h"
#include "records/matchkeys.h"
#include "records/recordtypes.h"
#include "records/searchkey.h"
#include "storage/rowsecurity.h"
#include "storage/transaction.h"
#include "storage/userdirectory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

namespace Rapport {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::RecordStore", text);
}

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

QVariantMap rowToMap(const QSqlQuery &q)
{
    QVariantMap values;
    const QSqlRecord rec = q.record();
    for (int i = 0; i < rec.count(); ++i)
        values.insert(rec.fieldName(i), q.value(i));
    return values;
}

int countWhere(const QSqlDatabase &db, const QString &sql, qint64 id)
{
    QSqlQuery q(db);
    q.prepare(sql);
    q.addBindValue(id);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

bool execBound(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString *error)
{
    if (!q.prepare(sql)) {
        *error = q.lastError().text();
        return false;
    }
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        const QSqlError e = q.lastError();
        *error = RowSecurity::isRefusal(e) ? Transaction::errorText(e) : e.text();
        return false;
    }
    return true;
}

// The ids of the records a set-based write works on, as a temporary table of the
// connection: a million ids fit in no list of bound values, and with the table every
// statement handles the whole set at once. Made inside the caller's transaction, so that a
// rollback drops it again.
class IdSet
{
public:
    static constexpr int Batch = 500; // ids bound per INSERT (SQLite allows 32766)
    static QString select() { return QStringLiteral("SELECT id FROM rapport_id_set"); }
    static int batches(qsizetype ids) { return int((ids + Batch - 1) / Batch); }

    // `step` is called after each batch; false from it stops, with a non-empty result.
    static QString create(const QSqlDatabase &db, const QList<qint64> &ids,
                          const std::function<bool()> &step)
    {
        QString error;
        {
            // Executed, not prepared: PostgreSQL prepares no DDL, and this has nothing to bind.
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("CREATE TEMP TABLE rapport_id_set (id BIGINT PRIMARY KEY)")))
                return q.lastError().text();
        }
        QSqlQuery full(db);
        for (qsizetype first = 0; first < ids.size(); first += Batch) {
            const qsizetype n = std::min<qsizetype>(Batch, ids.size() - first);
            QSqlQuery partial(db);
            QSqlQuery &q = n == Batch ? full : partial;
            if (n < Batch || first == 0) {
                QStringList marks;
                marks.fill(QStringLiteral("(?)"), n);
                if (!q.prepare(QStringLiteral("INSERT INTO rapport_id_set (id) VALUES %1 "
                                              "ON CONFLICT DO NOTHING")
                                   .arg(marks.join(QLatin1Char(',')))))
                    return q.lastError().text();
            }
            for (qsizetype i = first; i < first + n; ++i)
                q.addBindValue(ids[i]);
            if (!q.exec())
                return q.lastError().text();
            if (!step())
                return QStringLiteral("stopped"); // the caller knows why
        }
        return {};
    }

    static QString drop(const QSqlDatabase &db)
    {
        QSqlQuery q(db);
        return q.exec(QStringLiteral("DROP TABLE rapport_id_set")) ? QString()
                                                                   : q.lastError().text();
    }
};

// A record's owner is one of the users (storage/userdirectory.h): the name as the user's row
// spells it, the user added if new, inside the write's transaction. False with the error.
bool ownerAsUser(const QString &connection, Entity entity, QVariantMap &values, QString *error)
{
    const QString field = QStringLiteral("owner");
    const QString owner = values.value(field).toString().simplified();
    if (owner.isEmpty() || !findField(entity, field))
        return true;
    const QString name = UserDirectory(connection).ensure(owner, error);
    if (name.isEmpty())
        return false;
    values.insert(field, name);
    return true;
}

} // namespace

RecordStore::RecordStore(const QString &connectionName)
    : m_connection(connectionName)
{
}

std::optional<QVariantMap> RecordStore::load(Entity entity, qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT * FROM %1 WHERE id = ?").arg(table(entity)));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return rowToMap(q);
}

bool RecordStore::exists(Entity entity, qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table(entity)));
    q.addBindValue(id);
    return q.exec() && q.next();
}

WriteResult RecordStore::insert(Entity entity, const QVariantMap &given)
{
    WriteResult result;
    // What the record is not given starts at its field's default ("Not Contacted", "Open").
    QVariantMap input = defaultValues(entity);
    for (auto it = given.cbegin(); it != given.cend(); ++it)
        input.insert(it.key(), it.value());
    // The input as given: once normalised, "12abc" would be 0 and pass.
    result.fieldErrors = Validation::check(entity, input);
    if (!result.fieldErrors.isEmpty())
        return result;
    QVariantMap values = Validation::normalised(entity, input);
    // The record and its entry in the change log (and its owner's user): all or nothing.
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive()) {
        result.error = tx.error();
        return result;
    }
    if (!ownerAsUser(m_connection, entity, values, &result.error))
        return result;
    result.error = RowSecurity(m_connection).refusalToAdd(entity,
                                                          values.value(QStringLiteral("owner"))
                                                              .toString());
    if (!result.error.isEmpty()) {
        result.refused = true;
        return result;
    }
    QStringList cols;
    QVariantList binds;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        cols << it.key();
        binds << it.value();
    }
    const QString now = nowUtc();
    cols << QStringLiteral("created_at") << QStringLiteral("modified_at");
    binds << now << now;
    const QVariantMap derived = DerivedColumns::compute(entity, values);
    for (auto it = derived.cbegin(); it != derived.cend(); ++it) {
        cols << it.key();
        binds << it.value();
    }
    QStringList marks;
    marks.fill(QStringLiteral("?"), cols.size());
    QSqlQuery q(QSqlDatabase::database(m_connection));
    const QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) RETURNING id")
                            .arg(table(entity), cols.join(QLatin1Char(',')),
                                 marks.join(QLatin1Char(',')));
    if (!execBound(q, sql, binds, &result.error)) {
        result.refused = RowSecurity::isRefusal(q.lastError());
        return result;
    }
    if (q.next()) {
        result.id = q.value(0).toLongLong();
        result.version = 1;
    }
    q.finish();
    ChangeLog log(m_connection);
    if (!log.created(entity, result.id)) {
        result.error = log.error();
        result.id = 0;
        return result;
    }
    if (const QString error = tx.commit(); !error.isEmpty()) {
        result.error = error;
        result.id = 0;
    }
    return result;
}

WriteResult RecordStore::update(Entity entity, qint64 id, const QVariantMap &input,
                                qint64 ifVersion)
{
    WriteResult result;
    result.id = id;
    // The record read, checked, written and logged as one: another writer cannot slip in
    // between what the log calls "before" and the write.
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive()) {
        result.error = tx.error();
        return result;
    }
    // On PostgreSQL a write transaction sees what others committed, so the row is locked
    // before it is read: a second save of the same version waits here, then reads the version
    // the first one wrote and is refused (SQLite's write lock already orders the two).
    if (const QString error = tx.lockRow(table(entity), id); !error.isEmpty()) {
        result.error = error;
        return result;
    }
    std::optional<QVariantMap> merged = load(entity, id);
    const std::optional<QVariantMap> before = merged;
    if (!merged) {
        result.error = tr("There is no %1 with id %2.").arg(entitySingular(entity)).arg(id);
        return result;
    }
    result.version = merged->value(QStringLiteral("version")).toLongLong();
    // Asked first: the server would let the write change nothing and say nothing.
    result.error = RowSecurity(m_connection).refusal(entity, id);
    if (!result.error.isEmpty()) {
        result.refused = true;
        return result;
    }
    if (ifVersion && result.version != ifVersion) {
        result.stale = true;
        result.error = tr("The %1 was changed since (it is at version %2, not %3).")
                           .arg(entityNoun(entity)).arg(result.version).arg(ifVersion);
        return result;
    }
    // The input as given first (see insert()), then the record it makes, which must still
    // have its required fields.
    result.fieldErrors = Validation::check(entity, input, Validation::Required::IfGiven);
    if (!result.fieldErrors.isEmpty())
        return result;
    QVariantMap values = Validation::normalised(entity, input);
    if (!ownerAsUser(m_connection, entity, values, &result.error))
        return result;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        merged->insert(it.key(), it.value());
    result.fieldErrors = Validation::check(entity, *merged);
    if (!result.fieldErrors.isEmpty())
        return result;
    QStringList sets;
    QVariantList binds;
    QVariantMap changed;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const FieldDef *f = findField(entity, it.key());
        if (f && !ChangeLog::differs(*f, before->value(it.key()), it.value()))
            continue; // unchanged: not written, not logged, not "modified"
        sets << it.key() + QStringLiteral(" = ?");
        binds << it.value();
        changed.insert(it.key(), it.value());
    }
    if (sets.isEmpty())
        return result; // nothing to write: tx rolls back what was only read
    sets << QStringLiteral("modified_at = ?") << QStringLiteral("version = version + 1");
    binds << nowUtc();
    // The search and match keys only where they change: a rewritten search key costs its
    // full-text index entry (and now and then a merge of the index) even when it is the same.
    const QVariantMap derived = DerivedColumns::compute(entity, *merged);
    for (auto it = derived.cbegin(); it != derived.cend(); ++it) {
        const QVariant was = before->value(it.key());
        if (!was.isNull() && !it.value().isNull() && was.toString() == it.value().toString())
            continue;
        if (was.isNull() && it.value().isNull())
            continue;
        sets << it.key() + QStringLiteral(" = ?");
        binds << it.value();
    }
    binds << id;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!execBound(q, QStringLiteral("UPDATE %1 SET %2 WHERE id = ?")
                          .arg(table(entity), sets.join(QStringLiteral(", "))),
                   binds, &result.error)) {
        result.refused = RowSecurity::isRefusal(q.lastError());
        return result;
    }
    if (Database::isPostgres(m_connection) && q.numRowsAffected() == 0) {
        // Row-level security hid the row from the write after all (its owner changed since
        // the question above): never logged nor called a success.
        result.error = RowSecurity(m_connection).refusal(entity, id);
        if (result.error.isEmpty())
            result.error = tr("The server did not let the %1 be changed.").arg(entityNoun(entity));
        result.refused = true;
        return result;
    }
    ChangeLog log(m_connection);
    if (!log.changed(entity, id, *before, changed)) {
        result.error = log.error();
        return result;
    }
    result.error = tx.commit();
    if (result.error.isEmpty())
        ++result.version;
    return result;
}

Dependents RecordStore::dependents(Entity entity, qint64 id) const
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    Dependents d;
    for (const Reference &r : dependentReferences(entity)) {
        const int n = countWhere(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = ?")
                                         .arg(table(r.from), QLatin1String(r.field->name)), id);
        d.add(r.from, n);
    }
    return d;
}

Dependents RecordStore::dependentsOfSet(Entity entity, const QString &ids) const
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    Dependents d;
    for (const Reference &r : dependentReferences(entity)) {
        QSqlQuery q(db);
        const bool ok = q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 IN (%3)")
                                      .arg(table(r.from), QLatin1String(r.field->name), ids))
                        && q.exec() && q.next();
        d.add(r.from, ok ? q.value(0).toInt() : 0);
    }
    return d;
}

QList<Reference> RecordStore::dependentReferences(Entity entity)
{
    // A record's own kind (a parent account) and a converted lead's links are let go by the
    // database (ON DELETE SET NULL); the others are the rep's choice.
    QList<Reference> out;
    for (const Reference &r : referencesTo(entity)) {
        if (!r.link && r.from != entity)
            out.append(r);
    }
    return out;
}

Dependents RecordStore::dependents(Entity entity, const QList<qint64> &ids) const
{
    if (dependentReferences(entity).isEmpty())
        return {}; // nothing depends on activities
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    // Only for the id set (a temporary table, not the database's): rolled back, so it goes again
    Transaction tx(m_connection, Transaction::Kind::Read);
    if (!tx.isActive() || !IdSet::create(db, ids, [] { return true; }).isEmpty())
        return {};
    return dependentsOfSet(entity, IdSet::select());
}

QStringList RecordStore::deleteSteps(Entity entity, DeleteRule rule, const QString &ids)
{
    // Derived from the catalogue's references: each kind of record that points at the ones
    // deleted is deleted with them (DeleteRelated: first what points at those in turn is let
    // go, then their notes, then they) or let go (its reference set to NULL).
    QStringList steps;
    // Activities belong to what they are on: those on nothing else are deleted (with their
    // notes), the others let go of it. The same whatever the rule, at either level.
    const auto activitySteps = [&steps](const Reference &r, const QString &set) {
        const QString field = QLatin1String(r.field->name);
        QStringList alone{field + QStringLiteral(" IN (%1)").arg(set)};
        for (const FieldDef &other : entityDef(Entity::Activity).fields)
            if (other.type == FieldType::Reference && QLatin1String(other.name) != field)
                alone << QLatin1String(other.name) + QStringLiteral(" IS NULL");
        const QString only = alone.join(QStringLiteral(" AND "));
        steps << QStringLiteral("DELETE FROM notes WHERE entity = 'activities' AND record_id IN "
                                "(SELECT id FROM activities WHERE %1)").arg(only)
              << QStringLiteral("DELETE FROM activities WHERE %1").arg(only)
              << QStringLiteral("UPDATE activities SET %1 = NULL, version = version + 1 WHERE %1 IN (%2)").arg(field, set);
    };
    for (const Reference &r : dependentReferences(entity)) {
        const QString from = table(r.from);
        const QString field = QLatin1String(r.field->name);
        if (r.from == Entity::Activity) {
            activitySteps(r, ids);
            continue;
        }
        if (rule != DeleteRule::DeleteRelated) {
            steps << QStringLiteral("UPDATE %1 SET %2 = NULL, version = version + 1 WHERE %2 IN (%3)")
                         .arg(from, field, ids);
            continue;
        }
        const QString doomed = QStringLiteral("SELECT id FROM %1 WHERE %2 IN (%3)").arg(from, field, ids);
        for (const Reference &next : dependentReferences(r.from)) {
            if (next.from == Entity::Activity) {
                activitySteps(next, doomed);
                continue;
            }
            steps << QStringLiteral("UPDATE %1 SET %2 = NULL, version = version + 1 "
                                    "WHERE %2 IN (%3)")
                         .arg(table(next.from), QLatin1String(next.field->name), doomed);
        }
        steps << QStringLiteral("DELETE FROM notes WHERE entity = '%1' AND record_id IN (%2)")
                     .arg(from, doomed)
              << QStringLiteral("DELETE FROM %1 WHERE %2 IN (%3)").arg(from, field, ids);
    }
    steps << QStringLiteral("DELETE FROM notes WHERE entity = '%1' AND record_id IN (%2)")
                 .arg(table(entity), ids)
          << QStringLiteral("DELETE FROM %1 WHERE id IN (%2)").arg(table(entity), ids);
    return steps;
}

QString RecordStore::remove(Entity entity, qint64 id, DeleteRule rule)
{
    return removeMany(entity, {id}, rule);
}

QString RecordStore::removeMany(Entity entity, const QList<qint64> &ids, DeleteRule rule,
                                const Control &control)
{
    const QStringList steps = deleteSteps(entity, rule, IdSet::select());
    // The id set's batches, the two checks, the delete steps.
    const int total = IdSet::batches(ids.size()) + 2 + int(steps.size());
    int done = 0;
    bool stopped = false;
    const auto step = [&] {
        if (control.progress)
            control.progress(++done, total);
        stopped = control.cancel && control.cancel->load();
        return !stopped;
    };
    const QString cancelled = tr("The delete was cancelled; nothing was deleted.");
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive())
        return tx.error();
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (const QString error = IdSet::create(db, ids, step); !error.isEmpty())
        return stopped ? cancelled : error; // tx rolls back
    {
        // A record deleted meanwhile (by another window) fails the whole delete.
        QSqlQuery q(db);
        QString error;
        if (!execBound(q, QStringLiteral("SELECT id FROM rapport_id_set WHERE id NOT IN "
                                         "(SELECT id FROM %1) ORDER BY id LIMIT 1")
                              .arg(table(entity)), {}, &error))
            return error;
        if (q.next())
            return tr("There is no %1 with id %2.").arg(entitySingular(entity))
                .arg(q.value(0).toLongLong());
    }
    if (const QString refused = refusal(entity, rule); !refused.isEmpty())
        return refused;
    if (!step())
        return cancelled;
    if (rule == DeleteRule::Refuse) {
        if (const Dependents d = dependentsOfSet(entity, IdSet::select()); d.hasRecords())
            return tr("Records to delete still have %1 and %2.")
                .arg(QCoreApplication::translate("Rapport::RecordStore", "%n contact(s)", nullptr,
                                                 d.contacts),
                     QCoreApplication::translate("Rapport::RecordStore", "%n deal(s)", nullptr,
                                                 d.deals));
    }
    if (!step())
        return cancelled;
    {
        // In the change log: the records deleted, and those deleted with them.
        ChangeLog log(m_connection);
        if (rule == DeleteRule::DeleteRelated) {
            for (const Reference &r : dependentReferences(entity)) {
                if (r.from == Entity::Activity)
                    continue;
                if (!log.deleted(r.from, QStringLiteral("SELECT id FROM %1 WHERE %2 IN (%3)")
                                             .arg(table(r.from), QLatin1String(r.field->name),
                                                  IdSet::select())))
                    return log.error();
            }
        }
        if (!log.deleted(entity, IdSet::select()))
            return log.error();
    }
    for (const QString &sql : steps) {
        QSqlQuery q(db);
        QString error;
        if (!execBound(q, sql, {}, &error))
            return error;
        if (!step())
            return cancelled;
    }
    if (const QString error = IdSet::drop(db); !error.isEmpty())
        return error;
    return tx.commit();
}

QString RecordStore::refusal(Entity entity, DeleteRule rule) const
{
    // The server would skip, without a word, the rows that are not the rep's: the delete
    // would be half done. Asked for the records and for what the delete changes with them.
    const RowSecurity security(m_connection);
    if (const QString refused = security.refusal(entity, IdSet::select()); !refused.isEmpty())
        return refused;
    for (const Reference &r : dependentReferences(entity)) {
        if (rule == DeleteRule::Refuse && r.from != Entity::Activity)
            continue; // a record depending on them refuses the delete anyway
        const QString ids = QStringLiteral("SELECT id FROM %1 WHERE %2 IN (%3)")
                                .arg(table(r.from), QLatin1String(r.field->name),
                                     IdSet::select());
        if (const QString refused = security.refusal(r.from, ids); !refused.isEmpty())
            return refused;
    }
    return {};
}

QList<QPair<qint64, QString>> RecordStore::names(Entity entity) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT id, %2 FROM %1 ORDER BY %3, id")
               .arg(table(entity), nameSql(entity), nameColumns(entity).join(QLatin1Char(','))));
    QList<QPair<qint64, QString>> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString()});
    return out;
}

QList<QVariantMap> RecordStore::referencing(Entity entity, const QString &field, qint64 id) const
{
    QList<QVariantMap> out;
    const FieldDef *f = findField(entity, field);
    if (!f || f->type != FieldType::Reference)
        return out; // also keeps anything but a known column name out of the SQL
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    QStringList order = nameColumns(entity); // people by last name, then first
    std::reverse(order.begin(), order.end());
    q.prepare(QStringLiteral("SELECT * FROM %1 WHERE %2 = ? ORDER BY %3, id")
                  .arg(table(entity), QLatin1String(f->name), order.join(QLatin1Char(','))));
    q.addBindValue(id);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(rowToMap(q));
    return out;
}

QList<QPair<qint64, QString>> RecordStore::names(Entity entity, const QString &text,
                                                 int limit) const
{
    const QString name = nameSql(entity);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, %2 FROM %1 WHERE search_key LIKE ? ESCAPE '\\' "
                             "ORDER BY CASE WHEN LOWER(%2) = LOWER(?) THEN 0 ELSE 1 END, %3, id "
                             "LIMIT ?")
                  .arg(table(entity), name, nameColumns(entity).join(QLatin1Char(','))));
    q.addBindValue(SearchKey::likePattern(text));
    q.addBindValue(text.trimmed());
    q.addBindValue(limit);
    QList<QPair<qint64, QString>> out;
    if (!q.exec())
        return out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString()});
    return out;
}

int RecordStore::count(Entity entity) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table(entity))) && q.next()
        ? q.value(0).toInt() : 0;
}

QString RecordStore::nameOf(Entity entity, qint64 id) const
{
    const std::optional<QVariantMap> values = load(entity, id);
    return values ? displayName(entity, *values) : QString();
}

} // namespace Rapport
