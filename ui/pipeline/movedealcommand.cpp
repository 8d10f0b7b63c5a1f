#include "pipeline/movedealcommand.h"

#include "storage/changelog.h"
#include "pipeline/pipeline.h"
#include "records/recordtypes.h"
#include "storage/recordstore.h"
#include "storage/transaction.h"

#include <QCoreApplication>

namespace Rapport {

namespace {

QString refusal(const WriteResult &w)
{
    if (!w.error.isEmpty() || w.fieldErrors.isEmpty())
        return w.error;
    return w.fieldErrors.first().message;
}

// Writes `values` if the deal's fields hold `expected` now; "" or why not. Checked and
// written in one transaction: nobody slips in between.
QString writeIf(const QString &connection, qint64 dealId, const QVariantMap &expected,
                const QVariantMap &values)
{
    Transaction tx(connection, Transaction::Kind::Write);
    if (!tx.isActive())
        return tx.error();
    RecordStore store(connection);
    const std::optional<QVariantMap> deal = store.load(Entity::Deal, dealId);
    if (!deal)
        return MoveDealCommand::tr("The deal was deleted meanwhile.");
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (ChangeLog::differs(*findField(Entity::Deal, it.key()), deal->value(it.key()), it.value())) {
            return MoveDealCommand::tr("The deal's %1 was changed since, so this was not done; "
                                       "open the deal to see it.").arg(fieldLabel(*findField(Entity::Deal, it.key())));
        }
    }
    const WriteResult w = store.update(Entity::Deal, dealId, values);
    if (!w.ok())
        return refusal(w);
    return tx.commit();
}

} // namespace

MoveDealCommand::MoveDealCommand(qint64 dealId, const QString &stage, const QString &reason,
                                 Runner run, Done done)
    : m_deal(dealId)
    , m_stage(stage)
    , m_reason(reason)
    , m_run(std::move(run))
    , m_done(std::move(done))
{
    setText(tr("Move to %1").arg(picklistLabel(stage)));
}

void MoveDealCommand::redo()
{
    if (!m_first) {
        write(false);
        return;
    }
    m_first = false;
    // Copies only: the command may be gone (the stack cleared) before the write runs.
    m_run([state = m_state, deal = m_deal, stage = m_stage,
           reason = m_reason](const QString &connection) {
              const StageMove m = Pipeline(connection).move(deal, stage, reason);
              if (!m.write.ok()) {
                  state->failed = true;
                  return refusal(m.write);
              }
              state->previous = m.previous;
              state->moved = m.values;
              return QString();
          },
          [done = m_done](const QString &error) { done(true, error.isEmpty(), error); });
}

void MoveDealCommand::undo()
{
    write(true);
}

void MoveDealCommand::write(bool back)
{
    m_run([state = m_state, deal = m_deal, back](const QString &connection) {
              if (state->failed)
                  return QString(); // the move never happened: there is nothing to write
              return back ? writeIf(connection, deal, state->moved, state->previous)
                          : writeIf(connection, deal, state->previous, state->moved);
          },
          [done = m_done](const QString &error) { done(false, error.isEmpty(), error); });
}

} // namespace Rapport
