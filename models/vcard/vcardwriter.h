#pragma once
// Writes contacts as vCard 3.0 (RFC 2426), the version Google Contacts, Apple Contacts and
// Outlook all read: one card per contact, CRLF line ends, lines folded at 75 bytes (never
// inside a UTF-8 character), text escaped. The card's UID names the contact
// (urn:rapport:contact:<id>), so that VCardReader::rapportId() knows it again.

#include <QCoreApplication>
#include <QVariantMap>

class QIODevice;

namespace Rapport {

class VCardWriter
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::VCardWriter)

public:
    // The device must be open for writing and stay alive while the writer is used.
    explicit VCardWriter(QIODevice *out);

    // One card from a contact's values, keyed by Rapport's field names (first_name,
    // last_name, salutation, title, department, email, secondary_email, phone, mobile, fax,
    // website, mailing_street ... mailing_country, description), with account_name for the
    // account's name, id for the UID and updated_at (UTC) for REV. Empty values are left
    // out. False on a write error.
    bool writeCard(const QVariantMap &values);
    QString errorString() const { return m_error; }

    // Text as a vCard 3.0 value: backslash, comma, semicolon and line breaks escaped.
    static QString escaped(const QString &text);
    // A property line as written: UTF-8, folded at 75 bytes, CRLF after each line.
    static QByteArray folded(const QString &line);

private:
    QIODevice *m_out;
    QString m_error;
};

} // namespace Rapport
