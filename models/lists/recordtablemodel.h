#pragma once
// The rows of one record tab, for a million leads as for ten. rowCount() is the full
// filtered count, known at once, so the scrollbar spans every row (unlike QSqlTableModel's
// fetch-more growth); rows are read lazily, a page at a time, and only a bounded number of
// pages is kept. Unfiltered lists sorted by an indexed column page with LIMIT/OFFSET off
// the index. Anything else (a search, a picklist filter, converted leads, an unindexed or
// reference column) would make SQLite scan or sort every record again for each page, so
// then the ordered ids (8 bytes a record) are read once and pages are fetched by id.
// Read-only: records are edited in forms and the tab calls reload() afterwards.
// Loading::InBackground (the tabs) reads counts and ordered ids on a BackgroundIdReader and
// pages on a PageReader: sort(), setRecordFilter() and reload() then return at once, the rows
// of the previous request stay until the new ones are there, and a newer request overtakes an
// older one. The first page of a request is a LIMIT query of its own; when it comes before
// the count or the ids, it is shown alone (one model reset) and the rows grow to the count
// when that comes (rowsInserted). A page not in the cache is read off the window's thread
// and data() answers LoadingRole meanwhile, then dataChanged() fills it in. Only idAt(),
// idsInRows() and rowOfId() (a user's action on a row) may read on the calling thread.
// Loading::Synchronous does every read before returning.
// A long list (setBaseOrderFrom() rows and more, 20,000 unless a test says otherwise) whose
// searches walk its order has the ids of every row of that order, without the search, read
// in the background too, on a reader of its own made the first time: a search typed next
// finds its first page by going through them in memory with the search index's matches
// (IndexWalk), where it would otherwise walk the order's index from the start. They are read
// again after a write (reload()) and for a new sort or filter, once the rows shown are there.

#include "lists/backgroundidreader.h"
#include "lists/pagereader.h"
#include "lists/recordpagecache.h"
#include "records/fielddef.h"
#include "lists/recordfilter.h"
#include "lists/recordtablesql.h"
#include "lists/viewrows.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

#include <memory>

class QSqlQuery;

namespace Rapport {

class RecordTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Roles {
        IdRole = Qt::UserRole + 1, // the record id of the row (Qt::UserRole: the raw value)
        LoadingRole                // true while the row's page is being read
    };
    static constexpr int PageSize = 128;     // rows read by one page query
    static constexpr int MaxCachedPages = 32; // pages kept, least recently used dropped

    enum class Loading { Synchronous, InBackground };

    RecordTableModel(Entity entity, const QString &connectionName, QObject *parent = nullptr);
    RecordTableModel(Entity entity, const QString &connectionName, Loading loading,
                     QObject *parent = nullptr);

    Entity entity() const { return m_entity; }
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // column -1: the order records were added in (by id).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The filter and order last asked for; while isLoading(), the rows are still those of
    // the request before.
    RecordFilter filter() const { return m_wanted.filter; }
    void setRecordFilter(const RecordFilter &filter);
    // Drops every cached row and counts again: call after records were written.
    void reload();

    int sortColumn() const { return m_wanted.sortColumn; }
    Qt::SortOrder sortOrder() const { return m_wanted.sortOrder; }
    // Whether rows for the last request are still being read (in the background): until
    // its first page and its count are there.
    bool isLoading() const { return m_loading; }
    // Superseded background queries that were stopped (0 without SQLite's interrupt).
    int interruptions() const { return m_reader ? m_reader->interruptions() : 0; }

    // The record id shown in `row`, or 0 if there is no such row.
    qint64 idAt(int row) const;
    // The ids of `count` rows from `first` on, in one query when they are not cached.
    QList<qint64> idsInRows(int first, int count) const;
    // The row that shows record `id` under the current filter and sort, or -1.
    int rowOfId(qint64 id) const;

    // Rows held in the page cache (at most PageSize * MaxCachedPages).
    int loadedRowCount() const;
    // Whether the order is held as a list of ids (see above) rather than paged by offset.
    bool holdsOrderedIds() const { return m_idsInOrder; }
    int pagesFetched() const { return m_pagesFetched; }
    // Queries run on the model's own thread (pages, ids of rows, rows of ids): for tests
    // that check what a user action costs.
    int queriesRun() const { return m_queriesRun; }
    // The database's message for the last failed query, "" when all went well.
    QString lastError() const { return m_lastError; }
    // Whether the ids of the list without its search are held, in order (see above).
    bool holdsOrderWithoutSearch() const { return m_baseOrder != nullptr; }
    // Rows from which a list's order is held for its searches (tests make it small).
    static void setBaseOrderFrom(qint64 rows) { s_baseOrderFrom = rows; }

Q_SIGNALS:
    void loadingChanged(bool loading);

private:
    using View = ViewRows::View;

    using Row = RecordPageCache::Row;
    using Page = RecordPageCache::Page;

    const Row *rowAt(int row) const;
    const Row *cachedRow(int row) const;
    void requestPage(int page) const;
    Page fetchPage(int page) const;
    RecordTableSql::Statement pageStatement(int page, bool *reversed) const;
    QVariantList columnsOf(const QSqlQuery &query) const;
    Page pageFrom(int page, const QList<QVariantList> &rows) const;
    void pageFinished(const PageReader::Result &result);
    void showFirstPage(const PageReader::Result &result);
    void showBoth(const PageReader::Result &first, const BackgroundIdReader::Result &count);
    void grow(const BackgroundIdReader::Result &result);
    bool needsOrderedIds(const View &view) const;
    void request(bool reread);
    void requestFirstPage();
    void readFinished(const BackgroundIdReader::Result &result);
    void show(bool orderedIds, const QList<qint64> &values, const QString &error);
    void setLoading(bool loading);
    void readBaseOrder();
    void dropBaseOrder();
    void baseOrderRead(const BackgroundIdReader::Result &result);
    QVariant display(int column, const Row &row) const;

    Entity m_entity;
    QString m_connection;
    RecordTableSql m_sql;
    View m_wanted; // asked for
    View m_shown;  // what the rows below are for
    BackgroundIdReader *m_reader = nullptr; // InBackground only
    PageReader *m_pageReader = nullptr;     // InBackground only
    quint64 m_generation = 0; // of the latest background request
    quint64 m_shownGeneration = 0; // of the request the rows are for
    bool m_loading = false;
    bool m_loadingIds = false; // whether that request reads ordered ids or a count
    bool m_firstPending = false; // the latest request's first page is still being read
    bool m_countPending = false; // its count or ids are still being read
    bool m_firstPageOnly = false; // only the first page is shown: the count is coming
    bool m_firstAlone = false; // the first page may be shown before the count
    BackgroundIdReader::Result m_heldCount; // came before the first page
    PageReader::Result m_heldFirst;         // came before the count (!m_firstAlone)
    qint64 m_count = 0;
    bool m_idsInOrder = false;
    QList<qint64> m_ids; // when m_idsInOrder: every shown record, in order
    QList<int> m_refSlot; // per column: index into Row::names, or -1
    // The list without its search, in order, for a search's first page (InBackground only).
    BackgroundIdReader *m_orderReader = nullptr;
    std::shared_ptr<const QList<qint64>> m_baseOrder; // null until read, or after a write
    View m_baseOrderView;                              // what it (or the read under way) orders
    quint64 m_baseOrderGeneration = 0;
    bool m_baseOrderReading = false;
    qint64 m_unsearchedCount = -1; // rows of the list last shown without a search
    static inline qint64 s_baseOrderFrom = 20000;

    RecordPageCache m_cache;
    mutable QList<int> m_pending; // pages asked of m_pageReader for the rows shown
    mutable int m_pagesFetched = 0;
    mutable int m_queriesRun = 0;
    mutable QString m_lastError;
};

} // namespace Rapport
