#include "transfer/headeraliases.h"

#include <QHash>

namespace Rapport::HeaderAliases {

namespace {

// German: Outlook's own export headers first (German Outlook, File › Export › CSV), then
// what people type. Folding takes accents and umlauts off (ä is a, ß is ss), so "Straße"
// and "Strasse" match alike; the "ae" people type without a German keyboard is listed
// where it is common.
constexpr const char *Street =
    "Straße geschäftlich|Straße|Adresse|Anschrift|Straße und Hausnummer";
constexpr const char *City = "Ort geschäftlich|Ort|Stadt|Wohnort";
constexpr const char *State = "Region geschäftlich|Bundesland|Bundesland/Kanton|Kanton";
constexpr const char *Zip = "Postleitzahl geschäftlich|Postleitzahl|PLZ";
constexpr const char *Country = "Land/Region geschäftlich|Land|Land/Region|Staat";
constexpr const char *Organisation = "Firma|Unternehmen|Firmenname|Organisation";

const QHash<QLatin1String, const char *> &german()
{
    static const QHash<QLatin1String, const char *> aliases = {
        {QLatin1String("salutation"), "Anrede"},
        {QLatin1String("first_name"), "Vorname"},
        {QLatin1String("last_name"), "Nachname|Familienname"},
        {QLatin1String("title"), "Position|Funktion|Berufsbezeichnung|Jobtitel"},
        {QLatin1String("department"), "Abteilung"},
        {QLatin1String("company"), Organisation},
        {QLatin1String("account_id"), Organisation},
        {QLatin1String("account_name"), Organisation},
        {QLatin1String("email"), "E-Mail-Adresse|E-Mail|E-Mail 1: Adresse|Mail"},
        {QLatin1String("secondary_email"), "E-Mail 2: Adresse|E-Mail 2"},
        {QLatin1String("phone"),
         "Telefon geschäftlich|Telefon geschaeftlich|Telefon|Telefonnummer"},
        {QLatin1String("mobile"), "Mobiltelefon|Handy|Handynummer|Mobilnummer"},
        {QLatin1String("fax"), "Fax geschäftlich|Telefax"},
        {QLatin1String("website"), "Webseite|Homepage|Internetseite|Webadresse|Internet"},
        {QLatin1String("description"), "Notizen|Notiz|Bemerkungen|Bemerkung|Kommentar"},
        {QLatin1String("street"), Street},
        {QLatin1String("mailing_street"), Street},
        {QLatin1String("billing_street"), Street},
        {QLatin1String("city"), City},
        {QLatin1String("mailing_city"), City},
        {QLatin1String("billing_city"), City},
        {QLatin1String("state"), State},
        {QLatin1String("mailing_state"), State},
        {QLatin1String("billing_state"), State},
        {QLatin1String("zip"), Zip},
        {QLatin1String("mailing_zip"), Zip},
        {QLatin1String("billing_zip"), Zip},
        {QLatin1String("country"), Country},
        {QLatin1String("mailing_country"), Country},
        {QLatin1String("billing_country"), Country},
        {QLatin1String("industry"), "Branche"},
        {QLatin1String("annual_revenue"), "Umsatz|Jahresumsatz"},
        {QLatin1String("employees"), "Mitarbeiter|Mitarbeiterzahl|Anzahl Mitarbeiter|Beschäftigte"},
        {QLatin1String("lead_source"), "Quelle|Herkunft|Lead-Quelle"},
        {QLatin1String("owner"), "Besitzer|Verantwortlich|Zuständig|Inhaber|Betreuer"},
        {QLatin1String("deal_name"), "Verkaufschance|Name der Verkaufschance|Opportunity"},
        {QLatin1String("amount"), "Betrag|Wert|Volumen"},
        {QLatin1String("stage"), "Phase|Verkaufsphase|Stufe"},
    };
    return aliases;
}

} // namespace

QStringList forColumn(QLatin1String column)
{
    const char *aliases = german().value(column, nullptr);
    return aliases ? QString::fromUtf8(aliases).split(QLatin1Char('|'), Qt::SkipEmptyParts)
                   : QStringList();
}

} // namespace Rapport::HeaderAliases
