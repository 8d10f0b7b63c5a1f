#include "transfer/headermatcher.h"

#include "records/recordtypes.h"
#include "records/searchkey.h"

namespace Rapport {

namespace {

enum Quality { None = 0, Alias = 1, Own = 2 };

bool isRecordIdHeader(const QString &n)
{
    return n == QLatin1String("recordid") || n == QLatin1String("id");
}

// Outlook and Google call the salutation "Title" when they also have a job title column.
bool hasJobTitleColumn(const QStringList &normalised)
{
    for (const QString &n : normalised) {
        if (n == QLatin1String("jobtitle") || n == QLatin1String("organizationtitle")
            || n == QLatin1String("organization1title"))
            return true;
    }
    return false;
}

// Each field's aliases (FieldDef::aliases), normalised, in the order of the entity's fields.
const QList<QStringList> &normalisedAliases(Entity entity)
{
    static const auto all = [] {
        QList<QList<QStringList>> out;
        for (Entity e : allEntities()) {
            QList<QStringList> perField;
            for (const FieldDef &f : entityDef(e).fields) {
                QStringList aliases;
                for (const QString &a : QString::fromUtf8(f.aliases).split(QLatin1Char('|'), Qt::SkipEmptyParts))
                    aliases << HeaderMatcher::normalise(a);
                perField << aliases;
            }
            out << perField;
        }
        return out;
    }();
    return all[static_cast<int>(entity)];
}

} // namespace

HeaderMatcher::HeaderMatcher(Entity entity)
    : m_entity(entity)
{
}

QString HeaderMatcher::normalise(const QString &header)
{
    // Folded as the search folds ("Straße" is "strasse", "Société" is "societe"), then only
    // letters and digits: "E-mail Address" is "emailaddress".
    QString out;
    const QString folded = SearchKey::fold(header);
    out.reserve(folded.size());
    for (QChar c : folded) {
        if (c.isLetterOrNumber())
            out.append(c);
    }
    return out;
}

int HeaderMatcher::quality(const QString &n, QString *field) const
{
    field->clear();
    if (n.isEmpty())
        return None;
    if (isRecordIdHeader(n)) {
        *field = recordId();
        return Own;
    }
    const auto &fields = entityDef(m_entity).fields;
    for (const FieldDef &f : fields) {
        if (n == normalise(QLatin1String(f.label)) || n == normalise(fieldLabel(f))
            || n == normalise(QLatin1String(f.name))) {
            *field = QLatin1String(f.name);
            return Own;
        }
    }
    const QList<QStringList> &aliases = normalisedAliases(m_entity);
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (aliases[i].contains(n)) {
            *field = QLatin1String(fields[i].name);
            return Alias;
        }
    }
    return None;
}

QString HeaderMatcher::match(const QString &header) const
{
    QString field;
    quality(normalise(header), &field);
    return field;
}

QStringList HeaderMatcher::matchAll(const QStringList &headers) const
{
    QStringList normalised;
    for (const QString &h : headers)
        normalised << normalise(h);
    const bool titleIsSalutation = hasJobTitleColumn(normalised)
        && findField(m_entity, QStringLiteral("salutation"));
    QStringList fields(headers.size());
    QList<int> qualities(headers.size(), None);
    for (int i = 0; i < headers.size(); ++i) {
        if (titleIsSalutation && normalised[i] == QLatin1String("title")) {
            fields[i] = QStringLiteral("salutation");
            qualities[i] = Own;
        } else {
            qualities[i] = quality(normalised[i], &fields[i]);
        }
    }
    // Each field once: the best quality, then the leftmost column keeps it.
    for (int i = 0; i < headers.size(); ++i) {
        for (int j = 0; j < headers.size() && !fields[i].isEmpty(); ++j) {
            if (j == i || fields[j] != fields[i])
                continue;
            if (qualities[j] > qualities[i] || (qualities[j] == qualities[i] && j < i))
                fields[i].clear();
        }
    }
    return fields;
}

bool HeaderMatcher::isRapportExport(const QStringList &headers) const
{
    if (headers.isEmpty() || normalise(headers.first()) != QLatin1String("recordid"))
        return false;
    QString field;
    for (qsizetype i = 1; i < headers.size(); ++i) {
        const QString n = normalise(headers[i]);
        if (quality(n, &field) != Own || field == recordId())
            return false;
    }
    return true;
}

} // namespace Rapport
