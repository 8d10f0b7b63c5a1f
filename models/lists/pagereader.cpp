#include "lists/pagereader.h"

#include "storage/directrows.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <memory>

namespace Rapport {

namespace {

void readRows(const QString &connection, const QString &sql, const QVariantList &binds,
              PageReader::Result *result)
{
    QSqlQuery q(QSqlDatabase::database(connection, false));
    q.setForwardOnly(true);
    if (q.prepare(sql)) {
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (q.exec()) {
            const int columns = q.record().count();
            while (q.next()) {
                QVariantList row;
                row.reserve(columns);
                for (int i = 0; i < columns; ++i)
                    row << q.value(i);
                result->rows << row;
            }
        }
    }
    if (q.lastError().isValid()) {
        result->rows.clear();
        result->error = q.lastError().text();
    }
}

} // namespace

PageReader::PageReader(const QString &sourceConnection, QObject *parent)
    : QObject(parent)
    , m_worker(sourceConnection, nullptr, DbWorker::Purpose::Pages)
{
}

PageReader::~PageReader()
{
    m_view = 0;
}

PageReader::Result PageReader::readNow(const QString &connection, const Request &request)
{
    Result result{request.view, request.page, {}, {}};
    qint64 matches = -1;
    if (!request.probeSql.isEmpty() && !request.fallbackSql.isEmpty()) {
        readRows(connection, request.probeSql, request.probeBinds, &result);
        if (result.error.isEmpty() && !result.rows.isEmpty())
            matches = result.rows.first().value(0).toLongLong();
        result.rows.clear();
        result.error.clear(); // the estimate only chooses; the page's own query reports
    }
    const auto read = [&connection](const RecordTableSql::Statement &s, IndexWalk::Rows *rows) {
        Result r;
        readRows(connection, s.sql, s.binds, &r);
        *rows = r.rows;
        return r.error;
    };
    // Ids streamed straight from SQLite's statement, for the walk's index entries: a
    // QVariant each would cost more than the entry.
    const auto stream = [&connection](const RecordTableSql::Statement &s,
                                      const std::function<bool(qint64)> &each) {
        DirectRows ids(connection);
        if (!ids.exec(s.sql, s.binds))
            return ids.errorString();
        while (ids.next() && each(ids.id(0))) {
        }
        return ids.errorString();
    };
    bool answered = false;
    if (matches >= 0 && matches < request.probeBelow) {
        // too few matches for a walk: the fallback at once
    } else if (request.walk) {
        answered = request.walk->run(read, matches, &result.rows, &result.error,
                                     DirectRows(connection).isPossible()
                                         ? IndexWalk::IdStream(stream)
                                         : IndexWalk::IdStream());
    } else {
        readRows(connection, request.sql, request.binds, &result);
        answered = result.rows.size() >= request.enough;
    }
    if (!request.fallbackSql.isEmpty() && result.error.isEmpty() && !answered) {
        result.rows.clear();
        readRows(connection, request.fallbackSql, request.fallbackBinds, &result);
    }
    if (request.reversed)
        std::reverse(result.rows.begin(), result.rows.end());
    return result;
}

void PageReader::read(const Request &request)
{
    m_queue.push_back(request);
    if (!m_worker.isRunning())
        startNext();
}

void PageReader::startNext()
{
    while (!m_queue.empty() && m_queue.front().view != m_view.load())
        m_queue.pop_front(); // for rows nobody shows any more
    if (m_queue.empty())
        return;
    const Request request = m_queue.front();
    m_queue.pop_front();
    auto result = std::make_shared<Result>(Result{request.view, request.page, {}, {}});
    m_worker.start(
        [this, request, result](const QString &connection) {
            if (request.view != m_view.load())
                return;
            *result = readNow(connection, request);
        },
        [this, request, result](const QString &error) {
            if (!error.isEmpty())
                result->error = error;
            if (request.view == m_view.load())
                emit finished(*result);
            startNext();
        });
}

} // namespace Rapport
