#pragma once
// Which of a card's properties fill which of Rapport's contact fields: the columns a vCard
// file yields (named with the contact's English labels, so that the import's header matcher
// maps them without help) and one row of them from the properties of a card. Where a card
// has several values of a kind, the work one wins, then the preferred one, then the first.

#include "vcard/vcardproperty.h"

#include <QStringList>

namespace Rapport {

class VCardFields
{
public:
    enum Column {
        Salutation, FirstName, LastName, AccountName, Department, Title, Email, SecondaryEmail,
        Phone, Mobile, Fax, Website, Street, City, State, Zip, Country, Description, ColumnCount
    };

    struct Card {
        QStringList row;         // aligned to headers()
        QString uid;
        bool named = false;      // has a person's or an organisation's name
        bool badBytes = false;   // a value is not text in the encoding the card allows
    };

    static QStringList headers();
    // True for the properties fields() reads; the reader keeps no others (photos, keys).
    static bool isWanted(const QByteArray &name);
    static Card fields(const QList<VCardProperty> &properties, VCardVersion version);
};

} // namespace Rapport
