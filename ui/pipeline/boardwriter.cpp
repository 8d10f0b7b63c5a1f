#include "pipeline/boardwriter.h"

#include "storage/dbworker.h"

namespace Rapport {

BoardWriter::BoardWriter(const QString &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_worker(std::make_unique<DbWorker>(connection, nullptr, DbWorker::Purpose::Jobs))
{
}

BoardWriter::~BoardWriter()
{
    m_worker.reset(); // the write running now finishes first
    for (const Waiting &w : std::as_const(m_waiting))
        w.write(m_connection);
}

void BoardWriter::run(MoveDealCommand::Write write, std::function<void(const QString &)> after)
{
    ++m_pending;
    m_waiting.append({std::move(write), std::move(after)});
    startNext();
}

void BoardWriter::startNext()
{
    if (m_waiting.isEmpty() || m_worker->isRunning())
        return;
    Waiting next = m_waiting.takeFirst();
    auto outcome = std::make_shared<QString>();
    // The worker belongs to this object: its answers come while this object is here.
    m_worker->start([write = std::move(next.write), outcome](const QString &connection) {
                        *outcome = write(connection);
                    },
                    [this, after = std::move(next.after), outcome](const QString &error) {
                        --m_pending;
                        after(error.isEmpty() ? *outcome : error);
                        startNext();
                    });
}

} // namespace Rapport
