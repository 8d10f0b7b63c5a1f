#pragma once
// Checks a record's values against its field descriptions before anything is written.
// Used by the forms, the importer and the command line alike.

#include "records/fielddef.h"

#include <QList>
#include <QString>
#include <QVariantMap>

namespace Rapport {

struct FieldError {
    QString field;    // column name
    QString message;  // a sentence for the user, naming the field
};

namespace Validation {
bool isValidEmail(const QString &email);
// Whether a required field missing from the values is an error: a new record must have
// it, an update that leaves the field as it is need not give it.
enum class Required { MustBeGiven, IfGiven };
// Empty list: the values may be saved. Only fields present in `values` are checked,
// except required fields, which must be present and not blank (unless Required::IfGiven).
// Check the values as the user gave them, before normalised(): that turns "12abc" into 0.
QList<FieldError> check(Entity entity, const QVariantMap &values,
                        Required required = Required::MustBeGiven);
// Trims text and turns blank strings into NULL, numbers into numbers, bools into 0/1.
QVariantMap normalised(Entity entity, const QVariantMap &values);
} // namespace Validation

} // namespace Rapport
