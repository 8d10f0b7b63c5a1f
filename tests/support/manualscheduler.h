#pragma once
// A scheduler for ConnectionWatch's waits between reconnection attempts: nothing runs until
// the test says so, instead of a test that sleeps through a back-off.
#include "storage/connectionwatch.h"

#include <functional>
#include <utility>
#include <vector>

struct ManualScheduler {
    std::vector<std::pair<int, std::function<void()>>> pending;

    Rapport::ConnectionWatch::Scheduler function()
    {
        return [this](int ms, std::function<void()> call) {
            pending.emplace_back(ms, std::move(call));
        };
    }
    // Runs the oldest waiting call; returns its delay, or -1 if none waited.
    int runNext()
    {
        if (pending.empty())
            return -1;
        auto [ms, call] = std::move(pending.front());
        pending.erase(pending.begin());
        call();
        return ms;
    }
};
