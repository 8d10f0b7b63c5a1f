#pragma once
// A probe on the GUI thread for the benchmarks: a 1 ms timer that notes the longest time the
// event loop went without turning. Work that holds the GUI thread (a query, a layout, a
// paint) shows up as a gap longer than one frame (16 ms). take() returns the longest gap since
// the last take(); longest() the longest since the probe started.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <algorithm>

namespace Rapport {

class GuiGapProbe
{
public:
    GuiGapProbe()
    {
        m_clock.start();
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
        m_timer.start(1);
    }

    // The longest gap (ms) since the last take(), counting the one still running.
    double take()
    {
        tick();
        const double gap = m_since;
        m_since = 0;
        return gap;
    }
    double longest()
    {
        tick();
        return m_longest;
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        const double gap = (now - m_last) / 1e6;
        m_last = now;
        m_since = std::max(m_since, gap);
        m_longest = std::max(m_longest, gap);
    }

    QElapsedTimer m_clock;
    QTimer m_timer;
    qint64 m_last = 0;
    double m_since = 0;
    double m_longest = 0;
};

} // namespace Rapport
