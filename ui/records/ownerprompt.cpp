#include "records/ownerprompt.h"

#include "prompts/prompter.h"
#include "storage/owner.h"
#include "storage/userdirectory.h"

#include <QCoreApplication>

namespace Rapport {

// The question's words, in a context of their own.
struct OwnerPrompt
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::OwnerPrompt)
};

bool acceptOwner(QWidget *parent, Prompter &prompter, const QString &connection,
                 const QString &name)
{
    // The rep is never asked about themselves (a new record's owner): they are a user.
    if (name.simplified().isEmpty() || UserDirectory(connection).findByName(name)
        || UserDirectory::nameKey(name) == UserDirectory::nameKey(currentUserName()))
        return true;
    const Question question{
        .title = OwnerPrompt::tr("New user"),
        .text = OwnerPrompt::tr("“%1” is not one of the users yet. Add them as a user?")
                    .arg(name.simplified()),
        .details = OwnerPrompt::tr("Records can only be owned by users; a new one can be "
                                   "picked as owner from then on."),
        .answers = {{OwnerPrompt::tr("&Add User"), QMessageBox::AcceptRole},
                    {OwnerPrompt::tr("&Go Back"), QMessageBox::RejectRole}},
        .defaultAnswer = 0,
    };
    return prompter.ask(parent, question) == 0;
}

} // namespace Rapport
