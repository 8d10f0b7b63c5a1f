#pragma once
// Deleting records the way the main window's Delete action does it: ask first, and when an
// account still has contacts or deals (or a contact has deals) let the rep choose between
// deleting them too and keeping them unattached, then delete in one transaction.

#include "fielddef.h"

#include <QList>
#include <QString>

#include <memory>

class QWidget;

namespace Rapport {

class Prompter;

class DeleteConfirmation
{
public:
    explicit DeleteConfirmation(std::shared_ptr<Prompter> prompter = {});

    // Asks, deletes and shows the store's error if any. True if anything was deleted.
    bool run(Entity entity, const QList<qint64> &ids, const QString &connection,
             QWidget *parent);

    // The same with the message boxes, for callers that need no test hook.
    static bool confirmAndDelete(Entity entity, const QList<qint64> &ids,
                                 const QString &connection, QWidget *parent);

private:
    std::shared_ptr<Prompter> m_prompter;
};

} // namespace Rapport
