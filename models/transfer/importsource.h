#pragma once
// The file an import reads, opened whatever its format: a CSV file (its dialect detected, or
// as the user chose), a sheet of an Excel workbook, or a vCard file, with the header row
// already read. What the importer's two passes, the rejected-rows file and the wizard's
// preview each start from; they read the rows through RowReader and never ask the format.

#include "transfer/importoptions.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>
#include <memory>

namespace Rapport {

class RowReader;

class ImportSource
{
    Q_DECLARE_TR_FUNCTIONS(ImportSource)

public:
    ImportSource();
    ~ImportSource();

    // Opens options.filePath as options.format says (Auto: by its content and extension),
    // with its encoding, delimiter and sheet. Empty on success, otherwise a sentence saying
    // why the file cannot be read.
    QString open(const ImportOptions &options);
    // Opens the file again exactly as the check that gave `checked` read it (its format and
    // dialect), for the write pass and the rejected rows.
    QString openAsChecked(const ImportOptions &options, const ImportResult &checked);

    // What a file is, from its first bytes and, failing them, its extension.
    static FileFormat detect(const QString &path);

    RowReader &reader() { return *m_reader; }
    FileFormat format() const { return m_format; }
    // For CSV, as detected or chosen; for other formats the defaults (UTF-8, comma).
    const CsvDialect &dialect() const { return m_dialect; }
    const QStringList &headers() const { return m_headers; }
    // A workbook's sheets, in order; empty for other formats.
    const QStringList &sheets() const { return m_sheets; }

private:
    QString openCsv(const ImportOptions &options);
    QString openVCard(const ImportOptions &options);
    QString openWorkbook(const ImportOptions &options);

    QFile m_file;
    FileFormat m_format = FileFormat::Csv;
    CsvDialect m_dialect;
    std::unique_ptr<RowReader> m_reader;
    QStringList m_headers;
    QStringList m_sheets;
};

} // namespace Rapport
