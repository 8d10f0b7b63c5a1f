#pragma once
// How a stored value reads to the user, the same in every place that shows one (the tabs,
// related lists, the conversion summary, the forms' number fields): amounts with two
// decimals and numbers with group separators in the user's locale, dates in the locale's
// short format, yes or no, picklist values in the user's language. References read as the
// name of the record they point to, which only a caller with a database can look up.

#include "records/fielddef.h"

#include <QLocale>
#include <QString>
#include <QVariant>

namespace Rapport {

// "" for no value (NULL or empty).
QString valueText(const FieldDef &field, const QVariant &value, const QLocale &locale = QLocale());

} // namespace Rapport
