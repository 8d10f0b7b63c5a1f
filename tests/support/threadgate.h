#pragma once
// Holds background work on its thread as it is about to start, so that a test knows "the
// slow request is running now" and can look at the window meanwhile, instead of waiting a
// while and hoping it is. One gate per kind of worker:
//   ReaderGate  the tabs' background reads (BackgroundIdReader's DbWorker)
//   WorkerGate  the other DbWorker jobs (an import, a check, a delete)
#include "lists/backgroundidreader.h"
#include "storage/dbworker.h"

#include <QSemaphore>

template <void (*SetGate)(void (*)())>
class ThreadGate
{
public:
    ThreadGate()
    {
        s_held.acquire(s_held.available());
        s_open.acquire(s_open.available());
        SetGate(&hold);
    }
    ~ThreadGate() { open(); }
    ThreadGate(const ThreadGate &) = delete;
    ThreadGate &operator=(const ThreadGate &) = delete;

    // True once work is held at the gate (blocks this thread until then, or the timeout).
    bool waitUntilHeld(int timeoutMs = 30000) { return s_held.tryAcquire(1, timeoutMs); }
    // Whether work is held now; does not wait, so that the test's own thread (the
    // window's) goes on meanwhile: use it in QTRY_VERIFY (which asks more than once).
    bool held() const { return s_held.available() > 0; }
    // Lets the work held now run; the next is held again.
    void letOneThrough()
    {
        s_held.acquire();
        s_open.release();
    }
    // Lets all held work run, and all later work pass.
    void open()
    {
        SetGate(nullptr);
        s_open.release(Permits);
    }

private:
    static constexpr int Permits = 1000;
    static void hold()
    {
        s_held.release();
        s_open.acquire();
    }
    static inline QSemaphore s_held{0};
    static inline QSemaphore s_open{0};
};

using ReaderGate = ThreadGate<&Rapport::BackgroundIdReader::setGate>;
inline void setJobGate(Rapport::DbWorker::Gate gate)
{
    Rapport::DbWorker::setGate(Rapport::DbWorker::Purpose::Jobs, gate);
}
using WorkerGate = ThreadGate<&setJobGate>;
