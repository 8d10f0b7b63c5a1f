#pragma once
// A clock for tests: every write is stamped with a fixed time that moves only when the test
// says so, instead of a sleep "to get a later time stamp".
#include "storage/clock.h"

#include <QDateTime>

#include <mutex>

class TestClock
{
public:
    TestClock()
    {
        set(QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC));
        Rapport::Clock::setSource(&read);
    }
    ~TestClock() { Rapport::Clock::setSource(nullptr); }
    TestClock(const TestClock &) = delete;
    TestClock &operator=(const TestClock &) = delete;

    void advance(qint64 ms = 1000)
    {
        std::lock_guard lock(s_mutex);
        s_now = s_now.addMSecs(ms);
    }
    void set(const QDateTime &now)
    {
        std::lock_guard lock(s_mutex);
        s_now = now.toUTC();
    }
    static QDateTime now() { return read(); }

private:
    // Workers read the time (an import's stamps) while the test may move it.
    static QDateTime read()
    {
        std::lock_guard lock(s_mutex);
        return s_now;
    }
    static inline std::mutex s_mutex;
    static inline QDateTime s_now;
};
