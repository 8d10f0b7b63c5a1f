#include "transfer/importsource.h"

#include "csv/csvreader.h"
#include "files/rowreader.h"
#include "vcard/vcardreader.h"

#include <QFileInfo>

namespace Rapport {

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
    if (suffix == QLatin1String("xlsx"))
        return FileFormat::Xlsx;
    if (suffix == QLatin1String("vcf") || suffix == QLatin1String("vcard"))
        return FileFormat::VCard;
    return FileFormat::Csv;
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
        return tr("“%1” is not a CSV file, and this Rapport reads only CSV.").arg(info.fileName());
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
