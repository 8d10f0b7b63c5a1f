#pragma once
// Everything the user decided in the conversion wizard (or on the command line), as plain
// data: which account and contact the lead becomes, whether a deal is made, and the field
// mapping. The Converter turns it into records in one transaction.

#include "conversion/conversionmapping.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <QVariant>
#include <QVariantMap>

namespace Rapport {

// How one field of an existing record is merged with the lead's value.
enum class MergeChoice {
    FillEmpty, // the default: the lead's value only where the record has none
    Lead,      // the lead's value wins (when it has one)
    Existing   // the record keeps its value
};

struct ConversionPlan {
    enum class AccountAction { New, Existing, None };
    enum class ContactAction { New, Merge };

    qint64 leadId = 0;

    AccountAction account = AccountAction::New;
    QString accountName;                        // New: "" = the lead's Company
    qint64 accountId = 0;                       // Existing
    QHash<QString, MergeChoice> accountChoices; // Existing: account column -> choice

    ContactAction contact = ContactAction::New;
    qint64 contactId = 0;                       // Merge
    QHash<QString, MergeChoice> contactChoices; // Merge: contact column -> choice
                                                // ("account_id" too: FillEmpty keeps the
                                                // contact's own account if it has one)

    bool createDeal = true;
    QString dealName;
    QVariant amount;    // null: no amount
    QString stage;
    QDate closingDate;  // invalid: none

    ConversionMapping mapping = ConversionMapping::defaults();

    // What the wizard starts with for this lead: a new account from its Company (none
    // for a B2C lead without one), a new contact, a deal "Company – Last Name" closing at
    // the end of the current quarter, the given mapping.
    static ConversionPlan suggested(qint64 leadId, const QVariantMap &lead,
                                    const ConversionMapping &mapping);
    static QString defaultDealName(const QVariantMap &lead);

    // What the conversion writes to the record of `target` type (or, for an existing
    // record, merges into it per the choices): the mapped lead fields, the new account's
    // name, the deal's fields, and the links to the account and contact it ends up with
    // (0: none). The wizard's merge page shows these as the "lead" column.
    QVariantMap recordValues(Target target, const QVariantMap &lead, qint64 newAccountId = 0,
                             qint64 newContactId = 0) const;
    static QDate endOfQuarter(const QDate &day);
};

// The value a field ends up with when `incoming` (the lead's, possibly blank) is merged
// into `existing` with `choice`. The wizard shows it as the "result" column.
QVariant mergedValue(const QVariant &existing, const QVariant &incoming, MergeChoice choice);
// The columns of `existing` that the merge changes, with their new values.
QVariantMap mergeChanges(const QVariantMap &existing, const QVariantMap &incoming,
                         const QHash<QString, MergeChoice> &choices);
// Blank-insensitive value equality as stored ("5" and 5.0 are the same).
bool sameValue(const QVariant &a, const QVariant &b);

} // namespace Rapport
