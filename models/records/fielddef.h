#pragma once
// The description of one field of a record type. One list of these per record type
// (see recordtypes.cpp) drives the database columns, table columns, forms, validation,
// CSV header matching and the conversion mapping; its Reference fields (and each record
// type's links) are how records relate, for deletes, undo, unconvert and notes.

#include <QString>
#include <QStringList>

namespace Rapport {

// Activities (tasks, calls, meetings, logged emails) are a record type like the others, on
// any lead, contact, account or deal through their Reference fields.
enum class Entity { Lead, Contact, Account, Deal, Activity };

enum class FieldType {
    Text,      // one line of text
    LongText,  // multi-line text (Description)
    Email,
    Phone,
    Url,
    Integer,
    Decimal,   // money and other amounts
    Date,      // stored as ISO yyyy-MM-dd
    DateTime,  // a moment, stored in UTC as ISO yyyy-MM-ddTHH:mm:ssZ, shown in local time
    Bool,      // stored as 0/1
    Picklist,  // text from a list of suggested values
    Reference  // id of a record of refEntity
};

// What a field means to duplicate matching and to the import, beyond its type: the matcher
// and the match keys read a record's company, email, phones and website by role, never by
// column name. A field has one role at most; most have none.
enum class FieldRole {
    None,
    Organisation, // the company's name: a lead's Company, an account's Account Name
    Email,        // the main email address: the import's duplicate check, the email domain
    OtherEmail,   // a further address of the same person, matched like Email
    Phone,        // a number the person answers (not a fax)
    Website,      // the company's web site, matched by its domain
};

struct FieldDef {
    const char *name = "";       // column name in the database
    const char *label = "";      // English label; translate with fieldLabel()
    FieldType type = FieldType::Text;
    const char *group = "";      // form group; translate with groupLabel()
    bool required = false;
    bool listed = false;         // shown in the table by default
    bool searchable = false;     // part of the quick search
    bool indexed = false;        // has an index so sorting by it is instant
    const char *picklist = "";   // for Picklist: name of the value list (see picklistValues())
    Entity refEntity = Entity::Account; // for Reference
    bool sharesNotes = false;    // for Reference: the referenced record shows this one's notes
    FieldRole role = FieldRole::None;
    // Headers other programs write for this field, '|'-separated, as they write them (the
    // import folds case and punctuation). Rapport's own label, in every language it ships,
    // and the column name are matched without being listed.
    const char *aliases = "";
    // What a new record holds here unless it is given a value (stored form, untranslated).
    const char *defaultValue = "";
    // Text: a repeat rule (RFC 5545 RRULE), checked as libical reads it.
    bool recurrence = false;
    // Integer: the values allowed, when maximum > minimum (a probability: 0 to 100).
    int minimum = 0;
    int maximum = 0;
};

} // namespace Rapport
