#pragma once
// Maps the column headers of a CSV file to a record type's fields, the way a user would:
// Rapport's own labels in every language it ships (i18n/shippedtranslations.h) and column
// names first, then what Zoho, Salesforce, HubSpot, Outlook and Google write
// (FieldDef::aliases) and what people type in Rapport's other languages
// (transfer/headeraliases.h), ignoring case, spaces, punctuation, accents and a byte order
// mark. In Rapport's own export, a reference's "<Label> Id" column links by id and wins
// over the name column beside it. The import wizard shows the result for the user to
// change; the command line uses it as is.

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QStringList>

namespace Rapport {

class HeaderMatcher
{
public:
    // The mapping target for a column carrying a record id ("Record Id", "Id").
    static QString recordId() { return QStringLiteral("id"); }

    explicit HeaderMatcher(Entity entity);

    // "E-mail Address " -> "emailaddress", "Straße" -> "strasse"; BOM, case, accents,
    // spaces and punctuation dropped.
    static QString normalise(const QString &header);

    // The field (column name) a header stands for, recordId(), or "" for none.
    QString match(const QString &header) const;
    // One entry per header (field name, recordId() or ""). A field is used once: in
    // Rapport's own export a reference's Id column beats its name column, Rapport's own
    // labels beat aliases, and the leftmost header wins among equals.
    QStringList matchAll(const QStringList &headers) const;
    // True when the file is one of Rapport's own exports: "Record Id" first and every other
    // header a label or column name of this record type, a reference's Id column, or one of
    // a lead export's conversion columns. Only then do record ids count.
    bool isRapportExport(const QStringList &headers) const;
    // In a leads export: the lead column a conversion column holds ("converted_at" for
    // "Converted", "converted_account_id" for "Converted Account Id"); "" for any other
    // header, and for the name columns ("Converted Account"), which are for people.
    QString linkColumn(const QString &header) const;

private:
    int quality(const QString &normalised, QString *field) const;
    QString idColumnField(const QString &normalised) const;
    bool isConversionColumn(const QString &normalised) const;

    Entity m_entity;
};

} // namespace Rapport
