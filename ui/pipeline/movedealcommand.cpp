#include "pipeline/movedealcommand.h"

#include "storage/changelog.h"
#include "pipeline/pipeline.h"
#include "records/recordtypes.h"
#include "storage/recordstore.h"
#include "storage/transaction.h"

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

bool MoveDealCommand::writeIf(const QVariantMap &expected, const QVariantMap &values,
                              QString *error) const
{
    // Checked and written in one transaction: nobody slips in between.
    Transaction tx(m_connection);
    RecordStore store(m_connection);
    const std::optional<QVariantMap> deal = store.load(Entity::Deal, m_deal);
    if (!deal) {
        *error = tr("The deal was deleted meanwhile.");
        return false;
    }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (ChangeLog::differs(*findField(Entity::Deal, it.key()), deal->value(it.key()), it.value())) {
            *error = tr("The deal's %1 was changed since, so this was not done; open the deal "
                        "to see it.").arg(fieldLabel(*findField(Entity::Deal, it.key())));
            return false;
        }
    }
    const WriteResult w = store.update(Entity::Deal, m_deal, values);
    if (!w.ok()) {
        *error = w.error;
        return false;
    }
    *error = tx.commit();
    return error->isEmpty();
}

void MoveDealCommand::redo()
{
    if (!m_first) {
        QString error;
        const bool ok = writeIf(m_previous, m_moved, &error);
        m_done(false, ok, error);
        return;
    }
    m_first = false;
    const StageMove m = Pipeline(m_connection).move(m_deal, m_stage, m_reason);
    if (!m.write.ok()) {
        setObsolete(true); // nothing happened: nothing to undo
        m_done(true, false, m.write.error);
        return;
    }
    m_previous = m.previous;
    m_moved = m.values;
    m_done(true, true, {});
}

void MoveDealCommand::undo()
{
    QString error;
    const bool ok = writeIf(m_moved, m_previous, &error);
    m_done(false, ok, error);
}

} // namespace Rapport
