#include "records/recordtypes.h"

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
constexpr const char *Activity = QT_TRANSLATE_NOOP("Rapport::Group", "Activity");
constexpr const char *Regarding = QT_TRANSLATE_NOOP("Rapport::Group", "Regarding");

// Column headers other programs write for a field (Zoho, Salesforce labels and API names,
// HubSpot, Outlook classic and .com, Google current and legacy, Less Annoying CRM), where
// several record types share them. Rapport's own labels and column names need no alias.
constexpr const char *TitleAliases = "Job Title|Organization Title|Organization 1 - Title|Position";
constexpr const char *AnnualRevenueAliases = "AnnualRevenue|Revenue";
constexpr const char *EmployeesAliases = "NumberOfEmployees|Number of Employees|No. of Employees|Employees";
constexpr const char *WebsiteAliases = "Website URL|Web Page|Website 1 - Value|Web Site|URL";
constexpr const char *PhoneAliases = "Phone Number|Business Phone|Phone 1 - Value|Primary Phone|Work Phone|Company Main Phone|Telephone";
constexpr const char *FaxAliases = "Business Fax|Fax Number";
constexpr const char *LeadSourceAliases = "LeadSource|Source|Original Source|Lead Source";
constexpr const char *OwnerAliases = "Lead Owner|Contact Owner|Account Owner|Deal Owner|Opportunity Owner|Assigned To|Owner";
constexpr const char *DescriptionAliases = "Notes|Background Info|Comments|Note";

// The fields a lead shares with the contact it becomes, so that the two never drift apart:
// the person's name...
QList<FieldDef> personName()
{
    return {
        {.name = "salutation", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Salutation"), .type = T::Picklist, .group = Person, .picklist = "salutation", .aliases = "Name Prefix|Prefix"},
        {.name = "first_name", .label = QT_TRANSLATE_NOOP("Rapport::Field", "First Name"), .group = Person, .listed = true, .searchable = true, .indexed = true, .aliases = "FirstName|First|Given Name|Forename"},
        {.name = "last_name", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Last Name"), .group = Person, .required = true, .listed = true, .searchable = true, .indexed = true, .aliases = "LastName|Last|Family Name|Surname"},
    };
}

// ... and how to reach them.
QList<FieldDef> reachDetails()
{
    return {
        {.name = "email", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Email"), .type = T::Email, .group = Contact, .listed = true, .searchable = true, .indexed = true, .role = FieldRole::Email, .aliases = "Email Address|E-mail Address|E-mail|E-mail 1 - Value|Primary Email|Work email|Email 1"},
        {.name = "secondary_email", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Secondary Email"), .type = T::Email, .group = Contact, .role = FieldRole::OtherEmail, .aliases = "E-mail 2 Address|E-mail 2 - Value|Email 2|Other Email"},
        {.name = "phone", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Phone"), .type = T::Phone, .group = Contact, .listed = true, .searchable = true, .indexed = true, .role = FieldRole::Phone, .aliases = PhoneAliases},
        {.name = "mobile", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Mobile"), .type = T::Phone, .group = Contact, .searchable = true, .role = FieldRole::Phone, .aliases = "MobilePhone|Mobile Phone|Mobile Phone Number|Cell Phone|Cell|Phone 2 - Value"},
        {.name = "fax", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Fax"), .type = T::Phone, .group = Contact, .aliases = FaxAliases},
        {.name = "email_opt_out", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Email Opt Out"), .type = T::Bool, .group = Contact, .aliases = "HasOptedOutOfEmail|Unsubscribed from all email|Do Not Email|Opted Out"},
    };
}

EntityDef makeLeads()
{
    EntityDef d{Entity::Lead, "leads", QT_TRANSLATE_NOOP("Rapport::Entity", "Lead"),
            QT_TRANSLATE_NOOP("Rapport::Entity", "Leads"), personName() + QList<FieldDef>{
        {.name = "title", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Title"), .group = Person, .aliases = TitleAliases},
        {.name = "company", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Company"), .group = Company, .listed = true, .searchable = true, .indexed = true, .role = FieldRole::Organisation, .aliases = "Company Name|Company / Account|Organization Name|Organization 1 - Name|Organization|Associated Company"},
        {.name = "industry", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Industry"), .type = T::Picklist, .group = Company, .picklist = "industry"},
        {.name = "annual_revenue", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Annual Revenue"), .type = T::Decimal, .group = Company, .aliases = AnnualRevenueAliases},
        {.name = "employees", .label = QT_TRANSLATE_NOOP("Rapport::Field", "No. of Employees"), .type = T::Integer, .group = Company, .aliases = EmployeesAliases},
        {.name = "website", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Website"), .type = T::Url, .group = Company, .role = FieldRole::Website, .aliases = WebsiteAliases},
    } + reachDetails() + QList<FieldDef>{
        {.name = "lead_source", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Lead Source"), .type = T::Picklist, .group = Qualify, .listed = true, .indexed = true, .picklist = "lead_source", .aliases = LeadSourceAliases},
        {.name = "lead_status", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Lead Status"), .type = T::Picklist, .group = Qualify, .listed = true, .indexed = true, .picklist = "lead_status", .aliases = "Status|Lead Status", .defaultValue = "Not Contacted"},
        {.name = "rating", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Rating"), .type = T::Picklist, .group = Qualify, .picklist = "rating"},
        {.name = "owner", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Owner"), .group = Qualify, .aliases = OwnerAliases},
        {.name = "street", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Street"), .group = Address, .aliases = "Street Address|Business Street|Address 1 - Street|Primary Street 1|Address"},
        {.name = "city", .label = QT_TRANSLATE_NOOP("Rapport::Field", "City"), .group = Address, .listed = true, .indexed = true, .aliases = "Business City|Address 1 - City|Primary City|Town"},
        {.name = "state", .label = QT_TRANSLATE_NOOP("Rapport::Field", "State"), .group = Address, .aliases = "State/Province|State/Region|Business State|Address 1 - Region|Primary State|Region|Province"},
        {.name = "zip", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Zip Code"), .group = Address, .aliases = "PostalCode|Postal Code|Zip/Postal Code|Zip|Business Postal Code|Address 1 - Postal Code|Primary Zip|Postcode"},
        {.name = "country", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Country"), .group = Address, .aliases = "Country/Region|Business Country/Region|Address 1 - Country|Primary Country"},
        {.name = "description", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Description"), .type = T::LongText, .group = More, .aliases = DescriptionAliases},
    }};
    d.filters = {
        {"lead_status", "statusFilter", QT_TRANSLATE_NOOP("Rapport::RecordTab", "All statuses")},
        {"lead_source", "sourceFilter", QT_TRANSLATE_NOOP("Rapport::RecordTab", "All sources")},
    };
    d.nameFields = {"first_name", "last_name"};
    // Where a converted lead went. Notes of the lead show on the contact and deal it became.
    // The labels head the columns of an export (transfer/exportcolumns.h).
    d.links = {
        {.name = "converted_account_id", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Converted Account"), .type = T::Reference, .refEntity = Entity::Account},
        {.name = "converted_contact_id", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Converted Contact"), .type = T::Reference, .refEntity = Entity::Contact, .sharesNotes = true},
        {.name = "converted_deal_id", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Converted Deal"), .type = T::Reference, .refEntity = Entity::Deal, .sharesNotes = true},
    };
    return d;
}

EntityDef makeContacts()
{
    EntityDef d{Entity::Contact, "contacts", QT_TRANSLATE_NOOP("Rapport::Entity", "Contact"),
            QT_TRANSLATE_NOOP("Rapport::Entity", "Contacts"), personName() + QList<FieldDef>{
        {.name = "account_id", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Account Name"), .type = T::Reference, .group = Person, .listed = true, .indexed = true, .refEntity = Entity::Account, .aliases = "AccountId|Account|Company|Company Name|Organization Name|Organization 1 - Name|Associated Company"},
        {.name = "title", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Title"), .group = Person, .listed = true, .indexed = true, .aliases = TitleAliases},
        {.name = "department", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Department"), .group = Person, .aliases = "Organization Department|Organization 1 - Department"},
    } + reachDetails() + QList<FieldDef>{
        {.name = "lead_source", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Lead Source"), .type = T::Picklist, .group = Qualify, .picklist = "lead_source", .aliases = LeadSourceAliases},
        {.name = "owner", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Owner"), .group = Qualify, .aliases = OwnerAliases},
        {.name = "mailing_street", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Mailing Street"), .group = Address, .aliases = "MailingStreet|Street|Street Address|Business Street|Address 1 - Street|Primary Street 1"},
        {.name = "mailing_city", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Mailing City"), .group = Address, .listed = true, .indexed = true, .aliases = "MailingCity|City|Business City|Address 1 - City|Primary City"},
        {.name = "mailing_state", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Mailing State"), .group = Address, .aliases = "MailingState|State|State/Province|State/Region|Business State|Address 1 - Region|Primary State"},
        {.name = "mailing_zip", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Mailing Zip"), .group = Address, .aliases = "MailingPostalCode|Zip Code|Zip|Postal Code|Zip/Postal Code|Business Postal Code|Address 1 - Postal Code|Primary Zip|Mailing Code"},
        {.name = "mailing_country", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Mailing Country"), .group = Address, .aliases = "MailingCountry|Country|Country/Region|Business Country/Region|Address 1 - Country|Primary Country"},
        {.name = "description", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Description"), .type = T::LongText, .group = More, .aliases = DescriptionAliases},
    }};
    d.nameFields = {"first_name", "last_name"};
    d.matched = true;
    return d;
}

EntityDef makeAccounts()
{
    EntityDef d{Entity::Account, "accounts", QT_TRANSLATE_NOOP("Rapport::Entity", "Account"),
            QT_TRANSLATE_NOOP("Rapport::Entity", "Accounts"), {
        {.name = "account_name", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Account Name"), .group = Company, .required = true, .listed = true, .searchable = true, .indexed = true, .role = FieldRole::Organisation, .aliases = "Name|Company|Company Name|Account|Organization|Organization Name"},
        {.name = "website", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Website"), .type = T::Url, .group = Company, .listed = true, .searchable = true, .indexed = true, .role = FieldRole::Website, .aliases = WebsiteAliases},
        {.name = "phone", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Phone"), .type = T::Phone, .group = Company, .listed = true, .searchable = true, .indexed = true, .aliases = PhoneAliases},
        {.name = "fax", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Fax"), .type = T::Phone, .group = Company, .aliases = FaxAliases},
        {.name = "parent_account_id", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Parent Account"), .type = T::Reference, .group = Company, .refEntity = Entity::Account, .aliases = "ParentId|Parent Account"},
        {.name = "industry", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Industry"), .type = T::Picklist, .group = Qualify, .listed = true, .indexed = true, .picklist = "industry"},
        {.name = "account_type", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Type"), .type = T::Picklist, .group = Qualify, .listed = true, .indexed = true, .picklist = "account_type", .aliases = "Type|Account Type"},
        {.name = "employees", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Employees"), .type = T::Integer, .group = Qualify, .aliases = EmployeesAliases},
        {.name = "annual_revenue", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Annual Revenue"), .type = T::Decimal, .group = Qualify, .aliases = AnnualRevenueAliases},
        {.name = "rating", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Rating"), .type = T::Picklist, .group = Qualify, .picklist = "rating"},
        {.name = "owner", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Owner"), .group = Qualify, .aliases = OwnerAliases},
        {.name = "billing_street", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Billing Street"), .group = Address, .aliases = "BillingStreet|Street|Street Address|Address"},
        {.name = "billing_city", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Billing City"), .group = Address, .listed = true, .indexed = true, .aliases = "BillingCity|City"},
        {.name = "billing_state", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Billing State"), .group = Address, .aliases = "BillingState|State|State/Province|State/Region"},
        {.name = "billing_zip", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Billing Code"), .group = Address, .aliases = "BillingPostalCode|Billing Zip|Zip Code|Postal Code|Zip"},
        {.name = "billing_country", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Billing Country"), .group = Address, .aliases = "BillingCountry|Country|Country/Region"},
        {.name = "shipping_street", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Shipping Street"), .group = Shipping, .aliases = "ShippingStreet"},
        {.name = "shipping_city", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Shipping City"), .group = Shipping, .aliases = "ShippingCity"},
        {.name = "shipping_state", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Shipping State"), .group = Shipping, .aliases = "ShippingState"},
        {.name = "shipping_zip", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Shipping Code"), .group = Shipping, .aliases = "ShippingPostalCode|Shipping Zip"},
        {.name = "shipping_country", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Shipping Country"), .group = Shipping, .aliases = "ShippingCountry"},
        {.name = "description", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Description"), .type = T::LongText, .group = More, .aliases = DescriptionAliases},
    }};
    d.nameFields = {"account_name"};
    d.matched = true;
    return d;
}

EntityDef makeDeals()
{
    EntityDef d{Entity::Deal, "deals", QT_TRANSLATE_NOOP("Rapport::Entity", "Deal"),
            QT_TRANSLATE_NOOP("Rapport::Entity", "Deals"), {
        {.name = "deal_name", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Deal Name"), .group = Deal, .required = true, .listed = true, .searchable = true, .indexed = true, .aliases = "Name|Opportunity Name|Deal|Opportunity"},
        {.name = "account_id", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Account Name"), .type = T::Reference, .group = Deal, .listed = true, .indexed = true, .refEntity = Entity::Account, .aliases = "AccountId|Account|Company|Associated Company"},
        {.name = "contact_id", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Contact Name"), .type = T::Reference, .group = Deal, .listed = true, .indexed = true, .refEntity = Entity::Contact, .aliases = "ContactId|Contact|Associated Contact"},
        {.name = "amount", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Amount"), .type = T::Decimal, .group = Deal, .listed = true, .indexed = true, .aliases = "Amount|Deal Amount|Value"},
        {.name = "closing_date", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Closing Date"), .type = T::Date, .group = Deal, .listed = true, .indexed = true, .aliases = "CloseDate|Close Date|Closing|Expected Close Date"},
        {.name = "stage", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Stage"), .type = T::Picklist, .group = Deal, .listed = true, .indexed = true, .picklist = "stage", .aliases = "StageName|Stage Name|Deal Stage|Pipeline Stage"},
        {.name = "probability", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Probability (%)"), .type = T::Integer, .group = Deal, .aliases = "Probability|Probability (%)", .minimum = 0, .maximum = 100},
        {.name = "close_reason", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Close Reason"), .group = Deal, .aliases = "Reason Lost|Lost Reason|Loss Reason|Closed Lost Reason|Reason Won|Win Reason|Closed Won Reason"},
        {.name = "lead_source", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Lead Source"), .type = T::Picklist, .group = Qualify, .picklist = "lead_source", .aliases = LeadSourceAliases},
        {.name = "rating", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Rating"), .type = T::Picklist, .group = Qualify, .picklist = "rating"},
        {.name = "next_step", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Next Step"), .group = Qualify, .aliases = "NextStep"},
        {.name = "owner", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Owner"), .group = Qualify, .aliases = OwnerAliases},
        {.name = "description", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Description"), .type = T::LongText, .group = More, .aliases = DescriptionAliases},
    }};
    d.filters = {{"stage", "stageFilter", QT_TRANSLATE_NOOP("Rapport::RecordTab", "All stages")}};
    d.nameFields = {"deal_name"};
    return d;
}

// Tasks, calls, meetings and logged emails, on a lead, contact, account or deal (any of them,
// at least one): a Reference field each, so that deletes, conversion and the related lists
// of a record see them as they see a deal's contact.
EntityDef makeActivities()
{
    EntityDef d{Entity::Activity, "activities", QT_TRANSLATE_NOOP("Rapport::Entity", "Activity"),
            QT_TRANSLATE_NOOP("Rapport::Entity", "Activities"), {
        {.name = "subject", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Subject"), .group = Activity, .required = true, .listed = true, .searchable = true, .indexed = true, .aliases = "Title|Summary|Task|Activity"},
        {.name = "activity_type", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Type"), .type = T::Picklist, .group = Activity, .required = true, .listed = true, .indexed = true, .picklist = "activity_type", .aliases = "Activity Type|Task Type|Type", .defaultValue = "Task"},
        {.name = "due_at", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Due"), .type = T::DateTime, .group = Activity, .listed = true, .indexed = true, .aliases = "Due Date|Due Date Time|ActivityDate|Start|Start Date|Start Time|Date"},
        {.name = "end_at", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Ends"), .type = T::DateTime, .group = Activity, .aliases = "End|End Date|End Time"},
        {.name = "reminder", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Reminder"), .type = T::Picklist, .group = Activity, .picklist = "reminder", .aliases = "Reminder|Alarm|Remind Me"},
        {.name = "location", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Location"), .group = Activity, .aliases = "Where|Venue"},
        {.name = "status", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Status"), .type = T::Picklist, .group = Activity, .listed = true, .indexed = true, .picklist = "activity_status", .aliases = "Task Status|Activity Status", .defaultValue = "Open"},
        {.name = "priority", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Priority"), .type = T::Picklist, .group = Activity, .listed = true, .indexed = true, .picklist = "priority", .defaultValue = "Normal"},
        {.name = "outcome", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Call Outcome"), .type = T::Picklist, .group = Activity, .picklist = "call_outcome", .aliases = "Outcome|Call Result|Result"},
        {.name = "owner", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Owner"), .group = Activity, .listed = true, .indexed = true, .aliases = "Assigned To|Task Owner|Activity Owner|Owner"},
        {.name = "lead_id", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Lead"), .type = T::Reference, .group = Regarding, .listed = true, .indexed = true, .refEntity = Entity::Lead, .aliases = "LeadId|Lead Name"},
        {.name = "contact_id", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Contact"), .type = T::Reference, .group = Regarding, .listed = true, .indexed = true, .refEntity = Entity::Contact, .aliases = "ContactId|Contact Name|WhoId|Name"},
        {.name = "account_id", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Account"), .type = T::Reference, .group = Regarding, .indexed = true, .refEntity = Entity::Account, .aliases = "AccountId|Account Name|Company"},
        {.name = "deal_id", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Deal"), .type = T::Reference, .group = Regarding, .listed = true, .indexed = true, .refEntity = Entity::Deal, .aliases = "DealId|Deal Name|Opportunity|WhatId"},
        {.name = "repeat_rule", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Repeats"), .group = Activity, .aliases = "RRULE|Recurrence|Recurrence Rule", .recurrence = true},
        {.name = "completed_at", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Completed"), .type = T::DateTime, .group = Activity, .aliases = "Completed Date|Completed On|Done"},
        {.name = "description", .label = QT_TRANSLATE_NOOP("Rapport::Field", "Description"), .type = T::LongText, .group = More, .aliases = DescriptionAliases},
    }};
    d.filters = {
        {"activity_type", "typeFilter", QT_TRANSLATE_NOOP("Rapport::RecordTab", "All types")},
        {"status", "activityStatusFilter", QT_TRANSLATE_NOOP("Rapport::RecordTab", "Open and done")},
    };
    d.nameFields = {"subject"};
    return d;
}

const QHash<QString, QStringList> &picklists()
{
    static const QHash<QString, QStringList> lists = {
        {"salutation", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Mr."),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Mrs."),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Ms."),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Dr."),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Prof.")
        }},
        {"lead_source", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Advertisement"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Chat"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Cold Call"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Employee Referral"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "External Referral"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Online Store"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Partner"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Partner Referral"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Public Relations"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Seminar"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Trade Show"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Web Download"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Web Research")
        }},
        {"lead_status", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Not Contacted"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Attempted to Contact"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Contact in Future"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Contacted"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Pre-Qualified"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Not Qualified"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Junk Lead"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Lost Lead")
        }},
        {"industry", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Agriculture"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Banking"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Construction"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Consulting"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Education"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Energy"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Finance"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Government"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Healthcare"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Hospitality"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Insurance"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Manufacturing"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Media"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Non-Profit"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Real Estate"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Retail"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Software"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Telecommunications"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Transportation"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Other")
        }},
        {"rating", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Hot"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Warm"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Cold")
        }},
        {"account_type", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Prospect"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Customer"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Partner"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Reseller"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Distributor"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Competitor"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Investor"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Press"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Other")
        }},
        {"activity_type", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Task"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Call"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Meeting"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Email")
        }},
        {"activity_status", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Open"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Done")
        }},
        {"priority", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "High"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Normal"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Low")
        }},
        // How long before an activity is due its owner is reminded (activities/reminders.h
        // reads the lead time off these stored forms).
        {"reminder", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "At due time"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "5 minutes before"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "15 minutes before"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "30 minutes before"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "1 hour before"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "2 hours before"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "1 day before"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "1 week before")
        }},
        {"call_outcome", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Connected"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "No Answer"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Left Voicemail"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Busy")
        }},
        {"stage", {
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Qualification"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Needs Analysis"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Proposal"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Negotiation"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Closed Won"),
            QT_TRANSLATE_NOOP("Rapport::Picklist", "Closed Lost")
        }},
    };
    return lists;
}

} // namespace

const EntityDef &entityDef(Entity entity)
{
    static const EntityDef defs[] = {makeLeads(), makeContacts(), makeAccounts(), makeDeals(),
                                     makeActivities()};
    return defs[static_cast<int>(entity)];
}

const QList<Entity> &allEntities()
{
    static const QList<Entity> all = {Entity::Lead, Entity::Contact, Entity::Account, Entity::Deal,
                                      Entity::Activity};
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

QList<const FieldDef *> fieldsWithRole(Entity entity, FieldRole role)
{
    QList<const FieldDef *> out;
    for (const FieldDef &f : entityDef(entity).fields) {
        if (f.role == role)
            out.append(&f);
    }
    return out;
}

const FieldDef *fieldWithRole(Entity entity, FieldRole role)
{
    for (const FieldDef &f : entityDef(entity).fields) {
        if (f.role == role)
            return &f;
    }
    return nullptr;
}

QString roleText(Entity entity, const QVariantMap &values, FieldRole role)
{
    const FieldDef *f = fieldWithRole(entity, role);
    return f ? values.value(QLatin1String(f->name)).toString().trimmed() : QString();
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

QVariantMap defaultValues(Entity entity)
{
    QVariantMap out;
    for (const FieldDef &f : entityDef(entity).fields) {
        if (*f.defaultValue)
            out.insert(QLatin1String(f.name), QString::fromUtf8(f.defaultValue));
    }
    return out;
}

QString entityNoun(Entity entity, bool plural)
{
    // As the word stands inside a sentence: lower case in English, capitalised in German.
    static const char *const nouns[][2] = {
        {QT_TRANSLATE_NOOP("Rapport::Noun", "lead"), QT_TRANSLATE_NOOP("Rapport::Noun", "leads")},
        {QT_TRANSLATE_NOOP("Rapport::Noun", "contact"), QT_TRANSLATE_NOOP("Rapport::Noun", "contacts")},
        {QT_TRANSLATE_NOOP("Rapport::Noun", "account"), QT_TRANSLATE_NOOP("Rapport::Noun", "accounts")},
        {QT_TRANSLATE_NOOP("Rapport::Noun", "deal"), QT_TRANSLATE_NOOP("Rapport::Noun", "deals")},
        {QT_TRANSLATE_NOOP("Rapport::Noun", "activity"), QT_TRANSLATE_NOOP("Rapport::Noun", "activities")},
    };
    static_assert(std::size(nouns) == int(Entity::Activity) + 1, "a noun for every record type");
    return QCoreApplication::translate("Rapport::Noun", nouns[int(entity)][plural ? 1 : 0]);
}

QStringList importableValues(const FieldDef &field)
{
    QStringList values = picklistValues(field);
    if (qstrcmp(field.picklist, "lead_status") == 0)
        values << convertedLeadStatus();
    return values;
}

QStringList picklistValues(const FieldDef &field)
{
    return picklists().value(QLatin1String(field.picklist));
}

QString picklistLabel(const QString &value)
{
    return QCoreApplication::translate("Rapport::Picklist", value.toUtf8().constData());
}

QString displayName(Entity entity, const QVariantMap &values)
{
    QStringList parts;
    for (const char *name : entityDef(entity).nameFields)
        parts << values.value(QLatin1String(name)).toString();
    return parts.join(QLatin1Char(' ')).trimmed();
}

QString nameSql(Entity entity, const QString &alias)
{
    const QString prefix = alias.isEmpty() ? QString() : alias + QLatin1Char('.');
    const QList<const char *> &names = entityDef(entity).nameFields;
    if (names.size() == 1)
        return prefix + QLatin1String(names.first());
    QStringList parts;
    for (const char *name : names)
        parts << QStringLiteral("COALESCE(%1%2, '')").arg(prefix, QLatin1String(name));
    return QStringLiteral("TRIM(%1)").arg(parts.join(QStringLiteral(" || ' ' || ")));
}

QStringList nameColumns(Entity entity)
{
    QStringList columns;
    for (const char *name : entityDef(entity).nameFields)
        columns << QLatin1String(name);
    return columns;
}

QList<Reference> referencesTo(Entity to)
{
    QList<Reference> out;
    for (Entity from : allEntities()) {
        const EntityDef &def = entityDef(from);
        for (const FieldDef &f : def.fields) {
            if (f.type == FieldType::Reference && f.refEntity == to)
                out.append({from, &f, false});
        }
        for (const FieldDef &f : def.links) {
            if (f.refEntity == to)
                out.append({from, &f, true});
        }
    }
    return out;
}

const FieldDef *conversionLink(Entity target)
{
    for (const FieldDef &f : entityDef(Entity::Lead).links) {
        if (f.refEntity == target)
            return &f;
    }
    return nullptr;
}

QString convertedLeadStatus()
{
    return QStringLiteral(QT_TRANSLATE_NOOP("Rapport::Picklist", "Converted"));
}

StageDefaults stageDefaults(const QString &stage)
{
    // Salesforce's and Zoho's usual figures.
    static const QHash<QString, StageDefaults> known = {
        {QStringLiteral("Qualification"), {10, 30}}, {QStringLiteral("Needs Analysis"), {20, 30}},
        {QStringLiteral("Proposal"), {50, 21}},      {QStringLiteral("Negotiation"), {75, 14}},
        {QStringLiteral("Closed Won"), {100, 0}},    {QStringLiteral("Closed Lost"), {0, 0}},
    };
    return known.value(stage, StageDefaults{});
}

} // namespace Rapport
