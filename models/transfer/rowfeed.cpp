#include "transfer/rowfeed.h"

#include "files/rowreader.h"
#include "records/validation.h"
#include "transfer/importer.h"
#include "transfer/importsource.h"
#include "transfer/rowconverter.h"

namespace Rapport {

namespace {

constexpr size_t ChunkRows = 512;
constexpr size_t QueuedChunks = 8; // 4,096 rows ahead at most

} // namespace

RowFeed::RowFeed(const ImportOptions &options, const ImportResult &checked,
                 const std::vector<qint64> &decisions, RowConverter *converter, bool convert)
    : m_decisions(decisions)
    , m_converter(converter)
    , m_convert(convert && converter)
{
    // The worker gets copies: the caller's may change while it reads.
    m_worker = std::thread(&RowFeed::run, this, options, checked);
}

RowFeed::~RowFeed()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_worker.join();
}

QString RowFeed::error() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

bool RowFeed::push(Chunk &&chunk)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_stop || m_queue.size() < QueuedChunks; });
    if (m_stop)
        return false;
    m_queue.push_back(std::move(chunk));
    lock.unlock();
    m_changed.notify_all();
    return true;
}

void RowFeed::end(const QString &error)
{
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_error = error;
    }
    m_changed.notify_all();
}

void RowFeed::run(ImportOptions options, ImportResult checked)
{
    ImportSource source;
    if (const QString error = source.openAsChecked(options, checked); !error.isEmpty())
        return end(error);
    RowReader &reader = source.reader();
    m_bytesTotal = reader.bytesTotal();
    const QString changed = Importer::tr("The file changed while it was being imported; "
                                         "nothing was imported.");
    Chunk chunk;
    size_t index = 0;
    QStringList cells;
    while (Importer::readRecord(reader, options.edits, cells)) {
        if (index >= m_decisions.size())
            return end(changed);
        const qint64 decision = m_decisions[index++];
        m_rowsRead.store(qint64(index), std::memory_order_relaxed);
        if (decision < 0)
            continue;
        FedRow row{reader.recordLine(), decision, cells, m_convert, {}, {}};
        if (m_convert)
            row.values = Validation::normalised(options.entity,
                                                m_converter->convert(cells, &row.errors));
        chunk.push_back(std::move(row));
        if (chunk.size() == ChunkRows) {
            m_bytesRead = reader.bytesRead();
            if (!push(std::move(chunk)))
                return end({});
            chunk = Chunk();
        }
    }
    m_bytesRead = reader.bytesRead();
    if (reader.hasError())
        return end(reader.errorString());
    if (index != m_decisions.size())
        return end(changed);
    if (!chunk.empty() && !push(std::move(chunk)))
        return end({});
    end({});
}

bool RowFeed::next(FedRow &row)
{
    if (m_taken == m_current.size()) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
        if (m_queue.empty())
            return false;
        m_current = std::move(m_queue.front());
        m_queue.pop_front();
        m_taken = 0;
        lock.unlock();
        m_changed.notify_all();
    }
    row = std::move(m_current[m_taken++]);
    return true;
}

} // namespace Rapport
