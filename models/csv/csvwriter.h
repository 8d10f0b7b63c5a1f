#pragma once
// Writes RFC 4180 CSV (UTF-8, optional byte order mark for Excel, CRLF, quotes only where
// needed) through a buffer to any QIODevice. Also home of the spreadsheet formula guard:
// cells starting with = + - @ tab or CR get a leading apostrophe so Excel shows them as
// text (OWASP "CSV injection"), and the importer takes that apostrophe off again.

#include <QCoreApplication>
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
    bool flush();
    QString errorString() const { return m_error; }

    // The cell as CSV: quoted when it holds the delimiter, a quote, CR or LF, or starts or
    // ends with a space; quotes doubled.
    static QString quoted(const QString &cell, QChar delimiter);
    // "=1+1" -> "'=1+1"; "'=x" -> "''=x" (so that unguarded() is its exact inverse).
    static QString guarded(const QString &cell);
    // Removes the one apostrophe guarded() adds; other cells are returned unchanged.
    static QString unguarded(const QString &cell);

private:
    QIODevice *m_device;
    QChar m_delimiter;
    QByteArray m_buffer;
    QString m_error;
};

} // namespace Rapport
