#pragma once
// Deleting records the way the main window's Delete action does it: ask first, and when an
// account still has contacts or deals (or a contact has deals) let the rep choose between
// deleting them too and keeping them unattached, then delete in one transaction.

#include "records/fielddef.h"
#include "storage/recordstore.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QWidget;

namespace Rapport {

class Prompter;

class DeleteConfirmation
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::DeleteConfirmation)

public:
    explicit DeleteConfirmation(std::shared_ptr<Prompter> prompter = {});

    // Asks, deletes and shows the store's error if any. True if anything was deleted.
    bool run(Entity entity, const QList<qint64> &ids, const QString &connection,
             QWidget *parent);

    // The same with the message boxes, for callers that need no test hook.
    static bool confirmAndDelete(Entity entity, const QList<qint64> &ids,
                                 const QString &connection, QWidget *parent);

private:
    static QString questionText(Entity entity, int n);
    static QString dependentsText(Entity entity, int n, const Dependents &d);
    // The rep's choice for the records depending on the ones deleted; nullopt: cancelled.
    std::optional<DeleteRule> askRule(QWidget *parent, Entity entity, int n,
                                      const Dependents &d);

    std::shared_ptr<Prompter> m_prompter;
};

} // namespace Rapport
