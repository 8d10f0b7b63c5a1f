#pragma once
// A CSV file opened for reading with its dialect (detected, or as the user chose) and its
// header row already read: what the importer's two passes, the rejected-rows file and the
// wizard's preview each start from.

#include "csv/csvdialect.h"
#include "csv/csvreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>
#include <memory>

namespace Rapport {

class CsvSource
{
    Q_DECLARE_TR_FUNCTIONS(CsvSource)

public:
    // Opens `path`; an empty encoding or a null delimiter is detected. Empty on success,
    // otherwise a sentence saying why the file cannot be read.
    QString open(const QString &path, const QByteArray &encoding, QChar delimiter);

    CsvReader &reader() { return *m_reader; }
    const CsvDialect &dialect() const { return m_dialect; }
    const QStringList &headers() const { return m_headers; }
    qint64 size() const { return m_file.size(); }

private:
    QFile m_file;
    CsvDialect m_dialect;
    std::unique_ptr<CsvReader> m_reader;
    QStringList m_headers;
};

} // namespace Rapport
