#include "conversion/convertleadcommand.h"

#include "conversion/converter.h"
#include "conversion/leadunconversion.h"
#include "prompts/prompter.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"

#include <QCoreApplication>

namespace Rapport {

ConvertLeadCommand::ConvertLeadCommand(const ConversionPlan &plan, const QString &connection,
                                       std::shared_ptr<Prompter> prompter, QWidget *parent,
                                       std::function<void()> changed)
    : m_plan(plan)
    , m_connection(connection)
    , m_prompter(std::move(prompter))
    , m_parent(parent)
    , m_changed(std::move(changed))
{
    setText(QCoreApplication::translate("Rapport::ConvertLeadCommand", "Convert “%1”")
                .arg(RecordStore(connection).nameOf(Entity::Lead, plan.leadId)));
}

void ConvertLeadCommand::undo()
{
    const LeadUnconversion unconversion(m_connection, *m_prompter, m_parent);
    if (unconversion.run(m_plan.leadId, LeadUnconversion::Confirm::OnlyIfLossy))
        m_done = false;
    else
        setObsolete(true); // still converted: the stack drops this step
    if (m_changed)
        m_changed();
}

void ConvertLeadCommand::redo()
{
    if (m_done)
        return;
    const ConversionResult result = Converter(m_connection).convert(m_plan);
    if (result.ok()) {
        m_done = true;
    } else {
        m_prompter->warn(m_parent, QCoreApplication::translate("Rapport::ConvertLeadCommand",
                                                               "Could not convert again"),
                         result.error);
        setObsolete(true);
    }
    if (m_changed)
        m_changed();
}

} // namespace Rapport
