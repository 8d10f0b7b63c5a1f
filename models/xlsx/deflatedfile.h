#pragma once
// A file written deflated (raw deflate, as a zip entry holds it) as the bytes come, with the
// CRC-32 and the sizes a zip's headers need: a workbook's sheet is compressed while the
// export still reads rows, and libzip then copies it into the zip as it is.

#include <QFile>
#include <QString>

#include <zlib.h>

namespace Rapport {

class DeflatedFile
{
public:
    DeflatedFile() = default;
    ~DeflatedFile();
    DeflatedFile(const DeflatedFile &) = delete;
    DeflatedFile &operator=(const DeflatedFile &) = delete;

    // Creates (or truncates) the file; `level` as zlib's, 1 the fastest.
    bool open(const QString &path, int level);
    bool isOpen() const { return m_file.isOpen(); }
    bool write(const QByteArray &bytes);
    // Ends the deflate stream and closes the file.
    bool finish();
    QString errorString() const;

    QString fileName() const { return m_file.fileName(); }
    quint64 size() const { return m_size; }                 // before compression
    quint64 compressedSize() const { return m_compressedSize; }
    quint32 crc() const { return m_crc; }

private:
    bool deflateInto(int flush);

    QFile m_file;
    z_stream m_stream = {};
    bool m_streaming = false;
    QByteArray m_out;
    QString m_error;
    quint64 m_size = 0;
    quint64 m_compressedSize = 0;
    quint32 m_crc = 0;
};

} // namespace Rapport
