#include "csv/csvsource.h"

#include <QFileInfo>

namespace Rapport {

QString CsvSource::open(const QString &path, const QByteArray &encoding, QChar delimiter)
{
    const QString name = QFileInfo(path).fileName();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly))
        return tr("Cannot open “%1”: %2").arg(path, m_file.errorString());
    if (m_file.size() == 0)
        return tr("“%1” is empty.").arg(name);
    m_dialect = CsvDialect::detect(&m_file);
    if (!encoding.isEmpty())
        m_dialect.encoding = encoding;
    if (!delimiter.isNull())
        m_dialect.delimiter = delimiter;
    m_reader = std::make_unique<CsvReader>(&m_file, m_dialect);
    if (!m_reader->readRecord(m_headers))
        return m_reader->hasError() ? m_reader->errorString()
                                    : tr("“%1” has nothing in it but blank lines.").arg(name);
    for (QString &h : m_headers)
        h = h.trimmed().remove(QChar(0xFEFF));
    return {};
}

} // namespace Rapport
