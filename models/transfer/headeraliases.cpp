#include "transfer/headeraliases.h"

#include "transfer/headermatcher.h"

#include <QHash>

namespace Rapport {

namespace {

enum : unsigned { L = 1, C = 2, A = 4, D = 8, Person = L | C, All = L | C | A | D };

struct AliasRow {
    unsigned entities;
    const char *field;
    const char *aliases; // '|'-separated headers as the exporting programs write them
};

// Sources: /shared/reference/csv_headers.txt (Zoho, Salesforce labels and API names,
// HubSpot, Outlook classic and .com, Google current and legacy, Less Annoying CRM).
const AliasRow Rows[] = {
    {Person, "salutation", "Name Prefix|Prefix"},
    {Person, "first_name", "FirstName|First|Given Name|Forename"},
    {Person, "last_name", "LastName|Last|Family Name|Surname"},
    {Person, "title", "Job Title|Organization Title|Organization 1 - Title|Position"},
    {L, "company", "Company Name|Company / Account|Organization Name|Organization 1 - Name|"
                   "Organization|Associated Company"},
    {L | A, "industry", "Industry"},
    {L | A, "annual_revenue", "AnnualRevenue|Revenue"},
    {L | A, "employees", "NumberOfEmployees|Number of Employees|No. of Employees|Employees"},
    {L | A, "website", "Website URL|Web Page|Website 1 - Value|Web Site|URL"},
    {Person, "email", "Email Address|E-mail Address|E-mail|E-mail 1 - Value|Primary Email|"
                      "Work email|Email 1"},
    {Person, "secondary_email", "E-mail 2 Address|E-mail 2 - Value|Email 2|Other Email"},
    {Person | A, "phone", "Phone Number|Business Phone|Phone 1 - Value|Primary Phone|"
                          "Work Phone|Company Main Phone|Telephone"},
    {Person, "mobile", "MobilePhone|Mobile Phone|Mobile Phone Number|Cell Phone|Cell|"
                       "Phone 2 - Value"},
    {Person | A, "fax", "Business Fax|Fax Number"},
    {Person, "email_opt_out", "HasOptedOutOfEmail|Unsubscribed from all email|Do Not Email|"
                              "Opted Out"},
    {Person | D, "lead_source", "LeadSource|Source|Original Source|Lead Source"},
    {L, "lead_status", "Status|Lead Status"},
    {L | A | D, "rating", "Rating"},
    {All, "owner", "Lead Owner|Contact Owner|Account Owner|Deal Owner|Opportunity Owner|"
                   "Assigned To|Owner"},
    {L, "street", "Street Address|Business Street|Address 1 - Street|Primary Street 1|Address"},
    {L, "city", "Business City|Address 1 - City|Primary City|Town"},
    {L, "state", "State/Province|State/Region|Business State|Address 1 - Region|Primary State|"
                 "Region|Province"},
    {L, "zip", "PostalCode|Postal Code|Zip/Postal Code|Zip|Business Postal Code|"
               "Address 1 - Postal Code|Primary Zip|Postcode"},
    {L, "country", "Country/Region|Business Country/Region|Address 1 - Country|Primary Country"},
    {C, "account_id", "AccountId|Account|Company|Company Name|Organization Name|"
                      "Organization 1 - Name|Associated Company"},
    {C, "department", "Organization Department|Organization 1 - Department"},
    {C, "mailing_street", "MailingStreet|Street|Street Address|Business Street|"
                          "Address 1 - Street|Primary Street 1"},
    {C, "mailing_city", "MailingCity|City|Business City|Address 1 - City|Primary City"},
    {C, "mailing_state", "MailingState|State|State/Province|State/Region|Business State|"
                         "Address 1 - Region|Primary State"},
    {C, "mailing_zip", "MailingPostalCode|Zip Code|Zip|Postal Code|Zip/Postal Code|"
                       "Business Postal Code|Address 1 - Postal Code|Primary Zip|Mailing Code"},
    {C, "mailing_country", "MailingCountry|Country|Country/Region|Business Country/Region|"
                           "Address 1 - Country|Primary Country"},
    {A, "account_name", "Name|Company|Company Name|Account|Organization|Organization Name"},
    {A, "account_type", "Type|Account Type"},
    {A, "parent_account_id", "ParentId|Parent Account"},
    {A, "billing_street", "BillingStreet|Street|Street Address|Address"},
    {A, "billing_city", "BillingCity|City"},
    {A, "billing_state", "BillingState|State|State/Province|State/Region"},
    {A, "billing_zip", "BillingPostalCode|Billing Zip|Zip Code|Postal Code|Zip"},
    {A, "billing_country", "BillingCountry|Country|Country/Region"},
    {A, "shipping_street", "ShippingStreet"},
    {A, "shipping_city", "ShippingCity"},
    {A, "shipping_state", "ShippingState"},
    {A, "shipping_zip", "ShippingPostalCode|Shipping Zip"},
    {A, "shipping_country", "ShippingCountry"},
    {D, "deal_name", "Name|Opportunity Name|Deal|Opportunity"},
    {D, "account_id", "AccountId|Account|Company|Associated Company"},
    {D, "contact_id", "ContactId|Contact|Associated Contact"},
    {D, "amount", "Amount|Deal Amount|Value"},
    {D, "closing_date", "CloseDate|Close Date|Closing|Expected Close Date"},
    {D, "stage", "StageName|Stage Name|Deal Stage|Pipeline Stage"},
    {D, "probability", "Probability|Probability (%)"},
    {D, "next_step", "NextStep"},
    {All, "description", "Notes|Background Info|Comments|Note"},
};

} // namespace

QStringList headerAliases(Entity entity, const QString &field)
{
    static const auto table = [] {
        QHash<QPair<unsigned, QString>, QStringList> t;
        for (const AliasRow &row : Rows) {
            for (unsigned e = 0; e < 4; ++e) {
                if (!(row.entities & (1u << e)))
                    continue;
                QStringList &list = t[{e, QLatin1String(row.field)}];
                for (const QString &a : QString::fromUtf8(row.aliases).split(QLatin1Char('|')))
                    list << HeaderMatcher::normalise(a);
            }
        }
        return t;
    }();
    const unsigned e = static_cast<unsigned>(entity);
    return table.value({e, field});
}

} // namespace Rapport
