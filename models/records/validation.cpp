#include "records/validation.h"

#include "records/recurrence.h"
#include "records/moments.h"

#include "records/recordtypes.h"

#include <QCoreApplication>
#include <QDate>
#include <QRegularExpression>

namespace Rapport::Validation {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::Validation", text);
}

bool isBlank(const QVariant &v)
{
    return v.isNull() || v.toString().trimmed().isEmpty();
}

QString checkValue(const FieldDef &f, const QVariant &v)
{
    const QString text = v.toString().trimmed();
    bool ok = true;
    switch (f.type) {
    case FieldType::Email:
        if (!isValidEmail(text))
            return tr("%1: “%2” is not a valid email address.").arg(fieldLabel(f), text);
        break;
    case FieldType::Integer:
    case FieldType::Reference:
    {
        const qint64 n = text.toLongLong(&ok);
        if (!ok)
            return tr("%1: “%2” is not a whole number.").arg(fieldLabel(f), text);
        if (f.maximum > f.minimum && (n < f.minimum || n > f.maximum))
            return tr("%1: %2 is not between %3 and %4.")
                .arg(fieldLabel(f), text).arg(f.minimum).arg(f.maximum);
        break;
    }
    case FieldType::Decimal:
        text.toDouble(&ok);
        if (!ok)
            return tr("%1: “%2” is not a number.").arg(fieldLabel(f), text);
        break;
    case FieldType::Date:
        if (!QDate::fromString(text, Qt::ISODate).isValid())
            return tr("%1: “%2” is not a date (YYYY-MM-DD).").arg(fieldLabel(f), text);
        break;
    case FieldType::Text:
        if (f.recurrence)
            return Recurrence::check(text);
        break;
    case FieldType::DateTime:
        if (!Moments::fromStored(text).isValid())
            return tr("%1: “%2” is not a date and time (YYYY-MM-DDTHH:MM:SSZ).")
                .arg(fieldLabel(f), text);
        break;
    default:
        break;
    }
    return {};
}

bool isTrue(const QVariant &v)
{
    if (v.typeId() != QMetaType::QString)
        return v.toBool();
    static const QStringList yes = {"1", "true", "yes", "y", "x", "on", "checked", "ja", "oui"};
    return yes.contains(v.toString().trimmed().toLower());
}

} // namespace

bool isValidEmail(const QString &email)
{
    // Deliberately permissive (internationalised local parts and domains are fine) but
    // catches what a rep mistypes: spaces, missing @, missing or broken domain.
    static const QRegularExpression re(
        QStringLiteral(R"(^[^\s@"(),:;<>\[\]\\]+@[^\s@"(),:;<>\[\]\\.]+(\.[^\s@"(),:;<>\[\]\\.]+)+$)"));
    return re.match(email).hasMatch();
}

QList<FieldError> check(Entity entity, const QVariantMap &values, Required required)
{
    QList<FieldError> errors;
    for (const FieldDef &f : entityDef(entity).fields) {
        const QString name = QLatin1String(f.name);
        if (required == Required::IfGiven && !values.contains(name))
            continue;
        const QVariant v = values.value(name);
        if (isBlank(v)) {
            if (f.required)
                errors.append({name, tr("%1 is required.").arg(fieldLabel(f))});
            continue;
        }
        if (const QString message = checkValue(f, v); !message.isEmpty())
            errors.append({name, message});
    }
    return errors;
}

QVariantMap normalised(Entity entity, const QVariantMap &values)
{
    QVariantMap out;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const FieldDef *f = findField(entity, it.key());
        if (!f)
            continue;
        QVariant v = it.value();
        // A NUL is never part of a value (pasted from a binary file, or a broken export), and
        // PostgreSQL's text cannot hold one: it is dropped, the text around it kept.
        if (v.typeId() == QMetaType::QString && v.toString().contains(QChar::Null))
            v = v.toString().remove(QChar::Null);
        // A yes/no never answered (an empty cell of a file) stays unanswered.
        if (isBlank(v) && (f->type != FieldType::Bool || v.isNull())) {
            out.insert(it.key(), QVariant());
            continue;
        }
        const QString text = v.toString().trimmed();
        switch (f->type) {
        case FieldType::Integer:
        case FieldType::Reference:
            out.insert(it.key(), text.toLongLong());
            break;
        case FieldType::Decimal:
            out.insert(it.key(), text.toDouble());
            break;
        case FieldType::Bool:
            out.insert(it.key(), isTrue(v) ? 1 : 0);
            break;
        case FieldType::LongText:
            out.insert(it.key(), v.toString()); // keep the rep's line breaks and indentation
            break;
        default:
            out.insert(it.key(), text);
        }
    }
    return out;
}

} // namespace Rapport::Validation
