#include "xlsx/xlsxsharedstrings.h"

#include "xlsx/xlsxcells.h"

#include <QCoreApplication>
#include <QXmlStreamReader>

namespace Rapport {

void XlsxSharedStrings::clear()
{
    m_text.clear();
    m_offsets.clear();
}

QString XlsxSharedStrings::read(QIODevice *device, const QString &partName)
{
    clear();
    QXmlStreamReader xml(device);
    bool tooLong = false;
    while (!xml.atEnd() && !tooLong) {
        if (xml.readNext() != QXmlStreamReader::StartElement
            || xml.name() != QLatin1String("si"))
            continue;
        if (m_offsets.size() >= MaxCount) {
            tooLong = true;
            break;
        }
        m_offsets.append(m_text.size());
        m_text += XlsxCells::readStringItem(xml, m_maxChars - m_text.size(), &tooLong);
    }
    if (tooLong) {
        clear();
        return QCoreApplication::translate("Rapport::XlsxReader",
                                           "The workbook holds more text than Rapport reads "
                                           "(%1 million characters). Save the sheet as CSV "
                                           "and import that.")
            .arg(m_maxChars / (1000 * 1000));
    }
    if (xml.hasError()) {
        clear();
        return XlsxCells::damagedPartMessage(partName, xml);
    }
    m_text.squeeze();
    return {};
}

bool XlsxSharedStrings::at(qsizetype index, QString *text) const
{
    if (index < 0 || index >= m_offsets.size())
        return false;
    const qsizetype start = m_offsets[index];
    const qsizetype end = index + 1 < m_offsets.size() ? m_offsets[index + 1] : m_text.size();
    *text = m_text.mid(start, end - start);
    return true;
}

} // namespace Rapport
