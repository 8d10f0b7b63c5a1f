#include "xlsx/xlsxreader.h"

#include "xlsx/xlsxcells.h"

namespace Rapport {

using XlsxCells::NumberKind;

void XlsxReader::setLimits(qint64 maxUnpackedSize, qint64 maxRatio, qsizetype maxSharedChars)
{
    m_archive.setLimits(maxUnpackedSize, maxRatio);
    m_strings.setMaxChars(maxSharedChars);
}

QString XlsxReader::open(const QString &path)
{
    return load(m_archive.open(path));
}

QString XlsxReader::openData(const QByteArray &bytes)
{
    return load(m_archive.openData(bytes));
}

// Reads what every sheet needs once the zip is open (or says why `opened` failed).
QString XlsxReader::load(const QString &opened)
{
    m_xml.clear();
    m_device.reset();
    m_strings.clear();
    m_styles = XlsxStyles();
    m_workbook = XlsxWorkbook();
    m_error = opened;
    if (m_error.isEmpty())
        m_error = m_workbook.read(m_archive);
    if (m_error.isEmpty() && m_archive.contains(m_workbook.stylesPart())) {
        if (const auto bytes = m_archive.readPart(m_workbook.stylesPart(), &m_error))
            m_error = m_styles.parse(*bytes, m_workbook.stylesPart());
    }
    if (m_error.isEmpty())
        m_error = readSharedStrings();
    if (m_error.isEmpty())
        m_error = selectSheet(0);
    if (!m_error.isEmpty()) {
        m_workbook = XlsxWorkbook();
        m_archive.close();
    }
    return m_error;
}

QString XlsxReader::readSharedStrings()
{
    const QString part = m_workbook.sharedStringsPart();
    if (!m_archive.contains(part))
        return {}; // a workbook of numbers alone, or one with inline strings, needs none
    QString error;
    auto device = m_archive.openPart(part, &error);
    if (!device)
        return error;
    error = m_strings.read(device.get(), part);
    if (device->failure() != ZipEntryDevice::Failure::None)
        return XlsxArchive::failureMessage(part, device->failure());
    return error;
}

QStringList XlsxReader::sheetNames() const
{
    QStringList names;
    for (const auto &sheet : m_workbook.sheets())
        names.append(sheet.name);
    return names;
}

QString XlsxReader::selectSheet(int index)
{
    m_xml.clear();
    m_device.reset();
    m_row = m_recordLine = 0;
    m_formulas = m_errorCells = 0;
    m_done = false;
    m_error.clear();
    const auto &sheets = m_workbook.sheets();
    if (index < 0 || index >= sheets.size()) {
        m_error = tr("The workbook has no sheet number %1.").arg(index + 1);
        return m_error;
    }
    m_sheetPart = sheets[index].part;
    m_device = m_archive.openPart(m_sheetPart, &m_error);
    if (m_device)
        m_xml.setDevice(m_device.get());
    return m_error;
}

qint64 XlsxReader::bytesRead() const
{
    return m_device ? m_device->delivered() : 0;
}

qint64 XlsxReader::bytesTotal() const
{
    return m_device ? m_device->claimedSize() : -1;
}

QStringList XlsxReader::notes() const
{
    QStringList notes;
    if (m_formulas > 0)
        notes << tr("%n cells hold formulas; their last computed values were imported.",
                    nullptr, int(qMin<qint64>(m_formulas, INT_MAX)));
    if (m_errorCells > 0)
        notes << tr("%n cells hold an error value (such as #DIV/0! or #N/A); they were "
                    "imported as empty.", nullptr, int(qMin<qint64>(m_errorCells, INT_MAX)));
    return notes;
}

bool XlsxReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    m_done = true;
    return false;
}

// Why the sheet's XML stopped: the zip entry failing underneath comes first.
bool XlsxReader::failXml()
{
    if (m_device && m_device->failure() != ZipEntryDevice::Failure::None)
        return fail(XlsxArchive::failureMessage(m_sheetPart, m_device->failure()));
    return fail(XlsxCells::damagedPartMessage(m_sheetPart, m_xml));
}

bool XlsxReader::readRecord(QStringList &fields)
{
    fields.clear();
    if (hasError() || m_done || !m_device)
        return false;
    while (!m_xml.atEnd()) {
        const auto token = m_xml.readNext();
        if (token == QXmlStreamReader::EndElement && m_xml.name() == QLatin1String("sheetData"))
            break; // what follows the rows (merged cells, page setup) is not data
        if (token != QXmlStreamReader::StartElement || m_xml.name() != QLatin1String("row"))
            continue;
        bool ok = false;
        const qint64 number = m_xml.attributes().value(QLatin1String("r")).toLongLong(&ok);
        m_row = ok && number > m_row ? number : m_row + 1;
        if (!readRow(fields))
            return false;
        while (!fields.isEmpty() && fields.constLast().isEmpty())
            fields.removeLast();
        if (!fields.isEmpty()) {
            m_recordLine = m_row;
            return true;
        }
    }
    if (m_xml.hasError())
        return failXml();
    m_done = true;
    return false;
}

// Reads the current <row> to its end into `fields`.
bool XlsxReader::readRow(QStringList &fields)
{
    m_recordSize = 0;
    int next = 0;
    while (!m_xml.atEnd()) {
        const auto token = m_xml.readNext();
        if (token == QXmlStreamReader::EndElement)
            return true; // </row>: cells are read to their end below
        if (token != QXmlStreamReader::StartElement)
            continue;
        if (m_xml.name() != QLatin1String("c")) {
            m_xml.skipCurrentElement();
            continue;
        }
        int column = next;
        const auto reference = m_xml.attributes().value(QLatin1String("r"));
        if (!reference.isEmpty()) {
            column = XlsxCells::columnOf(reference);
            if (column < 0)
                return fail(tr("Row %1 has a cell at an impossible place (“%2”): the workbook "
                               "is damaged.").arg(m_row).arg(reference.left(20)));
        }
        if (column >= XlsxCells::MaxColumns)
            return fail(tr("Row %1 has more than %2 cells: the workbook is damaged.")
                            .arg(m_row).arg(XlsxCells::MaxColumns));
        if (!readCell(fields, column))
            return false;
        next = column + 1;
    }
    return failXml();
}

// Reads the current <c> to its end and puts its text in column `column` of `fields`.
bool XlsxReader::readCell(QStringList &fields, int column)
{
    const auto attributes = m_xml.attributes();
    const QString type = attributes.value(QLatin1String("t")).toString();
    const int style = attributes.value(QLatin1String("s")).toInt();
    QString value;
    bool tooLong = false, formula = false, inlineText = false;
    while (!m_xml.atEnd()) {
        const auto token = m_xml.readNext();
        if (token == QXmlStreamReader::EndElement)
            break; // </c>
        if (token != QXmlStreamReader::StartElement)
            continue;
        const auto name = m_xml.name();
        if (name == QLatin1String("v")) {
            if (!readValue(&value, &tooLong))
                break;
        } else if (name == QLatin1String("is")) {
            value = XlsxCells::readStringItem(m_xml, MaxCellSize, &tooLong);
            inlineText = true;
        } else {
            formula = formula || name == QLatin1String("f");
            m_xml.skipCurrentElement();
        }
    }
    if (m_xml.hasError())
        return failXml();
    if (tooLong)
        return fail(tr("Row %1 has a cell longer than %2 characters, more than Rapport reads.")
                        .arg(m_row).arg(MaxCellSize));
    m_formulas += formula ? 1 : 0;
    QString text = inlineText ? value : cellText(type, style, value);
    if (hasError())
        return false;
    m_recordSize += text.size();
    if (m_recordSize > MaxRecordSize)
        return fail(tr("Row %1 holds more than %2 characters, more than Rapport reads.")
                        .arg(m_row).arg(MaxRecordSize));
    if (text.isEmpty() && column >= fields.size())
        return true;
    while (fields.size() <= column)
        fields.append(QString());
    fields[column] = std::move(text);
    return true;
}

// The text of the current <v>, to its end.
bool XlsxReader::readValue(QString *value, bool *tooLong)
{
    value->clear();
    while (!m_xml.atEnd()) {
        const auto token = m_xml.readNext();
        if (token == QXmlStreamReader::EndElement)
            return true;
        if (token == QXmlStreamReader::StartElement) {
            m_xml.skipCurrentElement();
        } else if (token == QXmlStreamReader::Characters) {
            if (value->size() + m_xml.text().size() > MaxCellSize)
                *tooLong = true;
            else
                value->append(m_xml.text());
        }
    }
    return false;
}

QString XlsxReader::cellText(const QStringView type, int style, const QString &value)
{
    if (type == QLatin1String("e")) {
        ++m_errorCells;
        return {};
    }
    if (value.isEmpty())
        return {}; // a formatted cell with nothing in it
    if (type == QLatin1String("s")) {
        bool ok = false;
        QString text;
        const qint64 index = value.trimmed().toLongLong(&ok);
        if (!ok || !m_strings.at(index, &text))
            fail(tr("Row %1 refers to text the workbook does not hold: the workbook is "
                    "damaged.").arg(m_row));
        return text;
    }
    if (type == QLatin1String("str") || type == QLatin1String("inlineStr"))
        return XlsxCells::unescaped(value);
    if (type == QLatin1String("b"))
        return value == QLatin1String("1") ? QStringLiteral("true")
             : value == QLatin1String("0") ? QStringLiteral("false") : value;
    if (type == QLatin1String("d"))
        return XlsxCells::isoDateText(value);
    bool ok = false;
    const double number = value.trimmed().toDouble(&ok);
    if (!ok)
        return value;
    const NumberKind kind = m_styles.kindOf(style);
    return kind == NumberKind::Number ? XlsxCells::numberText(number)
                                      : XlsxCells::serialText(number, m_workbook.date1904(),
                                                              kind);
}

} // namespace Rapport
