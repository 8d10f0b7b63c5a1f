#include "csv/csvwriter.h"

#include <QIODevice>

namespace Rapport {

namespace {

constexpr qsizetype FlushSize = 64 * 1024;

bool isFormulaStart(QChar c)
{
    return c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-')
        || c == QLatin1Char('@') || c == QLatin1Char('\t') || c == QLatin1Char('\r');
}

// Apostrophes followed by a formula character: the cells the guard touches.
bool startsLikeFormula(const QString &cell)
{
    qsizetype i = 0;
    while (i < cell.size() && cell[i] == QLatin1Char('\''))
        ++i;
    return i < cell.size() && isFormulaStart(cell[i]);
}

} // namespace

CsvWriter::CsvWriter(QIODevice *device, QChar delimiter, bool bom)
    : m_device(device)
    , m_delimiter(delimiter)
{
    if (bom)
        m_buffer = QByteArray("\xEF\xBB\xBF");
}

CsvWriter::~CsvWriter()
{
    flush();
}

QString CsvWriter::quoted(const QString &cell, QChar delimiter)
{
    bool needs = !cell.isEmpty()
        && (cell.front() == QLatin1Char(' ') || cell.back() == QLatin1Char(' '));
    for (qsizetype i = 0; i < cell.size() && !needs; ++i) {
        const QChar c = cell[i];
        needs = c == delimiter || c == QLatin1Char('"') || c == QLatin1Char('\n')
            || c == QLatin1Char('\r');
    }
    if (!needs)
        return cell;
    QString out = cell;
    out.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString CsvWriter::guarded(const QString &cell)
{
    return startsLikeFormula(cell) ? QLatin1Char('\'') + cell : cell;
}

QString CsvWriter::unguarded(const QString &cell)
{
    return cell.startsWith(QLatin1Char('\'')) && startsLikeFormula(cell) ? cell.mid(1) : cell;
}

bool CsvWriter::writeRow(const QStringList &cells)
{
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += m_delimiter;
        line += quoted(cells[i], m_delimiter);
    }
    line += QLatin1String("\r\n");
    m_buffer += line.toUtf8();
    return m_buffer.size() < FlushSize || flush();
}

bool CsvWriter::flush()
{
    if (m_buffer.isEmpty() || !m_error.isEmpty())
        return m_error.isEmpty();
    if (m_device->write(m_buffer) != m_buffer.size()) {
        m_error = tr("Could not write the file: %1").arg(m_device->errorString());
        return false;
    }
    m_buffer.clear();
    return true;
}

} // namespace Rapport
