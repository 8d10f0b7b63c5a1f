#include "records/searchkey.h"

#include "records/recordtypes.h"

namespace Rapport::SearchKey {

QString fold(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        const auto cat = c.category();
        if (cat == QChar::Mark_NonSpacing || cat == QChar::Mark_SpacingCombining
            || cat == QChar::Mark_Enclosing)
            continue;
        out.append(c);
    }
    return out.toCaseFolded().simplified();
}

QString compute(Entity entity, const QVariantMap &values)
{
    QStringList parts;
    for (const FieldDef &f : entityDef(entity).fields) {
        if (!f.searchable)
            continue;
        const QString v = values.value(QLatin1String(f.name)).toString();
        if (v.isEmpty())
            continue;
        parts << fold(v);
        if (f.type == FieldType::Phone) {
            QString digits;
            for (QChar c : v) {
                if (c.isDigit())
                    digits.append(c);
            }
            if (!digits.isEmpty() && digits != v)
                parts << digits;
        }
    }
    return parts.join(QLatin1Char(' '));
}

QString likePattern(const QString &userText)
{
    QString escaped;
    for (QChar c : fold(userText)) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
            escaped.append(QLatin1Char('\\'));
        escaped.append(c);
    }
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace Rapport::SearchKey
