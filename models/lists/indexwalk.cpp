#include "lists/indexwalk.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace Rapport {

IndexWalk::IndexWalk(const RecordTableSql &sql, const RecordFilter &filter, int sortColumn,
                     Qt::SortOrder order, int limit, int window,
                     const RecordTableSql::Statement &matchesCounted,
                     std::shared_ptr<const QList<qint64>> inOrder)
    : m_sql(sql)
    , m_filter(filter)
    , m_sortColumn(sortColumn)
    , m_order(order)
    , m_limit(limit)
    , m_window(window)
    , m_matchesCounted(matchesCounted)
    , m_inOrder(std::move(inOrder))
{
}

qint64 IndexWalk::budget(qint64 matches) const
{
    return std::max<qint64>(m_window, matches / 2);
}

bool IndexWalk::run(const Reader &read, qint64 matches, Rows *rows, QString *error,
                    const IdStream &stream) const
{
    rows->clear();
    // With the list's order in memory the bitmap goes first; a search of one-letter words
    // (in most records: no bitmap) is left to the windows, which fill the page at once.
    if (stream && m_inOrder) {
        Rows page;
        if (runWithMatches(read, stream, &page, error)) {
            *rows = page;
            return true;
        }
        if (!error->isEmpty())
            return false;
    }
    qint64 most = budget(matches);
    QVariantList after; // the key the next window starts after; empty: the start
    for (qint64 walked = 0; walked == 0 || walked + m_window <= most; walked += m_window) {
        // With the bitmap to turn to, the first window is short: it only has to catch a word
        // common enough to fill the page at once.
        const int window = walked == 0 && stream ? std::min(m_window, FirstWindowWithMatches)
                                                 : m_window;
        Rows bound;
        *error = read(m_sql.walkBound(m_filter, m_sortColumn, m_order, after, window), &bound);
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
        if (walked == 0 && stream && !m_inOrder) {
            Rows page;
            if (runWithMatches(read, stream, &page, error)) {
                *rows = page;
                return true;
            }
            if (!error->isEmpty())
                return false;
        }
        if (walked == 0 && !m_matchesCounted.sql.isEmpty()) {
            Rows count;
            if (read(m_matchesCounted, &count).isEmpty() && !count.isEmpty())
                most = budget(std::max(matches, count.first().value(0).toLongLong()));
        }
    }
    return false;
}

bool IndexWalk::runWithMatches(const Reader &read, const IdStream &stream, Rows *rows,
                               QString *error) const
{
    const QList<RecordTableSql::Statement> words = m_sql.matchIds(m_filter, m_sortColumn);
    if (words.isEmpty())
        return false;
    // The bitmap: ids every word's index entries name. A word in more than a quarter of a
    // list held in memory is left to LIKE (the windows find its page at once).
    const qint64 most = m_inOrder ? std::clamp<qint64>(m_inOrder->size() / 4, m_window,
                                                       MatchSetMost)
                                  : MatchSetMost;
    std::vector<bool> matched;
    bool first = true;
    for (const RecordTableSql::Statement &word : words) {
        std::vector<bool> these(matched.size());
        qint64 count = 0;
        *error = stream(word, [&](qint64 id) {
            if (id < 0)
                return true;
            if (size_t(id) >= these.size())
                these.resize(std::max<size_t>(size_t(id) + 1, these.size() * 3 / 2));
            these[size_t(id)] = true;
            return ++count <= most;
        });
        if (!error->isEmpty())
            return false;
        if (count > most)
            continue; // too common to be worth its bitmap: LIKE checks it
        if (first) {
            matched = std::move(these);
            first = false;
        } else {
            matched.resize(std::min(matched.size(), these.size()));
            for (size_t i = 0; i < matched.size(); ++i)
                matched[i] = matched[i] && these[i];
        }
    }
    if (first)
        return false; // every word too common: the windows find it sooner
    // The order's index, its entries alone, until a page of ids is in the bitmap; their rows
    // checked by LIKE (the index names a few more than hold the word), and the walk goes on
    // from there when some fail.
    RecordFilter rest = m_filter;
    rest.search.clear();
    const RecordTableSql::Statement order = m_sql.orderedIds(rest, m_sortColumn, m_order);
    qint64 skip = 0; // candidates already checked
    while (rows->size() < m_limit) {
        QList<qint64> candidates;
        qint64 seen = 0;
        const qsizetype wanted = m_limit - rows->size();
        const auto take = [&](qint64 id) {
            if (id < 0 || size_t(id) >= matched.size() || !matched[size_t(id)])
                return true;
            if (seen++ < skip)
                return true;
            candidates << id;
            return candidates.size() < wanted;
        };
        if (m_inOrder) {
            for (qint64 id : *m_inOrder) {
                if (!take(id))
                    break;
            }
        } else {
            *error = stream(order, take);
        }
        if (!error->isEmpty())
            return false;
        if (candidates.isEmpty())
            return true; // the list holds no more
        skip += candidates.size();
        RecordTableSql::Statement check = m_sql.rowsMatching(m_filter, int(candidates.size()));
        for (qint64 id : std::as_const(candidates))
            check.binds << id;
        Rows found;
        *error = read(check, &found);
        if (!error->isEmpty())
            return false;
        QHash<qint64, QVariantList> byId;
        for (QVariantList &row : found)
            byId.insert(row.value(0).toLongLong(), std::move(row));
        for (qint64 id : std::as_const(candidates)) {
            if (const auto it = byId.constFind(id); it != byId.cend())
                rows->append(*it);
        }
        if (candidates.size() < wanted)
            return true; // the end of the list
    }
    return true;
}

} // namespace Rapport
