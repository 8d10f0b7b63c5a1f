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
    // With the bitmap to turn to, the first window is short: it only has to catch a word
    // common enough to fill the page at once.
    const bool bitmap = stream && !m_inOrder && !m_sql.matchIds(m_filter, m_sortColumn).isEmpty();
    QVariantList after; // the key the next window starts after; empty: the start
    const int firstWindow = bitmap ? std::min(m_window, FirstWindowWithMatches) : m_window;
    for (qint64 walked = 0; walked == 0 || walked + m_window <= most;
         walked += walked == 0 ? firstWindow : m_window) {
        const int window = walked == 0 ? firstWindow : m_window;
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
        if (walked == 0 && bitmap) {
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
    // The order (its index's entries alone, or the ids held) in one pass: ids in the bitmap
    // gather until they could fill the page, then their rows are read and checked by LIKE
    // (the index names a few more records than hold the word), and the pass goes on while
    // the page is short.
    RecordFilter rest = m_filter;
    rest.search.clear();
    QList<qint64> batch;
    const auto check = [&] {
        RecordTableSql::Statement s = m_sql.rowsMatching(m_filter, int(batch.size()));
        for (qint64 id : std::as_const(batch))
            s.binds << id;
        Rows found;
        *error = read(s, &found);
        QHash<qint64, QVariantList> byId;
        for (QVariantList &row : found)
            byId.insert(row.value(0).toLongLong(), std::move(row));
        for (qint64 id : std::as_const(batch)) {
            if (const auto it = byId.constFind(id); it != byId.cend())
                rows->append(*it);
        }
        batch.clear();
        return error->isEmpty();
    };
    const auto take = [&](qint64 id) {
        if (id < 0 || size_t(id) >= matched.size() || !matched[size_t(id)])
            return true;
        batch << id;
        if (batch.size() < m_limit - rows->size())
            return true;
        return check() && rows->size() < m_limit;
    };
    if (m_inOrder) {
        for (qint64 id : *m_inOrder) {
            if (!take(id))
                break;
        }
    } else {
        const QString streamError = stream(m_sql.orderedIds(rest, m_sortColumn, m_order), take);
        if (error->isEmpty())
            *error = streamError;
    }
    if (error->isEmpty() && !batch.isEmpty())
        check(); // the list ended before the page was full
    return error->isEmpty();
}

} // namespace Rapport
