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
    m_open = m_sheetData.open(m_dir.filePath(QStringLiteral("sheet1.xml.deflated")),
                              XlsxPackage::SheetCompressionLevel);
    if (!m_open)
        fail(tr("The workbook cannot be written: %1").arg(m_sheetData.errorString()));
}

XlsxWriter::~XlsxWriter()
{
    stopDeflate(false); // the temporary files go with m_dir
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
    if (!errorString().isEmpty() || m_started || m_hasHeader || m_rows > 0)
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
    if (!m_open)
        return false;
    if (m_rows >= m_maxRows)
        return fail(tr("An Excel sheet holds at most %1 rows, the header included; this export "
                       "has more. Export fewer records (filter the list) or export as CSV.")
                        .arg(QLocale().toString(m_maxRows)));
    if (cells.size() > MaxColumns)
        return fail(tr("An Excel sheet holds at most %1 columns; the export has %2.")
                        .arg(MaxColumns).arg(cells.size()));
    startSheet();
    m_sheet.appendRow(m_xml, cells);
    ++m_rows;
    return m_xml.size() < FlushBytes || pushXml();
}

void XlsxWriter::startSheet()
{
    if (m_started)
        return;
    m_started = true;
    m_xml = XlsxSheetXml::head(m_titles);
    if (m_hasHeader)
        m_sheet.appendHeader(m_xml, m_titles);
}

bool XlsxWriter::pushXml()
{
    startDeflate();
    QByteArray next;
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_queue.size() < QueuedBuffers || m_failed; });
        if (m_failed || !m_error.isEmpty())
            return false;
        if (!m_spare.empty()) {
            next = std::move(m_spare.back());
            m_spare.pop_back();
        }
        m_queue.push_back(std::exchange(m_xml, std::move(next)));
    }
    m_changed.notify_all();
    if (m_xml.capacity() < FlushBytes)
        m_xml.reserve(FlushBytes + FlushBytes / 4);
    return true;
}

void XlsxWriter::startDeflate()
{
    if (!m_deflate.joinable() && !m_done)
        m_deflate = std::thread(&XlsxWriter::deflateXml, this);
}

void XlsxWriter::stopDeflate(bool drain)
{
    {
        const std::lock_guard lock(m_mutex);
        if (!drain)
            m_queue.clear();
        m_done = true;
        m_drain = drain;
    }
    m_changed.notify_all();
    if (m_deflate.joinable())
        m_deflate.join();
}

void XlsxWriter::deflateXml()
{
    bool written = true;
    for (;;) {
        QByteArray xml;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
            if (m_queue.empty()) {
                if (!m_drain)
                    return; // abandoned: nothing more is needed of the sheet
                break;
            }
            xml = std::move(m_queue.front());
            m_queue.pop_front();
        }
        m_changed.notify_all(); // room in the queue
        written = m_sheetData.write(xml);
        if (!written)
            break;
        xml.resize(0); // keeps its capacity for the caller's next rows
        const std::lock_guard lock(m_mutex);
        m_spare.push_back(std::move(xml));
    }
    if (written)
        written = m_sheetData.finish();
    if (!written) {
        fail(tr("The workbook cannot be written: %1").arg(m_sheetData.errorString()));
        const std::lock_guard lock(m_mutex);
        m_failed = true;
        m_queue.clear();
        m_changed.notify_all();
    }
}

bool XlsxWriter::finish()
{
    if (!errorString().isEmpty())
        return false;
    startSheet(); // a sheet of no rows is still a sheet
    m_xml += XlsxSheetXml::tail();
    if (!pushXml())
        return false;
    stopDeflate(true);
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
