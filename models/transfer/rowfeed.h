#pragma once
// The import's writing pass in two threads: a worker reads the file again (decoding, CSV
// parsing, the user's row fixes), pairs each row with the check's decision and, when that
// needs no database (no column names a parent record, no conversion columns to look up),
// converts and validates its values too, while the importer's thread writes. The rows come
// out in file order through a bounded queue (a few thousand rows: memory stays flat
// whatever the file), so the result is the same as reading and writing in one thread.

#include "transfer/importoptions.h"

#include <QStringList>
#include <QVariantMap>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace Rapport {

class RowConverter;

struct FedRow {
    qint64 line = 0;        // where the row starts in the file
    qint64 decision = 0;    // the check's: 0 create, else the record to update
    QStringList cells;
    bool converted = false; // `values` and `errors` are filled in (else convert `cells`)
    QVariantMap values;     // converted and normalised (records/validation.h)
    QStringList errors;
};

class RowFeed
{
public:
    // `converter` is used on the worker only when `convert` is true, and then by nobody else
    // until the feed is gone.
    RowFeed(const ImportOptions &options, const ImportResult &checked,
            const std::vector<qint64> &decisions, RowConverter *converter, bool convert);
    ~RowFeed(); // stops the worker (a cancelled import) and waits for it
    RowFeed(const RowFeed &) = delete;
    RowFeed &operator=(const RowFeed &) = delete;

    // The next row to write; false at the end or on an error (then error() says it).
    bool next(FedRow &row);
    QString error() const;
    qint64 bytesRead() const { return m_bytesRead.load(std::memory_order_relaxed); }
    qint64 bytesTotal() const { return m_bytesTotal.load(std::memory_order_relaxed); }
    qint64 rowsRead() const { return m_rowsRead.load(std::memory_order_relaxed); }

private:
    using Chunk = std::vector<FedRow>;
    void run(ImportOptions options, ImportResult checked);
    bool push(Chunk &&chunk);
    void end(const QString &error);

    const std::vector<qint64> &m_decisions;
    RowConverter *m_converter;
    bool m_convert;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Chunk> m_queue;
    Chunk m_current;
    size_t m_taken = 0;
    bool m_done = false, m_stop = false;
    QString m_error;
    std::atomic<qint64> m_bytesRead{0}, m_bytesTotal{-1}, m_rowsRead{0};
    std::thread m_worker;
};

} // namespace Rapport
