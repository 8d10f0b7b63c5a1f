#pragma once
// The undo step a conversion leaves on the main window's QUndoStack: Edit › Undo unconverts
// the lead (asking first only if later work would be lost), Redo converts it again with the
// same plan. A step the user cancels, or that fails, leaves the stack.

#include "conversion/conversionplan.h"

#include <QPointer>
#include <QUndoCommand>
#include <functional>
#include <memory>

class QWidget;

namespace Rapport {

class Prompter;

class ConvertLeadCommand : public QUndoCommand
{
public:
    ConvertLeadCommand(const ConversionPlan &plan, const QString &connection,
                       std::shared_ptr<Prompter> prompter, QWidget *parent,
                       std::function<void()> changed);

    void undo() override;
    void redo() override;

private:
    ConversionPlan m_plan;
    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    QPointer<QWidget> m_parent;
    std::function<void()> m_changed;
    bool m_done = true; // pushed after the conversion was made: the first redo() is a no-op
};

} // namespace Rapport
