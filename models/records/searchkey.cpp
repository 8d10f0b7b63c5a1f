#include "records/searchkey.h"

#include "records/recordtypes.h"

namespace Rapport::SearchKey {

namespace {

// Lower-case letters without a decomposition, and how they are spelled without them.
struct SpelledOut {
    char16_t letter;
    const char *spelling;
};
constexpr SpelledOut Spellings[] = {
    {u'ß', "ss"}, {u'æ', "ae"}, {u'œ', "oe"}, {u'ø', "o"}, {u'ł', "l"},
    {u'đ', "d"}, {u'ð', "d"}, {u'þ', "th"}, {u'ı', "i"},
};

} // namespace

QString spelledOutLetters()
{
    QString letters;
    for (const SpelledOut &s : Spellings)
        letters.append(QChar(s.letter));
    return letters;
}

QString fold(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString marksRemoved;
    marksRemoved.reserve(decomposed.size());
    for (QChar c : decomposed) {
        const auto cat = c.category();
        if (cat == QChar::Mark_NonSpacing || cat == QChar::Mark_SpacingCombining
            || cat == QChar::Mark_Enclosing)
            continue;
        marksRemoved.append(c);
    }
    const QString lower = marksRemoved.toCaseFolded();
    QString out;
    out.reserve(lower.size());
    for (QChar c : lower) {
        if (c.unicode() < u'ß') { // below all of them: most text
            out.append(c);
            continue;
        }
        const SpelledOut *found = nullptr;
        for (const SpelledOut &s : Spellings) {
            if (c.unicode() == s.letter)
                found = &s;
        }
        if (found)
            out.append(QLatin1String(found->spelling));
        else
            out.append(c);
    }
    return out.simplified();
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
