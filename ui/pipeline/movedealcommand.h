#pragma once
// The undo step a board move leaves on the window's QUndoStack: undo writes back what the
// move changed (stage, probability, close reason), redo moves the deal again. Each is
// refused (and the board says why) if those fields were changed since by anything but this
// stack's own steps (a form, another window, another rep): an undo never overwrites later
// work, and edits of other fields stay as they are. The writes are handed to the board,
// which runs them off the window's thread in the order given, so that a move never holds
// the window up (a slow disk, a checkpoint of the database, a busy server).

#include <QCoreApplication>
#include <QUndoCommand>
#include <QVariantMap>

#include <functional>
#include <memory>

namespace Rapport {

class MoveDealCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::MoveDealCommand)

public:
    // Runs on the board's worker thread with its connection: "" or why it did not write.
    using Write = std::function<QString(const QString &connection)>;
    // Runs `write` off the window's thread, one after the other in the order given; then
    // `after` on the window's thread with its outcome.
    using Runner = std::function<void(Write write, std::function<void(const QString &error)> after)>;
    // Told after each move, undo and redo: whether it wrote, and if not, why (in words).
    using Done = std::function<void(bool first, bool ok, const QString &error)>;

    // Moves the deal on redo() (QUndoStack::push calls it). The command returns at once;
    // `done` follows once the database has the move.
    MoveDealCommand(qint64 dealId, const QString &stage, const QString &reason, Runner run,
                    Done done);

    void undo() override;
    void redo() override;

private:
    // What the move changed, kept by the writes themselves: they run one after the other
    // on the worker's thread, so only that thread touches it, and an undo given before the
    // move is written finds it filled in.
    struct State {
        QVariantMap previous; // the moved fields before the move
        QVariantMap moved;    // the moved fields after it
        bool failed = false;  // the move itself was refused: nothing to undo
    };
    void write(bool back);

    qint64 m_deal;
    QString m_stage, m_reason;
    Runner m_run;
    Done m_done;
    std::shared_ptr<State> m_state = std::make_shared<State>();
    bool m_first = true;
};

} // namespace Rapport
