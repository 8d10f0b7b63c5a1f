#pragma once
// A clock for tests: every write is stamped with a fixed time that moves only when the test
// says so, instead of a sleep "to get a later time stamp".
#include "storage/clock.h"

#include <QDateTime>

class TestClock
{
public:
    TestClock()
    {
        s_now = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);
        Rapport::Clock::setSource(&read);
    }
    ~TestClock() { Rapport::Clock::setSource(nullptr); }
    TestClock(const TestClock &) = delete;
    TestClock &operator=(const TestClock &) = delete;

    void advance(qint64 ms = 1000) { s_now = s_now.addMSecs(ms); }
    void set(const QDateTime &now) { s_now = now.toUTC(); }
    static QDateTime now() { return s_now; }

private:
    static QDateTime read() { return s_now; }
    static inline QDateTime s_now;
};
