#pragma once
// Moments (DateTime fields: an activity's due time, its end, when it was done): stored in UTC
// as ISO 8601 with a "Z", so that they sort as text and mean the same on every machine and
// on both engines; read and shown in the user's local time zone.

#include <QDateTime>
#include <QLocale>
#include <QString>

namespace Rapport::Moments {

// "2026-12-31T14:30:00Z"; "" for an invalid moment.
QString toStored(const QDateTime &moment);
// The stored text as a moment (any ISO 8601 form, a "Z" or an offset; without either it is
// read as UTC, as Rapport stores it); invalid when it is none.
QDateTime fromStored(const QString &text);

// What a user typed or a file holds, read in local time unless it names its zone: ISO 8601
// ("2026-12-31T14:30", "2026-12-31 14:30:00+01:00", "…Z"), the locale's short date and time
// ("31/12/2026 14:30"), or a date alone, which means 09:00 that day. Invalid when none fits.
QDateTime parse(const QString &text, const QLocale &locale = QLocale());

// As the user reads it: the local date and time in the locale's short formats, with a
// four-digit year ("31/12/2026 14:30").
QString display(const QDateTime &moment, const QLocale &locale = QLocale());
// The format display() writes and parse() reads back.
QString displayFormat(const QLocale &locale = QLocale());
// The locale's short date format with a four-digit year ("dd.MM.yyyy"): a two-digit year
// is ambiguous when typed and shown (1926 or 2026?).
QString dateFormat(const QLocale &locale = QLocale());

} // namespace Rapport::Moments
