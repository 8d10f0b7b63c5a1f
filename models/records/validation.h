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
// Empty list: the values may be saved. Only fields present in `values` are checked,
// except required fields, which must be present and not blank.
QList<FieldError> check(Entity entity, const QVariantMap &values);
// Trims text and turns blank strings into NULL, numbers into numbers, bools into 0/1.
QVariantMap normalised(Entity entity, const QVariantMap &values);
} // namespace Validation

} // namespace Rapport
