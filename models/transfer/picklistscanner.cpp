#include "transfer/picklistscanner.h"

#include "transfer/importsource.h"
#include "csv/csvwriter.h"
#include "files/rowreader.h"
#include "records/recordtypes.h"
#include "transfer/headermatcher.h"

#include <QHash>

#include <algorithm>

namespace Rapport {

namespace {

struct Synonyms {
    const char *list;   // FieldDef::picklist
    const char *value;  // the list's value
    QStringList words;  // what other CRMs and German files call it
};

// Other CRMs' standard values (Salesforce, HubSpot, Pipedrive, Zoho's older names) and the
// German words a German export or a hand-made German sheet uses. Folded before use, so
// spelling, case and punctuation do not matter here.
const QList<Synonyms> &synonymTable()
{
    static const QList<Synonyms> table = {
        {"stage", "Qualification", {"Prospecting", "Qualified", "Qualify", "Lead In",
                                    "Appointment Scheduled", "Discovery", "Qualifizierung",
                                    "Qualifiziert", "Erstkontakt"}},
        {"stage", "Needs Analysis", {"Needs Assessment", "Value Proposition",
                                     "Id. Decision Makers", "Perception Analysis",
                                     "Contact Made", "Demo Scheduled", "Presentation Scheduled",
                                     "Bedarfsanalyse", "Analyse", "Präsentation"}},
        {"stage", "Proposal", {"Proposal/Price Quote", "Proposal Made", "Quote", "Quoted",
                               "Decision Maker Bought-In", "Angebot", "Angebot erstellt",
                               "Angebot versendet"}},
        {"stage", "Negotiation", {"Negotiation/Review", "Negotiations Started",
                                  "Contract Sent", "Verhandlung", "Vertragsverhandlung"}},
        {"stage", "Closed Won", {"Won", "Closed/Won", "Closed - Won", "Deal Won", "Gewonnen",
                                 "Abgeschlossen gewonnen", "Auftrag", "Auftrag erhalten"}},
        {"stage", "Closed Lost", {"Lost", "Closed/Lost", "Deal Lost", "Verloren",
                                  "Abgeschlossen verloren", "Abgesagt"}},
        {"lead_source", "Cold Call", {"Cold Calling", "Outbound Call", "Kaltakquise",
                                      "Telefonakquise", "Anruf"}},
        {"lead_source", "Web Download", {"Web", "Website", "Web Site", "Web Form", "Webform",
                                         "Web-to-Lead", "Internet", "Webseite", "Homepage",
                                         "Kontaktformular", "Download"}},
        {"lead_source", "Web Research", {"Research", "Internet Research", "Recherche",
                                         "Webrecherche"}},
        {"lead_source", "Trade Show", {"Tradeshow", "Fair", "Expo", "Exhibition", "Event",
                                       "Messe", "Ausstellung"}},
        {"lead_source", "Employee Referral", {"Mitarbeiterempfehlung"}},
        {"lead_source", "External Referral", {"Referral", "Word of Mouth", "Recommendation",
                                              "Customer Referral", "Empfehlung",
                                              "Kundenempfehlung", "Mundpropaganda"}},
        {"lead_source", "Partner Referral", {"Partner Empfehlung", "Partnerempfehlung"}},
        {"lead_source", "Advertisement", {"Advertising", "Ad", "Ads", "Paid Search",
                                          "Google Ads", "Werbung", "Anzeige"}},
        {"lead_source", "Public Relations", {"PR", "Press", "Pressearbeit",
                                             "Öffentlichkeitsarbeit"}},
        {"lead_source", "Seminar", {"Seminar Partner", "Internal Seminar", "Webinar",
                                    "Workshop", "Schulung"}},
        {"lead_source", "Online Store", {"Online Shop", "Webshop", "E-Shop", "Onlineshop"}},
        {"lead_source", "Chat", {"Live Chat", "Livechat"}},
        {"lead_status", "Not Contacted", {"New", "Open", "Open - Not Contacted", "Neu",
                                          "Offen", "Nicht kontaktiert"}},
        {"lead_status", "Attempted to Contact", {"Attempted", "No Answer", "Nicht erreicht",
                                                 "Kontaktversuch"}},
        {"lead_status", "Contacted", {"Working", "Working - Contacted", "In Progress",
                                      "Connected", "Kontaktiert", "In Bearbeitung"}},
        {"lead_status", "Contact in Future", {"Bad Timing", "Later", "Follow Up Later",
                                              "Später", "Später kontaktieren"}},
        {"lead_status", "Pre-Qualified", {"Qualified", "Closed - Converted", "Marketing Qualified",
                                          "MQL", "Vorqualifiziert", "Qualifiziert"}},
        {"lead_status", "Not Qualified", {"Unqualified", "Closed - Not Converted",
                                          "Disqualified", "Nicht qualifiziert"}},
        {"lead_status", "Junk Lead", {"Junk", "Spam", "Bad Data", "Ungültig"}},
        {"lead_status", "Lost Lead", {"Lost", "Verloren"}},
        {"rating", "Hot", {"Heiß", "A"}},
        {"rating", "Warm", {"Lukewarm", "Medium", "Lauwarm", "Mittel", "B"}},
        {"rating", "Cold", {"Kalt", "C"}},
        {"salutation", "Mr.", {"Mister", "Herr", "Hr."}},
        {"salutation", "Ms.", {"Miss", "Frau", "Fr."}},
        {"account_type", "Customer", {"Client", "Kunde", "Bestandskunde"}},
        {"account_type", "Prospect", {"Lead", "Potential Customer", "Interessent",
                                      "Potenzieller Kunde"}},
        {"account_type", "Reseller", {"Wiederverkäufer", "Händler", "Fachhändler"}},
        {"account_type", "Distributor", {"Großhändler", "Vertriebspartner"}},
        {"account_type", "Competitor", {"Wettbewerber", "Konkurrent", "Mitbewerber"}},
        {"account_type", "Press", {"Media", "Presse"}},
        {"account_type", "Other", {"Sonstige", "Andere"}},
        {"industry", "Software", {"Technology", "IT", "Informationstechnik", "Software & IT"}},
        {"industry", "Banking", {"Bank", "Banken", "Bankwesen"}},
        {"industry", "Finance", {"Financial Services", "Finanzen", "Finanzdienstleistungen"}},
        {"industry", "Healthcare", {"Health Care", "Medical", "Gesundheitswesen", "Medizin"}},
        {"industry", "Education", {"Bildung", "Schule", "Hochschule"}},
        {"industry", "Retail", {"Einzelhandel", "Handel"}},
        {"industry", "Real Estate", {"Immobilien"}},
        {"industry", "Insurance", {"Versicherung", "Versicherungen"}},
        {"industry", "Manufacturing", {"Fertigung", "Produktion", "Industrie",
                                       "Maschinenbau"}},
        {"industry", "Consulting", {"Beratung", "Unternehmensberatung"}},
        {"industry", "Telecommunications", {"Telecom", "Telekommunikation"}},
        {"industry", "Transportation", {"Logistics", "Transport", "Logistik"}},
        {"industry", "Agriculture", {"Landwirtschaft"}},
        {"industry", "Construction", {"Bau", "Bauwesen", "Baugewerbe"}},
        {"industry", "Energy", {"Utilities", "Energie", "Energieversorgung"}},
        {"industry", "Government", {"Public Sector", "Behörde", "Öffentliche Verwaltung",
                                    "Öffentlicher Dienst"}},
        {"industry", "Hospitality", {"Hotel", "Gastgewerbe", "Gastronomie", "Hotellerie"}},
        {"industry", "Media", {"Entertainment", "Medien", "Verlag"}},
        {"industry", "Non-Profit", {"Nonprofit", "NGO", "Gemeinnützig", "Verein"}},
        {"industry", "Other", {"Sonstige", "Andere"}},
    };
    return table;
}

// list name -> folded word -> the list's value
const QHash<QString, QHash<QString, QString>> &synonyms()
{
    static const QHash<QString, QHash<QString, QString>> folded = [] {
        QHash<QString, QHash<QString, QString>> out;
        for (const Synonyms &s : synonymTable()) {
            for (const QString &word : s.words)
                out[QLatin1String(s.list)].insert(PicklistScanner::fold(word),
                                                  QLatin1String(s.value));
        }
        return out;
    }();
    return folded;
}

bool isListed(const QStringList &list, const QString &text)
{
    return std::any_of(list.cbegin(), list.cend(), [&text](const QString &v) {
        return v.compare(text, Qt::CaseInsensitive) == 0;
    });
}

} // namespace

PicklistScanner::PicklistScanner(Entity entity, const QStringList &mapping,
                                 const QHash<QString, QStringList> &added)
    : m_added(added)
{
    QStringList seen;
    for (int i = 0; i < mapping.size(); ++i) {
        const FieldDef *f = findField(entity, mapping[i]);
        if (!f || f->type != FieldType::Picklist || seen.contains(mapping[i]))
            continue;
        seen << mapping[i];
        m_columns.append({i, f});
    }
}

QString PicklistScanner::fold(const QString &text)
{
    // As column headers are compared: folded as the search folds, letters and digits only.
    return HeaderMatcher::normalise(text);
}

QString PicklistScanner::suggest(const FieldDef &field, const QString &text,
                                 const QStringList &added)
{
    const QString key = fold(text);
    if (key.isEmpty())
        return {};
    const QStringList list = picklistValues(field) + added;
    for (const QString &value : list) {
        if (fold(value) == key || fold(picklistLabel(value)) == key)
            return value;
    }
    const QString synonym = synonyms().value(QLatin1String(field.picklist)).value(key);
    return list.contains(synonym) ? synonym : QString();
}

PicklistScan PicklistScanner::scan(RowReader &reader) const
{
    PicklistScan result;
    // per picklist column: folded key -> index into its values
    QList<QHash<QString, qsizetype>> found(m_columns.size());
    QList<QList<UnlistedValue>> values(m_columns.size());
    QList<QStringList> lists;
    for (const auto &column : m_columns)
        lists << importableValues(*column.second)
                     + m_added.value(QLatin1String(column.second->picklist));
    QStringList cells;
    while (!m_columns.isEmpty() && reader.readRecord(cells)) {
        for (qsizetype c = 0; c < m_columns.size(); ++c) {
            const int column = m_columns[c].first;
            if (column >= cells.size())
                continue;
            const QString text = CsvWriter::unguarded(cells[column]).trimmed();
            if (text.isEmpty() || isListed(lists[c], text))
                continue;
            const QString key = fold(text);
            if (const auto it = found[c].constFind(key); it != found[c].cend()) {
                ++values[c][*it].rows;
                continue;
            }
            const QString field = QLatin1String(m_columns[c].second->name);
            if (values[c].size() >= MaxValuesPerColumn) {
                if (!result.capped.contains(field))
                    result.capped << field;
                continue;
            }
            found[c].insert(key, values[c].size());
            values[c].append({column, field, text, key, 1, suggest(*m_columns[c].second, text,
                                   m_added.value(QLatin1String(m_columns[c].second->picklist)))});
        }
    }
    if (reader.hasError())
        result.error = reader.errorString();
    for (QList<UnlistedValue> &list : values) {
        const auto moreRows = [](const UnlistedValue &a, const UnlistedValue &b) {
            return a.rows > b.rows;
        };
        std::stable_sort(list.begin(), list.end(), moreRows);
        result.values += list;
    }
    return result;
}

PicklistScan PicklistScanner::scanFile(const ImportOptions &options,
                                      const QHash<QString, QStringList> &added)
{
    ImportSource source;
    PicklistScan result;
    result.error = source.open(options);
    if (!result.error.isEmpty())
        return result;
    const QStringList mapping = options.mapping.isEmpty()
                                    ? HeaderMatcher(options.entity).matchAll(source.headers())
                                    : options.mapping;
    return PicklistScanner(options.entity, mapping, added).scan(source.reader());
}

} // namespace Rapport
