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
{
    m_refSlot.fill(-1, entityDef(entity).fields.size());
    const QList<int> &refs = m_sql.referenceColumns();
    for (int i = 0; i < refs.size(); ++i)
        m_refSlot[refs[i]] = i;
    if (loading == Loading::InBackground) {
        m_reader = new BackgroundIdReader(connectionName, this);
        connect(m_reader, &BackgroundIdReader::finished, this,
                &RecordTableModel::readFinished);
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
    const Row *row = rowAt(index.row());
    if (!row)
        return {};
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
// the background reader is done. `reread`: the records changed, nothing known still holds.
void RecordTableModel::request(bool reread)
{
    const bool ids = needsOrderedIds(m_wanted);
    if (!ids && !reread && !m_loading && m_wanted.filter == m_shown.filter) {
        // Only the order changed and an index serves it: the count stays, the pages go.
        show(false, {m_count}, m_lastError);
        return;
    }
    const RecordFilter &f = m_wanted.filter;
    const RecordTableSql::Statement s =
        ids ? m_sql.orderedIds(f, m_wanted.sortColumn, m_wanted.sortOrder) : m_sql.count(f);
    if (!m_reader) {
        QString error;
        const QList<qint64> values = readColumn(m_connection, s, &error);
        show(ids, values, error);
        return;
    }
    m_loadingIds = ids;
    m_reader->read({++m_generation, s.sql, s.binds});
    setLoading(true);
}

void RecordTableModel::readFinished(const BackgroundIdReader::Result &result)
{
    if (result.generation != m_generation)
        return; // overtaken by a newer request
    show(m_loadingIds, result.values, result.error);
    setLoading(false);
}

void RecordTableModel::show(bool orderedIds, const QList<qint64> &values, const QString &error)
{
    beginResetModel();
    m_shown = m_wanted;
    m_pages.clear();
    m_recent.clear();
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
    emit loadingChanged(loading);
}

const RecordTableModel::Row *RecordTableModel::rowAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    const int page = row / PageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        while (m_pages.size() >= MaxCachedPages && !m_recent.isEmpty())
            m_pages.remove(m_recent.takeFirst());
        it = m_pages.insert(page, fetchPage(page));
        m_recent.append(page);
    } else if (m_recent.last() != page) {
        m_recent.removeOne(page);
        m_recent.append(page);
    }
    const int offset = row % PageSize;
    // A page can come back short when records were deleted since the last count.
    return offset < it->size() ? &it->at(offset) : nullptr;
}

RecordTableModel::Row RecordTableModel::readRow(const QSqlQuery &q) const
{
    const int fields = columnCount();
    const int refs = int(m_sql.referenceColumns().size());
    Row r;
    r.id = q.value(0).toLongLong();
    r.values.reserve(fields);
    for (int i = 0; i < fields; ++i)
        r.values << q.value(1 + i);
    for (int i = 0; i < refs; ++i)
        r.names << q.value(1 + fields + i).toString();
    return r;
}

RecordTableModel::Page RecordTableModel::fetchPage(int page) const
{
    ++m_pagesFetched;
    if (m_idsInOrder)
        return fetchPageByIds(page);
    Page rows;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    ++m_queriesRun;
    const auto s = m_sql.page(m_shown.filter, m_shown.sortColumn, m_shown.sortOrder,
                              qint64(page) * PageSize, PageSize);
    if (!run(q, s, &m_lastError))
        return rows; // empty cells until the next reload rather than a query per paint
    rows.reserve(PageSize);
    while (q.next())
        rows << readRow(q);
    return rows;
}

RecordTableModel::Page RecordTableModel::fetchPageByIds(int page) const
{
    const QList<qint64> ids = m_ids.mid(qsizetype(page) * PageSize, PageSize);
    auto s = m_sql.rowsWithIds(int(ids.size()));
    for (qint64 id : ids)
        s.binds << id;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    ++m_queriesRun;
    QHash<qint64, Row> byId;
    if (run(q, s, &m_lastError)) {
        while (q.next()) {
            Row r = readRow(q);
            byId.insert(r.id, r);
        }
    }
    Page rows;
    rows.reserve(ids.size());
    for (qint64 id : ids) {
        // A record deleted since the ids were read shows as an empty row until reload().
        Row r = byId.value(id);
        r.id = id;
        r.values.resize(columnCount());
        r.names.resize(m_sql.referenceColumns().size());
        rows << r;
    }
    return rows;
}

qint64 RecordTableModel::idAt(int row) const
{
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
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (int i = 0; i < it->size(); ++i) {
            if (it->at(i).id == id)
                return it.key() * PageSize + i;
        }
    }
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
    int n = 0;
    for (const Page &p : m_pages)
        n += int(p.size());
    return n;
}

} // namespace Rapport
