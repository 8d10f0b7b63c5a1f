#include "storage/dbworker.h"

#include "storage/connectionwatch.h"
#include "storage/directrows.h"
#include "storage/database.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QVariant>

#ifdef RAPPORT_SQLITE_INTERRUPT
#include <sqlite3.h>
#endif

namespace Rapport {

namespace {

std::atomic_int s_serial = 0;
std::atomic<DbWorker::Gate> s_gates[4] = {nullptr, nullptr, nullptr, nullptr};

} // namespace

void DbWorker::setGate(Purpose purpose, Gate gate)
{
    s_gates[int(purpose)] = gate;
}

bool DbWorker::canInterrupt()
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    return true;
#else
    return false;
#endif
}

DbWorker::DbWorker(const QString &sourceConnection, QObject *parent, Purpose purpose)
    : QObject(parent)
    , m_source(sourceConnection)
    , m_purpose(purpose)
{
    connect(this, &DbWorker::posted, this, &DbWorker::deliver, Qt::QueuedConnection);
    m_thread = std::thread([this] { run(); });
}

DbWorker::~DbWorker()
{
    m_cancel = true;
    {
        std::unique_lock lock(m_mutex);
        m_quit = true;
        m_job = nullptr;
        m_wake.notify_all();
    }
    if (m_purpose != Purpose::Jobs) // a read nobody will see; jobs end at their cancel checks
        interrupt();
    m_thread.join();
}

bool DbWorker::start(std::function<void(const QString &)> job,
                     std::function<void(const QString &)> done)
{
    if (m_running)
        return false;
    m_cancel = false;
    m_running = true;
    std::unique_lock lock(m_mutex);
    m_job = [this, job = std::move(job), done = std::move(done)]() mutable {
        const QString error = openConnection();
        if (error.isEmpty()) {
            {
                std::lock_guard handleLock(m_mutex);
                m_handle = DirectRows::sqliteHandle(m_connection);
            }
            if (const Gate gate = s_gates[int(m_purpose)].load())
                gate();
            job(m_connection);
            std::lock_guard handleLock(m_mutex);
            m_handle = nullptr;
        }
        post([this, error, done = std::move(done)] {
            m_running = false;
            done(error);
        });
    };
    m_wake.notify_one();
    return true;
}

QString DbWorker::openConnection()
{
    // The window's connection is lost, and so, most likely, is this one (a server restart
    // ends every session): the job is refused in words until the window has reconnected.
    if (ConnectionWatch::isLost(m_source))
        return ConnectionWatch::lostText(m_source);
    // A connection the server lost (Qt's driver closes it then), or opened before the window's
    // own was reopened after a loss, is opened again: the next job works on a live one.
    if (!m_connection.isEmpty()
        && (!QSqlDatabase::database(m_connection, false).isOpen()
            || ConnectionWatch::generation(m_source) != m_generation)) {
        Database::close(m_connection);
        m_connection.clear();
    }
    if (!m_connection.isEmpty())
        return {};
    const QString name = QStringLiteral("rapport-worker-%1").arg(++s_serial);
    m_generation = ConnectionWatch::generation(m_source);
    const QString e = Database::openClone(m_source, name);
    if (e.isEmpty()) {
        m_connection = name;
        return {};
    }
    return e;
}

void DbWorker::interrupt()
{
    std::unique_lock lock(m_mutex);
#ifdef RAPPORT_SQLITE_INTERRUPT
    // Documented as safe from another thread while the connection is open; a no-op when no
    // statement runs. The handle is cleared (under this mutex) before the connection closes.
    if (m_handle)
        sqlite3_interrupt(static_cast<sqlite3 *>(m_handle));
#endif
}

void DbWorker::run()
{
    openConnection(); // ready for the first job; a failure is told to that job, which retries
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_job || m_quit; });
            if (m_quit)
                break;
            job = std::exchange(m_job, nullptr);
        }
        job();
    }
    if (!m_connection.isEmpty())
        Database::close(m_connection);
}

void DbWorker::post(std::function<void()> call)
{
    {
        std::lock_guard lock(m_postedMutex);
        m_posted.push_back(std::move(call));
    }
    // One delivery per call: Qt keeps the order of the events posted to one object. A signal,
    // not a functor given to invokeMethod(): that functor would be made on the worker's
    // thread and read on this object's with only Qt's queue between.
    emit posted(QPrivateSignal());
}

void DbWorker::deliver()
{
    std::function<void()> call;
    {
        std::lock_guard lock(m_postedMutex);
        if (m_posted.empty())
            return;
        call = std::move(m_posted.front());
        m_posted.pop_front();
    }
    call();
}

} // namespace Rapport
