#include "records/moments.h"

#include <QTimeZone>

namespace Rapport::Moments {

QString dateFormat(const QLocale &locale)
{
    QString format = locale.dateFormat(QLocale::ShortFormat);
    if (!format.contains(QLatin1String("yyyy")))
        format.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return format;
}

QString toStored(const QDateTime &moment)
{
    if (!moment.isValid())
        return {};
    return moment.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
}

QDateTime fromStored(const QString &text)
{
    QDateTime d = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!d.isValid())
        return {};
    if (d.timeSpec() == Qt::LocalTime) // no zone written: Rapport wrote it, in UTC
        d.setTimeZone(QTimeZone::utc());
    return d.toUTC();
}

QString displayFormat(const QLocale &locale)
{
    return dateFormat(locale) + QLatin1Char(' ') + locale.timeFormat(QLocale::ShortFormat);
}

QString display(const QDateTime &moment, const QLocale &locale)
{
    if (!moment.isValid())
        return {};
    return locale.toString(moment.toLocalTime(), displayFormat(locale));
}

QDateTime parse(const QString &input, const QLocale &locale)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return {};
    // A day alone: nine in the morning, the start of a working day.
    if (!text.contains(QLatin1Char(':'))) {
        QDate day = locale.toDate(text, dateFormat(locale));
        if (!day.isValid())
            day = QDate::fromString(text, Qt::ISODate);
        return day.isValid() ? QDateTime(day, QTime(9, 0)).toUTC() : QDateTime();
    }
    // ISO 8601, "T" or a space between date and time; a zone when one is written.
    QString iso = text;
    if (iso.size() > 10 && iso.at(10) == QLatin1Char(' '))
        iso[10] = QLatin1Char('T');
    QDateTime d = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (d.isValid())
        return d.toUTC(); // a moment without a zone is local time (Qt::LocalTime)
    // The locale's way, with the time in its short or long format.
    for (const QString &format :
         {displayFormat(locale),
          dateFormat(locale) + QLatin1Char(' ') + locale.timeFormat(QLocale::LongFormat)}) {
        d = locale.toDateTime(text, format);
        if (d.isValid())
            return d.toUTC();
    }
    return {};
}

} // namespace Rapport::Moments
