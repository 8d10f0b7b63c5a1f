#include "records/valuetext.h"

#include "records/repeatpattern.h"

#include "records/moments.h"
#include "records/recordtypes.h"

#include <QCoreApplication>
#include <QDate>

namespace Rapport {

QString valueText(const FieldDef &field, const QVariant &value, const QLocale &locale)
{
    if (value.isNull() || value.toString().isEmpty())
        return {};
    if (field.recurrence) // "Monthly on the third Tuesday", not its RRULE
        return RepeatPattern::describe(value.toString());
    bool ok = false;
    switch (field.type) {
    case FieldType::Decimal: {
        const double d = value.toDouble(&ok);
        return ok ? locale.toString(d, 'f', 2) : value.toString();
    }
    case FieldType::Integer: {
        const qlonglong n = value.toLongLong(&ok);
        return ok ? locale.toString(n) : value.toString();
    }
    case FieldType::Date: {
        const QDate date = QDate::fromString(value.toString(), Qt::ISODate);
        return date.isValid() ? locale.toString(date, QLocale::ShortFormat) : value.toString();
    }
    case FieldType::DateTime: {
        const QDateTime moment = Moments::fromStored(value.toString());
        return moment.isValid() ? Moments::display(moment, locale) : value.toString();
    }
    case FieldType::Bool:
        return value.toInt() ? QCoreApplication::translate("Rapport::Value", "Yes")
                             : QCoreApplication::translate("Rapport::Value", "No");
    case FieldType::Picklist:
        return picklistLabel(value.toString());
    default:
        return value.toString();
    }
}

} // namespace Rapport
