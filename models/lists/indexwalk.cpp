#include "lists/indexwalk.h"

#include <algorithm>

namespace Rapport {

IndexWalk::IndexWalk(const RecordTableSql &sql, const RecordFilter &filter, int sortColumn,
                     Qt::SortOrder order, int limit, int window,
                     const RecordTableSql::Statement &matchesCounted)
    : m_sql(sql)
    , m_filter(filter)
    , m_sortColumn(sortColumn)
    , m_order(order)
    , m_limit(limit)
    , m_window(window)
    , m_matchesCounted(matchesCounted)
{
}

qint64 IndexWalk::budget(qint64 matches) const
{
    return std::max<qint64>(m_window, matches / 2);
}

bool IndexWalk::run(const Reader &read, qint64 matches, Rows *rows, QString *error) const
{
    rows->clear();
    qint64 most = budget(matches);
    QVariantList after; // the key the next window starts after; empty: the start
    for (qint64 walked = 0; walked == 0 || walked + m_window <= most; walked += m_window) {
        Rows bound;
        *error = read(m_sql.walkBound(m_filter, m_sortColumn, m_order, after, m_window), &bound);
        if (!error->isEmpty())
            return false;
        const QVariantList upTo = bound.isEmpty() ? QVariantList() : bound.first();
        Rows found;
        *error = read(m_sql.walkWindow(m_filter, m_sortColumn, m_order, after, upTo,
                                       m_limit - int(rows->size())),
                      &found);
        if (!error->isEmpty())
            return false;
        rows->append(found);
        if (rows->size() >= m_limit || upTo.isEmpty())
            return true; // full, or the window reached the end of the list
        after = upTo;
        if (walked == 0 && !m_matchesCounted.sql.isEmpty()) {
            Rows count;
            if (read(m_matchesCounted, &count).isEmpty() && !count.isEmpty())
                most = budget(std::max(matches, count.first().value(0).toLongLong()));
        }
    }
    return false;
}

} // namespace Rapport
