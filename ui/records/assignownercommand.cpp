#include "records/assignownercommand.h"

#include "records/recordtypes.h"

#include <QCoreApplication>

namespace Rapport {

AssignOwnerCommand::AssignOwnerCommand(Entity entity, const QList<qint64> &ids,
                                       const QString &owner, const QString &connection, Done done)
    : m_entity(entity)
    , m_ids(ids)
    , m_owner(owner)
    , m_connection(connection)
    , m_done(std::move(done))
{
    setText(QCoreApplication::translate("Rapport::AssignOwnerCommand", "Assign to %1").arg(owner));
}

void AssignOwnerCommand::redo()
{
    OwnerAssignment assignment(m_connection);
    if (!m_first) {
        const QString error = assignment.reapply(m_entity, m_changes);
        m_done(false, error.isEmpty(), error);
        return;
    }
    m_first = false;
    const AssignResult r = assignment.assign(m_entity, m_ids, m_owner);
    m_changes = r.changes;
    if (!r.ok() || m_changes.isEmpty())
        setObsolete(true); // nothing changed: nothing to undo
    m_done(true, r.ok(), r.error);
}

void AssignOwnerCommand::undo()
{
    const QString error = OwnerAssignment(m_connection).revert(m_entity, m_changes);
    m_done(false, error.isEmpty(), error);
}

} // namespace Rapport
