#pragma once
// Normalised keys for duplicate matching: the same email, phone, web domain or company
// written differently ("ACME, Inc." / "Acme", "030 1234567" / "+49 30 1234567") gives the
// same key. Stored in indexed key columns of accounts and contacts so that matching is an
// index lookup, not a scan; used by lead conversion, import and new-record entry.

#include "records/fielddef.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace Rapport::MatchKeys {

// Trimmed, lower case, "mailto:" and <> removed; "" if it is not an address.
QString email(const QString &text);
// The part after the @ of email(text); "" if none.
QString emailDomain(const QString &text);
// emailDomain(), but "" for free-mail providers (gmail.com, gmx.de...): they say
// nothing about the company.
QString companyEmailDomain(const QString &text);
bool isFreeMailDomain(const QString &domain);
// "https://www.Acme.com/about?x" -> "acme.com"; "" if it has no dotted host.
QString webDomain(const QString &text);
// E.164 ("+4930123456") via libphonenumber; numbers without a country code are read in
// `region` (ISO 3166 code, "" = defaultRegion()). "" if it is not a possible number.
QString phone(const QString &text, const QString &region = QString());
// The region of the system locale unless overridden (setDefaultRegion or the
// RAPPORT_PHONE_REGION environment variable); "ZZ" (unknown) for the C locale.
QString defaultRegion();
void setDefaultRegion(const QString &region);
// Case, accents, punctuation, "the", "and"/"&" and trailing legal suffixes (Inc, Ltd,
// GmbH & Co. KG, S.A., S.p.A., Pty Ltd...) removed: "Müller GmbH" -> "muller".
QString companyName(const QString &text);
// Folded "first last".
QString personName(const QString &first, const QString &last);
// True if two company keys are close enough to show as "similar name".
bool similarCompanyKeys(const QString &a, const QString &b);

// The key columns an entity's table has ("name_key", ...); empty for leads and deals.
QStringList columns(Entity entity);
// The fields compute() reads, so a writer that loads only some columns can load these too.
QStringList sourceFields(Entity entity);
// Their values for a record (NULL where there is nothing to match on).
QVariantMap compute(Entity entity, const QVariantMap &values);

} // namespace Rapport::MatchKeys
