#pragma once
// Writes an export as an Excel workbook (.xlsx) of one sheet, streaming so that a million
// rows take little memory: the sheet's XML goes deflated to a temporary file as the rows
// come, which finish() packs with the workbook's other parts into a zip (XlsxPackage) and
// copies to the output device.
// Cells keep their types: text stays text (a phone number is never turned into a number,
// and nothing becomes a formula), numbers, booleans, dates and date-times (in local time, as
// a spreadsheet shows them) become what Excel sorts and sums. The header row is bold and
// stays in view while scrolling. The rows become XML as they come, in buffers of a megabyte
// that a thread of their own compresses, so that reading the next rows overlaps the deflate:
// only bytes cross between the threads, never the rows' values.

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
#include <vector>

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
    static constexpr qsizetype FlushBytes = 1024 * 1024;
    static constexpr size_t QueuedBuffers = 4; // bounds the memory the XML ahead takes

    // The caller's side: starts the sheet's XML on the first row (or at the end).
    void startSheet();
    // Hands the XML gathered so far to the deflate thread; false once it failed.
    bool pushXml();
    void startDeflate();
    // Ends the deflate thread, after the XML queued (`drain`) or at once.
    void stopDeflate(bool drain);
    // The deflate thread.
    void deflateXml();
    bool copyWorkbook(const QString &path);
    bool fail(const QString &message);

    QIODevice *m_out;
    QString m_sheetName;
    QTemporaryDir m_dir;   // the sheet's XML and the packed workbook, removed with the writer
    QStringList m_titles;  // the header row, if any
    bool m_hasHeader = false;
    bool m_open = false;    // the sheet's file was made (the deflate thread's from then on)
    bool m_started = false; // the sheet's head is written
    qint64 m_rows = 0;     // rows taken by writeRow, the header included
    qint64 m_maxRows = MaxRows;
    XlsxSheetXml m_sheet;
    QByteArray m_xml;      // XML not yet handed over

    // Shared with the deflate thread, under m_mutex.
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QByteArray> m_queue;
    std::vector<QByteArray> m_spare; // written buffers, their capacity kept for the next XML
    bool m_done = false;    // no more XML will come
    bool m_drain = false;   // …and the sheet is to be completed, not abandoned
    bool m_failed = false;  // the deflate thread stopped on an error (in m_error)
    QString m_error;

    // The deflate thread's alone until it is joined.
    std::thread m_deflate;
    DeflatedFile m_sheetData;
};

} // namespace Rapport
