#pragma once
// Who "me" is, for "mine" filters, a new record's owner and the change log's "who", in one
// place: $RAPPORT_USER when set (tests and scripts), else the user this session works as
// (chosen for the open database, storage/userdirectory.h), else the system account's full
// name (the GECOS field), else its login name.

#include <QString>

namespace Rapport {

QString currentUserName();
// The system account's full name, else its login name: what a first start suggests.
QString systemUserName();
// The user the process works as from now on ("" goes back to the system account). Set by
// UserDirectory::activate() when a database is opened or the user is switched. `fromServer`:
// the server decides who the user is (its login role, when it lets reps change only their
// own records), and $RAPPORT_USER no longer overrides it.
void setSessionUserName(const QString &name, bool fromServer = false);

} // namespace Rapport
