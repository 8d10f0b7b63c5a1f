#include "csv/csvreader.h"

#include <QIODevice>

namespace Rapport {

namespace {

constexpr qint64 ChunkSize = 64 * 1024;
constexpr QChar Quote = QLatin1Char('"');
constexpr QChar Cr = QLatin1Char('\r');
constexpr QChar Lf = QLatin1Char('\n');

// A byte order mark decides between the Unicode encodings, whatever was asked for.
QByteArray encodingForBom(const QByteArray &start, const QByteArray &requested)
{
    const bool unicode = requested.toUpper().startsWith("UTF");
    if (start.startsWith("\xEF\xBB\xBF"))
        return unicode ? QByteArray("UTF-8") : requested;
    if (start.startsWith("\xFF\xFE") && unicode)
        return "UTF-16LE";
    if (start.startsWith("\xFE\xFF") && unicode)
        return "UTF-16BE";
    return requested;
}

} // namespace

CsvReader::CsvReader(QIODevice *device, const CsvDialect &dialect)
    : m_device(device)
    , m_dialect(dialect)
{
}

qint64 CsvReader::bytesTotal() const
{
    return m_device->isSequential() ? -1 : m_device->size();
}

bool CsvReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

bool CsvReader::failBadBytes()
{
    return fail(tr("Line %1 has bytes that are not valid %2 text: choose another encoding.")
                    .arg(m_line).arg(QString::fromLatin1(m_dialect.encoding)));
}

bool CsvReader::fill()
{
    if (m_eof)
        return false;
    if (!m_started) {
        m_started = true;
        m_dialect.encoding = encodingForBom(m_device->peek(3), m_dialect.encoding);
        m_decoder = QStringDecoder(m_dialect.encoding.constData());
        if (!m_decoder.isValid())
            return fail(tr("Rapport cannot read the encoding “%1”.")
                            .arg(QString::fromLatin1(m_dialect.encoding)));
    }
    const QByteArray bytes = m_device->read(ChunkSize);
    if (bytes.isEmpty()) {
        m_eof = true;
        return false;
    }
    m_bytesRead += bytes.size();
    const bool hadError = m_decoder.hasError();
    const qsizetype start = m_buf.size();
    m_buf += m_decoder(bytes);
    if (!hadError && m_decoder.hasError() && m_badPos < 0) {
        m_badPos = m_buf.indexOf(QChar(QChar::ReplacementCharacter), start);
        if (m_badPos < 0)
            return failBadBytes();
    }
    return true;
}

// True when at least `count` characters are buffered from m_pos on.
bool CsvReader::ensure(qsizetype count)
{
    while (m_buf.size() - m_pos < count) {
        if (!fill())
            return false;
    }
    return true;
}

bool CsvReader::checkChar(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= 0x20 || u == '\t' || u == '\n' || u == '\r' || u == 0x0B || u == 0x0C)
        return true;
    if (u == 0)
        return fail(tr("Line %1 contains a NUL byte: this is not a text file, or not in the "
                       "encoding %2.").arg(m_line).arg(QString::fromLatin1(m_dialect.encoding)));
    return fail(tr("Line %1 contains a control character (0x%2): this is not a text file.")
                    .arg(m_line).arg(int(u), 2, 16, QLatin1Char('0')));
}

bool CsvReader::atLineEnd()
{
    return m_pos < m_buf.size() && (m_buf[m_pos] == Cr || m_buf[m_pos] == Lf);
}

void CsvReader::consumeLineEnd()
{
    const QChar c = m_buf[m_pos++];
    if (c == Cr && ensure(1) && m_buf[m_pos] == Lf)
        ++m_pos;
    ++m_line;
}

void CsvReader::readUnquoted(QString &field)
{
    const QChar delimiter = m_dialect.delimiter;
    while (ensure(1)) {
        const qsizetype start = m_pos;
        const qsizetype end = m_buf.size();
        qsizetype i = start;
        for (; i < end; ++i) {
            const QChar c = m_buf[i];
            if (c == delimiter || c == Cr || c == Lf || i == m_badPos
                || (c.unicode() < 0x20 && !checkChar(c)))
                break;
        }
        field += QStringView(m_buf).mid(start, i - start);
        m_pos = i;
        if (i < end || hasError() || field.size() > m_maxCellSize)
            return;
    }
}

bool CsvReader::readQuoted(QString &field)
{
    const qint64 firstLine = m_line;
    ++m_pos; // the opening quote
    while (true) {
        if (!ensure(1)) {
            if (hasError())
                return false;
            return fail(tr("The quoted value starting on line %1 is never closed (a quote "
                           "character is missing).").arg(firstLine));
        }
        const QChar c = m_buf[m_pos];
        if (m_pos == m_badPos)
            return failBadBytes();
        if (c == Quote) {
            if (ensure(2) && m_buf[m_pos + 1] == Quote) {
                field += Quote;
                m_pos += 2;
                continue;
            }
            ++m_pos;
            return true;
        }
        if (c.unicode() < 0x20 && !checkChar(c))
            return false;
        if (c == Lf || (c == Cr && !(ensure(2) && m_buf[m_pos + 1] == Lf)))
            ++m_line;
        field += c;
        ++m_pos;
        if (field.size() > m_maxCellSize)
            return true; // addField() reports it
    }
}

bool CsvReader::addField(QStringList &fields, QString &&field)
{
    if (field.size() > m_maxCellSize)
        return fail(tr("Line %1 has a value longer than %2 characters: this is probably not a "
                       "CSV file, or a quote is missing.").arg(m_recordLine).arg(m_maxCellSize));
    m_recordSize += field.size();
    if (m_recordSize > MaxRecordSize || fields.size() >= MaxFields)
        return fail(tr("The record starting on line %1 is too large: this is probably not a CSV "
                       "file, or a quote is missing.").arg(m_recordLine));
    fields.append(std::move(field));
    return true;
}

bool CsvReader::readRecord(QStringList &fields)
{
    fields.clear();
    if (hasError())
        return false;
    if (m_pos > ChunkSize) {
        m_buf.remove(0, m_pos);
        m_badPos = m_badPos < 0 ? -1 : m_badPos - m_pos;
        m_pos = 0;
    }
    while (ensure(1) && atLineEnd() && m_pos != m_badPos)
        consumeLineEnd(); // blank lines
    if (!ensure(1))
        return false;
    m_recordLine = m_line;
    m_recordSize = 0;
    const QChar delimiter = m_dialect.delimiter;
    while (true) {
        QString field;
        if (m_buf[m_pos] == Quote && m_pos != m_badPos) {
            if (!readQuoted(field))
                break;
            readUnquoted(field); // text after the closing quote: keep it, as spreadsheets do
        } else {
            readUnquoted(field);
        }
        if (hasError() || !addField(fields, std::move(field)))
            break;
        if (m_pos == m_badPos) {
            failBadBytes();
            break;
        }
        if (!ensure(1))
            return !hasError(); // the last record has no line break
        if (m_buf[m_pos] == delimiter) {
            ++m_pos;
            if (!ensure(1) || atLineEnd()) { // a trailing delimiter: one more empty value
                if (!addField(fields, QString()))
                    break;
                if (atLineEnd())
                    consumeLineEnd();
                return !hasError();
            }
            continue;
        }
        consumeLineEnd();
        return true;
    }
    fields.clear();
    return false;
}

} // namespace Rapport
