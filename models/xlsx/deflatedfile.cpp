#include "xlsx/deflatedfile.h"

namespace Rapport {

namespace {

constexpr qsizetype OutputChunk = 256 * 1024;
constexpr uInt MaxInput = 1u << 30; // zlib counts in uInt

} // namespace

DeflatedFile::~DeflatedFile()
{
    if (m_streaming)
        deflateEnd(&m_stream);
}

bool DeflatedFile::open(const QString &path, int level)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = m_file.errorString();
        return false;
    }
    // Negative window bits: raw deflate, no zlib header, as the zip format wants.
    if (deflateInit2(&m_stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        m_error = QString::fromLatin1(m_stream.msg ? m_stream.msg : "deflateInit2");
        m_file.close();
        return false;
    }
    m_streaming = true;
    m_out.resize(OutputChunk);
    m_crc = quint32(crc32(0, nullptr, 0));
    return true;
}

bool DeflatedFile::deflateInto(int flush)
{
    for (;;) {
        m_stream.next_out = reinterpret_cast<Bytef *>(m_out.data());
        m_stream.avail_out = uInt(m_out.size());
        const int result = deflate(&m_stream, flush);
        if (result == Z_STREAM_ERROR) {
            m_error = QStringLiteral("deflate");
            return false;
        }
        const qint64 produced = m_out.size() - qint64(m_stream.avail_out);
        if (produced > 0 && m_file.write(m_out.constData(), produced) != produced) {
            m_error = m_file.errorString();
            return false;
        }
        m_compressedSize += quint64(produced);
        // Done when zlib left room in the output: it has taken all the input (or, finishing,
        // written the stream's end).
        if (flush == Z_FINISH ? result == Z_STREAM_END : m_stream.avail_out != 0)
            return true;
    }
}

bool DeflatedFile::write(const QByteArray &bytes)
{
    if (!m_streaming)
        return false;
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const uInt part = uInt(qMin<qsizetype>(left, MaxInput));
        m_crc = quint32(crc32(m_crc, reinterpret_cast<const Bytef *>(data), part));
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
        m_stream.avail_in = part;
        if (!deflateInto(Z_NO_FLUSH))
            return false;
        m_size += part;
        data += part;
        left -= part;
    }
    return true;
}

bool DeflatedFile::finish()
{
    if (!m_streaming)
        return false;
    const bool done = deflateInto(Z_FINISH);
    deflateEnd(&m_stream);
    m_streaming = false;
    if (done && !m_file.flush())
        m_error = m_file.errorString();
    m_file.close();
    return done && m_error.isEmpty();
}

QString DeflatedFile::errorString() const
{
    return m_error;
}

} // namespace Rapport
