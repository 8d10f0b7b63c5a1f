#include "records/repeatpattern.h"

#include "records/moments.h"
#include "records/recurrence.h"

#include <QLocale>

#include <libical/ical.h>

#include <algorithm>
#include <array>

namespace Rapport {

namespace {

constexpr std::array<const char *, 7> DayCodes = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

// libical counts Sunday 1 … Saturday 7; Qt Monday 1 … Sunday 7.
int qtDay(icalrecurrencetype_weekday d)
{
    return d == ICAL_SUNDAY_WEEKDAY ? Qt::Sunday : int(d) - 1;
}

bool isEmpty(const short *list)
{
    return list[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

// The parts of a rule a pattern has no place for.
bool saysMore(const icalrecurrencetype &r)
{
    return !isEmpty(r.by_second) || !isEmpty(r.by_minute) || !isEmpty(r.by_hour)
        || !isEmpty(r.by_year_day) || !isEmpty(r.by_week_no) || !isEmpty(r.by_month)
        || !isEmpty(r.by_set_pos) || r.rscale || r.week_start != ICAL_MONDAY_WEEKDAY
        || r.interval < 1;
}

bool readDays(const icalrecurrencetype &r, RepeatPattern *p)
{
    for (int i = 0; i < ICAL_BY_DAY_SIZE && r.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
        const int position = icalrecurrencetype_day_position(r.by_day[i]);
        const int day = qtDay(icalrecurrencetype_day_day_of_week(r.by_day[i]));
        if (p->frequency == RepeatPattern::Frequency::Weekly && position == 0) {
            p->weekdays << day;
        } else if (p->frequency == RepeatPattern::Frequency::Monthly && i == 0
                   && ((position >= 1 && position <= 4) || position == -1)) {
            p->monthlyBy = RepeatPattern::MonthlyBy::Weekday;
            p->position = position;
            p->weekday = day;
        } else {
            return false;
        }
        if (p->frequency == RepeatPattern::Frequency::Monthly && r.by_day[i + 1] != ICAL_RECURRENCE_ARRAY_MAX)
            return false;
    }
    std::sort(p->weekdays.begin(), p->weekdays.end());
    return true;
}

bool readMonthDay(const icalrecurrencetype &r, RepeatPattern *p)
{
    if (isEmpty(r.by_month_day))
        return true;
    if (p->frequency != RepeatPattern::Frequency::Monthly
        || p->monthlyBy == RepeatPattern::MonthlyBy::Weekday
        || r.by_month_day[1] != ICAL_RECURRENCE_ARRAY_MAX || r.by_month_day[0] < 1)
        return false;
    p->monthDay = r.by_month_day[0];
    return true;
}

QString dayName(int day)
{
    return QLocale().dayName(day, QLocale::LongFormat);
}

QString ordinal(int position)
{
    static const std::array<const char *, 4> words = {
        QT_TRANSLATE_NOOP("Rapport::RepeatPattern", "first"),
        QT_TRANSLATE_NOOP("Rapport::RepeatPattern", "second"),
        QT_TRANSLATE_NOOP("Rapport::RepeatPattern", "third"),
        QT_TRANSLATE_NOOP("Rapport::RepeatPattern", "fourth")};
    if (position < 1 || position > 4)
        return RepeatPattern::tr("last");
    return QCoreApplication::translate("Rapport::RepeatPattern", words[position - 1]);
}

QString weeklyText(const RepeatPattern &p)
{
    if (p.weekdays == QList<int>{1, 2, 3, 4, 5} && p.interval == 1)
        return RepeatPattern::tr("Every weekday (Monday to Friday)");
    if (p.weekdays.isEmpty())
        return p.interval == 1 ? RepeatPattern::tr("Every week")
                               : RepeatPattern::tr("Every %n week(s)", nullptr, p.interval);
    QStringList days;
    for (int d : p.weekdays)
        days << dayName(d);
    const QString list = days.join(QLatin1String(", "));
    return p.interval == 1 ? RepeatPattern::tr("Weekly on %1").arg(list)
                           : RepeatPattern::tr("Every %n week(s) on %1", nullptr, p.interval).arg(list);
}

QString monthlyText(const RepeatPattern &p)
{
    const QString on = p.monthlyBy == RepeatPattern::MonthlyBy::DayOfMonth
        ? RepeatPattern::tr("on day %1").arg(p.monthDay)
        : RepeatPattern::tr("on the %1 %2").arg(ordinal(p.position), dayName(p.weekday));
    return p.interval == 1 ? RepeatPattern::tr("Monthly %1").arg(on)
                           : RepeatPattern::tr("Every %n month(s) %1", nullptr, p.interval).arg(on);
}

} // namespace

std::optional<RepeatPattern> RepeatPattern::read(const QString &rule)
{
    icalrecurrencetype r;
    if (!Recurrence::read(rule, &r) || saysMore(r))
        return std::nullopt;
    RepeatPattern p;
    switch (r.freq) {
    case ICAL_DAILY_RECURRENCE: p.frequency = Frequency::Daily; break;
    case ICAL_WEEKLY_RECURRENCE: p.frequency = Frequency::Weekly; break;
    case ICAL_MONTHLY_RECURRENCE: p.frequency = Frequency::Monthly; break;
    case ICAL_YEARLY_RECURRENCE: p.frequency = Frequency::Yearly; break;
    default: return std::nullopt; // hourly and finer: not an activity's
    }
    p.interval = r.interval;
    p.count = r.count;
    if (!icaltime_is_null_time(r.until))
        p.until = QDate(r.until.year, r.until.month, r.until.day);
    if (!readDays(r, &p) || !readMonthDay(r, &p))
        return std::nullopt;
    return p;
}

QString RepeatPattern::rule() const
{
    static const std::array<const char *, 4> names = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
    QStringList parts{QStringLiteral("FREQ=") + QLatin1String(names[int(frequency)])};
    if (interval > 1)
        parts << QStringLiteral("INTERVAL=%1").arg(interval);
    if (frequency == Frequency::Weekly && !weekdays.isEmpty()) {
        QStringList days;
        for (int d : weekdays)
            days << QLatin1String(DayCodes[(d - 1) % 7]);
        parts << QStringLiteral("BYDAY=") + days.join(QLatin1Char(','));
    } else if (frequency == Frequency::Monthly && monthlyBy == MonthlyBy::Weekday) {
        parts << QStringLiteral("BYDAY=%1%2").arg(position).arg(QLatin1String(DayCodes[(weekday - 1) % 7]));
    } else if (frequency == Frequency::Monthly) {
        parts << QStringLiteral("BYMONTHDAY=%1").arg(monthDay);
    }
    if (until.isValid())
        parts << QStringLiteral("UNTIL=") + until.toString(QStringLiteral("yyyyMMdd"));
    if (count > 0)
        parts << QStringLiteral("COUNT=%1").arg(count);
    return parts.join(QLatin1Char(';'));
}

QString RepeatPattern::text() const
{
    QString words;
    switch (frequency) {
    case Frequency::Daily:
        words = interval == 1 ? tr("Every day") : tr("Every %n day(s)", nullptr, interval);
        break;
    case Frequency::Weekly: words = weeklyText(*this); break;
    case Frequency::Monthly: words = monthlyText(*this); break;
    case Frequency::Yearly:
        words = interval == 1 ? tr("Every year") : tr("Every %n year(s)", nullptr, interval);
        break;
    }
    if (until.isValid())
        words = tr("%1, until %2").arg(words, QLocale().toString(until, Moments::dateFormat()));
    if (count > 0)
        words = tr("%1, %n time(s)", nullptr, count).arg(words);
    return words;
}

QString RepeatPattern::describe(const QString &rule)
{
    if (rule.trimmed().isEmpty())
        return {};
    const std::optional<RepeatPattern> p = read(rule);
    return p ? p->text() : rule.trimmed();
}

QList<RepeatPattern> RepeatPattern::suggestions(const QDate &day)
{
    QList<RepeatPattern> out;
    RepeatPattern p;
    p.frequency = Frequency::Daily;
    out << p;
    p.frequency = Frequency::Weekly;
    p.weekdays = {1, 2, 3, 4, 5};
    out << p;
    if (!day.isValid())
        return out;
    p.weekdays = {day.dayOfWeek()};
    out << p;
    p.frequency = Frequency::Monthly;
    p.monthlyBy = MonthlyBy::Weekday;
    p.weekday = day.dayOfWeek();
    if (day.day() <= 28) {
        p.position = (day.day() - 1) / 7 + 1;
        out << p;
    }
    if (day.day() + 7 > day.daysInMonth()) {
        p.position = -1;
        out << p;
    }
    p.monthlyBy = MonthlyBy::DayOfMonth;
    p.monthDay = day.day();
    out << p;
    p.frequency = Frequency::Yearly;
    out << p;
    return out;
}

} // namespace Rapport
