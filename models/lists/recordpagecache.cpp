#include "lists/recordpagecache.h"

namespace Rapport {

RecordPageCache::RecordPageCache(int fields, int references, int pageSize, int maxPages)
    : m_fields(fields)
    , m_references(references)
    , m_pageSize(pageSize)
    , m_maxPages(maxPages)
{
}

const RecordPageCache::Row *RecordPageCache::find(int row) const
{
    const int page = row / m_pageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end())
        return nullptr;
    if (m_recent.last() != page) {
        m_recent.removeOne(page);
        m_recent.append(page);
    }
    const int offset = row % m_pageSize;
    return offset < it->size() ? &it->at(offset) : nullptr;
}

void RecordPageCache::insert(int page, const Page &rows) const
{
    m_recent.removeOne(page);
    while (!m_pages.contains(page) && m_pages.size() >= m_maxPages && !m_recent.isEmpty())
        m_pages.remove(m_recent.takeFirst());
    m_pages.insert(page, rows);
    m_recent.append(page);
}

void RecordPageCache::clear()
{
    m_pages.clear();
    m_recent.clear();
}

int RecordPageCache::loadedRowCount() const
{
    int n = 0;
    for (const Page &p : std::as_const(m_pages))
        n += int(p.size());
    return n;
}

int RecordPageCache::rowOfId(qint64 id) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (int i = 0; i < it->size(); ++i) {
            if (it->at(i).id == id)
                return it.key() * m_pageSize + i;
        }
    }
    return -1;
}

RecordPageCache::Row RecordPageCache::rowFrom(const QVariantList &columns) const
{
    Row r;
    r.id = columns.value(0).toLongLong();
    r.values = columns.mid(1, m_fields);
    r.values.resize(m_fields);
    for (int i = 0; i < m_references; ++i)
        r.names << columns.value(1 + m_fields + i).toString();
    return r;
}

RecordPageCache::Page RecordPageCache::pageFrom(const QList<QVariantList> &rows,
                                                const QList<qint64> *ids) const
{
    Page out;
    out.reserve(rows.size());
    for (const QVariantList &columns : rows)
        out << rowFrom(columns);
    if (!ids)
        return out;
    QHash<qint64, Row> byId;
    for (const Row &r : std::as_const(out))
        byId.insert(r.id, r);
    out.clear();
    for (qint64 id : *ids) {
        Row r = byId.value(id);
        r.id = id;
        r.values.resize(m_fields);
        r.names.resize(m_references);
        out << r;
    }
    return out;
}

} // namespace Rapport
