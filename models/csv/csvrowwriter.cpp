#include "csv/csvrowwriter.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>

namespace Rapport {

CsvRowWriter::CsvRowWriter(QIODevice *device, QChar delimiter, bool bom, bool formulaGuard)
    : m_writer(device, delimiter, bom)
    , m_guard(formulaGuard)
{
}

bool CsvRowWriter::writeHeader(const QStringList &titles)
{
    return m_writer.writeRow(titles);
}

QString CsvRowWriter::cellText(const QVariant &cell, bool formulaGuard)
{
    if (cell.isNull())
        return {};
    switch (cell.typeId()) {
    case QMetaType::QString:
        return formulaGuard ? CsvWriter::guarded(cell.toString()) : cell.toString();
    case QMetaType::Bool:
        return cell.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double:
    case QMetaType::Float: {
        // 1000000, not 1e+06: whole amounts as integers, the rest as short as exact.
        const double d = cell.toDouble();
        if (d == double(qint64(d)) && qAbs(d) < 1e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QMetaType::QDate:
        return cell.toDate().toString(Qt::ISODate);
    case QMetaType::QDateTime: {
        const QDateTime utc = cell.toDateTime().toUTC();
        return utc.toString(utc.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
    }
    default:
        // Whole numbers of any width; anything else as Qt words it.
        return cell.toString();
    }
}

bool CsvRowWriter::writeRow(const QVariantList &cells)
{
    for (const QVariant &cell : cells)
        appendCell(cell); // a QString cell's text is not copied
    return m_writer.endRow();
}

Utf8RowSink *CsvRowWriter::utf8Sink()
{
    return m_writer.delimiter().unicode() < 0x80 ? this : nullptr;
}

void CsvRowWriter::appendText(QByteArrayView utf8)
{
    m_writer.appendUtf8Cell(utf8, m_guard && CsvWriter::needsGuard(utf8));
}

void CsvRowWriter::appendCell(const QVariant &cell)
{
    if (cell.typeId() == QMetaType::QString) {
        const QString &text = *static_cast<const QString *>(cell.constData());
        m_writer.appendCell(text, m_guard && CsvWriter::needsGuard(text));
    } else {
        m_writer.appendCell(cellText(cell, m_guard));
    }
}

bool CsvRowWriter::endRow()
{
    return m_writer.endRow();
}

bool CsvRowWriter::finish()
{
    return m_writer.flush();
}

} // namespace Rapport
