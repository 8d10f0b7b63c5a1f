#pragma once
// The question a form or Assign to… puts when the owner typed is no user yet: add the name
// as a user, or go back. Adding happens with the save itself (storage/userdirectory.h).

#include <QString>

class QWidget;

namespace Rapport {

class Prompter;

// Whether `name` may be saved as an owner: nobody, one of the users, or a new name the rep
// agrees to add.
bool acceptOwner(QWidget *parent, Prompter &prompter, const QString &connection,
                 const QString &name);

} // namespace Rapport
