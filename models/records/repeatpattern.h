#pragma once
// The repeat rules a rep picks from a form rather than types: every N days; every N weeks on
// some weekdays; every N months on a day of the month or on the first … fourth or last
// weekday; every N years — ending never, on a date, or after a number of times. Each is an
// RFC 5545 RRULE (records/recurrence.h reads and steps through it with libical); a rule that
// says more than these (BYHOUR, BYSETPOS, several month days, …) has no pattern and is kept
// as it is. Patterns also put a rule into words for the rep ("Monthly on the third Tuesday").

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace Rapport {

struct RepeatPattern
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::RepeatPattern)

public:
    enum class Frequency { Daily, Weekly, Monthly, Yearly };
    enum class MonthlyBy { DayOfMonth, Weekday };

    Frequency frequency = Frequency::Weekly;
    int interval = 1;
    QList<int> weekdays;     // weekly: Qt::DayOfWeek values (Monday 1 … Sunday 7); none = the due day's
    MonthlyBy monthlyBy = MonthlyBy::DayOfMonth;
    int monthDay = 1;        // monthly on a day: 1 … 31
    int position = 1;        // monthly on a weekday: 1 … 4, or -1 for the last
    int weekday = Qt::Monday; // monthly on a weekday: which one
    QDate until;             // ends on this date (invalid: no end date)
    int count = 0;           // ends after this many times (0: no count)

    // The pattern of `rule`; nullopt when libical cannot read it or it says more than a
    // pattern holds.
    static std::optional<RepeatPattern> read(const QString &rule);
    // The RRULE, e.g. "FREQ=MONTHLY;BYDAY=3TU;COUNT=6".
    QString rule() const;
    // The pattern in the rep's words: "Every 2 weeks on Monday, Wednesday, 6 times".
    QString text() const;
    // Any rule in words: its pattern's, or the rule itself when it has none; "" for none.
    static QString describe(const QString &rule);
    // What a calendar offers for an activity due on `day`: daily, every weekday, weekly on
    // its weekday, monthly on its weekday's place in the month and on its day, yearly.
    static QList<RepeatPattern> suggestions(const QDate &day);

    bool operator==(const RepeatPattern &other) const { return rule() == other.rule(); }
};

} // namespace Rapport
