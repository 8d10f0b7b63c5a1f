#include "csv/csvwriter.h"

#include <QIODevice>

#include <algorithm>
#include <cstring>

namespace Rapport {

namespace {

constexpr qsizetype FlushSize = 64 * 1024;

bool isFormulaStart(char16_t c)
{
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

char16_t unit(QChar c)
{
    return c.unicode();
}

char16_t unit(char c)
{
    return uchar(c);
}

// Apostrophes followed by a formula character: the cells the guard touches. All of them
// ASCII, so the same test reads UTF-16 and UTF-8.
template<typename View>
bool startsLikeFormula(View cell)
{
    qsizetype i = 0;
    while (i < cell.size() && unit(cell[i]) == u'\'')
        ++i;
    return i < cell.size() && isFormulaStart(unit(cell[i]));
}

} // namespace

CsvWriter::CsvWriter(QIODevice *device, QChar delimiter, bool bom)
    : m_device(device)
    , m_delimiter(delimiter)
    , m_delimiterUtf8(QString(delimiter).toUtf8())
{
    if (bom) {
        std::memcpy(space(3), "\xEF\xBB\xBF", 3);
        m_used += 3;
    }
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
    return startsLikeFormula(QStringView(cell)) ? QLatin1Char('\'') + cell : cell;
}

QString CsvWriter::unguarded(const QString &cell)
{
    return cell.startsWith(QLatin1Char('\'')) && startsLikeFormula(QStringView(cell)) ? cell.mid(1)
                                                                                   : cell;
}

bool CsvWriter::needsGuard(QStringView cell)
{
    return startsLikeFormula(cell);
}

bool CsvWriter::needsGuard(QByteArrayView utf8)
{
    return startsLikeFormula(utf8);
}

bool CsvWriter::writeRow(const QStringList &cells)
{
    for (const QString &cell : cells)
        appendCell(cell);
    return endRow();
}

char *CsvWriter::space(qsizetype bytes)
{
    // The buffer's size is its capacity; m_used says how much of it holds the file.
    if (m_used + bytes > m_buffer.size())
        m_buffer.resize(std::max(m_used + bytes, FlushSize + 64 * 1024));
    return m_buffer.data() + m_used;
}

char *CsvWriter::beginCell(qsizetype maxBytes)
{
    char *out = space(maxBytes + m_delimiterUtf8.size());
    if (m_rowStarted) {
        std::memcpy(out, m_delimiterUtf8.constData(), size_t(m_delimiterUtf8.size()));
        out += m_delimiterUtf8.size();
    }
    m_rowStarted = true;
    return out;
}

void CsvWriter::appendCell(QStringView cell, bool apostrophe)
{
    // At most 3 bytes a UTF-16 unit (a doubled quote takes 2), the quotes and the apostrophe.
    char *out = beginCell(3 * cell.size() + 3);
    // One pass: the cell is written after room for an opening quote, with its quotes
    // doubled (a quote makes it quoted anyway), and moved back if it needs none. The rules
    // are quoted()'s, on the cell as guarded() would make it.
    char *const text = out++;
    bool quote = !cell.isEmpty()
        && ((!apostrophe && cell.front() == QLatin1Char(' ')) || cell.back() == QLatin1Char(' '));
    if (apostrophe)
        *out++ = '\'';
    for (qsizetype i = 0; i < cell.size();) {
        const char16_t c = cell[i].unicode();
        if (c < 0x80) {
            if (c == u'"') {
                *out++ = '"';
                quote = true;
            } else if (c == u'\n' || c == u'\r' || c == m_delimiter) {
                quote = true;
            }
            *out++ = char(c);
            ++i;
            continue;
        }
        qsizetype end = i + 1; // a run of non-ASCII (never a quote) for the encoder
        while (end < cell.size() && cell[end].unicode() >= 0x80)
            ++end;
        quote = quote || cell.sliced(i, end - i).contains(m_delimiter);
        out = m_utf8.appendToBuffer(out, cell.sliced(i, end - i));
        i = end;
    }
    if (quote) {
        *text = '"';
        *out++ = '"';
    } else {
        std::memmove(text, text + 1, size_t(out - text - 1));
        --out;
    }
    m_used = out - m_buffer.data();
}

void CsvWriter::appendUtf8Cell(QByteArrayView cell, bool apostrophe)
{
    // The bytes are copied as they are unless they need quotes: a quote, CR, LF or the
    // delimiter inside, or a space at either end (the start's only without an apostrophe).
    const char delimiter = char(m_delimiter.unicode());
    const char *const data = cell.data();
    const qsizetype size = cell.size();
    bool quote = size > 0 && ((!apostrophe && data[0] == ' ') || data[size - 1] == ' ');
    qsizetype quotes = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        if (c == '"')
            ++quotes;
        else if (c == '\n' || c == '\r' || c == delimiter)
            quote = true;
    }
    quote = quote || quotes > 0;
    char *out = beginCell(size + quotes + 3);
    if (quote)
        *out++ = '"';
    if (apostrophe)
        *out++ = '\'';
    if (quotes == 0) {
        if (size > 0)
            std::memcpy(out, data, size_t(size));
        out += size;
    } else {
        for (qsizetype i = 0; i < size; ++i) {
            if (data[i] == '"')
                *out++ = '"';
            *out++ = data[i];
        }
    }
    if (quote)
        *out++ = '"';
    m_used = out - m_buffer.data();
}

bool CsvWriter::endRow()
{
    std::memcpy(space(2), "\r\n", 2);
    m_used += 2;
    m_rowStarted = false;
    return m_used < FlushSize || flush();
}

bool CsvWriter::flush()
{
    if (m_used == 0 || !m_error.isEmpty())
        return m_error.isEmpty();
    if (m_device->write(m_buffer.constData(), m_used) != m_used) {
        m_error = tr("Could not write the file: %1").arg(m_device->errorString());
        return false;
    }
    m_used = 0;
    return true;
}

} // namespace Rapport
