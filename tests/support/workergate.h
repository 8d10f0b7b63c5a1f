#pragma once
// Holds DbWorker jobs (an import, a delete) on their thread before they start, so that a
// test knows "the work is running now" and can look at the window meanwhile, instead of
// waiting a while and hoping it is.
#include "storage/dbworker.h"

#include <QSemaphore>

class WorkerGate
{
public:
    WorkerGate()
    {
        s_held.acquire(s_held.available());
        s_open.acquire(s_open.available());
        Rapport::DbWorker::setGate(&hold);
    }
    ~WorkerGate() { open(); }
    WorkerGate(const WorkerGate &) = delete;
    WorkerGate &operator=(const WorkerGate &) = delete;

    // Whether a job is held now; does not wait, so that the test's own thread (the
    // window's) goes on meanwhile: use it in QTRY_VERIFY (which asks more than once).
    bool held() const { return s_held.available() > 0; }
    // Lets the job held now run; the next one is held again.
    void letOneThrough()
    {
        s_held.acquire();
        s_open.release();
    }
    // Lets every held job run, and every later one pass.
    void open()
    {
        Rapport::DbWorker::setGate(nullptr);
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
