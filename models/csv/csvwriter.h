#pragma once
// Writes RFC 4180 CSV (UTF-8, optional byte order mark for Excel, CRLF, quotes only where
// needed) through a buffer to any QIODevice. Also home of the spreadsheet formula guard:
// cells starting with = + - @ tab or CR get a leading apostrophe so Excel shows them as
// text (OWASP "CSV injection"), and the importer takes that apostrophe off again.

#include <QCoreApplication>
#include <QStringEncoder>
#include <QStringList>

class QIODevice;

namespace Rapport {

class CsvWriter
{
    Q_DECLARE_TR_FUNCTIONS(CsvWriter)

public:
    CsvWriter(QIODevice *device, QChar delimiter = QLatin1Char(','), bool bom = false);
    ~CsvWriter();

    // Cells are written as given (guard them first if wanted). False on a write error.
    bool writeRow(const QStringList &cells);
    // The same a cell at a time: each as quoted() would write it (after an apostrophe when
    // `apostrophe`, as guarded() would add it), encoded straight into the buffer, which an
    // export of a million rows would otherwise copy three times per cell.
    void appendCell(QStringView cell, bool apostrophe = false);
    // The same for a cell already in UTF-8 (needs a delimiter below U+0080).
    void appendUtf8Cell(QByteArrayView cell, bool apostrophe = false);
    bool endRow();
    bool flush();
    QString errorString() const { return m_error; }
    QChar delimiter() const { return m_delimiter; }

    // The cell as CSV: quoted when it holds the delimiter, a quote, CR or LF, or starts or
    // ends with a space; quotes doubled.
    static QString quoted(const QString &cell, QChar delimiter);
    // "=1+1" -> "'=1+1"; "'=x" -> "''=x" (so that unguarded() is its exact inverse).
    static QString guarded(const QString &cell);
    // Removes the one apostrophe guarded() adds; other cells are returned unchanged.
    static QString unguarded(const QString &cell);
    // Whether guarded() would add an apostrophe.
    static bool needsGuard(QStringView cell);
    static bool needsGuard(QByteArrayView utf8);

private:
    char *space(qsizetype bytes); // at least `bytes` free at the end of the buffer
    char *beginCell(qsizetype maxBytes); // the delimiter before a cell but the first

    QIODevice *m_device;
    QChar m_delimiter;
    QByteArray m_delimiterUtf8;
    QByteArray m_buffer;
    qsizetype m_used = 0;
    QStringEncoder m_utf8{QStringEncoder::Utf8, QStringConverter::Flag::Stateless};
    bool m_rowStarted = false;
    QString m_error;
};

} // namespace Rapport
