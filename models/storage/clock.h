#pragma once
// The time every write stamps (created, modified, noted, converted, imported). It reads the
// system clock; a test sets its own source instead of sleeping to get a later time stamp.
#include <QDateTime>
#include <QString>

namespace Rapport {

class Clock
{
public:
    using Source = QDateTime (*)();
    // Now, in UTC.
    static QDateTime now();
    // Replaces the system clock (nullptr: back to it). Set before any work starts.
    static void setSource(Source source);
};

// Now as stored in the database: ISO 8601 in UTC, with milliseconds.
QString nowUtc();

} // namespace Rapport
