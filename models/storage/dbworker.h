#pragma once
// Runs one piece of database work (an import, a check pass, an export) on a thread of its
// own with a connection of its own, so that the window stays responsive: SQLite
// connections belong to the thread that opened them, so the worker opens a clone of the
// window's connection, uses it and closes it again. Results come back to the GUI thread
// through queued calls on this object; destroying it cancels and waits for the work.

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <thread>

namespace Rapport {

class DbWorker : public QObject
{
    Q_OBJECT

public:
    explicit DbWorker(const QString &sourceConnection, QObject *parent = nullptr);
    ~DbWorker() override;

    // `job` runs on the worker thread with the name of its own connection; `done` then runs
    // on this object's thread with "" or the reason the connection could not be opened.
    // False if work is still running.
    bool start(std::function<void(const QString &connection)> job,
               std::function<void(const QString &error)> done);
    bool isRunning() const { return m_running; }

    void cancel() { m_cancel = true; }
    const std::atomic_bool *cancelFlag() const { return &m_cancel; }
    // From the worker thread: `call` runs on this object's thread, unless it is gone.
    void post(std::function<void()> call);

    // For tests: called on the worker thread before each job, with its connection open, so
    // that a test can hold the work there ("the delete is running now") and see what the
    // window does meanwhile, instead of waiting a while.
    using Gate = void (*)();
    static void setGate(Gate gate);

private:
    void join();

    QString m_source;
    std::thread m_thread;
    std::atomic_bool m_cancel = false;
    bool m_running = false;
};

} // namespace Rapport
