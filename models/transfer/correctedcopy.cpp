#include "transfer/correctedcopy.h"

#include "csv/csvreader.h"
#include "csv/csvwriter.h"
#include "records/recordtypes.h"

#include <QFile>
#include <QFileInfo>

namespace Rapport {

namespace {

const QString Description = QStringLiteral("description");

// Which source columns the copy keeps, which it folds into Description, and where that goes.
struct Layout {
    QList<int> kept;           // source columns, in order
    QList<int> folded;         // source columns appended to Description
    int descriptionColumn = -1; // index in `kept` of the Description column, -1: a new last one
    QStringList headers;
    QStringList mapping;
};

Layout makeLayout(Entity entity, const QStringList &headers, const QStringList &mapping)
{
    Layout l;
    for (int i = 0; i < headers.size(); ++i) {
        const QString target = mapping.value(i);
        if (target == CorrectedCopy::toDescription()) {
            l.folded << i;
            continue;
        }
        if (target == Description && l.descriptionColumn < 0)
            l.descriptionColumn = int(l.kept.size());
        l.kept << i;
        l.headers << headers[i];
        l.mapping << target;
    }
    if (!l.folded.isEmpty() && l.descriptionColumn < 0) {
        l.headers << fieldLabel(*findField(entity, Description));
        l.mapping << Description;
    }
    return l;
}

QStringList copyRow(const Layout &l, const QStringList &headers, const QStringList &cells)
{
    if (cells.size() != headers.size())
        return cells; // ragged: the check reports it as it is
    QStringList row;
    for (int i : l.kept)
        row << cells[i];
    if (l.folded.isEmpty())
        return row;
    QStringList lines;
    const QString base = l.descriptionColumn >= 0 ? row[l.descriptionColumn] : QString();
    if (!base.trimmed().isEmpty())
        lines << CsvWriter::unguarded(base);
    for (int i : l.folded) {
        const QString value = CsvWriter::unguarded(cells[i]).trimmed();
        if (!value.isEmpty())
            lines << QStringLiteral("%1: %2").arg(headers[i], value);
    }
    const QString text = CsvWriter::guarded(lines.join(QLatin1Char('\n')));
    if (l.descriptionColumn >= 0)
        row[l.descriptionColumn] = text;
    else
        row << text;
    return row;
}

} // namespace

std::optional<ImportOptions> CorrectedCopy::write(const ImportOptions &source,
                                                  const RowEdits &edits, const QString &target,
                                                  QString *error, const std::atomic_bool *cancel)
{
    QFile in(source.filePath);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open “%1”: %2").arg(source.filePath, in.errorString());
        return std::nullopt;
    }
    CsvDialect dialect = CsvDialect::detect(&in);
    if (!source.encoding.isEmpty())
        dialect.encoding = source.encoding;
    if (!source.delimiter.isNull())
        dialect.delimiter = source.delimiter;
    CsvReader reader(&in, dialect);
    QStringList headers, cells;
    if (!reader.readRecord(headers)) {
        *error = reader.hasError() ? reader.errorString() : tr("The file has no header.");
        return std::nullopt;
    }
    const Layout layout = makeLayout(source.entity, headers, source.mapping);
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = tr("Cannot write “%1”: %2").arg(target, out.errorString());
        return std::nullopt;
    }
    CsvWriter writer(&out);
    bool ok = writer.writeRow(layout.headers);
    while (ok && reader.readRecord(cells)) {
        if (cancel && cancel->load()) {
            *error = tr("Cancelled.");
            return std::nullopt;
        }
        const qint64 line = reader.recordLine();
        if (edits.dropped.contains(line))
            continue;
        ok = writer.writeRow(copyRow(layout, headers, edits.replaced.value(line, cells)));
    }
    if (reader.hasError() || !ok || !writer.flush()) {
        *error = reader.hasError() ? reader.errorString() : writer.errorString();
        return std::nullopt;
    }
    ImportOptions copy = source;
    copy.filePath = target;
    copy.encoding = "UTF-8";
    copy.delimiter = QLatin1Char(',');
    copy.mapping = layout.mapping;
    return copy;
}

} // namespace Rapport
