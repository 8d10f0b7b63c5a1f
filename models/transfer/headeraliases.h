#pragma once
// Column headers people type in the languages Rapport speaks, beyond its own translated
// labels (which the header matcher reads from the shipped translations): German Outlook's
// contact export ("Straße geschäftlich", "Mobiltelefon"), German Excel lists ("PLZ",
// "Firma"). Keyed by column name, so "Firma" is a lead's Company and a contact's account.
// English headers of other programs are in the catalogue (FieldDef::aliases).

#include <QLatin1String>
#include <QStringList>

namespace Rapport::HeaderAliases {

// The headers for fields whose column is `column`, as people write them (not normalised).
QStringList forColumn(QLatin1String column);

} // namespace Rapport::HeaderAliases
