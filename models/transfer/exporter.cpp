#include "transfer/exporter.h"

#include "csv/csvwriter.h"
#include "records/recordtypes.h"

#include <QIODevice>
#include <QLocale>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

constexpr int IdBatch = 500;
constexpr qint64 ProgressEvery = 500;

bool isText(FieldType t)
{
    return t != FieldType::Integer && t != FieldType::Decimal && t != FieldType::Bool
        && t != FieldType::Reference;
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

QString Exporter::formatValue(const FieldDef &field, const QVariant &value)
{
    switch (field.type) {
    case FieldType::Bool:
        return value.toLongLong() != 0 ? QStringLiteral("true") : QStringLiteral("false");
    case FieldType::Decimal: {
        if (value.isNull())
            return {};
        const double d = value.toDouble();
        if (d == double(qint64(d)) && qAbs(d) < 1e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case FieldType::Integer:
    case FieldType::Reference:
        return value.isNull() ? QString() : QString::number(value.toLongLong());
    default:
        return value.toString();
    }
}

qint64 Exporter::write(Entity entity, const ExportOptions &options, QIODevice *out)
{
    m_error.clear();
    QList<const FieldDef *> fields;
    const QStringList names = options.columns.isEmpty() ? [&] {
        QStringList all;
        for (const FieldDef &f : entityDef(entity).fields)
            all << QLatin1String(f.name);
        return all;
    }() : options.columns;
    QStringList header{QStringLiteral("Record Id")};
    for (const QString &name : names) {
        const FieldDef *f = findField(entity, name);
        if (!f) {
            m_error = tr("%1 have no field “%2”.").arg(entityPlural(entity), name);
            return -1;
        }
        fields << f;
        header << fieldLabel(*f);
    }
    CsvWriter writer(out, options.delimiter, options.bom);
    if (!writer.writeRow(header)) {
        m_error = writer.errorString();
        return -1;
    }
    qint64 rows = 0;
    if (options.ids.isEmpty()) {
        const SqlWhere w = buildWhere(entity, options.filter);
        if (!writeQuery(entity, fields, w.clause, w.binds, options, writer, &rows))
            return -1;
    }
    for (qsizetype i = 0; i < options.ids.size(); i += IdBatch) {
        const QList<qint64> batch = options.ids.mid(i, IdBatch);
        QStringList marks(batch.size(), QStringLiteral("?"));
        QVariantList binds;
        for (qint64 id : batch)
            binds << id;
        const QString where = QStringLiteral(" WHERE id IN (%1)").arg(marks.join(QLatin1Char(',')));
        if (!writeQuery(entity, fields, where, binds, options, writer, &rows))
            return -1;
    }
    if (!writer.flush()) {
        m_error = writer.errorString();
        return -1;
    }
    return rows;
}

bool Exporter::writeQuery(Entity entity, const QList<const FieldDef *> &fields,
                          const QString &where, const QVariantList &binds,
                          const ExportOptions &options, CsvWriter &out, qint64 *rows)
{
    QStringList cols{QStringLiteral("id")};
    for (const FieldDef *f : fields)
        cols << QLatin1String(f->name);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM %2%3 ORDER BY id")
                  .arg(cols.join(QLatin1Char(',')), QLatin1String(entityDef(entity).table), where));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        m_error = tr("Could not read the records: %1").arg(q.lastError().text());
        return false;
    }
    QStringList cells;
    while (q.next()) {
        if (m_cancel && m_cancel->load()) {
            m_error = tr("The export was cancelled.");
            return false;
        }
        cells.clear();
        cells << q.value(0).toString();
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QString cell = formatValue(*fields[i], q.value(int(i) + 1));
            cells << (options.formulaGuard && isText(fields[i]->type) ? CsvWriter::guarded(cell)
                                                                       : cell);
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

} // namespace Rapport
