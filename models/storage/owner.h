#pragma once
// Who "me" is, for "mine" filters and a new activity's owner: $RAPPORT_USER when set, else
// the system account's full name (the GECOS field), else its login name.

#include <QString>

namespace Rapport {

QString currentUserName();

} // namespace Rapport
