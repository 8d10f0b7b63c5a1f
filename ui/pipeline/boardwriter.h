#pragma once
// The board's writes (its moves, their undos and redos) off the window's thread: one worker
// with a connection of its own runs them one after the other, in the order given, so that
// an undo pressed before its move is written still comes after it. The window's thread only
// hands them over and hears back; it never waits for the database.

#include "pipeline/movedealcommand.h"

#include <QList>
#include <QObject>
#include <memory>

namespace Rapport {

class DbWorker;

class BoardWriter : public QObject
{
    Q_OBJECT

public:
    explicit BoardWriter(const QString &connection, QObject *parent = nullptr);
    // Writes still waiting are written before it goes: a move shown is a move kept.
    ~BoardWriter() override;

    // `after` runs on this object's thread with "" or why it was not written.
    void run(MoveDealCommand::Write write, std::function<void(const QString &error)> after);
    // Given to run() and not yet told done (counted down before `after` runs).
    int pending() const { return m_pending; }

private:
    struct Waiting {
        MoveDealCommand::Write write;
        std::function<void(const QString &)> after;
    };
    void startNext();

    QString m_connection;
    std::unique_ptr<DbWorker> m_worker;
    QList<Waiting> m_waiting;
    int m_pending = 0;
};

} // namespace Rapport
