#include "transfer/importsource.h"

#include "csv/csvreader.h"
#include "files/rowreader.h"
#include "vcard/vcardreader.h"
#include "xlsx/xlsxreader.h"

#include <QFileInfo>

namespace Rapport {

namespace {

// A sheet's rows as the import wants them: a workbook leaves out a row's empty cells at its
// end, so a row shorter than the header is filled up with empty cells (a longer one is kept:
// it has values under no header, and the import says so).
class SheetRows : public RowReader
{
public:
    explicit SheetRows(std::unique_ptr<XlsxReader> sheet) : m_sheet(std::move(sheet)) {}
    void setWidth(qsizetype width) { m_width = width; }
    XlsxReader &sheet() { return *m_sheet; }

    bool readRecord(QStringList &fields) override
    {
        if (!m_sheet->readRecord(fields))
            return false;
        while (fields.size() < m_width)
            fields.append(QString());
        return true;
    }
    qint64 recordLine() const override { return m_sheet->recordLine(); }
    bool hasError() const override { return m_sheet->hasError(); }
    QString errorString() const override { return m_sheet->errorString(); }
    qint64 bytesRead() const override { return m_sheet->bytesRead(); }
    qint64 bytesTotal() const override { return m_sheet->bytesTotal(); }
    QStringList notes() const override { return m_sheet->notes(); }

private:
    std::unique_ptr<XlsxReader> m_sheet;
    qsizetype m_width = 0;
};

} // namespace

ImportSource::ImportSource() = default;
ImportSource::~ImportSource() = default;

FileFormat ImportSource::detect(const QString &path)
{
    QFile file(path);
    QByteArray head;
    if (file.open(QIODevice::ReadOnly))
        head = file.read(512);
    // Workbooks are zip files (unless named as text, which a binary file renamed .csv is);
    // an encrypted workbook (or an old .xls) is an OLE compound file,
    // which the workbook reader explains rather than the CSV reader calling it binary.
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool textSuffix = suffix == QLatin1String("csv") || suffix == QLatin1String("txt")
                            || suffix == QLatin1String("tsv");
    if (!textSuffix && (head.startsWith("PK\x03\x04")
                        || head.startsWith("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")))
        return FileFormat::Xlsx;
    QByteArray text = head;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    if (text.trimmed().left(11).toUpper() == "BEGIN:VCARD")
        return FileFormat::VCard;
    return formatFromName(path);
}

QString ImportSource::open(const ImportOptions &options)
{
    m_format = options.format == FileFormat::Auto ? detect(options.filePath) : options.format;
    const QFileInfo info(options.filePath);
    if (!info.exists())
        return tr("There is no file “%1”.").arg(options.filePath);
    if (info.size() == 0)
        return tr("“%1” is empty.").arg(info.fileName());
    switch (m_format) {
    case FileFormat::Auto:
    case FileFormat::Csv:
        break;
    case FileFormat::VCard:
        return openVCard(options);
    case FileFormat::Xlsx:
        return openWorkbook(options);
    }
    return openCsv(options);
}

QString ImportSource::openAsChecked(const ImportOptions &options, const ImportResult &checked)
{
    ImportOptions again = options;
    again.format = checked.format;
    again.encoding = checked.dialect.encoding;
    again.delimiter = checked.dialect.delimiter;
    return open(again);
}

QString ImportSource::openVCard(const ImportOptions &options)
{
    m_file.setFileName(options.filePath);
    if (!m_file.open(QIODevice::ReadOnly))
        return tr("Cannot open “%1”: %2").arg(options.filePath, m_file.errorString());
    m_dialect = CsvDialect();
    m_reader = std::make_unique<VCardReader>(&m_file);
    m_headers = VCardReader::headers();
    return {};
}

QString ImportSource::openWorkbook(const ImportOptions &options)
{
    const QString name = QFileInfo(options.filePath).fileName();
    auto workbook = std::make_unique<XlsxReader>();
    if (QString error = workbook->open(options.filePath); !error.isEmpty())
        return error;
    m_sheets = workbook->sheetNames();
    if (m_sheets.isEmpty())
        return tr("“%1” has no sheets.").arg(name);
    const int sheet = qBound(0, options.sheet, int(m_sheets.size()) - 1);
    if (sheet != 0) {
        if (QString error = workbook->selectSheet(sheet); !error.isEmpty())
            return error;
    }
    m_dialect = CsvDialect();
    auto rows = std::make_unique<SheetRows>(std::move(workbook));
    if (!rows->readRecord(m_headers))
        return rows->hasError() ? rows->errorString()
                                : tr("The sheet “%1” of “%2” is empty.").arg(m_sheets[sheet], name);
    for (QString &h : m_headers)
        h = h.trimmed();
    rows->setWidth(m_headers.size());
    m_reader = std::move(rows);
    return {};
}

QString ImportSource::openCsv(const ImportOptions &options)
{
    const QString name = QFileInfo(options.filePath).fileName();
    m_file.setFileName(options.filePath);
    if (!m_file.open(QIODevice::ReadOnly))
        return tr("Cannot open “%1”: %2").arg(options.filePath, m_file.errorString());
    m_dialect = CsvDialect::detect(&m_file);
    if (!options.encoding.isEmpty())
        m_dialect.encoding = options.encoding;
    if (!options.delimiter.isNull())
        m_dialect.delimiter = options.delimiter;
    m_reader = std::make_unique<CsvReader>(&m_file, m_dialect);
    if (!m_reader->readRecord(m_headers))
        return m_reader->hasError() ? m_reader->errorString()
                                    : tr("“%1” has nothing in it but blank lines.").arg(name);
    for (QString &h : m_headers)
        h = h.trimmed().remove(QChar(0xFEFF));
    return {};
}

} // namespace Rapport
