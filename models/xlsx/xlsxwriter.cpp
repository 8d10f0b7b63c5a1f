#include "xlsx/xlsxwriter.h"

#include "xlsx/xlsxpackage.h"

#include <QDir>
#include <QFile>
#include <QIODevice>

namespace Rapport {

namespace {

constexpr qint64 CopyChunk = 256 * 1024;

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
    , m_sheetName(sheetNameFor(sheetName))
    , m_dir(QDir::tempPath() + QLatin1String("/rapport-xlsx-XXXXXX"))
{
    if (!m_dir.isValid()) {
        fail(tr("The workbook cannot be written: %1").arg(m_dir.errorString()));
        return;
    }
    if (!m_sheetData.open(m_dir.filePath(QStringLiteral("sheet1.xml.deflated")),
                          XlsxPackage::SheetCompressionLevel))
        fail(tr("The workbook cannot be written: %1").arg(m_sheetData.errorString()));
}

XlsxWriter::~XlsxWriter()
{
    stopCells(false); // the temporary files go with m_dir
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

bool XlsxWriter::writeHeader(const QStringList &titles)
{
    // Before the cell thread starts: it reads the titles when it does.
    if (!errorString().isEmpty() || m_cells.joinable() || m_hasHeader || m_rows > 0)
        return false;
    if (titles.size() > MaxColumns)
        return fail(tr("An Excel sheet holds at most %1 columns; the export has %2.")
                        .arg(MaxColumns).arg(titles.size()));
    m_titles = titles;
    m_hasHeader = true;
    m_rows = 1;
    return true;
}

bool XlsxWriter::writeRow(const QVariantList &cells)
{
    if (!m_sheetData.isOpen())
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
    startCells();
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < QueuedBatches || m_failed; });
    if (m_failed || !m_error.isEmpty())
        return false;
    m_queue.push_back(std::exchange(m_batch, {}));
    m_changed.notify_all();
    return true;
}

void XlsxWriter::startCells()
{
    if (!m_cells.joinable() && !m_done)
        m_cells = std::thread(&XlsxWriter::writeCells, this);
}

void XlsxWriter::stopCells(bool drain)
{
    {
        const std::lock_guard lock(m_mutex);
        if (!drain)
            m_queue.clear();
        m_done = true;
        m_drain = drain;
    }
    m_changed.notify_all();
    if (m_cells.joinable())
        m_cells.join();
}

void XlsxWriter::writeCells()
{
    m_xml = XlsxSheetXml::head(m_titles);
    if (m_hasHeader)
        m_sheet.appendHeader(m_xml, m_titles);
    bool written = true;
    for (;;) {
        Batch batch;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
            if (m_queue.empty()) {
                if (!m_drain)
                    return; // abandoned: nothing more is needed of the sheet
                break;
            }
            batch = std::move(m_queue.front());
            m_queue.pop_front();
        }
        m_changed.notify_all(); // room in the queue
        for (const QVariantList &cells : std::as_const(batch))
            m_sheet.appendRow(m_xml, cells);
        if (!writeXml(FlushBytes)) {
            written = false;
            break;
        }
    }
    if (written) {
        m_xml += XlsxSheetXml::tail();
        written = writeXml(0) && m_sheetData.finish();
    }
    if (!written) {
        fail(tr("The workbook cannot be written: %1").arg(m_sheetData.errorString()));
        const std::lock_guard lock(m_mutex);
        m_failed = true;
        m_queue.clear();
        m_changed.notify_all();
    }
}

bool XlsxWriter::writeXml(qsizetype atLeast)
{
    if (m_xml.size() < atLeast || m_xml.isEmpty())
        return true;
    if (!m_sheetData.write(m_xml))
        return false;
    m_xml.clear(); // keeps its capacity for the next rows
    return true;
}

bool XlsxWriter::finish()
{
    if (!m_batch.isEmpty() && !pushBatch())
        return false;
    if (!errorString().isEmpty())
        return false;
    startCells(); // a sheet of no rows is still a sheet
    stopCells(true);
    if (!errorString().isEmpty())
        return false;
    const QString workbook = m_dir.filePath(QStringLiteral("book.xlsx"));
    const QString packed = XlsxPackage::pack(workbook, m_sheetData, m_sheetName);
    QFile::remove(m_sheetData.fileName()); // no longer needed: free the disk at once
    if (!packed.isEmpty())
        return fail(tr("The workbook cannot be written: %1").arg(packed));
    return copyWorkbook(workbook);
}

bool XlsxWriter::copyWorkbook(const QString &path)
{
    QFile written(path);
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
    if (m_sheet.cutCells() == 0)
        return {};
    const int cut = int(qMin<qint64>(m_sheet.cutCells(), INT_MAX));
    return {tr("%n values were longer than the 32,767 characters an Excel cell holds and were "
               "cut (the first in row %1).", nullptr, cut)
                .arg(m_sheet.firstCutRow())};
}

} // namespace Rapport
