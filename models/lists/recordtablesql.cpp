#include "lists/recordtablesql.h"

#include "records/recordtypes.h"

#include <algorithm>

namespace Rapport {

RecordTableSql::RecordTableSql(Entity entity, bool postgres)
    : m_entity(entity)
    , m_pg(postgres)
{
    const QList<FieldDef> &fields = entityDef(entity).fields;
    QStringList cols{QStringLiteral("t.id")};
    for (const FieldDef &f : fields)
        cols << QStringLiteral("t.") + QLatin1String(f.name);
    for (int i = 0; i < fields.size(); ++i) {
        if (fields[i].type != FieldType::Reference)
            continue;
        m_refColumns << i;
        cols << sortExpression(i);
    }
    m_selectList = cols.join(QStringLiteral(", "));
}

int RecordTableSql::defaultSortColumn(Entity entity)
{
    const auto &fields = entityDef(entity).fields;
    for (int i = 0; i < fields.size(); ++i) {
        if (fields[i].required)
            return i;
    }
    return -1;
}

QString RecordTableSql::table() const
{
    return QLatin1String(entityDef(m_entity).table);
}

QString RecordTableSql::sortExpression(int column) const
{
    if (column < 0)
        return QStringLiteral("t.id");
    const FieldDef &f = entityDef(m_entity).fields.at(column);
    if (f.type != FieldType::Reference)
        return QStringLiteral("t.") + QLatin1String(f.name); // the column's own collation
    QString expr = QStringLiteral("(SELECT %1 FROM %2 r WHERE r.id = t.%3)")
                       .arg(nameSql(f.refEntity, QStringLiteral("r")),
                            QLatin1String(entityDef(f.refEntity).table),
                            QLatin1String(f.name));
    // Names sort like the text columns they come from: case-insensitively.
    if (!m_pg)
        expr += QStringLiteral(" COLLATE NOCASE");
    return expr;
}

QString RecordTableSql::orderBy(int sortColumn, Qt::SortOrder order) const
{
    // Both terms in the same direction, so that descending reads the index backwards.
    const QString dir = order == Qt::DescendingOrder ? QStringLiteral(" DESC") : QString();
    if (sortColumn < 0)
        return QStringLiteral(" ORDER BY t.id") + dir;
    return QStringLiteral(" ORDER BY %1%2, t.id%2").arg(sortExpression(sortColumn), dir);
}

QString RecordTableSql::where(const RecordFilter &filter, const QString &extra,
                              QVariantList *binds) const
{
    const SqlWhere w = buildWhere(m_entity, filter,
                                  m_pg ? TextSearch::ServerIndex : TextSearch::TrigramIndex);
    *binds = w.binds;
    if (extra.isEmpty())
        return w.clause;
    return w.clause.isEmpty() ? QStringLiteral(" WHERE ") + extra
                              : w.clause + QStringLiteral(" AND ") + extra;
}

RecordTableSql::Statement RecordTableSql::count(const RecordFilter &filter) const
{
    Statement s;
    s.sql = QStringLiteral("SELECT COUNT(*) FROM %1 t%2")
                .arg(table(), where(filter, QString(), &s.binds));
    return s;
}

QString RecordTableSql::source(const RecordFilter &filter, QVariantList *binds) const
{
    const QString filtered = table() + QStringLiteral(" t") + where(filter, QString(), binds);
    if (!m_pg || filter.search.trimmed().isEmpty())
        return filtered;
    // With a LIMIT, PostgreSQL likes to walk the sort column's index and test each record
    // until the page is full, betting that matches are spread evenly; they are not ("muller"
    // sits under M), and the walk read half of 100,000 leads for one page. OFFSET 0 keeps the
    // subquery apart: the search indexes find the matches first, then they are sorted.
    return QStringLiteral("(SELECT * FROM %1 OFFSET 0) t").arg(filtered);
}

RecordTableSql::Statement RecordTableSql::page(const RecordFilter &filter, int sortColumn,
                                               Qt::SortOrder order, qint64 offset,
                                               int limit) const
{
    Statement s;
    s.sql = QStringLiteral("SELECT %1 FROM %2%3 LIMIT ? OFFSET ?")
                .arg(m_selectList, source(filter, &s.binds), orderBy(sortColumn, order));
    s.binds << limit << offset;
    return s;
}

RecordTableSql::Statement RecordTableSql::pageFromNearerEnd(const RecordFilter &filter,
                                                            int sortColumn, Qt::SortOrder order,
                                                            qint64 first, int limit,
                                                            qint64 total, bool *reversed) const
{
    const qint64 after = std::max<qint64>(total - first - limit, 0);
    *reversed = after < first;
    if (!*reversed)
        return page(filter, sortColumn, order, first, limit);
    // Both engines put empty values at opposite ends for the two directions, and ties go by
    // id in the same direction: the reverse order is the exact mirror.
    const Qt::SortOrder back =
        order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
    return page(filter, sortColumn, back, after, limit);
}

bool RecordTableSql::walks(const RecordFilter &filter, int sortColumn) const
{
    RecordFilter rest = filter;
    rest.search.clear();
    return !m_pg && !filter.search.trimmed().isEmpty() && sortUsesIndex(sortColumn, rest)
        && !findField(m_entity, QStringLiteral("account_id"))
        && (sortColumn < 0 || entityDef(m_entity).fields.at(sortColumn).required);
}

QString RecordTableSql::keyTerm(int sortColumn, Qt::SortOrder order, const QVariantList &key,
                                bool after, QVariantList *binds) const
{
    const bool desc = order == Qt::DescendingOrder;
    const QString id = QStringLiteral("t.id");
    if (sortColumn < 0) {
        *binds << key.value(1);
        return QStringLiteral("t.id %1 ?").arg(after ? (desc ? "<" : ">") : (desc ? ">=" : "<="));
    }
    const QString c = sortExpression(sortColumn);
    const bool nullable = !entityDef(m_entity).fields.at(sortColumn).required;
    // Ascending puts empty values first, descending last (SQLite's rule, as in countBefore).
    // Whether the term takes what the order puts after the key (else before).
    const bool forward = after != desc;
    const QString cmp = after ? (desc ? "<" : ">") : (desc ? ">=" : "<=");
    if (key.value(0).isNull()) {
        *binds << key.value(1);
        // Among the empty values by id; the others all lie after them ascending, before
        // them descending.
        const QString among = QStringLiteral("%1 IS NULL AND %2 %3 ?").arg(c, id, cmp);
        return forward ? QStringLiteral("((%1) OR %2 IS NOT NULL)").arg(among, c)
                       : QStringLiteral("(%1)").arg(among);
    }
    *binds << key.value(0) << key.value(1);
    const QString range = QStringLiteral("(%1, %2) %3 (?, ?)").arg(c, id, cmp);
    // Empty values lie before a value ascending, after it descending.
    if (nullable && !forward)
        return QStringLiteral("(%1 IS NULL OR %2)").arg(c, range);
    return range;
}

RecordTableSql::Statement RecordTableSql::walkBound(const RecordFilter &filter, int sortColumn,
                                                    Qt::SortOrder order,
                                                    const QVariantList &after, int window) const
{
    RecordFilter rest = filter;
    rest.search.clear();
    Statement s;
    QVariantList keyBinds;
    const QString from = after.isEmpty() ? QString()
                                         : keyTerm(sortColumn, order, after, true, &keyBinds);
    s.sql = QStringLiteral("SELECT %1, t.id FROM %2 t%3%4 LIMIT 1 OFFSET ?")
                .arg(sortExpression(sortColumn), table(), where(rest, from, &s.binds),
                     orderBy(sortColumn, order));
    s.binds << keyBinds << window - 1;
    return s;
}

RecordTableSql::Statement RecordTableSql::walkWindow(const RecordFilter &filter, int sortColumn,
                                                     Qt::SortOrder order,
                                                     const QVariantList &after,
                                                     const QVariantList &upTo, int limit) const
{
    RecordFilter rest = filter;
    rest.search.clear();
    QStringList terms;
    QVariantList extraBinds;
    if (!after.isEmpty())
        terms << keyTerm(sortColumn, order, after, true, &extraBinds);
    if (!upTo.isEmpty())
        terms << keyTerm(sortColumn, order, upTo, false, &extraBinds);
    // The words are checked by LIKE alone: the window is small, an index lookup is not.
    const SqlWhere words = buildWhere(m_entity, {.search = filter.search,
                                                 .converted = RecordFilter::Converted::Include});
    terms << words.clause.mid(QStringLiteral(" WHERE ").size());
    extraBinds << words.binds;
    Statement s;
    s.sql = QStringLiteral("SELECT %1 FROM %2 t%3%4 LIMIT ?")
                .arg(m_selectList, table(),
                     where(rest, terms.join(QStringLiteral(" AND ")), &s.binds),
                     orderBy(sortColumn, order));
    s.binds << extraBinds << limit;
    return s;
}

RecordTableSql::Statement RecordTableSql::firstPageByWalk(const RecordFilter &filter,
                                                          int sortColumn, Qt::SortOrder order,
                                                          int limit, int window) const
{
    RecordFilter rest = filter;
    rest.search.clear();
    if (m_pg || filter.search.trimmed().isEmpty() || !sortUsesIndex(sortColumn, rest)
        || findField(m_entity, QStringLiteral("account_id")))
        return {};
    Statement s;
    QVariantList innerBinds;
    const QString inner = QStringLiteral("(SELECT * FROM %1 t%2%3 LIMIT ?) t")
                              .arg(table(), where(rest, QString(), &innerBinds),
                                   orderBy(sortColumn, order));
    // The words are checked by LIKE alone: the window is small, an index lookup is not.
    const SqlWhere words = buildWhere(m_entity, {.search = filter.search,
                                                 .converted = RecordFilter::Converted::Include});
    s.sql = QStringLiteral("SELECT %1 FROM %2%3%4 LIMIT ?")
                .arg(m_selectList, inner, words.clause, orderBy(sortColumn, order));
    s.binds << innerBinds << window << words.binds << limit;
    return s;
}

RecordTableSql::Statement RecordTableSql::fewestMatches(const RecordFilter &filter, int cap) const
{
    if (m_pg || findField(m_entity, QStringLiteral("account_id")))
        return {};
    const SqlWhere w = fewestIndexMatches(m_entity, filter.search, cap);
    return {w.clause, w.binds};
}

bool RecordTableSql::walksMatches(const RecordFilter &filter, int sortColumn) const
{
    // Converted leads only: the indexes are of active leads (but email's), so each entry's
    // row would be read to tell.
    return walks(filter, sortColumn) && filter.equals.isEmpty()
        && (m_entity != Entity::Lead || filter.converted != RecordFilter::Converted::Only);
}

QList<RecordTableSql::Statement> RecordTableSql::matchIds(const RecordFilter &filter,
                                                          int sortColumn) const
{
    if (!walksMatches(filter, sortColumn))
        return {};
    QList<Statement> statements;
    for (const SqlWhere &w : indexMatchIds(m_entity, filter.search))
        statements.append({w.clause, w.binds});
    return statements;
}

RecordTableSql::Statement RecordTableSql::rowsMatching(const RecordFilter &filter,
                                                       int count) const
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    // The words by LIKE alone: a handful of rows, no index lookup.
    RecordFilter rest = filter;
    rest.search.clear();
    const SqlWhere words = buildWhere(m_entity, {.search = filter.search,
                                                 .converted = RecordFilter::Converted::Include});
    QStringList terms;
    if (!words.clause.isEmpty())
        terms << words.clause.mid(QStringLiteral(" WHERE ").size());
    terms << QStringLiteral("t.id IN (%1)").arg(marks.join(QLatin1Char(',')));
    Statement s;
    s.sql = QStringLiteral("SELECT %1 FROM %2 t%3")
                .arg(m_selectList, table(), where(rest, terms.join(QStringLiteral(" AND ")),
                                                  &s.binds));
    s.binds << words.binds; // and then the ids
    return s;
}

RecordTableSql::Statement RecordTableSql::ids(const RecordFilter &filter, int sortColumn,
                                              Qt::SortOrder order, qint64 offset,
                                              int limit) const
{
    Statement s;
    s.sql = QStringLiteral("SELECT t.id FROM %1%2 LIMIT ? OFFSET ?")
                .arg(source(filter, &s.binds), orderBy(sortColumn, order));
    s.binds << limit << offset;
    return s;
}

RecordTableSql::Statement RecordTableSql::sortValue(const RecordFilter &filter, int sortColumn,
                                                    qint64 id) const
{
    Statement s;
    s.sql = QStringLiteral("SELECT %1 FROM %2 t%3")
                .arg(sortExpression(sortColumn), table(),
                     where(filter, QStringLiteral("t.id = ?"), &s.binds));
    s.binds << id;
    return s;
}

RecordTableSql::Statement RecordTableSql::orderedIds(const RecordFilter &filter,
                                                     int sortColumn, Qt::SortOrder order) const
{
    Statement s;
    s.sql = QStringLiteral("SELECT t.id FROM %1 t%2%3")
                .arg(table(), where(filter, QString(), &s.binds), orderBy(sortColumn, order));
    return s;
}

RecordTableSql::Statement RecordTableSql::rowsWithIds(int count) const
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return {QStringLiteral("SELECT %1 FROM %2 t WHERE t.id IN (%3)")
                .arg(m_selectList, table(), marks.join(QLatin1Char(','))),
            {}};
}

bool RecordTableSql::sortUsesIndex(int sortColumn, const RecordFilter &filter) const
{
    if (sortColumn < 0)
        return true; // the table itself is in id order
    const FieldDef &f = entityDef(m_entity).fields.at(sortColumn);
    if (!f.indexed || f.type == FieldType::Reference) // references sort by name
        return false;
    // Lead indexes cover active leads only, but for email.
    return m_entity != Entity::Lead || filter.converted == RecordFilter::Converted::Exclude
        || f.type == FieldType::Email;
}

RecordTableSql::Statement RecordTableSql::countBefore(const RecordFilter &filter,
                                                      int sortColumn, const QVariant &value,
                                                      qint64 id) const
{
    // Ascending order puts empty values first (SQLite's rule), then ties go by id.
    const QString e = sortExpression(sortColumn);
    QList<QPair<QString, QVariantList>> ranges;
    if (sortColumn < 0) {
        ranges.append({QStringLiteral("t.id < ?"), {id}});
    } else if (value.isNull()) {
        ranges.append({QStringLiteral("%1 IS NULL AND t.id < ?").arg(e), {id}});
    } else {
        ranges.append({QStringLiteral("%1 IS NULL").arg(e), {}});
        ranges.append({QStringLiteral("%1 < ?").arg(e), {value}});
        ranges.append({QStringLiteral("%1 = ? AND t.id < ?").arg(e), {value, id}});
    }
    Statement s;
    QStringList counts;
    for (const auto &[condition, binds] : std::as_const(ranges)) {
        QVariantList filterBinds;
        counts << QStringLiteral("(SELECT COUNT(*) FROM %1 t%2)")
                      .arg(table(), where(filter, condition, &filterBinds));
        s.binds << filterBinds << binds;
    }
    s.sql = QStringLiteral("SELECT ") + counts.join(QStringLiteral(" + "));
    return s;
}

} // namespace Rapport
