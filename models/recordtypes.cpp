#include "recordtypes.h"

#include <QCoreApplication>
#include <QHash>
#include <QVariantMap>

namespace Rapport {

namespace {

using T = FieldType;

// Groups of the record forms, in the order they are shown.
constexpr const char *Person = QT_TRANSLATE_NOOP("Rapport::Group", "Person");
constexpr const char *Company = QT_TRANSLATE_NOOP("Rapport::Group", "Company");
constexpr const char *Contact = QT_TRANSLATE_NOOP("Rapport::Group", "Contact details");
constexpr const char *Qualify = QT_TRANSLATE_NOOP("Rapport::Group", "Qualification");
constexpr const char *Address = QT_TRANSLATE_NOOP("Rapport::Group", "Address");
constexpr const char *Shipping = QT_TRANSLATE_NOOP("Rapport::Group", "Shipping address");
constexpr const char *Deal = QT_TRANSLATE_NOOP("Rapport::Group", "Deal");
constexpr const char *More = QT_TRANSLATE_NOOP("Rapport::Group", "Description");

#define L(text) QT_TRANSLATE_NOOP("Rapport::Field", text)

EntityDef makeLeads()
{
    return {Entity::Lead, "leads", QT_TRANSLATE_NOOP("Rapport::Entity", "Lead"),
            QT_TRANSLATE_NOOP("Rapport::Entity", "Leads"), {
        {.name = "salutation", .label = L("Salutation"), .type = T::Picklist, .group = Person, .picklist = "salutation"},
        {.name = "first_name", .label = L("First Name"), .group = Person, .listed = true, .searchable = true, .indexed = true},
        {.name = "last_name", .label = L("Last Name"), .group = Person, .required = true, .listed = true, .searchable = true, .indexed = true},
        {.name = "title", .label = L("Title"), .group = Person},
        {.name = "company", .label = L("Company"), .group = Company, .listed = true, .searchable = true, .indexed = true},
        {.name = "industry", .label = L("Industry"), .type = T::Picklist, .group = Company, .picklist = "industry"},
        {.name = "annual_revenue", .label = L("Annual Revenue"), .type = T::Decimal, .group = Company},
        {.name = "employees", .label = L("No. of Employees"), .type = T::Integer, .group = Company},
        {.name = "website", .label = L("Website"), .type = T::Url, .group = Company},
        {.name = "email", .label = L("Email"), .type = T::Email, .group = Contact, .listed = true, .searchable = true, .indexed = true},
        {.name = "secondary_email", .label = L("Secondary Email"), .type = T::Email, .group = Contact},
        {.name = "phone", .label = L("Phone"), .type = T::Phone, .group = Contact, .listed = true, .searchable = true},
        {.name = "mobile", .label = L("Mobile"), .type = T::Phone, .group = Contact, .searchable = true},
        {.name = "fax", .label = L("Fax"), .type = T::Phone, .group = Contact},
        {.name = "email_opt_out", .label = L("Email Opt Out"), .type = T::Bool, .group = Contact},
        {.name = "lead_source", .label = L("Lead Source"), .type = T::Picklist, .group = Qualify, .listed = true, .indexed = true, .picklist = "lead_source"},
        {.name = "lead_status", .label = L("Lead Status"), .type = T::Picklist, .group = Qualify, .listed = true, .indexed = true, .picklist = "lead_status"},
        {.name = "rating", .label = L("Rating"), .type = T::Picklist, .group = Qualify, .picklist = "rating"},
        {.name = "owner", .label = L("Owner"), .group = Qualify},
        {.name = "street", .label = L("Street"), .group = Address},
        {.name = "city", .label = L("City"), .group = Address, .listed = true, .indexed = true},
        {.name = "state", .label = L("State"), .group = Address},
        {.name = "zip", .label = L("Zip Code"), .group = Address},
        {.name = "country", .label = L("Country"), .group = Address},
        {.name = "description", .label = L("Description"), .type = T::LongText, .group = More},
    }};
}

EntityDef makeContacts()
{
    return {Entity::Contact, "contacts", QT_TRANSLATE_NOOP("Rapport::Entity", "Contact"),
            QT_TRANSLATE_NOOP("Rapport::Entity", "Contacts"), {
        {.name = "salutation", .label = L("Salutation"), .type = T::Picklist, .group = Person, .picklist = "salutation"},
        {.name = "first_name", .label = L("First Name"), .group = Person, .listed = true, .searchable = true, .indexed = true},
        {.name = "last_name", .label = L("Last Name"), .group = Person, .required = true, .listed = true, .searchable = true, .indexed = true},
        {.name = "account_id", .label = L("Account Name"), .type = T::Reference, .group = Person, .listed = true, .indexed = true, .refEntity = Entity::Account},
        {.name = "title", .label = L("Title"), .group = Person, .listed = true},
        {.name = "department", .label = L("Department"), .group = Person},
        {.name = "email", .label = L("Email"), .type = T::Email, .group = Contact, .listed = true, .searchable = true, .indexed = true},
        {.name = "secondary_email", .label = L("Secondary Email"), .type = T::Email, .group = Contact},
        {.name = "phone", .label = L("Phone"), .type = T::Phone, .group = Contact, .listed = true, .searchable = true},
        {.name = "mobile", .label = L("Mobile"), .type = T::Phone, .group = Contact, .searchable = true},
        {.name = "fax", .label = L("Fax"), .type = T::Phone, .group = Contact},
        {.name = "email_opt_out", .label = L("Email Opt Out"), .type = T::Bool, .group = Contact},
        {.name = "lead_source", .label = L("Lead Source"), .type = T::Picklist, .group = Qualify, .picklist = "lead_source"},
        {.name = "owner", .label = L("Owner"), .group = Qualify},
        {.name = "mailing_street", .label = L("Mailing Street"), .group = Address},
        {.name = "mailing_city", .label = L("Mailing City"), .group = Address, .listed = true, .indexed = true},
        {.name = "mailing_state", .label = L("Mailing State"), .group = Address},
        {.name = "mailing_zip", .label = L("Mailing Zip"), .group = Address},
        {.name = "mailing_country", .label = L("Mailing Country"), .group = Address},
        {.name = "description", .label = L("Description"), .type = T::LongText, .group = More},
    }};
}

EntityDef makeAccounts()
{
    return {Entity::Account, "accounts", QT_TRANSLATE_NOOP("Rapport::Entity", "Account"),
            QT_TRANSLATE_NOOP("Rapport::Entity", "Accounts"), {
        {.name = "account_name", .label = L("Account Name"), .group = Company, .required = true, .listed = true, .searchable = true, .indexed = true},
        {.name = "website", .label = L("Website"), .type = T::Url, .group = Company, .listed = true, .searchable = true},
        {.name = "phone", .label = L("Phone"), .type = T::Phone, .group = Company, .listed = true, .searchable = true},
        {.name = "fax", .label = L("Fax"), .type = T::Phone, .group = Company},
        {.name = "parent_account_id", .label = L("Parent Account"), .type = T::Reference, .group = Company, .refEntity = Entity::Account},
        {.name = "industry", .label = L("Industry"), .type = T::Picklist, .group = Qualify, .listed = true, .indexed = true, .picklist = "industry"},
        {.name = "account_type", .label = L("Type"), .type = T::Picklist, .group = Qualify, .listed = true, .indexed = true, .picklist = "account_type"},
        {.name = "employees", .label = L("Employees"), .type = T::Integer, .group = Qualify},
        {.name = "annual_revenue", .label = L("Annual Revenue"), .type = T::Decimal, .group = Qualify},
        {.name = "rating", .label = L("Rating"), .type = T::Picklist, .group = Qualify, .picklist = "rating"},
        {.name = "owner", .label = L("Owner"), .group = Qualify},
        {.name = "billing_street", .label = L("Billing Street"), .group = Address},
        {.name = "billing_city", .label = L("Billing City"), .group = Address, .listed = true, .indexed = true},
        {.name = "billing_state", .label = L("Billing State"), .group = Address},
        {.name = "billing_zip", .label = L("Billing Code"), .group = Address},
        {.name = "billing_country", .label = L("Billing Country"), .group = Address},
        {.name = "shipping_street", .label = L("Shipping Street"), .group = Shipping},
        {.name = "shipping_city", .label = L("Shipping City"), .group = Shipping},
        {.name = "shipping_state", .label = L("Shipping State"), .group = Shipping},
        {.name = "shipping_zip", .label = L("Shipping Code"), .group = Shipping},
        {.name = "shipping_country", .label = L("Shipping Country"), .group = Shipping},
        {.name = "description", .label = L("Description"), .type = T::LongText, .group = More},
    }};
}

EntityDef makeDeals()
{
    return {Entity::Deal, "deals", QT_TRANSLATE_NOOP("Rapport::Entity", "Deal"),
            QT_TRANSLATE_NOOP("Rapport::Entity", "Deals"), {
        {.name = "deal_name", .label = L("Deal Name"), .group = Deal, .required = true, .listed = true, .searchable = true, .indexed = true},
        {.name = "account_id", .label = L("Account Name"), .type = T::Reference, .group = Deal, .listed = true, .indexed = true, .refEntity = Entity::Account},
        {.name = "contact_id", .label = L("Contact Name"), .type = T::Reference, .group = Deal, .listed = true, .indexed = true, .refEntity = Entity::Contact},
        {.name = "amount", .label = L("Amount"), .type = T::Decimal, .group = Deal, .listed = true, .indexed = true},
        {.name = "closing_date", .label = L("Closing Date"), .type = T::Date, .group = Deal, .listed = true, .indexed = true},
        {.name = "stage", .label = L("Stage"), .type = T::Picklist, .group = Deal, .listed = true, .indexed = true, .picklist = "stage"},
        {.name = "probability", .label = L("Probability (%)"), .type = T::Integer, .group = Deal},
        {.name = "lead_source", .label = L("Lead Source"), .type = T::Picklist, .group = Qualify, .picklist = "lead_source"},
        {.name = "rating", .label = L("Rating"), .type = T::Picklist, .group = Qualify, .picklist = "rating"},
        {.name = "next_step", .label = L("Next Step"), .group = Qualify},
        {.name = "owner", .label = L("Owner"), .group = Qualify},
        {.name = "description", .label = L("Description"), .type = T::LongText, .group = More},
    }};
}

#undef L

const QHash<QString, QStringList> &picklists()
{
    static const QHash<QString, QStringList> lists = {
        {"salutation", {"Mr.", "Mrs.", "Ms.", "Dr.", "Prof."}},
        {"lead_source", {"Advertisement", "Chat", "Cold Call", "Employee Referral",
                         "External Referral", "Online Store", "Partner", "Partner Referral",
                         "Public Relations", "Seminar", "Trade Show", "Web Download",
                         "Web Research"}},
        {"lead_status", {"Not Contacted", "Attempted to Contact", "Contact in Future",
                         "Contacted", "Pre-Qualified", "Not Qualified", "Junk Lead",
                         "Lost Lead"}},
        {"industry", {"Agriculture", "Banking", "Construction", "Consulting", "Education",
                      "Energy", "Finance", "Government", "Healthcare", "Hospitality",
                      "Insurance", "Manufacturing", "Media", "Non-Profit", "Real Estate",
                      "Retail", "Software", "Telecommunications", "Transportation", "Other"}},
        {"rating", {"Hot", "Warm", "Cold"}},
        {"account_type", {"Prospect", "Customer", "Partner", "Reseller", "Distributor",
                          "Competitor", "Investor", "Press", "Other"}},
        {"stage", {"Qualification", "Needs Analysis", "Proposal", "Negotiation",
                   "Closed Won", "Closed Lost"}},
    };
    return lists;
}

} // namespace

const EntityDef &entityDef(Entity entity)
{
    static const EntityDef defs[] = {makeLeads(), makeContacts(), makeAccounts(), makeDeals()};
    return defs[static_cast<int>(entity)];
}

const QList<Entity> &allEntities()
{
    static const QList<Entity> all = {Entity::Lead, Entity::Contact, Entity::Account, Entity::Deal};
    return all;
}

std::optional<Entity> entityFromName(const QString &moduleName)
{
    for (Entity e : allEntities()) {
        if (moduleName.compare(QLatin1String(entityDef(e).table), Qt::CaseInsensitive) == 0)
            return e;
    }
    return std::nullopt;
}

int fieldIndex(Entity entity, const QString &name)
{
    const auto &fields = entityDef(entity).fields;
    for (int i = 0; i < fields.size(); ++i) {
        if (name == QLatin1String(fields[i].name))
            return i;
    }
    return -1;
}

const FieldDef *findField(Entity entity, const QString &name)
{
    const int i = fieldIndex(entity, name);
    return i < 0 ? nullptr : &entityDef(entity).fields[i];
}

QString fieldLabel(const FieldDef &field)
{
    return QCoreApplication::translate("Rapport::Field", field.label);
}

QString groupLabel(const char *group)
{
    return QCoreApplication::translate("Rapport::Group", group);
}

QString entitySingular(Entity entity)
{
    return QCoreApplication::translate("Rapport::Entity", entityDef(entity).singular);
}

QString entityPlural(Entity entity)
{
    return QCoreApplication::translate("Rapport::Entity", entityDef(entity).plural);
}

QStringList picklistValues(const FieldDef &field)
{
    return picklists().value(QLatin1String(field.picklist));
}

QString displayName(Entity entity, const QVariantMap &values)
{
    switch (entity) {
    case Entity::Lead:
    case Entity::Contact:
        return QStringList{values.value("first_name").toString(),
                           values.value("last_name").toString()}
            .join(QLatin1Char(' ')).trimmed();
    case Entity::Account:
        return values.value("account_name").toString();
    case Entity::Deal:
        return values.value("deal_name").toString();
    }
    return {};
}

} // namespace Rapport
