#include "pipeline/movedealcommand.h"

#include "pipeline/pipeline.h"
#include "records/recordtypes.h"
#include "storage/recordstore.h"

#include <QCoreApplication>

namespace Rapport {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::MoveDealCommand", text);
}
} // namespace

MoveDealCommand::MoveDealCommand(qint64 dealId, const QString &stage, const QString &reason,
                                 const QString &connection, Done done)
    : m_deal(dealId)
    , m_stage(stage)
    , m_reason(reason)
    , m_connection(connection)
    , m_done(std::move(done))
{
    setText(tr("Move to %1").arg(picklistLabel(stage)));
}

void MoveDealCommand::redo()
{
    const bool first = m_first;
    m_first = false;
    const StageMove m = Pipeline(m_connection).move(m_deal, m_stage, m_reason,
                                                    first ? 0 : m_version);
    if (!m.write.ok()) {
        if (first)
            setObsolete(true); // nothing happened: nothing to undo
        m_done(first, false, m.write.stale
                                 ? tr("The deal was changed since, so it was not moved again.")
                                 : m.write.error);
        return;
    }
    if (first)
        m_previous = m.previous;
    m_version = m.write.version;
    m_done(first, true, {});
}

void MoveDealCommand::undo()
{
    const WriteResult w = RecordStore(m_connection).update(Entity::Deal, m_deal, m_previous, m_version);
    if (!w.ok()) {
        m_done(false, false, w.stale ? tr("The deal was changed since it was moved, so the move "
                                          "was not undone; open it to see its stage.")
                                     : w.error);
        return;
    }
    m_version = w.version;
    m_done(false, true, {});
}

} // namespace Rapport
