#pragma once
// The first page of a search in an order an index serves, found by walking that index in
// windows of records and checking each record's words (RecordTableSql::walkBound and
// walkWindow): each window is read in order and stops at the page's last row, so a common
// word costs a few rows, and a word clustered further along ("mu" under M) is reached window
// by window. The walk goes on while it costs less than the search index's answer, which reads
// every match: about half as many windowed rows as the rarest word has matches (rows walked
// in the order's index are read one by one, matches in the table's order).

#include "lists/recordfilter.h"
#include "lists/recordtablesql.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <functional>

namespace Rapport {

class IndexWalk
{
public:
    using Rows = QList<QVariantList>;
    // Runs a statement into `rows`; gives the database's message, "" when all went well.
    using Reader = std::function<QString(const RecordTableSql::Statement &, Rows *)>;

    // `matchesCounted`: the search index's count of the rarest word's records up to a cap
    // (RecordTableSql::fewestMatches), read when the first window leaves the page short:
    // a common word fills it at once without paying for the count.
    IndexWalk(const RecordTableSql &sql, const RecordFilter &filter, int sortColumn,
              Qt::SortOrder order, int limit, int window,
              const RecordTableSql::Statement &matchesCounted = {});

    // How many records the walk may read for a search whose rarest word has `matches`
    // records in the search index (-1: unknown): always at least one window.
    qint64 budget(qint64 matches) const;
    // Walks until the page is full, the list ends or the budget is spent (`matches` known
    // beforehand, else read by matchesCounted after the first window). True when `rows`
    // is the page (full, or every match of a list shorter than a page); false otherwise
    // (then the search index is to answer) or on an error (in `*error`).
    bool run(const Reader &read, qint64 matches, Rows *rows, QString *error) const;

private:
    RecordTableSql m_sql;
    RecordFilter m_filter;
    int m_sortColumn;
    Qt::SortOrder m_order;
    int m_limit;
    int m_window;
    RecordTableSql::Statement m_matchesCounted;
};

} // namespace Rapport
