#pragma once
// Rapport's one way to do database work off the window's thread: a thread of its own with a
// connection of its own (SQLite connections belong to the thread that opened them), which
// runs the jobs given to it one at a time — an import, a check pass, an export, a delete,
// a tab's count or ids. The connection is a clone of the window's, opened on the worker's
// thread for its first job and kept until the worker goes. Results come back to the GUI
// thread through queued calls on this object; destroying it cancels, stops the statement
// running (SQLite) and waits for the thread.

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace Rapport {

class DbWorker : public QObject
{
    Q_OBJECT

public:
    // What the worker is for, so that a test can hold one kind of work and not the other.
    // Reads: a tab's count and ordered ids; Pages: the rows of one page of a tab;
    // Checkpoints: SQLite's log copied into the file (storage/checkpointer.h).
    enum class Purpose { Jobs, Reads, Pages, Checkpoints };

    explicit DbWorker(const QString &sourceConnection, QObject *parent = nullptr,
                      Purpose purpose = Purpose::Jobs);
    ~DbWorker() override;

    // `job` runs on the worker thread with the name of its connection; `done` then runs
    // on this object's thread with "" or the reason the connection could not be opened.
    // False if work is still running.
    bool start(std::function<void(const QString &connection)> job,
               std::function<void(const QString &error)> done);
    bool isRunning() const { return m_running; }

    // Asks the job to stop at its next look at cancelFlag(); it rolls back what it began.
    void cancel() { m_cancel = true; }
    const std::atomic_bool *cancelFlag() const { return &m_cancel; }
    // Stops the statement running now, if the engine can (SQLite; see canInterrupt()): for
    // a read whose answer nobody wants any more. The job sees the statement fail.
    void interrupt();
    static bool canInterrupt();
    // From the worker thread: `call` runs on this object's thread, unless it is gone.
    void post(std::function<void()> call);

    // For tests: called on the worker thread before each job of `purpose`, with its
    // connection open, so that a test can hold the work there ("the delete is running now")
    // and see what the window does meanwhile, instead of waiting a while.
    using Gate = void (*)();
    static void setGate(Purpose purpose, Gate gate);

Q_SIGNALS:
    // From the worker thread: a call is waiting in m_posted (queued to this object's thread).
    void posted(QPrivateSignal);

private:
    void run();
    // On this object's thread: runs the oldest call post() left.
    void deliver();
    // On the worker thread: opens its connection for the first job (again after a failure).
    QString openConnection();

    QString m_source;
    Purpose m_purpose;
    std::thread m_thread; // the standard library's: its join is one ThreadSanitizer sees
    std::atomic_bool m_cancel = false;
    bool m_running = false; // GUI thread: from start() until `done`
    // The standard library's, not Qt's: ThreadSanitizer sees through them (Qt's own
    // libraries are not built with it, so a wait inside QWaitCondition is invisible to it).
    std::mutex m_mutex; // guards the members below it
    std::condition_variable m_wake;
    std::function<void()> m_job; // given to the thread, not yet taken
    void *m_handle = nullptr; // the worker connection's sqlite3*, while a job runs
    bool m_quit = false;
    QString m_connection; // the worker thread's own; "" until a job opened it
    int m_generation = 0; // the window connection's ConnectionWatch::generation() it was cloned at
    // What post() hands to this object's thread, in order. Handed over under a lock of the
    // standard library's, so that ThreadSanitizer sees the worker's writes (a job's result)
    // happen before the window's thread reads them: Qt's event queue, which only wakes the
    // window's thread (posted()), is not built with it, and nothing of Rapport's travels in it.
    std::mutex m_postedMutex;
    std::deque<std::function<void()>> m_posted;
};

} // namespace Rapport
