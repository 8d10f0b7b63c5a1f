#include "lists/backgroundidreader.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

namespace Rapport {

namespace {

// SQLite's code for "interrupted" (SQLITE_INTERRUPT), as Qt's driver reports it.
const char *const InterruptedCode = "9";
// Rows read between two looks at whether the request is still wanted.
constexpr int RowsBetweenChecks = 4096;

} // namespace

BackgroundIdReader::BackgroundIdReader(const QString &sourceConnection, QObject *parent)
    : QObject(parent)
    , m_worker(sourceConnection, nullptr, DbWorker::Purpose::Reads)
{
}

BackgroundIdReader::~BackgroundIdReader()
{
    m_latest = 0; // no request is wanted any more; the worker interrupts and waits
}

void BackgroundIdReader::read(const Request &request)
{
    m_latest = request.generation;
    m_next = request; // a request still waiting is simply replaced
    if (!m_worker.isRunning()) {
        startNext();
    } else if (DbWorker::canInterrupt()) {
        m_worker.interrupt(); // the running one is older: nobody wants its answer
        ++m_interruptions;
    }
}

void BackgroundIdReader::startNext()
{
    if (!m_next)
        return;
    const Request request = *std::exchange(m_next, std::nullopt);
    auto result = std::make_shared<Result>(Result{request.generation, {}, {}});
    auto interrupted = std::make_shared<bool>(false);
    m_worker.start(
        [this, request, result, interrupted](const QString &connection) {
            if (isStale(request.generation)) // overtaken before it began
                return;
            QSqlQuery q(QSqlDatabase::database(connection, false));
            q.setForwardOnly(true);
            if (q.prepare(request.sql)) {
                for (const QVariant &v : request.binds)
                    q.addBindValue(v);
                if (q.exec()) {
                    while (q.next()) {
                        result->values << q.value(0).toLongLong();
                        // Left unseen anyway: stop reading (PostgreSQL cannot be interrupted).
                        if (result->values.size() % RowsBetweenChecks == 0
                            && isStale(request.generation))
                            return;
                    }
                }
            }
            if (q.lastError().isValid()) {
                result->values.clear();
                result->error = q.lastError().text();
                *interrupted = q.lastError().nativeErrorCode() == QLatin1String(InterruptedCode);
            }
        },
        [this, request, result, interrupted](const QString &error) {
            if (!error.isEmpty())
                result->error = error;
            // An interrupt meant for the query before can hit this one as it ends.
            if (*interrupted && !isStale(request.generation) && !m_next)
                m_next = request;
            if (!m_next && !isStale(request.generation))
                emit finished(*result);
            startNext();
        });
}

} // namespace Rapport
