#pragma once
// Reads the rows of one sheet of an Excel workbook (.xlsx, as Excel, LibreOffice, Google
// Sheets and Numbers write it) as text, one row at a time: the sheet is unpacked and parsed
// in chunks, so a million rows never sit in memory. Cells come out as an import wants them:
// text as it is, numbers as Excel shows them, dates as ISO 8601, formulas as their last
// computed values, gaps filled so that every value stays in its column. Whatever is not a
// workbook, is damaged, password-protected or built to exhaust memory is refused with a
// sentence that says what to do.

#include "files/rowreader.h"
#include "xlsx/xlsxarchive.h"
#include "xlsx/xlsxsharedstrings.h"
#include "xlsx/xlsxstyles.h"
#include "xlsx/xlsxworkbook.h"

#include <QCoreApplication>
#include <QXmlStreamReader>

#include <memory>

namespace Rapport {

class XlsxReader : public RowReader
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::XlsxReader)

public:
    static constexpr qsizetype MaxCellSize = 1024 * 1024;      // characters
    static constexpr qsizetype MaxRecordSize = 8 * 1024 * 1024; // characters

    XlsxReader() = default;

    // Opens a workbook and selects its first sheet: "" or a sentence why it cannot be read.
    QString open(const QString &path);
    // The same for a workbook in memory (the fuzzer's way in).
    QString openData(const QByteArray &bytes);

    // The worksheets, in the order of the workbook's tabs (chart sheets are left out).
    QStringList sheetNames() const;
    // Starts reading sheet `index` from its first row: "" or why it cannot be read.
    QString selectSheet(int index);

    // A row's cells left to right; rows without a value are passed over.
    bool readRecord(QStringList &fields) override;
    // The sheet's own row number of the row last returned.
    qint64 recordLine() const override { return m_recordLine; }
    bool hasError() const override { return !m_error.isEmpty(); }
    QString errorString() const override { return m_error; }
    // Unpacked bytes of the sheet's part read so far, and its size.
    qint64 bytesRead() const override;
    qint64 bytesTotal() const override;
    // About formulas and error values in the rows read so far.
    QStringList notes() const override;

    // Lower limits for the tests of the zip bomb and memory checks; call before open().
    void setLimits(qint64 maxUnpackedSize, qint64 maxRatio, qsizetype maxSharedChars);

private:
    QString load(const QString &opened);
    QString readSharedStrings();
    bool readRow(QStringList &fields);
    bool readCell(QStringList &fields, int column);
    bool readValue(QString *value, bool *tooLong);
    QString cellText(const QStringView type, int style, const QString &value);
    bool fail(const QString &message);
    bool failXml();

    XlsxArchive m_archive;
    XlsxWorkbook m_workbook;
    XlsxStyles m_styles;
    XlsxSharedStrings m_strings;
    std::unique_ptr<ZipEntryDevice> m_device;
    QXmlStreamReader m_xml;
    QString m_sheetPart;
    qint64 m_row = 0;          // the sheet row of the <row> being read
    qint64 m_recordLine = 0;
    qsizetype m_recordSize = 0;
    qint64 m_formulas = 0;
    qint64 m_errorCells = 0;
    bool m_done = false;
    QString m_error;
};

} // namespace Rapport
