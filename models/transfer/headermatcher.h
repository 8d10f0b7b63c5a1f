#pragma once
// Maps the column headers of a CSV file to a record type's fields, the way a user would:
// Rapport's own labels (also translated) and column names first, then what Zoho,
// Salesforce, HubSpot, Outlook and Google write (FieldDef::aliases), ignoring case, spaces,
// punctuation and a byte order mark. The import wizard shows the result for the user to
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

    // "E-mail Address " -> "emailaddress"; BOM, case, spaces and punctuation dropped.
    static QString normalise(const QString &header);

    // The field (column name) a header stands for, recordId(), or "" for none.
    QString match(const QString &header) const;
    // One entry per header (field name, recordId() or ""). A field is used once: Rapport's
    // own labels beat aliases, and the leftmost header wins among equals.
    QStringList matchAll(const QStringList &headers) const;
    // True when the file is one of Rapport's own exports: "Record Id" first and every other
    // header a label or column name of this record type. Only then do record ids count.
    bool isRapportExport(const QStringList &headers) const;

private:
    int quality(const QString &normalised, QString *field) const;

    Entity m_entity;
};

} // namespace Rapport
