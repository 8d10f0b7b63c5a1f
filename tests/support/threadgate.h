#pragma once
// Holds background work on its thread as it is about to start, so that a test knows "the
// slow request is running now" and can look at the window meanwhile, instead of waiting a
// while and hoping it is. One gate per kind of worker:
//   ReaderGate  the tabs' background reads (BackgroundIdReader's DbWorker)
//   PageGate    the tabs' page reads (PageReader's DbWorker)
//   WorkerGate  the other DbWorker jobs (an import, a check, a delete)
//   CheckpointGate  the log copied into an SQLite file (Checkpointer)
#include "lists/backgroundidreader.h"
#include "lists/pagereader.h"
#include "storage/dbworker.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

// The standard library's lock and condition, not QSemaphore: ThreadSanitizer sees through
// them, so the hand-over at the gate is not taken for a race.
template <void (*SetGate)(void (*)())>
class ThreadGate
{
public:
    ThreadGate()
    {
        {
            std::lock_guard lock(s_mutex);
            s_held = 0;
            s_open = 0;
        }
        SetGate(&hold);
    }
    ~ThreadGate() { open(); }
    ThreadGate(const ThreadGate &) = delete;
    ThreadGate &operator=(const ThreadGate &) = delete;

    // True once work is held at the gate (blocks this thread until then, or the timeout).
    bool waitUntilHeld(int timeoutMs = 30000)
    {
        std::unique_lock lock(s_mutex);
        if (!s_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                [] { return s_held > 0; }))
            return false;
        --s_held;
        return true;
    }
    // Whether work is held now; does not wait, so that the test's own thread (the
    // window's) goes on meanwhile: use it in QTRY_VERIFY (which asks more than once).
    bool held() const
    {
        std::lock_guard lock(s_mutex);
        return s_held > 0;
    }
    // Lets the work held now run; the next is held again.
    void letOneThrough()
    {
        std::unique_lock lock(s_mutex);
        s_changed.wait(lock, [] { return s_held > 0; });
        --s_held;
        ++s_open;
        s_changed.notify_all();
    }
    // Lets all held work run, and all later work pass.
    void open()
    {
        SetGate(nullptr);
        std::lock_guard lock(s_mutex);
        s_open += Permits;
        s_changed.notify_all();
    }

private:
    static constexpr int Permits = 1000;
    static void hold()
    {
        std::unique_lock lock(s_mutex);
        ++s_held;
        s_changed.notify_all();
        s_changed.wait(lock, [] { return s_open > 0; });
        --s_open;
    }
    static inline std::mutex s_mutex;
    static inline std::condition_variable s_changed;
    static inline int s_held = 0; // work waiting at the gate, not yet seen by the test
    static inline int s_open = 0; // permits to pass
};

using ReaderGate = ThreadGate<&Rapport::BackgroundIdReader::setGate>;
using PageGate = ThreadGate<&Rapport::PageReader::setGate>;

inline void setJobGate(Rapport::DbWorker::Gate gate)
{
    Rapport::DbWorker::setGate(Rapport::DbWorker::Purpose::Jobs, gate);
}
using WorkerGate = ThreadGate<&setJobGate>;

inline void setCheckpointGate(Rapport::DbWorker::Gate gate)
{
    Rapport::DbWorker::setGate(Rapport::DbWorker::Purpose::Checkpoints, gate);
}
using CheckpointGate = ThreadGate<&setCheckpointGate>;
