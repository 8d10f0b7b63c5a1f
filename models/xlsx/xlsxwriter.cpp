#include "xlsx/xlsxwriter.h"

#include "xlsx/xlsxcells.h"

#include <QDateTime>
#include <QDir>
#include <QIODevice>

#include <xlsxwriter.h>

#include <cmath>

namespace Rapport {

namespace {

constexpr qint64 CopyChunk = 256 * 1024;
// Beyond 15 digits Excel keeps no more of a number: larger integers are written as text.
constexpr qint64 MaxExactInteger = 999999999999999;

lxw_datetime toLxw(const QDate &date, const QTime &time)
{
    return {date.year(), date.month(), date.day(), time.hour(), time.minute(),
            time.second() + time.msec() / 1000.0};
}

// Dates Excel can hold: from 1900 to 9999.
bool inExcelRange(const QDate &date)
{
    return date.isValid() && date.year() >= 1900 && date.year() <= 9999;
}

} // namespace

QString XlsxWriter::sheetNameFor(const QString &name)
{
    QString clean;
    for (const QChar c : name) {
        const bool forbidden = QStringLiteral("[]:*?/\\").contains(c) || c.unicode() < 0x20;
        clean += forbidden ? QLatin1Char(' ') : c;
    }
    clean = clean.simplified();
    while (clean.startsWith(QLatin1Char('\'')))
        clean.remove(0, 1);
    clean.truncate(31);
    while (clean.endsWith(QLatin1Char('\'')) || clean.endsWith(QLatin1Char(' ')))
        clean.chop(1);
    if (clean.size() == 31 && clean.back().isHighSurrogate())
        clean.chop(1);
    return clean.isEmpty() ? QStringLiteral("Rapport") : clean;
}

XlsxWriter::XlsxWriter(QIODevice *out, const QString &sheetName)
    : m_out(out)
    , m_tempDir(QFile::encodeName(QDir::tempPath()))
{
    m_file.setFileTemplate(QDir::tempPath() + QLatin1String("/rapport-XXXXXX.xlsx"));
    if (!m_file.open()) {
        fail(tr("The workbook cannot be written: %1").arg(m_file.errorString()));
        return;
    }
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = m_tempDir.data();
    m_workbook = workbook_new_opt(QFile::encodeName(m_file.fileName()).constData(), &options);
    if (m_workbook)
        m_sheet = workbook_add_worksheet(m_workbook, sheetNameFor(sheetName).toUtf8().constData());
    if (!m_sheet) {
        fail(tr("The workbook cannot be written: %1")
                 .arg(tr("the temporary workbook could not be created")));
        return;
    }
    m_bold = workbook_add_format(m_workbook);
    format_set_bold(m_bold);
    m_date = workbook_add_format(m_workbook);
    format_set_num_format(m_date, "yyyy-mm-dd");
    m_dateTime = workbook_add_format(m_workbook);
    format_set_num_format(m_dateTime, "yyyy-mm-dd hh:mm:ss");
}

XlsxWriter::~XlsxWriter()
{
    stopCells(false);
    if (m_workbook)
        workbook_close(m_workbook); // frees it; the file goes with m_file
}

QString XlsxWriter::errorString() const
{
    const std::lock_guard lock(m_mutex);
    return m_error;
}

bool XlsxWriter::fail(const QString &message)
{
    const std::lock_guard lock(m_mutex);
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

bool XlsxWriter::check(int result)
{
    if (result == LXW_NO_ERROR)
        return true;
    return fail(tr("The workbook cannot be written: %1")
                    .arg(QString::fromUtf8(lxw_strerror(lxw_error(result)))));
}

bool XlsxWriter::writeHeader(const QStringList &titles)
{
    // Before the cell thread starts: it is the caller's to write to the sheet until then.
    if (!m_sheet || !errorString().isEmpty() || m_cells.joinable())
        return false;
    if (titles.size() > MaxColumns)
        return fail(tr("An Excel sheet holds at most %1 columns; the export has %2.")
                        .arg(MaxColumns).arg(titles.size()));
    for (int column = 0; column < titles.size(); ++column) {
        // Wide enough for the title in bold, and for a typical value below it.
        const double width = qBound(10.0, titles[column].size() * 1.2 + 2, 50.0);
        if (!check(worksheet_set_column(m_sheet, lxw_col_t(column), lxw_col_t(column), width,
                                        nullptr)))
            return false;
    }
    worksheet_freeze_panes(m_sheet, 1, 0);
    for (int column = 0; column < titles.size(); ++column) {
        if (!check(worksheet_write_string(m_sheet, 0, lxw_col_t(column),
                                          titles[column].left(MaxCellSize).toUtf8().constData(),
                                          m_bold)))
            return false;
    }
    m_row = 1;
    m_rows = 1;
    return true;
}

bool XlsxWriter::writeRow(const QVariantList &cells)
{
    if (!m_sheet)
        return false;
    if (m_rows >= m_maxRows)
        return fail(tr("An Excel sheet holds at most %1 rows, the header included; this export "
                       "has more. Export fewer records (filter the list) or export as CSV.")
                        .arg(QLocale().toString(m_maxRows)));
    if (cells.size() > MaxColumns)
        return fail(tr("An Excel sheet holds at most %1 columns; the export has %2.")
                        .arg(MaxColumns).arg(cells.size()));
    m_batch.append(cells);
    ++m_rows;
    return m_batch.size() < BatchRows || pushBatch();
}

bool XlsxWriter::pushBatch()
{
    if (!m_cells.joinable())
        m_cells = std::thread(&XlsxWriter::writeCells, this);
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < QueuedBatches || m_failed; });
    if (m_failed || !m_error.isEmpty())
        return false;
    m_queue.push_back(std::exchange(m_batch, {}));
    m_changed.notify_all();
    return true;
}

void XlsxWriter::stopCells(bool drain)
{
    if (!m_cells.joinable())
        return;
    {
        const std::lock_guard lock(m_mutex);
        if (!drain)
            m_queue.clear();
        m_done = true;
    }
    m_changed.notify_all();
    m_cells.join();
}

void XlsxWriter::writeCells()
{
    for (;;) {
        Batch batch;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
            if (m_queue.empty())
                return; // done, and every batch written
            batch = std::move(m_queue.front());
            m_queue.pop_front();
        }
        m_changed.notify_all(); // room in the queue
        if (!writeBatch(batch)) {
            const std::lock_guard lock(m_mutex);
            m_failed = true;
            m_queue.clear();
            m_changed.notify_all();
            return;
        }
    }
}

bool XlsxWriter::writeBatch(const Batch &batch)
{
    for (const QVariantList &cells : batch) {
        for (int column = 0; column < cells.size(); ++column) {
            if (!writeCell(column, cells[column]))
                return false;
        }
        ++m_row;
    }
    return true;
}

bool XlsxWriter::writeText(int column, const QString &text)
{
    if (text.isEmpty())
        return true;
    QString cell = XlsxCells::escapedUnderscores(text);
    if (cell.size() > MaxCellSize) {
        cell.truncate(MaxCellSize);
        if (cell.back().isHighSurrogate())
            cell.chop(1);
        if (m_cutCells++ == 0)
            m_firstCutRow = m_row + 1;
    }
    return check(worksheet_write_string(m_sheet, lxw_row_t(m_row), lxw_col_t(column),
                                        cell.toUtf8().constData(), nullptr));
}

bool XlsxWriter::writeCell(int column, const QVariant &cell)
{
    const lxw_row_t row = lxw_row_t(m_row);
    const lxw_col_t col = lxw_col_t(column);
    if (cell.isNull())
        return true;
    switch (cell.typeId()) {
    case QMetaType::QString:
        return writeText(column, cell.toString());
    case QMetaType::Bool:
        return check(worksheet_write_boolean(m_sheet, row, col, cell.toBool(), nullptr));
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong: {
        const qint64 value = cell.toLongLong();
        if (value > MaxExactInteger || value < -MaxExactInteger)
            return writeText(column, cell.toString());
        return check(worksheet_write_number(m_sheet, row, col, double(value), nullptr));
    }
    case QMetaType::Double: {
        const double value = cell.toDouble();
        if (!std::isfinite(value))
            return writeText(column, cell.toString());
        return check(worksheet_write_number(m_sheet, row, col, value, nullptr));
    }
    case QMetaType::QDate: {
        const QDate date = cell.toDate();
        if (!inExcelRange(date))
            return writeText(column, date.toString(Qt::ISODate));
        lxw_datetime value = toLxw(date, QTime(0, 0));
        return check(worksheet_write_datetime(m_sheet, row, col, &value, m_date));
    }
    case QMetaType::QDateTime: {
        const QDateTime local = cell.toDateTime().toLocalTime();
        if (!inExcelRange(local.date()))
            return writeText(column, local.toString(Qt::ISODate));
        lxw_datetime value = toLxw(local.date(), local.time());
        return check(worksheet_write_datetime(m_sheet, row, col, &value, m_dateTime));
    }
    default:
        return writeText(column, cell.toString());
    }
}

bool XlsxWriter::finish()
{
    if (!m_batch.isEmpty() && !pushBatch())
        return false;
    stopCells(true);
    if (!m_workbook || !errorString().isEmpty())
        return false;
    const lxw_error closed = workbook_close(m_workbook);
    m_workbook = nullptr;
    m_sheet = nullptr;
    if (!check(closed))
        return false;
    QFile written(m_file.fileName());
    if (!written.open(QIODevice::ReadOnly))
        return fail(tr("The workbook cannot be written: %1").arg(written.errorString()));
    while (!written.atEnd()) {
        const QByteArray chunk = written.read(CopyChunk);
        if (chunk.isEmpty() || m_out->write(chunk) != chunk.size())
            return fail(tr("The workbook cannot be written: %1").arg(m_out->errorString()));
    }
    return true;
}

QStringList XlsxWriter::notes() const
{
    if (m_cutCells == 0)
        return {};
    return {tr("%n values were longer than the 32,767 characters an Excel cell holds and were "
               "cut (the first in row %1).", nullptr, int(qMin<qint64>(m_cutCells, INT_MAX)))
                .arg(m_firstCutRow)};
}

} // namespace Rapport
