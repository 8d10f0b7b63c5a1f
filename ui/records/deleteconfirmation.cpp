#include "records/deleteconfirmation.h"

#include "prompts/prompter.h"
#include "records/recordtypes.h"

namespace Rapport {

DeleteConfirmation::DeleteConfirmation(std::shared_ptr<Prompter> prompter)
    : m_prompter(prompter ? std::move(prompter) : Prompter::standard())
{
}

QString DeleteConfirmation::questionText(Entity entity, int n)
{
    switch (entity) {
    case Entity::Lead: return tr("Delete %n lead(s)?", nullptr, n);
    case Entity::Contact: return tr("Delete %n contact(s)?", nullptr, n);
    case Entity::Account: return tr("Delete %n account(s)?", nullptr, n);
    case Entity::Deal: return tr("Delete %n deal(s)?", nullptr, n);
    }
    return {};
}

QString DeleteConfirmation::dependentsText(Entity entity, int n, const Dependents &d)
{
    const QString contacts = tr("%n contact(s)", nullptr, d.contacts);
    const QString deals = tr("%n deal(s)", nullptr, d.deals);
    if (entity == Entity::Account && d.contacts && d.deals)
        return n == 1 ? tr("This account still has %1 and %2.").arg(contacts, deals)
                      : tr("These accounts still have %1 and %2.").arg(contacts, deals);
    const QString what = d.contacts ? contacts : deals;
    if (entity == Entity::Account)
        return n == 1 ? tr("This account still has %1.").arg(what)
                      : tr("These accounts still have %1.").arg(what);
    return n == 1 ? tr("This contact still has %1.").arg(what)
                  : tr("These contacts still have %1.").arg(what);
}

std::optional<DeleteRule> DeleteConfirmation::askRule(QWidget *parent, Entity entity, int n,
                                                      const Dependents &d)
{
    Question q;
    q.title = tr("Delete");
    q.text = questionText(entity, n);
    if (d.isEmpty()) {
        q.details = tr("This cannot be undone.");
        q.answers = {{tr("&Delete"), QMessageBox::DestructiveRole},
                     {tr("&Cancel"), QMessageBox::RejectRole}};
        q.defaultAnswer = 1;
        if (m_prompter->ask(parent, q) != 0)
            return std::nullopt;
        return DeleteRule::Refuse; // fails, undone, if something came to depend meanwhile
    }
    q.details = dependentsText(entity, n, d);
    if (entity == Entity::Account) {
        q.answers = {{n == 1 ? tr("Delete with its contacts and deals")
                             : tr("Delete with their contacts and deals"),
                      QMessageBox::DestructiveRole},
                     {tr("Keep them, without account"), QMessageBox::AcceptRole}};
    } else {
        q.answers = {{tr("Delete the deals too"), QMessageBox::DestructiveRole},
                     {tr("Keep the deals, without contact"), QMessageBox::AcceptRole}};
    }
    q.answers.append({tr("&Cancel"), QMessageBox::RejectRole});
    q.defaultAnswer = 1; // the choice that loses nothing
    switch (m_prompter->ask(parent, q)) {
    case 0: return DeleteRule::DeleteRelated;
    case 1: return DeleteRule::DetachRelated;
    default: return std::nullopt;
    }
}

bool DeleteConfirmation::run(Entity entity, const QList<qint64> &ids, const QString &connection,
                             QWidget *parent)
{
    if (ids.isEmpty())
        return false;
    RecordStore store(connection);
    Dependents total;
    for (qint64 id : ids) {
        const Dependents d = store.dependents(entity, id);
        total.contacts += d.contacts;
        total.deals += d.deals;
    }
    const std::optional<DeleteRule> rule = askRule(parent, entity, int(ids.size()), total);
    if (!rule)
        return false;
    const QString error = store.removeMany(entity, ids, *rule);
    if (!error.isEmpty()) {
        m_prompter->warn(parent, tr("Could not delete"),
                         tr("Nothing was deleted: %1").arg(error));
        return false;
    }
    return true;
}

bool DeleteConfirmation::confirmAndDelete(Entity entity, const QList<qint64> &ids,
                                          const QString &connection, QWidget *parent)
{
    return DeleteConfirmation().run(entity, ids, connection, parent);
}

} // namespace Rapport
