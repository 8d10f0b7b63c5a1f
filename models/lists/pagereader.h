#pragma once
// Reads the rows of a tab's pages on a DbWorker of its own, so that a page that is not in the
// model's cache (a jump deep into the list, the first page of a search or of a sort no index
// serves) never holds the window: the model answers "loading" meanwhile and fills the rows
// in when they come, as DB Browser for SQLite's RowLoader does. Requests run in the order
// given; those of a view the model no longer shows are dropped unread.

#include "lists/indexwalk.h"
#include "storage/dbworker.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QVariant>

#include <atomic>
#include <deque>
#include <memory>

namespace Rapport {

class PageReader : public QObject
{
    Q_OBJECT

public:
    struct Request {
        quint64 view = 0;     // the model's view the page belongs to
        int page = 0;
        bool reversed = false; // the query reads the page's rows last first
        QString sql;
        QVariantList binds;
        // When `sql` gives fewer rows than `enough`, this one is the answer instead.
        int enough = 0;
        QString fallbackSql;
        QVariantList fallbackBinds;
        // Run first when given: a number below `probeBelow` makes the fallback the answer
        // at once (too few matches for `sql`'s walk to be worth it); otherwise it is the
        // walk's estimate of the matches.
        QString probeSql;
        QVariantList probeBinds;
        qint64 probeBelow = 0;
        // Given instead of `sql`: the page is looked for by this walk; when it does not
        // find it, the fallback is the answer.
        std::shared_ptr<const IndexWalk> walk;
    };
    struct Result {
        quint64 view = 0;
        int page = 0;
        QList<QVariantList> rows; // every column of every row, in the list's order
        QString error;            // the database's message; "" when all went well
    };

    explicit PageReader(const QString &sourceConnection, QObject *parent = nullptr);
    ~PageReader() override;

    void read(const Request &request);
    // What the worker does for a request, on the calling thread (rapport-cli, Synchronous).
    static Result readNow(const QString &connection, const Request &request);
    // Requests of older views are dropped; a running one is left to finish unseen.
    void setView(quint64 view) { m_view = view; }

    // For tests: called on the worker thread as each page query is about to run.
    static void setGate(DbWorker::Gate gate) { DbWorker::setGate(DbWorker::Purpose::Pages, gate); }

Q_SIGNALS:
    void finished(const Rapport::PageReader::Result &result);

private:
    void startNext();

    std::deque<Request> m_queue;
    std::atomic<quint64> m_view{0};
    DbWorker m_worker; // last: it goes first, and its thread reads the members above
};

} // namespace Rapport
