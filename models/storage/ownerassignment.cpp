#include "storage/ownerassignment.h"

#include "records/recordtypes.h"
#include "storage/changelog.h"
#include "storage/recordstore.h"
#include "storage/transaction.h"
#include "storage/userdirectory.h"

namespace Rapport {

namespace {

const QString OwnerField = QStringLiteral("owner");

} // namespace

OwnerAssignment::OwnerAssignment(const QString &connectionName)
    : m_connection(connectionName)
{
}

AssignResult OwnerAssignment::assign(Entity entity, const QList<qint64> &ids, const QString &owner)
{
    AssignResult result;
    if (!findField(entity, OwnerField)) {
        result.error = tr("%1 have no owner.").arg(entityPlural(entity));
        return result;
    }
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive()) {
        result.error = tx.error();
        return result;
    }
    const QString name = owner.simplified().isEmpty()
        ? QString() : UserDirectory(m_connection).ensure(owner, &result.error);
    if (name.isEmpty()) {
        if (result.error.isEmpty())
            result.error = tr("Choose the user to assign them to.");
        return result;
    }
    RecordStore store(m_connection);
    const FieldDef &field = *findField(entity, OwnerField);
    for (qint64 id : ids) {
        const std::optional<QVariantMap> row = store.load(entity, id);
        if (!row) {
            result.error = tr("There is no %1 with id %2; nobody was assigned anything.")
                               .arg(entityNoun(entity)).arg(id);
            result.unknownRecord = true;
            result.changes.clear();
            return result;
        }
        const QVariant before = row->value(OwnerField);
        if (!ChangeLog::differs(field, before, name))
            continue;
        // Through the store, as a save: the change logged, the version counted up.
        const WriteResult w = store.update(entity, id, {{OwnerField, name}});
        if (!w.ok()) {
            result.error = w.error.isEmpty() ? w.fieldErrors.value(0).message : w.error;
            result.refused = w.refused;
            result.changes.clear();
            return result;
        }
        result.changes.append({id, before, name});
    }
    result.error = tx.commit();
    if (!result.ok())
        result.changes.clear();
    return result;
}

QString OwnerAssignment::writeIf(Entity entity, const QList<OwnerChange> &changes, bool forward)
{
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive())
        return tx.error();
    RecordStore store(m_connection);
    const FieldDef &field = *findField(entity, OwnerField);
    for (const OwnerChange &c : changes) {
        const QVariant expected = forward ? c.before : QVariant(c.after);
        const QVariant wanted = forward ? QVariant(c.after) : c.before;
        const std::optional<QVariantMap> row = store.load(entity, c.id);
        if (!row)
            return tr("%1 %2 was deleted since, so nothing was done.")
                .arg(entitySingular(entity)).arg(c.id);
        if (ChangeLog::differs(field, row->value(OwnerField), expected))
            return tr("The owner of %1 “%2” was changed since, so nothing was done; open it to "
                      "see who has it.").arg(entityNoun(entity), displayName(entity, *row));
        const WriteResult w = store.update(entity, c.id, {{OwnerField, wanted}});
        if (!w.ok())
            return w.error.isEmpty() ? w.fieldErrors.value(0).message : w.error;
    }
    return tx.commit();
}

QString OwnerAssignment::revert(Entity entity, const QList<OwnerChange> &changes)
{
    return writeIf(entity, changes, false);
}

QString OwnerAssignment::reapply(Entity entity, const QList<OwnerChange> &changes)
{
    return writeIf(entity, changes, true);
}

} // namespace Rapport
