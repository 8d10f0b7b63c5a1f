#include "lists/viewrows.h"

#include <algorithm>
#include <memory>

namespace Rapport {

PageReader::Request ViewRows::firstPage(const RecordTableSql &sql, const View &view, int limit,
                                        quint64 generation,
                                        std::shared_ptr<const QList<qint64>> inOrder)
{
    const auto page = sql.page(view.filter, view.sortColumn, view.sortOrder, 0, limit);
    PageReader::Request r{generation, 0, false, {}, {}, limit, page.sql, page.binds};
    if (sql.walks(view.filter, view.sortColumn)) {
        r.walk = std::make_shared<const IndexWalk>(
            sql, view.filter, view.sortColumn, view.sortOrder, limit, FirstPageWindow,
            sql.fewestMatches(view.filter, MatchesCounted), std::move(inOrder));
    } else {
        const auto walk = sql.firstPageByWalk(view.filter, view.sortColumn, view.sortOrder,
                                              limit, FirstPageWindow);
        if (walk.sql.isEmpty())
            return {generation, 0, false, page.sql, page.binds};
        r.sql = walk.sql;
        r.binds = walk.binds;
    }
    const auto few = sql.fewestMatches(view.filter, FewMatches);
    r.probeSql = few.sql;
    r.probeBinds = few.binds;
    r.probeBelow = FewMatches;
    return r;
}

PageReader::Request ViewRows::rows(const RecordTableSql &sql, const View &view, qint64 offset,
                                   int limit, qint64 total)
{
    if (total >= 0) // read from the end, the page must not reach past it
        limit = int(std::clamp<qint64>(total - offset, 0, limit));
    if (offset == 0)
        return firstPage(sql, view, limit);
    PageReader::Request r;
    const RecordTableSql::Statement s =
        total >= 0 ? sql.pageFromNearerEnd(view.filter, view.sortColumn, view.sortOrder, offset,
                                           limit, total, &r.reversed)
                   : sql.page(view.filter, view.sortColumn, view.sortOrder, offset, limit);
    r.sql = s.sql;
    r.binds = s.binds;
    return r;
}

} // namespace Rapport
