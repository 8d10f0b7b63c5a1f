#pragma once
// The SQL behind RecordTableModel, kept apart so the model deals with rows and the cache
// only: the select list (with the names of referenced records), ORDER BY terms that the
// (column, id) indexes serve, and the queries that find a record's position. Table and
// column names come from the field descriptions; everything else is a bound value.

#include "records/fielddef.h"
#include "lists/recordfilter.h"

#include <QList>
#include <QString>
#include <QVariant>

namespace Rapport {

class RecordTableSql
{
public:
    struct Statement {
        QString sql;
        QVariantList binds; // in placeholder order
    };

    RecordTableSql(Entity entity, bool postgres);

    // The column a tab sorts by until the user picks one: the record's name field (Last
    // Name, Account Name, Deal Name), the first required one.
    static int defaultSortColumn(Entity entity);

    // Columns of page(): id, then every field's stored value, then one name per reference
    // field, in the order of referenceColumns().
    const QList<int> &referenceColumns() const { return m_refColumns; }

    Statement count(const RecordFilter &filter) const;
    // `limit` rows from `offset` on; sortColumn -1 sorts by id.
    Statement page(const RecordFilter &filter, int sortColumn, Qt::SortOrder order,
                   qint64 offset, int limit) const;
    // page() for rows [first, first + limit) of `total`, read from the nearer end of the
    // order: the last page of a million rows is the first in reverse (an index read of 128
    // entries, not of a million). `*reversed`: the statement gives the rows last first.
    Statement pageFromNearerEnd(const RecordFilter &filter, int sortColumn, Qt::SortOrder order,
                                qint64 first, int limit, qint64 total, bool *reversed) const;
    // A search's first page in an order an index serves is looked for by walking that index
    // in windows of records (IndexWalk): when a word is common (one letter, "mu") the page is
    // there after a short walk, where the search index would hand over every match to be
    // sorted first. walkBound() gives the key (sort value, id) of the window's last record,
    // `window` records after `after` (a key; empty: from the start), or no row when the list
    // ends first; walkWindow() the first `limit` matches after `after` up to `upTo` (empty: to
    // the end), in order. Both walk the index in order and stop early: no sort of the window.
    // walks() says where they apply: a search, an order by id or by a column an index serves
    // that is never empty (a name: with empty values the key ranges are ORs no index
    // bounds), no account name to look in too, SQLite.
    bool walks(const RecordFilter &filter, int sortColumn) const;
    Statement walkBound(const RecordFilter &filter, int sortColumn, Qt::SortOrder order,
                        const QVariantList &after, int window) const;
    Statement walkWindow(const RecordFilter &filter, int sortColumn, Qt::SortOrder order,
                         const QVariantList &after, const QVariantList &upTo, int limit) const;
    // Where walks() does not but the order has an index (a column that may be empty): the
    // first `limit` matches among the first `window` records of the order, read and sorted
    // at once. Gives fewer than `limit` rows when the window holds fewer; "" where it does
    // not apply.
    Statement firstPageByWalk(const RecordFilter &filter, int sortColumn, Qt::SortOrder order,
                              int limit, int window) const;
    // How many records hold the search's rarest word, counted up to `cap` in the search
    // index: a cheap estimate of the matches, to choose between firstPageByWalk() and page()
    // (a few matches are sorted faster than the window is walked). "" where the walk does
    // not apply or a word has no index entry.
    Statement fewestMatches(const RecordFilter &filter, int cap) const;
    // Where walks() applies and the filter is the search alone (no column must equal a
    // value, so the order's index gives the ids without reading a row): the walk may lay
    // the search index's matches over the order (IndexWalk)...
    bool walksMatches(const RecordFilter &filter, int sortColumn) const;
    // ... each word's: the ids of the records its index entries name (a superset:
    // rowsMatching() checks them). Empty where this does not apply.
    QList<Statement> matchIds(const RecordFilter &filter, int sortColumn) const;
    // The columns of page() for `count` records given by id that the filter shows, the words
    // checked by LIKE alone; bind the ids after `binds`. In no order.
    Statement rowsMatching(const RecordFilter &filter, int count) const;
    // Like page() but selects the ids only (cheap on an index).
    Statement ids(const RecordFilter &filter, int sortColumn, Qt::SortOrder order,
                  qint64 offset, int limit) const;
    // The ids of every record the filter shows, in order.
    Statement orderedIds(const RecordFilter &filter, int sortColumn, Qt::SortOrder order) const;
    // The columns of page() for `count` records given by id (bind the ids).
    Statement rowsWithIds(int count) const;
    // Whether an index hands out the rows the filter shows in this column's order
    // (-1: by id). Mirrors Schema::createIndexes(); tst_recordtablesql holds them together.
    bool sortUsesIndex(int sortColumn, const RecordFilter &filter) const;
    // The sort value of record `id` if the filter shows it (no row otherwise).
    Statement sortValue(const RecordFilter &filter, int sortColumn, qint64 id) const;
    // How many shown records sort before the record (value, id) in ascending order:
    // three range counts, so that each can run on the sort column's index.
    Statement countBefore(const RecordFilter &filter, int sortColumn, const QVariant &value,
                          qint64 id) const;

private:
    QString table() const;
    QString sortExpression(int column) const;
    QString orderBy(int sortColumn, Qt::SortOrder order) const;
    QString where(const RecordFilter &filter, const QString &extra, QVariantList *binds) const;
    // "(sort value, id) comes after `key`" (or "is at most `key`") in the order, with empty
    // values where the order puts them; the simple row-value range when none can be there.
    QString keyTerm(int sortColumn, Qt::SortOrder order, const QVariantList &key, bool after,
                    QVariantList *binds) const;
    // "leads t WHERE …", or on PostgreSQL with a search the same as a fenced subquery.
    QString source(const RecordFilter &filter, QVariantList *binds) const;

    Entity m_entity;
    bool m_pg;
    QString m_selectList;
    QList<int> m_refColumns;
};

} // namespace Rapport
