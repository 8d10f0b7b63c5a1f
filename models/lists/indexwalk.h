#pragma once
// The first page of a search in an order an index serves, found by walking that index in
// windows of records and checking each record's words (RecordTableSql::walkBound and
// walkWindow): each window is read in order and stops at the page's last row, so a common
// word costs a few rows, and a word clustered further along ("mu" under M) is reached window
// by window. The walk goes on while it costs less than the search index's answer, which reads
// every match: about half as many windowed rows as the rarest word has matches (rows walked
// in the order's index are read one by one, matches in the table's order).
// When the first (short) window leaves the page short and the search index's ids can be
// streamed, the walk takes another way: each word's ids from the search index (a bitmap), then the order's
// index alone (its entries, no row read) until a page of them is in the bitmap; only those
// rows are read, and checked by the words' LIKE. A word clustered 100,000 records along costs
// 100,000 index entries, not 100,000 rows. A tab that holds the ids of its list without the
// search, in order (RecordTableModel), hands them over: then that way goes first, before any
// window, and the order is walked in memory.

#include "lists/recordfilter.h"
#include "lists/recordtablesql.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>

namespace Rapport {

class IndexWalk
{
public:
    using Rows = QList<QVariantList>;
    // Runs a statement into `rows`; gives the database's message, "" when all went well.
    using Reader = std::function<QString(const RecordTableSql::Statement &, Rows *)>;
    // Runs a statement whose first column is an id, handing each to `each` until it says
    // false or the rows end; gives the database's message, "" when all went well.
    using IdStream = std::function<QString(const RecordTableSql::Statement &,
                                           const std::function<bool(qint64)> &each)>;
    // Ids a word may have in the search index for the bitmap to be read: past them, reading
    // the word costs more than the walk saves.
    static constexpr qint64 MatchSetMost = 400000;
    // The first window's records when the bitmap can follow: enough for a word in one
    // record of four to fill a page.
    static constexpr int FirstWindowWithMatches = 512;

    // `matchesCounted`: the search index's count of the rarest word's records up to a cap
    // (RecordTableSql::fewestMatches), read when the first window leaves the page short:
    // a common word fills it at once without paying for the count.
    IndexWalk(const RecordTableSql &sql, const RecordFilter &filter, int sortColumn,
              Qt::SortOrder order, int limit, int window,
              const RecordTableSql::Statement &matchesCounted = {},
              std::shared_ptr<const QList<qint64>> inOrder = {});

    // How many records the walk may read for a search whose rarest word has `matches`
    // records in the search index (-1: unknown): always at least one window.
    qint64 budget(qint64 matches) const;
    // Walks until the page is full, the list ends or the budget is spent (`matches` known
    // beforehand, else read by matchesCounted after the first window). True when `rows`
    // is the page (full, or every match of a list shorter than a page); false otherwise
    // (then the search index is to answer) or on an error (in `*error`).
    bool run(const Reader &read, qint64 matches, Rows *rows, QString *error,
             const IdStream &stream = {}) const;

private:
    // The way by the bitmap of matches; false (with no error) where it does not apply.
    bool runWithMatches(const Reader &read, const IdStream &stream, Rows *rows,
                        QString *error) const;

    RecordTableSql m_sql;
    RecordFilter m_filter;
    int m_sortColumn;
    Qt::SortOrder m_order;
    int m_limit;
    int m_window;
    RecordTableSql::Statement m_matchesCounted;
    // Every id of the list without its search, in the walk's order; null: read them.
    std::shared_ptr<const QList<qint64>> m_inOrder;
};

} // namespace Rapport
