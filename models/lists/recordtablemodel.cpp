#include "lists/recordtablemodel.h"

#include "storage/database.h"
#include "records/recordtypes.h"
#include "records/valuetext.h"

#include <QDate>
#include <QLocale>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <climits>

namespace Rapport {

namespace {

const FieldDef &fieldAt(Entity entity, int column)
{
    return entityDef(entity).fields.at(column);
}

bool run(QSqlQuery &q, const RecordTableSql::Statement &s, QString *error)
{
    q.setForwardOnly(true);
    if (!q.prepare(s.sql)) {
        *error = q.lastError().text();
        return false;
    }
    for (const QVariant &v : s.binds)
        q.addBindValue(v);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    error->clear();
    return true;
}

// The first column of every row, as the background reader would hand it over.
QList<qint64> readColumn(const QString &connection, const RecordTableSql::Statement &s,
                         QString *error)
{
    QList<qint64> values;
    QSqlQuery q(QSqlDatabase::database(connection));
    if (!run(q, s, error))
        return values;
    while (q.next())
        values << q.value(0).toLongLong();
    return values;
}

} // namespace

RecordTableModel::RecordTableModel(Entity entity, const QString &connectionName,
                                   QObject *parent)
    : RecordTableModel(entity, connectionName, Loading::Synchronous, parent)
{
}

RecordTableModel::RecordTableModel(Entity entity, const QString &connectionName,
                                   Loading loading, QObject *parent)
    : QAbstractTableModel(parent)
    , m_entity(entity)
    , m_connection(connectionName)
    , m_sql(entity, Database::isPostgres(connectionName))
    , m_cache(int(entityDef(entity).fields.size()), int(m_sql.referenceColumns().size()),
              PageSize, MaxCachedPages)
{
    m_refSlot.fill(-1, entityDef(entity).fields.size());
    const QList<int> &refs = m_sql.referenceColumns();
    for (int i = 0; i < refs.size(); ++i)
        m_refSlot[refs[i]] = i;
    if (loading == Loading::InBackground) {
        m_reader = new BackgroundIdReader(connectionName, this);
        connect(m_reader, &BackgroundIdReader::finished, this,
                &RecordTableModel::readFinished);
        m_pageReader = new PageReader(connectionName, this);
        connect(m_pageReader, &PageReader::finished, this, &RecordTableModel::pageFinished);
    }
    request(true);
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(std::min<qint64>(m_count, INT_MAX));
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(entityDef(m_entity).fields.size());
}

Qt::ItemFlags RecordTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (section < 0 || section >= columnCount())
        return {};
    const FieldDef &f = fieldAt(m_entity, section);
    switch (role) {
    case Qt::DisplayRole:
        return fieldLabel(f);
    case Qt::UserRole:
        return QString::fromLatin1(f.name);
    default:
        return {};
    }
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    // In the background the window never waits for a page: "loading" now, dataChanged later.
    const Row *row = m_pageReader ? cachedRow(index.row()) : rowAt(index.row());
    if (!row) {
        if (role == LoadingRole)
            return m_pageReader != nullptr && !m_cache.contains(index.row() / PageSize);
        return {};
    }
    const int column = index.column();
    const FieldDef &f = fieldAt(m_entity, column);
    const QVariant &raw = row->values.at(column);
    switch (role) {
    case Qt::DisplayRole:
        return display(column, *row);
    case Qt::ToolTipRole:
        return f.type == FieldType::LongText ? raw.toString() : QVariant();
    case Qt::CheckStateRole:
        if (f.type != FieldType::Bool)
            return {};
        return raw.toLongLong() != 0 ? Qt::Checked : Qt::Unchecked;
    case Qt::TextAlignmentRole:
        if (f.type == FieldType::Integer || f.type == FieldType::Decimal)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::UserRole:
        return raw;
    case IdRole:
        return row->id;
    case LoadingRole:
        return false;
    default:
        return {};
    }
}

QVariant RecordTableModel::display(int column, const Row &row) const
{
    const FieldDef &f = fieldAt(m_entity, column);
    const QVariant &raw = row.values.at(column);
    if (raw.isNull())
        return f.type == FieldType::Reference || f.type == FieldType::Bool ? QVariant()
                                                                            : QString();
    switch (f.type) {
    case FieldType::Bool:
        return {}; // the check box says it
    case FieldType::Reference:
        return row.names.at(m_refSlot.at(column));
    case FieldType::LongText:
        return raw.toString().simplified(); // one line in a table cell
    default:
        return valueText(f, raw);
    }
}

void RecordTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < -1 || column >= columnCount())
        column = -1;
    m_wanted.sortColumn = column;
    m_wanted.sortOrder = order;
    request(false);
}

void RecordTableModel::setRecordFilter(const RecordFilter &filter)
{
    m_wanted.filter = filter;
    request(false);
}

void RecordTableModel::reload()
{
    request(true);
}

bool RecordTableModel::needsOrderedIds(const View &view) const
{
    return !view.filter.search.trimmed().isEmpty() || !view.filter.equals.isEmpty()
        || (m_entity == Entity::Lead && view.filter.converted == RecordFilter::Converted::Only)
        || !m_sql.sortUsesIndex(view.sortColumn, view.filter);
}

// Reads what m_wanted needs (the ordered ids, or just the count) and shows it, now or when
// the background readers are done. `reread`: the records changed, nothing known still holds.
void RecordTableModel::request(bool reread)
{
    const bool ids = needsOrderedIds(m_wanted);
    // Only the order changed and an index serves it: the count stays, the pages go.
    const bool countStays = !ids && !reread && !m_loading && m_wanted.filter == m_shown.filter;
    const RecordFilter &f = m_wanted.filter;
    const RecordTableSql::Statement s =
        ids ? m_sql.orderedIds(f, m_wanted.sortColumn, m_wanted.sortOrder) : m_sql.count(f);
    if (!m_reader) {
        if (countStays) {
            show(false, {m_count}, m_lastError);
            return;
        }
        QString error;
        const QList<qint64> values = readColumn(m_connection, s, &error);
        show(ids, values, error);
        return;
    }
    if (reread) // the records changed: the order held is no more
        dropBaseOrder();
    ++m_generation;
    m_loadingIds = ids;
    // The first rows, or a new order or filter, start at the top: the first page may show
    // alone. After a write (the same view again) the rows, the selection and the scrolling
    // stay until all is there.
    m_firstAlone = m_shownGeneration == 0 || !(m_wanted == m_shown);
    m_pageReader->setView(m_generation);
    requestFirstPage();
    m_countPending = !countStays;
    m_heldCount = {m_generation, {m_count}, m_lastError};
    if (!countStays)
        m_reader->read({m_generation, s.sql, s.binds});
    setLoading(true);
}

// A LIMIT query: the search index's first matches, or a top-N of a sort no index serves.
void RecordTableModel::requestFirstPage()
{
    View base = m_wanted;
    base.filter.search.clear();
    m_pageReader->read(ViewRows::firstPage(m_sql, m_wanted, PageSize, m_generation,
                                           base == m_baseOrderView ? m_baseOrder : nullptr));
    m_firstPending = true;
}

void RecordTableModel::readFinished(const BackgroundIdReader::Result &result)
{
    if (result.generation != m_generation)
        return; // overtaken by a newer request
    m_countPending = false;
    if (m_firstPending) {
        m_heldCount = result; // shown with the first page, in one reset
        return;
    }
    if (m_firstPageOnly)
        grow(result);
    else
        showBoth(m_heldFirst, result);
}

void RecordTableModel::pageFinished(const PageReader::Result &result)
{
    if (result.view == m_generation && m_firstPending && result.page == 0) {
        m_firstPending = false;
        if (!m_countPending)
            showBoth(result, m_heldCount);
        else if (m_firstAlone)
            showFirstPage(result);
        else
            m_heldFirst = result;
        return;
    }
    if (result.view != m_shownGeneration || !m_pending.removeOne(result.page))
        return;
    if (!result.error.isEmpty())
        m_lastError = result.error;
    m_cache.insert(result.page, pageFrom(result.page, result.rows));
    const int first = result.page * PageSize;
    const int last = std::min(first + PageSize, rowCount()) - 1;
    if (last >= first)
        emit dataChanged(index(first, 0), index(last, columnCount() - 1));
}

void RecordTableModel::showBoth(const PageReader::Result &first,
                                const BackgroundIdReader::Result &count)
{
    show(m_loadingIds, count.values, count.error);
    m_shownGeneration = m_generation;
    // The page is kept only where it is the start of the ids read (a write can come between
    // the two reads); otherwise it is read again by those ids when shown.
    bool fits = first.error.isEmpty()
        && (!m_loadingIds
            || first.rows.size() == std::min<qsizetype>(PageSize, count.values.size()));
    for (qsizetype i = 0; fits && m_loadingIds && i < first.rows.size(); ++i)
        fits = first.rows[i].value(0).toLongLong() == count.values[i];
    if (fits)
        m_cache.insert(0, pageFrom(0, first.rows));
    setLoading(false);
}

// The first page of a search or sort whose count is still being read: its rows are all the
// model has, until grow().
void RecordTableModel::showFirstPage(const PageReader::Result &result)
{
    // In its own order: pageFrom() would lay it over the ids of the list shown before (a
    // search after a search), blank rows where those are not among it.
    const Page rows = m_cache.pageFrom(result.rows);
    show(false, {qint64(rows.size())}, result.error);
    m_shownGeneration = result.view;
    m_firstPageOnly = true;
    m_cache.insert(0, rows);
}

void RecordTableModel::grow(const BackgroundIdReader::Result &result)
{
    const bool ids = m_loadingIds;
    const qint64 count = ids ? result.values.size() : result.values.value(0, 0);
    const Page *first = m_cache.page(0);
    // A short first page is the whole list; a full one is the start of it.
    bool same = m_firstPageOnly && result.error.isEmpty() && first
        && (first->size() == PageSize ? count >= PageSize : count == first->size());
    for (int i = 0; same && ids && i < first->size(); ++i)
        same = first->at(i).id == result.values.at(i);
    if (!same && result.error.isEmpty()) {
        // Written to since the first page was read: read it again, show both in one reset.
        // The order held for searches may be from before that write too: not used again.
        m_heldCount = result;
        dropBaseOrder();
        requestFirstPage();
        return;
    }
    if (!same) {
        show(ids, result.values, result.error);
        m_shownGeneration = result.generation;
        setLoading(false);
        return;
    }
    m_firstPageOnly = false;
    m_idsInOrder = ids;
    m_ids = ids ? result.values : QList<qint64>();
    if (count > m_count) {
        beginInsertRows({}, int(m_count), int(std::min<qint64>(count, INT_MAX) - 1));
        m_count = count;
        endInsertRows();
    }
    setLoading(false);
}

void RecordTableModel::show(bool orderedIds, const QList<qint64> &values, const QString &error)
{
    beginResetModel();
    m_shown = m_wanted;
    m_cache.clear();
    m_pending.clear();
    m_firstPageOnly = false;
    m_idsInOrder = orderedIds;
    m_ids = orderedIds ? values : QList<qint64>();
    m_count = orderedIds ? values.size() : values.value(0, 0);
    m_lastError = error;
    endResetModel();
}

void RecordTableModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    if (!loading)
        readBaseOrder();
    emit loadingChanged(loading);
}

// Once the rows shown are all there: the order of the list without its search, for the
// searches to come, when the list is long and a search's walk could use it.
void RecordTableModel::readBaseOrder()
{
    if (!m_reader)
        return; // Loading::Synchronous
    if (m_shown.filter.search.trimmed().isEmpty())
        m_unsearchedCount = m_count;
    View base = m_shown;
    base.filter.search.clear();
    if (base == m_baseOrderView && (m_baseOrder || m_baseOrderReading))
        return;
    RecordFilter searched = base.filter;
    searched.search = QStringLiteral("x"); // whether any search would walk this order
    if (m_unsearchedCount < s_baseOrderFrom || !m_sql.walksMatches(searched, base.sortColumn))
        return;
    if (!m_orderReader) { // its thread and connection only for a list that needs them
        m_orderReader = new BackgroundIdReader(m_connection, this);
        connect(m_orderReader, &BackgroundIdReader::finished, this,
                &RecordTableModel::baseOrderRead);
    }
    m_baseOrder.reset();
    m_baseOrderView = base;
    m_baseOrderReading = true;
    const RecordTableSql::Statement s =
        m_sql.orderedIds(base.filter, base.sortColumn, base.sortOrder);
    m_orderReader->read({++m_baseOrderGeneration, s.sql, s.binds});
}

void RecordTableModel::dropBaseOrder()
{
    m_baseOrder.reset();
    m_baseOrderReading = false;
    ++m_baseOrderGeneration; // a read under way is for records as they were
}

void RecordTableModel::baseOrderRead(const BackgroundIdReader::Result &result)
{
    if (result.generation != m_baseOrderGeneration)
        return; // for an order or records that changed since
    m_baseOrderReading = false;
    if (result.error.isEmpty())
        m_baseOrder = std::make_shared<const QList<qint64>>(result.values);
}

const RecordTableModel::Row *RecordTableModel::rowAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    const int page = row / PageSize;
    if (!m_cache.contains(page))
        m_cache.insert(page, fetchPage(page));
    return m_cache.find(row);
}

// The row if its page is cached; otherwise asks the page reader for it (InBackground).
const RecordTableModel::Row *RecordTableModel::cachedRow(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    if (!m_cache.contains(row / PageSize)) {
        requestPage(row / PageSize);
        return nullptr;
    }
    return m_cache.find(row);
}

void RecordTableModel::requestPage(int page) const
{
    if (!m_pageReader || m_pending.contains(page))
        return;
    m_pending.append(page);
    ++m_pagesFetched;
    PageReader::Request r{m_shownGeneration, page, false, {}, {}};
    const auto s = pageStatement(page, &r.reversed);
    r.sql = s.sql;
    r.binds = s.binds;
    m_pageReader->read(r);
}

// By id when the model holds the order; else from the nearer end of the list, never an
// OFFSET deeper than half of it.
RecordTableSql::Statement RecordTableModel::pageStatement(int page, bool *reversed) const
{
    const qint64 first = qint64(page) * PageSize;
    const int limit = int(std::min<qint64>(PageSize, m_count - first));
    *reversed = false;
    if (!m_idsInOrder)
        return m_sql.pageFromNearerEnd(m_shown.filter, m_shown.sortColumn, m_shown.sortOrder,
                                       first, limit, m_count, reversed);
    auto s = m_sql.rowsWithIds(limit);
    for (qint64 id : m_ids.mid(first, limit))
        s.binds << id;
    return s;
}

QVariantList RecordTableModel::columnsOf(const QSqlQuery &q) const
{
    const int columns = 1 + columnCount() + int(m_sql.referenceColumns().size());
    QVariantList values;
    values.reserve(columns);
    for (int i = 0; i < columns; ++i)
        values << q.value(i);
    return values;
}

// The rows a query gave for `page`, in the page's order; by the ids held when there are.
RecordTableModel::Page RecordTableModel::pageFrom(int page, const QList<QVariantList> &rows) const
{
    if (!m_idsInOrder)
        return m_cache.pageFrom(rows);
    const QList<qint64> ids = m_ids.mid(qsizetype(page) * PageSize, PageSize);
    return m_cache.pageFrom(rows, &ids);
}

RecordTableModel::Page RecordTableModel::fetchPage(int page) const
{
    ++m_pagesFetched;
    bool reversed = false;
    const auto s = pageStatement(page, &reversed);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    ++m_queriesRun;
    if (!run(q, s, &m_lastError))
        return {}; // empty cells until the next reload rather than a query per paint
    QList<QVariantList> rows;
    rows.reserve(PageSize);
    while (q.next())
        rows << columnsOf(q);
    if (reversed)
        std::reverse(rows.begin(), rows.end());
    return pageFrom(page, rows);
}

qint64 RecordTableModel::idAt(int row) const
{
    if (m_idsInOrder)
        return m_ids.value(row, 0);
    const Row *r = rowAt(row);
    return r ? r->id : 0;
}

QList<qint64> RecordTableModel::idsInRows(int first, int count) const
{
    QList<qint64> out;
    first = std::max(first, 0);
    count = std::min(count, rowCount() - first);
    if (count <= 0)
        return out;
    out.reserve(count);
    if (m_idsInOrder)
        return m_ids.mid(first, count);
    if (count <= PageSize) {
        for (int row = first; row < first + count; ++row)
            out << idAt(row);
        return out;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection));
    ++m_queriesRun;
    const auto s = m_sql.ids(m_shown.filter, m_shown.sortColumn, m_shown.sortOrder, first, count);
    if (!run(q, s, &m_lastError))
        return out;
    while (q.next())
        out << q.value(0).toLongLong();
    return out;
}

int RecordTableModel::rowOfId(qint64 id) const
{
    if (const int cached = m_cache.rowOfId(id); cached >= 0)
        return cached;
    if (m_idsInOrder)
        return int(m_ids.indexOf(id));
    QSqlQuery q(QSqlDatabase::database(m_connection));
    ++m_queriesRun;
    if (!run(q, m_sql.sortValue(m_shown.filter, m_shown.sortColumn, id), &m_lastError) || !q.next())
        return -1; // no such record, or the filter hides it
    const QVariant value = q.value(0);
    q.finish();
    if (!run(q, m_sql.countBefore(m_shown.filter, m_shown.sortColumn, value, id), &m_lastError) || !q.next())
        return -1;
    const qint64 before = q.value(0).toLongLong();
    const qint64 row = m_shown.sortOrder == Qt::AscendingOrder ? before : m_count - 1 - before;
    return row >= 0 && row < rowCount() ? int(row) : -1;
}

int RecordTableModel::loadedRowCount() const
{
    return m_cache.loadedRowCount();
}

} // namespace Rapport
