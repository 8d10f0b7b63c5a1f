#include "conversion/queuesuggester.h"

#include "conversion/conversionqueuedialog.h"
#include "conversion/converter.h"
#include "records/recordtypes.h"
#include "storage/recordstore.h"

#include <mutex>
#include <vector>

namespace Rapport {

// Which leads are still to do, shared by the window's thread (prefer()) and the worker's.
struct QueueSuggester::Order {
    std::mutex mutex;
    std::vector<qint64> ids;
    std::vector<char> taken; // per row: worked out, or under way
    size_t cursor = 0;       // no row before it is left
    int preferred = -1;      // the row to do next, if not taken

    // The next row to work out, or -1 when all are taken.
    int next()
    {
        std::lock_guard lock(mutex);
        int row = -1;
        if (preferred >= 0 && !taken[size_t(preferred)])
            row = preferred;
        preferred = -1;
        if (row < 0) {
            while (cursor < ids.size() && taken[cursor])
                ++cursor;
            if (cursor == ids.size())
                return -1;
            row = int(cursor);
        }
        taken[size_t(row)] = 1;
        return row;
    }
};

QueueSuggester::QueueSuggester(const QList<qint64> &leadIds, const QString &connection,
                               QObject *parent)
    : QObject(parent)
    , m_order(std::make_shared<Order>())
    , m_worker(connection, this)
{
    m_order->ids.assign(leadIds.begin(), leadIds.end());
    m_order->taken.assign(m_order->ids.size(), 0);
}

QueueSuggester::~QueueSuggester() = default;

void QueueSuggester::start()
{
    const std::shared_ptr<Order> order = m_order;
    const std::atomic_bool *cancelled = m_worker.cancelFlag();
    m_worker.start(
        [this, order, cancelled](const QString &connection) {
            const RecordStore store(connection);
            const Converter converter(connection);
            for (int row = order->next(); row >= 0 && !*cancelled; row = order->next()) {
                const qint64 id = order->ids[size_t(row)];
                Suggestion s;
                s.row = row;
                if (const std::optional<QVariantMap> lead = store.load(Entity::Lead, id)) {
                    s.plan = converter.suggest(id, *lead);
                    s.name = store.nameOf(Entity::Lead, id);
                    s.converted = !lead->value(QStringLiteral("converted_at")).isNull();
                    s.text = ConversionQueueDialog::suggestionText(connection, *s.plan);
                }
                m_worker.post([this, s] { Q_EMIT ready(s); });
            }
        },
        [this](const QString &error) {
            m_done = true;
            Q_EMIT finished(error);
        });
}

void QueueSuggester::prefer(int row)
{
    std::lock_guard lock(m_order->mutex);
    if (row >= 0 && size_t(row) < m_order->ids.size())
        m_order->preferred = row;
}

} // namespace Rapport
