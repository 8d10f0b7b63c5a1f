#pragma once
// The one table of column headers other programs use for Rapport's fields (Zoho, Salesforce
// labels and API names, HubSpot, Outlook, Google Contacts, Less Annoying CRM). Adding a
// field's aliases is one line in headeraliases.cpp; HeaderMatcher does the rest.

#include "records/fielddef.h"

#include <QStringList>

namespace Rapport {

// Aliases of `field` (a column name) for `entity`, already normalised (see
// HeaderMatcher::normalise). Rapport's own labels and column names are not listed here.
QStringList headerAliases(Entity entity, const QString &field);

} // namespace Rapport
