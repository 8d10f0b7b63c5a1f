#pragma once
// The undo step a board move leaves on the window's QUndoStack: undo writes back what the
// move changed (stage, probability, close reason), redo moves the deal again. Each is
// refused (and the board says why) if the deal was changed since (by a form, another window,
// another rep): an undo never overwrites later work.

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
    QVariantMap m_previous;
    qint64 m_version = 0; // the deal's, after the last write of this command
    bool m_first = true;
};

} // namespace Rapport
