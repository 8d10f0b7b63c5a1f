#include "records/recurrence.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include "records/icaltime.h"

#include <libical/ical.h>

namespace Rapport::Recurrence {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::Recurrence", text);
}

// The rule as libical takes it: without a leading "RRULE:", upper case.
QByteArray normalised(const QString &rule)
{
    QString r = rule.trimmed();
    if (r.startsWith(QLatin1String("RRULE:"), Qt::CaseInsensitive))
        r = r.mid(6);
    return r.toUpper().toUtf8();
}

} // namespace

bool read(const QString &rule, icalrecurrencetype *out)
{
    const QByteArray text = normalised(rule);
    if (text.isEmpty())
        return false;
    icalerror_clear_errno();
    // Errors are answered here, not by libical aborting or printing.
    const ical_unknown_token_handling unknown = ical_get_unknown_token_handling_setting();
    ical_set_unknown_token_handling_setting(ICAL_DISCARD_TOKEN);
    *out = icalrecurrencetype_from_string(text.constData());
    ical_set_unknown_token_handling_setting(unknown);
    const bool bad = out->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR;
    icalerror_clear_errno();
    return !bad;
}

QString check(const QString &rule)
{
    icalrecurrencetype r;
    if (!read(rule, &r))
        return tr("“%1” is not a repeat rule (for example FREQ=WEEKLY;BYDAY=MO or "
                  "FREQ=MONTHLY;BYDAY=3TU;COUNT=6).").arg(rule.trimmed());
    return {};
}

std::optional<Next> after(const QString &rule, const QDateTime &due)
{
    icalrecurrencetype r;
    if (!due.isValid() || !read(rule, &r))
        return std::nullopt;
    if (r.count == 1)
        return std::nullopt; // this was the last one
    const icaltimetype start = IcalTime::floating(due);
    icalrecur_iterator *it = icalrecur_iterator_new(r, start);
    if (!it)
        return std::nullopt;
    std::optional<Next> next;
    // The first occurrence is the series' start (this one) when it matches the rule; the one
    // wanted is the first after it.
    for (int guard = 0; guard < 1000; ++guard) {
        const icaltimetype t = icalrecur_iterator_next(it);
        if (icaltime_is_null_time(t))
            break;
        if (icaltime_compare(t, start) <= 0)
            continue;
        Next n;
        n.due = IcalTime::fromFloating(t);
        n.rule = QString::fromUtf8(normalised(rule));
        if (r.count > 1) {
            static const QRegularExpression count(QStringLiteral("COUNT=\\d+"));
            n.rule.replace(count, QStringLiteral("COUNT=%1").arg(r.count - 1));
        }
        next = n;
        break;
    }
    icalrecur_iterator_free(it);
    return next;
}

} // namespace Rapport::Recurrence
