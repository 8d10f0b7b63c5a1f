#include "lists/backgroundidreader.h"

#include "storage/database.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#ifdef RAPPORT_SQLITE_INTERRUPT
#include <sqlite3.h>
#endif

namespace Rapport {

namespace {

// SQLite's code for "interrupted" (SQLITE_INTERRUPT), as Qt's driver reports it.
const char *const InterruptedCode = "9";
// Rows read between two looks at whether the request is still wanted.
constexpr int RowsBetweenChecks = 4096;

void *sqliteHandle(const QString &connection)
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    const QVariant v = QSqlDatabase::database(connection, false).driver()->handle();
    if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(v.data());
#else
    Q_UNUSED(connection)
#endif
    return nullptr;
}

std::atomic<BackgroundIdReader::Gate> g_gate = nullptr;

} // namespace

void BackgroundIdReader::setGate(Gate gate)
{
    g_gate = gate;
}

BackgroundIdReader::BackgroundIdReader(const QString &sourceConnection, QObject *parent)
    : QObject(parent)
    , m_source(sourceConnection)
{
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("BackgroundIdReader"));
    m_thread->start();
}

BackgroundIdReader::~BackgroundIdReader()
{
    {
        QMutexLocker lock(&m_mutex);
        m_quit = true;
        m_latest = 0; // no request is wanted any more
        interruptRunning();
        m_wake.wakeAll();
    }
    // Without an interrupt (PostgreSQL) this waits for the running query to end.
    m_thread->wait();
    delete m_thread;
}

bool BackgroundIdReader::canInterrupt()
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    return true;
#else
    return false;
#endif
}

void BackgroundIdReader::read(const Request &request)
{
    QMutexLocker lock(&m_mutex);
    m_latest = request.generation;
    m_next = request; // a request still waiting is simply replaced
    if (m_running != request.generation)
        interruptRunning();
    m_wake.wakeOne();
}

// Called with m_mutex held, so the handle cannot be closed meanwhile.
void BackgroundIdReader::interruptRunning()
{
    if (m_running == 0 || !m_handle)
        return;
#ifdef RAPPORT_SQLITE_INTERRUPT
    // Documented as safe from another thread while the connection is open.
    sqlite3_interrupt(static_cast<sqlite3 *>(m_handle));
    ++m_interruptions;
#endif
}

void BackgroundIdReader::run()
{
    static std::atomic<int> serial{0};
    const QString connection = QStringLiteral("%1-background-%2").arg(m_source).arg(++serial);
    const QSqlError openError = Database::openClone(m_source, connection);
    if (!openError.isValid()) {
        QMutexLocker lock(&m_mutex);
        m_handle = sqliteHandle(connection);
    }
    for (;;) {
        Request request;
        {
            QMutexLocker lock(&m_mutex);
            while (!m_next && !m_quit)
                m_wake.wait(&m_mutex);
            if (m_quit)
                break;
            request = *std::exchange(m_next, std::nullopt);
            m_running = request.generation;
        }
        if (const Gate gate = g_gate.load())
            gate();
        if (isStale(request.generation)) { // overtaken before it began
            QMutexLocker lock(&m_mutex);
            m_running = 0;
            continue;
        }
        Result result{request.generation, {}, openError.text()};
        bool interrupted = false;
        if (!openError.isValid())
            result = execute(request, connection, &interrupted);
        {
            QMutexLocker lock(&m_mutex);
            m_running = 0;
            // An interrupt meant for the query before can hit this one as it starts.
            if (interrupted && !isStale(request.generation) && !m_next && !m_quit) {
                m_next = request;
                continue;
            }
        }
        if (!isStale(request.generation))
            deliver(result);
    }
    {
        QMutexLocker lock(&m_mutex);
        m_handle = nullptr;
    }
    if (!openError.isValid())
        Database::close(connection);
}

BackgroundIdReader::Result BackgroundIdReader::execute(const Request &request,
                                                       const QString &connection,
                                                       bool *interrupted)
{
    Result result{request.generation, {}, {}};
    QSqlQuery q(QSqlDatabase::database(connection, false));
    q.setForwardOnly(true);
    if (q.prepare(request.sql)) {
        for (const QVariant &v : request.binds)
            q.addBindValue(v);
        if (q.exec()) {
            while (q.next()) {
                result.values << q.value(0).toLongLong();
                // Left unseen anyway: stop reading (PostgreSQL cannot be interrupted).
                if (result.values.size() % RowsBetweenChecks == 0 && isStale(request.generation))
                    return result;
            }
        }
    }
    if (q.lastError().isValid()) {
        result.values.clear();
        result.error = q.lastError().text();
        *interrupted = q.lastError().nativeErrorCode() == QLatin1String(InterruptedCode);
    }
    return result;
}

void BackgroundIdReader::deliver(const Result &result)
{
    // Queued to this object's (the GUI) thread; dropped if this object is gone by then.
    QMetaObject::invokeMethod(
        this,
        [this, result] {
            if (!isStale(result.generation))
                emit finished(result);
        },
        Qt::QueuedConnection);
}

} // namespace Rapport
