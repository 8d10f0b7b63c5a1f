#pragma once
// The undo step a bulk reassign leaves on the window's QUndoStack, like the board's
// MoveDealCommand: the first redo assigns, undo gives each record its owner back, redo
// assigns again - each refused, as a whole, if an owner was changed since by anything else.

#include "records/fielddef.h"
#include "storage/ownerassignment.h"

#include <QUndoCommand>

#include <functional>

namespace Rapport {

class AssignOwnerCommand : public QUndoCommand
{
public:
    // Told after each step: whether it was the assignment itself, whether it wrote, and if
    // not, why.
    using Done = std::function<void(bool first, bool ok, const QString &error)>;

    AssignOwnerCommand(Entity entity, const QList<qint64> &ids, const QString &owner,
                       const QString &connection, Done done);

    void undo() override;
    void redo() override;
    // How many records changed owner.
    qsizetype changed() const { return m_changes.size(); }

private:
    Entity m_entity;
    QList<qint64> m_ids;
    QString m_owner, m_connection;
    Done m_done;
    QList<OwnerChange> m_changes;
    bool m_first = true;
};

} // namespace Rapport
