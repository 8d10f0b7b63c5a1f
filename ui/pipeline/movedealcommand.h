#pragma once
// The undo step a board move leaves on the window's QUndoStack: undo writes back what the
// move changed (stage, probability, close reason), redo moves the deal again. Each is
// refused (and the board says why) if those fields were changed since by anything but this
// stack's own steps (a form, another window, another rep): an undo never overwrites later
// work, and edits of other fields stay as they are.

#include <QUndoCommand>
#include <QVariantMap>

#include <functional>

namespace Rapport {

class MoveDealCommand : public QUndoCommand
{
public:
    // Told after each move, undo and redo: whether it wrote, and if not, why (in words).
    using Done = std::function<void(bool first, bool ok, const QString &error)>;

    // Moves the deal on redo() (QUndoStack::push calls it); a move that fails is obsolete
    // and leaves the stack.
    MoveDealCommand(qint64 dealId, const QString &stage, const QString &reason,
                    const QString &connection, Done done);

    void undo() override;
    void redo() override;

private:
    qint64 m_deal;
    QString m_stage, m_reason, m_connection;
    Done m_done;
    // Writes `values` if the deal's fields hold `expected` now; false with a reason if not.
    bool writeIf(const QVariantMap &expected, const QVariantMap &values, QString *error) const;

    QVariantMap m_previous; // the moved fields before the move
    QVariantMap m_moved;    // the moved fields after it
    bool m_first = true;
};

} // namespace Rapport
