#include "storage/dbworker.h"

#include "storage/database.h"

#include <QSqlError>

namespace Rapport {

namespace {

std::atomic_int s_serial = 0;
std::atomic<DbWorker::Gate> s_gate = nullptr;

// The worker's own connection, opened on the worker thread that is going to use it.
QString openOnThisThread(const QString &source, const QString &connection)
{
    const QSqlError error = Database::openClone(source, connection);
    if (!error.isValid())
        return {};
    return error.text().isEmpty() ? DbWorker::tr("The database cannot be opened a second time.")
                                  : error.text();
}

} // namespace

void DbWorker::setGate(Gate gate)
{
    s_gate = gate;
}

DbWorker::DbWorker(const QString &sourceConnection, QObject *parent)
    : QObject(parent)
    , m_source(sourceConnection)
{
}

DbWorker::~DbWorker()
{
    m_cancel = true;
    join();
}

void DbWorker::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

bool DbWorker::start(std::function<void(const QString &)> job,
                     std::function<void(const QString &)> done)
{
    if (m_running)
        return false;
    join();
    m_cancel = false;
    m_running = true;
    const QString connection = QStringLiteral("rapport-worker-%1").arg(++s_serial);
    m_thread = std::thread([this, connection, job = std::move(job),
                            done = std::move(done)]() mutable {
        const QString error = openOnThisThread(m_source, connection);
        if (error.isEmpty()) {
            if (const Gate gate = s_gate.load())
                gate();
            job(connection);
            Database::close(connection);
        }
        post([this, error, done = std::move(done)] {
            m_running = false;
            join();
            done(error);
        });
    });
    return true;
}

void DbWorker::post(std::function<void()> call)
{
    QMetaObject::invokeMethod(this, std::move(call), Qt::QueuedConnection);
}

} // namespace Rapport
