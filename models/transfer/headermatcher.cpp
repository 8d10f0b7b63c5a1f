#include "transfer/headermatcher.h"

#include "i18n/shippedtranslations.h"
#include "records/recordtypes.h"
#include "records/searchkey.h"
#include "transfer/exportcolumns.h"
#include "transfer/headeraliases.h"

namespace Rapport {

namespace {

// Translated: a label in another shipped language. It marks Rapport's own export as Own
// does, but in other files counts no more than an alias: German Outlook's "Ort" (where a
// meeting is) must not beat its "Ort geschäftlich" for a lead's City, whose German label
// is "Ort".
enum Quality { None = 0, Alias = 1, Translated = 2, Own = 3, IdColumn = 4 };

int rank(int quality)
{
    return quality == Translated ? Alias : quality;
}

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

QStringList normalisedAll(const QStringList &texts)
{
    QStringList out;
    for (const QString &t : texts)
        out << HeaderMatcher::normalise(t);
    return out;
}

// A field's label in English and every shipped language, normalised.
QStringList labelKeys(const char *label)
{
    return normalisedAll(QStringList{QString::fromUtf8(label)}
                         + ShippedTranslations::translations("Rapport::Field", label));
}

QStringList withIdSuffix(const QStringList &keys)
{
    QStringList out;
    for (const QString &k : keys)
        out << k + QLatin1String("id"); // "Account Name Id", "Firmenname-ID"
    return out;
}

// What a header is compared with, per field, normalised once per process.
struct FieldKeys {
    QStringList own;        // the English label and the column name
    QStringList translated; // the label in the other shipped languages
    QStringList aliases;    // other programs' headers, and what people type
    QStringList ids;        // a Reference: its Id column in Rapport's export
};

struct EntityKeys {
    QList<FieldKeys> fields;
    QStringList conversionNames;                   // "Converted Account", ...
    QList<QPair<QString, QStringList>> conversionIds; // lead column -> its headers
};

EntityKeys makeKeys(Entity e)
{
    EntityKeys keys;
    for (const FieldDef &f : entityDef(e).fields) {
        FieldKeys k;
        const QStringList labels = labelKeys(f.label);
        k.own = {labels.first(), HeaderMatcher::normalise(QLatin1String(f.name))};
        k.translated = labels.mid(1);
        const QStringList aliases =
            QString::fromUtf8(f.aliases).split(QLatin1Char('|'), Qt::SkipEmptyParts);
        k.aliases = normalisedAll(aliases + HeaderAliases::forColumn(QLatin1String(f.name)));
        if (f.type == FieldType::Reference)
            k.ids = withIdSuffix(labels);
        keys.fields << k;
    }
    if (e == Entity::Lead) {
        keys.conversionIds << qMakePair(QStringLiteral("converted_at"),
                                        labelKeys(ExportColumns::convertedLabel()));
        for (const FieldDef &link : entityDef(e).links) {
            const QStringList labels = labelKeys(link.label);
            keys.conversionNames << labels;
            keys.conversionIds << qMakePair(QLatin1String(link.name), withIdSuffix(labels));
        }
    }
    return keys;
}

const EntityKeys &keysOf(Entity entity)
{
    // Built once, by whichever thread first asks (imports run on workers): thread-safe.
    static const QList<EntityKeys> all = [] {
        QList<EntityKeys> out;
        for (Entity e : allEntities())
            out << makeKeys(e);
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
    const QList<FieldKeys> &keys = keysOf(m_entity).fields;
    // English labels first, so that another language's word for one field never takes
    // the English label of another.
    for (auto list : {&FieldKeys::own, &FieldKeys::translated, &FieldKeys::aliases}) {
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if ((keys[i].*list).contains(n)) {
                *field = QLatin1String(fields[i].name);
                return list == &FieldKeys::own ? Own
                     : list == &FieldKeys::translated ? Translated : Alias;
            }
        }
    }
    return None;
}

QString HeaderMatcher::idColumnField(const QString &n) const
{
    const auto &fields = entityDef(m_entity).fields;
    const QList<FieldKeys> &keys = keysOf(m_entity).fields;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (keys[i].ids.contains(n))
            return QLatin1String(fields[i].name);
    }
    return {};
}

bool HeaderMatcher::isConversionColumn(const QString &n) const
{
    const EntityKeys &keys = keysOf(m_entity);
    if (keys.conversionNames.contains(n))
        return true;
    for (const auto &[column, headers] : keys.conversionIds) {
        if (headers.contains(n))
            return true;
    }
    return false;
}

QString HeaderMatcher::linkColumn(const QString &header) const
{
    const QString n = normalise(header);
    for (const auto &[column, headers] : keysOf(m_entity).conversionIds) {
        if (headers.contains(n))
            return column;
    }
    return {};
}

QString HeaderMatcher::match(const QString &header) const
{
    QString field;
    quality(normalise(header), &field);
    return field;
}

QStringList HeaderMatcher::matchAll(const QStringList &headers) const
{
    const QStringList normalised = normalisedAll(headers);
    const bool titleIsSalutation = hasJobTitleColumn(normalised)
        && findField(m_entity, QStringLiteral("salutation"));
    // Only Rapport's ids are Rapport's: Zoho's "Account Name.id" holds Zoho's.
    const bool ownExport = isRapportExport(headers);
    QStringList fields(headers.size());
    QList<int> qualities(headers.size(), None);
    for (int i = 0; i < headers.size(); ++i) {
        if (titleIsSalutation && normalised[i] == QLatin1String("title")) {
            fields[i] = QStringLiteral("salutation");
            qualities[i] = Own;
        } else if (const QString id = ownExport ? idColumnField(normalised[i]) : QString();
                   !id.isEmpty()) {
            fields[i] = id;
            qualities[i] = IdColumn;
        } else if (!(ownExport && isConversionColumn(normalised[i]))) {
            qualities[i] = quality(normalised[i], &fields[i]);
        }
    }
    // German Outlook heads the last name "Name" beside "Vorname"; elsewhere "Name" is the
    // whole name, which no field holds.
    if (normalised.contains(QLatin1String("vorname"))
        && !fields.contains(QLatin1String("last_name"))
        && findField(m_entity, QStringLiteral("last_name"))) {
        const qsizetype i = normalised.indexOf(QLatin1String("name"));
        if (i >= 0 && fields[i].isEmpty()) {
            fields[i] = QStringLiteral("last_name");
            qualities[i] = Alias;
        }
    }
    // Each field once: the best quality, then the leftmost column keeps it.
    for (int i = 0; i < headers.size(); ++i) {
        for (int j = 0; j < headers.size() && !fields[i].isEmpty(); ++j) {
            if (j == i || fields[j] != fields[i])
                continue;
            const int mine = rank(qualities[i]), theirs = rank(qualities[j]);
            if (theirs > mine || (theirs == mine && j < i))
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
        if (!idColumnField(n).isEmpty() || isConversionColumn(n))
            continue;
        const int q = quality(n, &field);
        if ((q != Own && q != Translated) || field == recordId())
            return false;
    }
    return true;
}

} // namespace Rapport
