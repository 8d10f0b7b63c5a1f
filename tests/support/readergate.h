#pragma once
// Holds the tabs' background queries as they are about to run, so that a test knows "the
// slow request is running now" instead of waiting a while and hoping it is.
#include "lists/backgroundidreader.h"

#include <QSemaphore>

class ReaderGate
{
public:
    ReaderGate()
    {
        s_held.acquire(s_held.available());
        s_open.acquire(s_open.available());
        Rapport::BackgroundIdReader::setGate(&hold);
    }
    ~ReaderGate() { open(); }
    ReaderGate(const ReaderGate &) = delete;
    ReaderGate &operator=(const ReaderGate &) = delete;

    // True once a query is held at the gate.
    bool waitUntilHeld(int timeoutMs = 30000) { return s_held.tryAcquire(1, timeoutMs); }
    // Lets every held query run, and every later one pass.
    void open()
    {
        Rapport::BackgroundIdReader::setGate(nullptr);
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
