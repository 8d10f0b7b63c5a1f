#pragma once
// The statements a tab reads a stretch of its rows with, and a synchronous read of them, so
// that `rapport-cli list` shows exactly what the tab shows, by the same queries: the first
// page of a search in an indexed order looked for along the sort index in windows
// (IndexWalk) before the search index is asked, deeper rows from the nearer end of the list
// when its length is known.

#include "lists/pagereader.h"
#include "lists/recordfilter.h"
#include "lists/recordtablesql.h"

#include <QString>

namespace Rapport {

class ViewRows
{
public:
    // Records of the order a search's first page is looked for in at a time (IndexWalk).
    static constexpr int FirstPageWindow = 4096;
    // Below this many matches of its rarest word a search's first page comes from the search
    // index at once: reading and sorting them costs less than the walk of the window.
    static constexpr int FewMatches = 2048;
    // When the first window leaves the page short, the search index counts the rarest word's
    // records up to this many: the walk's budget (IndexWalk::budget) grows with the count,
    // up to 4 windows.
    static constexpr int MatchesCounted = 8 * FirstPageWindow;

    struct View {
        RecordFilter filter;
        int sortColumn = -1;
        Qt::SortOrder sortOrder = Qt::AscendingOrder;
        bool operator==(const View &) const = default;
    };

    // The first `limit` rows of the view, as a PageReader request for page 0 of `view`.
    // `inOrder`: every id of the view without its search, in its order, when the caller
    // holds them (a search's walk then goes through them in memory).
    static PageReader::Request firstPage(const RecordTableSql &sql, const View &view, int limit,
                                         quint64 generation = 0,
                                         std::shared_ptr<const QList<qint64>> inOrder = {});
    // Rows [offset, offset + limit): the first page as above when offset is 0, otherwise
    // from the nearer end when `total` (the view's row count) is known, else by OFFSET.
    static PageReader::Request rows(const RecordTableSql &sql, const View &view, qint64 offset,
                                    int limit, qint64 total = -1);
};

} // namespace Rapport
