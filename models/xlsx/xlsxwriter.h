#pragma once
// Writes an export as an Excel workbook (.xlsx) of one sheet, streaming so that a million
// rows take little memory: the sheet's XML goes deflated to a temporary file as the rows
// come, which finish() packs with the workbook's other parts into a zip (XlsxPackage) and
// copies to the output device.
// Cells keep their types: text stays text (a phone number is never turned into a number,
// and nothing becomes a formula), numbers, booleans, dates and date-times (in local time, as
// a spreadsheet shows them) become what Excel sorts and sums. The header row is bold and
// stays in view while scrolling. The cells are turned into XML and compressed on a thread of
// their own, fed rows in batches, so that reading and formatting the next rows overlaps.

#include "files/rowwriter.h"

#include "xlsx/deflatedfile.h"
#include "xlsx/xlsxsheetxml.h"

#include <QCoreApplication>
#include <QList>
#include <QTemporaryDir>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

class QIODevice;

namespace Rapport {

class XlsxWriter : public RowWriter
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::XlsxWriter)

public:
    static constexpr qint64 MaxRows = 1048576;       // Excel's, the header included
    static constexpr qsizetype MaxCellSize = 32767;  // characters
    static constexpr int MaxColumns = 16384;

    // `out` must be open for writing and outlive the writer; `sheetName` is made into a name
    // Excel accepts (31 characters, none of []:*?/\).
    XlsxWriter(QIODevice *out, const QString &sheetName);
    ~XlsxWriter() override;
    XlsxWriter(const XlsxWriter &) = delete;
    XlsxWriter &operator=(const XlsxWriter &) = delete;

    bool writeHeader(const QStringList &titles) override;
    // False, with a message, past Excel's row limit: rows are never dropped silently.
    bool writeRow(const QVariantList &cells) override;
    bool finish() override;
    QString errorString() const override;
    // What the user should know about the file written (values cut to Excel's cell size).
    QStringList notes() const;

    // The sheet name as written.
    static QString sheetNameFor(const QString &name);
    // A smaller row limit, so that the tests reach it without a million rows.
    void setMaxRows(qint64 rows) { m_maxRows = rows; }

private:
    using Batch = QList<QVariantList>;
    static constexpr qsizetype BatchRows = 256;
    static constexpr size_t QueuedBatches = 16; // bounds the memory the rows ahead take
    static constexpr qsizetype FlushBytes = 1024 * 1024;

    // The caller's side: hand the rows gathered so far to the cell thread; false once it failed.
    bool pushBatch();
    void startCells();
    // Ends the cell thread, after the rows queued (`drain`) or at once.
    void stopCells(bool drain);
    // The cell thread.
    void writeCells();
    bool writeXml(qsizetype atLeast);
    bool copyWorkbook(const QString &path);
    bool fail(const QString &message);

    QIODevice *m_out;
    QString m_sheetName;
    QTemporaryDir m_dir;   // the sheet's XML and the packed workbook, removed with the writer
    DeflatedFile m_sheetData;
    QStringList m_titles;  // the header row, if any
    bool m_hasHeader = false;
    qint64 m_rows = 0;     // rows taken by writeRow, the header included
    qint64 m_maxRows = MaxRows;
    Batch m_batch;         // the rows not yet handed over

    // Shared with the cell thread, under m_mutex.
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_queue;
    bool m_done = false;    // no more batches will come
    bool m_drain = false;   // …and the sheet is to be completed, not abandoned
    bool m_failed = false;  // the cell thread stopped on an error (in m_error)
    QString m_error;

    // The cell thread's alone until it is joined.
    std::thread m_cells;
    XlsxSheetXml m_sheet;
    QByteArray m_xml;       // XML not yet written to m_sheetData
};

} // namespace Rapport
