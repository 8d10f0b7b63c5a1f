#include "transfer/exporter.h"

#include "csv/csvrowwriter.h"
#include "storage/directrows.h"
#include "transfer/cardexporter.h"
#include "xlsx/xlsxwriter.h"
#include "records/recordtypes.h"

#include <QDate>
#include <QDateTime>
#include <QIODevice>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

constexpr int IdBatch = 500;
constexpr qint64 ProgressEvery = 500;

using Kind = ExportColumn::Kind;

// The query's text: the chosen records in a derived table `t` (the filter's WHERE names its
// columns unqualified, which a join would make ambiguous), each referenced record's name by
// a LEFT JOIN of its own. The result has one column per export column, in order.
QString selectSql(Entity entity, const QList<ExportColumn> &columns, const QString &where)
{
    QStringList inner{QStringLiteral("id")}, outer, joins;
    auto need = [&inner](const QString &column) {
        if (!inner.contains(column))
            inner << column;
    };
    for (const ExportColumn &c : columns) {
        const QString name = c.field ? QLatin1String(c.field->name) : QString();
        switch (c.kind) {
        case Kind::RecordId:
            outer << QStringLiteral("t.id");
            break;
        case Kind::Value:
        case Kind::Id:
            need(name);
            outer << QStringLiteral("t.") + name;
            break;
        case Kind::ConvertedAt:
            need(QStringLiteral("converted_at"));
            outer << QStringLiteral("t.converted_at");
            break;
        case Kind::Name: {
            need(name);
            const QString alias = QStringLiteral("r%1").arg(joins.size());
            joins << QStringLiteral(" LEFT JOIN %1 %2 ON %2.id = t.%3")
                         .arg(QLatin1String(entityDef(c.field->refEntity).table), alias, name);
            outer << nameSql(c.field->refEntity, alias);
            break;
        }
        }
    }
    return QStringLiteral("SELECT %1 FROM (SELECT %2 FROM %3%4) t%5 ORDER BY t.id")
        .arg(outer.join(QLatin1Char(',')), inner.join(QLatin1Char(',')),
             QLatin1String(entityDef(entity).table), where, joins.join(QString()));
}

QVariant columnCell(const ExportColumn &c, const QVariant &stored)
{
    if (stored.isNull())
        return {};
    switch (c.kind) {
    case Kind::RecordId:
    case Kind::Id:
        return stored.toLongLong();
    case Kind::Name:
        return stored.typeId() == QMetaType::QString ? stored : QVariant(stored.toString());
    case Kind::ConvertedAt:
        return Exporter::cell(FieldDef{.type = FieldType::DateTime}, stored);
    case Kind::Value:
        break;
    }
    return Exporter::cell(*c.field, stored);
}

// Whether Exporter::cell() writes the column's stored text as it is.
bool isText(const ExportColumn &c)
{
    if (c.kind == Kind::Name)
        return true;
    if (c.kind != Kind::Value)
        return false;
    const FieldType t = c.field->type;
    return t == FieldType::Text || t == FieldType::LongText || t == FieldType::Email
        || t == FieldType::Phone || t == FieldType::Url || t == FieldType::Picklist;
}

} // namespace

Exporter::Exporter(const QString &connectionName)
    : m_connection(connectionName)
{
}

void Exporter::setProgressCallback(std::function<void(qint64)> callback)
{
    m_progress = std::move(callback);
}

QList<SqlWhere> Exporter::selection(Entity entity, const ExportOptions &options)
{
    if (options.ids.isEmpty())
        return {buildWhere(entity, options.filter)};
    QList<SqlWhere> batches;
    for (qsizetype i = 0; i < options.ids.size(); i += IdBatch) {
        const QList<qint64> batch = options.ids.mid(i, IdBatch);
        SqlWhere w;
        w.clause = QStringLiteral(" WHERE id IN (%1)")
                       .arg(QStringList(batch.size(), QStringLiteral("?")).join(QLatin1Char(',')));
        for (qint64 id : batch)
            w.binds << id;
        batches << w;
    }
    return batches;
}

QVariant Exporter::cell(const FieldDef &field, const QVariant &stored)
{
    // Null stays null whatever the type: an Email Opt Out never set is not "false".
    if (stored.isNull())
        return {};
    switch (field.type) {
    case FieldType::Bool:
        return stored.toLongLong() != 0;
    case FieldType::Integer:
    case FieldType::Reference:
        return stored.toLongLong();
    case FieldType::Decimal:
        return stored.toDouble();
    case FieldType::Date: {
        const QDate d = QDate::fromString(stored.toString(), Qt::ISODate);
        return d.isValid() ? QVariant(d) : QVariant(stored.toString());
    }
    case FieldType::DateTime: {
        // Only what is stored as Rapport stores moments (UTC, "Z"); anything else as text,
        // so that no value changes on its way out.
        const QDateTime t = QDateTime::fromString(stored.toString(), Qt::ISODate);
        return t.isValid() && t.timeSpec() == Qt::UTC ? QVariant(t) : QVariant(stored.toString());
    }
    default:
        // Text as read: a new QVariant a cell is what a million-row export spent most on.
        return stored.typeId() == QMetaType::QString ? stored : QVariant(stored.toString());
    }
}

qint64 Exporter::write(Entity entity, const ExportOptions &options, QIODevice *out)
{
    CsvRowWriter writer(out, options.delimiter, options.bom, options.formulaGuard);
    return write(entity, options, writer);
}

qint64 Exporter::write(Entity entity, const ExportOptions &options, FileFormat format,
                       QIODevice *out)
{
    if (format == FileFormat::Xlsx) {
        XlsxWriter workbook(out, entityPlural(entity));
        return write(entity, options, workbook);
    }
    if (format != FileFormat::VCard)
        return write(entity, options, out);
    if (entity != Entity::Contact) {
        m_error = tr("Only contacts can be written as vCards.");
        return -1;
    }
    CardExporter cards(m_connection);
    cards.setCancelFlag(m_cancel);
    cards.setProgressCallback(m_progress);
    const qint64 written = cards.write(options, out);
    m_error = cards.errorString();
    return written;
}

qint64 Exporter::write(Entity entity, const ExportOptions &options, RowWriter &out)
{
    m_error.clear();
    QList<const FieldDef *> fields;
    const QStringList names = options.columns.isEmpty() ? [&] {
        QStringList all;
        for (const FieldDef &f : entityDef(entity).fields)
            all << QLatin1String(f.name);
        return all;
    }() : options.columns;
    for (const QString &name : names) {
        const FieldDef *f = findField(entity, name);
        if (!f) {
            m_error = tr("%1 have no field “%2”.").arg(entityPlural(entity), name);
            return -1;
        }
        fields << f;
    }
    // Converted leads are written only when asked for: then with where each went.
    const bool conversion = entity == Entity::Lead
        && (!options.ids.isEmpty() || options.filter.converted != RecordFilter::Converted::Exclude);
    const QList<ExportColumn> columns = ExportColumns::build(entity, fields, conversion);
    QStringList header;
    for (const ExportColumn &c : columns)
        header << c.header;
    if (!out.writeHeader(header)) {
        m_error = out.errorString();
        return -1;
    }
    qint64 rows = 0;
    for (const SqlWhere &w : selection(entity, options)) {
        if (!writeQuery(entity, columns, w.clause, w.binds, out, &rows))
            return -1;
    }
    if (!out.finish()) {
        m_error = out.errorString();
        return -1;
    }
    return rows;
}

bool Exporter::writeQuery(Entity entity, const QList<ExportColumn> &columns,
                          const QString &where, const QVariantList &binds, RowWriter &out,
                          qint64 *rows)
{
    // Text straight from SQLite's bytes into a CSV file: no QString a cell, each way.
    if (Utf8RowSink *sink = out.utf8Sink()) {
        DirectRows direct(m_connection);
        if (direct.isPossible())
            return writeDirect(direct, selectSql(entity, columns, where), binds, columns, *sink,
                               out, rows);
    }
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(selectSql(entity, columns, where));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        m_error = tr("Could not read the records: %1").arg(q.lastError().text());
        return false;
    }
    // Text as read goes through as it is: no new QVariant a cell.
    QList<bool> asRead(columns.size());
    for (qsizetype i = 0; i < columns.size(); ++i)
        asRead[i] = isText(columns[i]);
    QVariantList cells(columns.size());
    while (q.next()) {
        if (m_cancel && m_cancel->load()) {
            m_error = tr("The export was cancelled.");
            return false;
        }
        for (qsizetype i = 0; i < columns.size(); ++i) {
            QVariant v = q.value(int(i));
            if (!asRead[i] || v.typeId() != QMetaType::QString)
                cells[i] = columnCell(columns[i], v);
            else
                cells[i] = v.isNull() ? QVariant() : std::move(v);
        }
        if (!out.writeRow(cells)) {
            m_error = out.errorString();
            return false;
        }
        if (++*rows % ProgressEvery == 0 && m_progress)
            m_progress(*rows);
    }
    if (q.lastError().isValid()) {
        m_error = tr("Could not read the records: %1").arg(q.lastError().text());
        return false;
    }
    return true;
}

bool Exporter::writeDirect(DirectRows &rows, const QString &sql, const QVariantList &binds,
                           const QList<ExportColumn> &columns, Utf8RowSink &sink,
                           const RowWriter &out, qint64 *written)
{
    if (!rows.exec(sql, binds)) {
        m_error = tr("Could not read the records: %1").arg(rows.errorString());
        return false;
    }
    QList<bool> asRead(columns.size());
    for (qsizetype i = 0; i < columns.size(); ++i)
        asRead[i] = isText(columns[i]);
    while (rows.next()) {
        if (m_cancel && m_cancel->load()) {
            m_error = tr("The export was cancelled.");
            return false;
        }
        for (int i = 0; i < int(columns.size()); ++i) {
            // A text column holding text goes as its bytes; anything else as writeQuery()
            // would type it (a number kept in a text column included).
            if (asRead[i] && rows.isText(i))
                sink.appendText(rows.text(i));
            else
                sink.appendCell(columnCell(columns[i], rows.value(i)));
        }
        if (!sink.endRow()) {
            m_error = out.errorString();
            return false;
        }
        if (++*written % ProgressEvery == 0 && m_progress)
            m_progress(*written);
    }
    if (!rows.errorString().isEmpty()) {
        m_error = tr("Could not read the records: %1").arg(rows.errorString());
        return false;
    }
    return true;
}

} // namespace Rapport
