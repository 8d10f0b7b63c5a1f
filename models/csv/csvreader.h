#pragma once
// A streaming RFC 4180 reader: one record at a time from a QIODevice, never the whole file,
// so a million-row import runs in bounded memory. Lenient where real exports deviate
// (lone CR line ends, stray quotes inside unquoted cells, blank lines), strict where going
// on would import garbage: invalid bytes for the encoding, NUL and other control bytes
// (binary files), unterminated quotes and oversized cells stop it with a clear message.

#include "csv/csvdialect.h"
#include "files/rowreader.h"

#include <QCoreApplication>
#include <QStringDecoder>
#include <QStringList>

class QIODevice;

namespace Rapport {

class CsvReader : public RowReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    static constexpr qsizetype DefaultMaxCellSize = 1024 * 1024;   // characters
    static constexpr qsizetype MaxRecordSize = 8 * 1024 * 1024;    // characters
    static constexpr qsizetype MaxFields = 10000;

    // The device must be open for reading and stay alive while the reader is used.
    CsvReader(QIODevice *device, const CsvDialect &dialect);

    // Reads the next record into `fields` (blank lines are skipped). False at the end of
    // the file or on an error; tell them apart with hasError().
    bool readRecord(QStringList &fields) override;

    // The physical line (1-based, counting line breaks inside quoted cells) where the
    // record last returned starts.
    qint64 recordLine() const override { return m_recordLine; }
    bool hasError() const override { return !m_error.isEmpty(); }
    QString errorString() const override { return m_error; }
    // Bytes taken from the device so far, for progress reporting.
    qint64 bytesRead() const override { return m_bytesRead; }
    qint64 bytesTotal() const override;

    void setMaxCellSize(qsizetype characters) { m_maxCellSize = characters; }

private:
    bool fill();
    bool ensure(qsizetype count);
    bool checkChar(QChar c);
    bool addField(QStringList &fields, QString &&field);
    bool readQuoted(QString &field);
    void readUnquoted(QString &field);
    bool fail(const QString &message);
    bool failBadBytes();
    bool atLineEnd();
    void consumeLineEnd();

    QIODevice *m_device;
    CsvDialect m_dialect;
    QStringDecoder m_decoder;
    QString m_buf;
    qsizetype m_pos = 0;
    qsizetype m_badPos = -1;   // index in m_buf of the first character the decoder replaced
    qsizetype m_maxCellSize = DefaultMaxCellSize;
    qsizetype m_recordSize = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    qint64 m_bytesRead = 0;
    bool m_eof = false;
    bool m_started = false;
    QString m_error;
};

} // namespace Rapport
