#include "storage/clock.h"

#include <atomic>

namespace Rapport {

namespace {
std::atomic<Clock::Source> g_source = nullptr;
} // namespace

QDateTime Clock::now()
{
    const Source source = g_source.load();
    return source ? source().toUTC() : QDateTime::currentDateTimeUtc();
}

void Clock::setSource(Source source)
{
    g_source = source;
}

QString nowUtc()
{
    return Clock::now().toString(Qt::ISODateWithMs);
}

} // namespace Rapport
