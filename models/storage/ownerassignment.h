#pragma once
// Bulk reassign: gives many records of one type another owner in one transaction, each
// change logged as a form's save logs it (Owner: old → new) and the new owner made one of the
// users. It says what it changed, so that an undo can put the owners back - refused, as a
// whole, if any of those records has had its owner changed since.

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QVariant>

namespace Rapport {

struct OwnerChange {
    qint64 id = 0;
    QVariant before; // the owner it had (NULL: none)
    QString after;   // the owner it was given
};

struct AssignResult {
    QString error;              // "" when done
    bool unknownRecord = false; // refused: one of the ids is no record (nothing written)
    bool refused = false;       // refused: one is not the rep's (nothing written)
    QList<OwnerChange> changes; // the records whose owner changed (those that had it already: not)
    bool ok() const { return error.isEmpty(); }
};

class OwnerAssignment
{
    Q_DECLARE_TR_FUNCTIONS(OwnerAssignment)

public:
    explicit OwnerAssignment(const QString &connectionName);

    AssignResult assign(Entity entity, const QList<qint64> &ids, const QString &owner);
    // Undo: each record's owner back to `before`, if it is still `after`. "" or why not.
    QString revert(Entity entity, const QList<OwnerChange> &changes);
    // Redo: `after` again, if each record's owner is still `before`. "" or why not.
    QString reapply(Entity entity, const QList<OwnerChange> &changes);

private:
    QString writeIf(Entity entity, const QList<OwnerChange> &changes, bool forward);
    QString m_connection;
};

} // namespace Rapport
