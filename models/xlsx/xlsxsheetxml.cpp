#include "xlsx/xlsxsheetxml.h"

#include "xlsx/xlsxcells.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace Rapport {

namespace {

// Beyond 15 digits Excel keeps no more of a number: larger integers are written as text.
constexpr qint64 MaxExactInteger = 999999999999999;
constexpr double MsecsPerDay = 86400000.0;

// Dates Excel can hold: from 1900 to 9999.
bool inExcelRange(const QDate &date)
{
    return date.isValid() && date.year() >= 1900 && date.year() <= 9999;
}

bool isXmlSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n')
        || c == QLatin1Char('\r');
}

void appendControlEscape(QByteArray &out, uint code)
{
    static const char hex[] = "0123456789ABCDEF";
    out += "_x";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += hex[(code >> shift) & 0xF];
    out += '_';
}

} // namespace

QByteArray XlsxSheetXml::head(const QStringList &titles)
{
    QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                     "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                     "main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                     "relationships\"><sheetViews><sheetView tabSelected=\"1\" "
                     "workbookViewId=\"0\">";
    if (!titles.isEmpty()) {
        xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
               "state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" "
               "sqref=\"A2\"/>";
    }
    xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>";
    if (!titles.isEmpty()) {
        xml += "<cols>";
        for (int column = 0; column < titles.size(); ++column) {
            // Wide enough for the title in bold, and for a typical value below it.
            const double width =
                qRound(qBound(10.0, titles[column].size() * 1.2 + 2, 50.0) * 100) / 100.0;
            const QByteArray position = QByteArray::number(column + 1);
            xml += "<col min=\"" + position + "\" max=\"" + position + "\" width=\""
                + QByteArray::number(width, 'g', QLocale::FloatingPointShortest)
                + "\" customWidth=\"1\"/>";
        }
        xml += "</cols>";
    }
    xml += "<sheetData>";
    return xml;
}

QByteArray XlsxSheetXml::tail()
{
    return "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" "
           "header=\"0.3\" footer=\"0.3\"/></worksheet>";
}

double XlsxSheetXml::dateSerial(const QDate &date)
{
    // Excel counts 1900-02-29, which never was: from March 1900 on, its serials are one more.
    const qint64 days = QDate(1899, 12, 30).daysTo(date);
    return double(date < QDate(1900, 3, 1) ? days - 1 : days);
}

void XlsxSheetXml::appendEscaped(QByteArray &out, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    const char *data = utf8.constData();
    const qsizetype size = utf8.size();
    qsizetype plainFrom = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const uchar byte = uchar(data[i]);
        const bool special = byte < 0x20 ? byte != '\t' && byte != '\n'
                                         : byte == '&' || byte == '<' || byte == '>'
                                               || byte == 0xEF;
        if (!special)
            continue;
        // U+FFFE and U+FFFF (EF BF BE/BF) are no XML characters either.
        if (byte == 0xEF
            && !(i + 2 < size && uchar(data[i + 1]) == 0xBF && uchar(data[i + 2]) >= 0xBE))
            continue;
        out.append(data + plainFrom, i - plainFrom);
        if (byte == '&') {
            out += "&amp;";
        } else if (byte == '<') {
            out += "&lt;";
        } else if (byte == '>') {
            out += "&gt;";
        } else if (byte == 0xEF) {
            appendControlEscape(out, 0xFFC0u | (uchar(data[i + 2]) & 0x3Fu));
            i += 2;
        } else {
            appendControlEscape(out, byte);
        }
        plainFrom = i + 1;
    }
    out.append(data + plainFrom, size - plainFrom);
}

const QByteArray &XlsxSheetXml::columnName(int column)
{
    while (m_columnNames.size() <= column) {
        QByteArray name;
        for (int n = int(m_columnNames.size()) + 1; n > 0; n = (n - 1) / 26)
            name.prepend(char('A' + (n - 1) % 26));
        m_columnNames.append(name);
    }
    return m_columnNames[column];
}

void XlsxSheetXml::startCell(QByteArray &out, int column, const char *attributes)
{
    out += "<c r=\"";
    out += columnName(column);
    out += m_rowName;
    out += '"';
    out += attributes;
    out += '>';
}

void XlsxSheetXml::appendText(QByteArray &out, int column, const QString &text, Style style)
{
    if (text.isEmpty())
        return;
    QString cell = XlsxCells::escapedUnderscores(text);
    if (cell.size() > MaxCellSize) {
        cell.truncate(MaxCellSize);
        if (cell.back().isHighSurrogate())
            cell.chop(1);
        if (m_cutCells++ == 0)
            m_firstCutRow = m_row;
    }
    startCell(out, column, style == Bold ? " s=\"1\" t=\"inlineStr\"" : " t=\"inlineStr\"");
    // Spaces at either end would be dropped by a reader unless the XML says to keep them.
    out += isXmlSpace(cell.front()) || isXmlSpace(cell.back())
        ? "<is><t xml:space=\"preserve\">" : "<is><t>";
    appendEscaped(out, cell);
    out += "</t></is></c>";
}

void XlsxSheetXml::appendNumber(QByteArray &out, int column, const QByteArray &number,
                                Style style)
{
    static const char *const styles[] = {"", " s=\"1\"", " s=\"2\"", " s=\"3\""};
    startCell(out, column, styles[style]);
    out += "<v>";
    out += number;
    out += "</v></c>";
}

void XlsxSheetXml::appendCell(QByteArray &out, int column, const QVariant &cell)
{
    if (cell.isNull())
        return;
    switch (cell.typeId()) {
    case QMetaType::QString:
        return appendText(out, column, cell.toString());
    case QMetaType::Bool:
        startCell(out, column, " t=\"b\"");
        out += cell.toBool() ? "<v>1</v></c>" : "<v>0</v></c>";
        return;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong: {
        const qint64 value = cell.toLongLong();
        if (value > MaxExactInteger || value < -MaxExactInteger
            || (cell.typeId() == QMetaType::ULongLong && cell.toULongLong() > MaxExactInteger))
            return appendText(out, column, cell.toString());
        return appendNumber(out, column, QByteArray::number(value));
    }
    case QMetaType::Double: {
        const double value = cell.toDouble();
        if (!std::isfinite(value))
            return appendText(out, column, cell.toString());
        return appendNumber(out, column,
                            QByteArray::number(value, 'g', QLocale::FloatingPointShortest));
    }
    case QMetaType::QDate: {
        const QDate date = cell.toDate();
        if (!inExcelRange(date))
            return appendText(out, column, date.toString(Qt::ISODate));
        return appendNumber(out, column, QByteArray::number(qint64(dateSerial(date))), Date);
    }
    case QMetaType::QDateTime: {
        // In local time, as a spreadsheet shows it.
        const QDateTime local = cell.toDateTime().toLocalTime();
        if (!inExcelRange(local.date()))
            return appendText(out, column, local.toString(Qt::ISODate));
        const double serial = dateSerial(local.date()) + local.time().msecsSinceStartOfDay()
                / MsecsPerDay;
        return appendNumber(out, column,
                            QByteArray::number(serial, 'g', QLocale::FloatingPointShortest),
                            DateTime);
    }
    default:
        return appendText(out, column, cell.toString());
    }
}

void XlsxSheetXml::appendHeader(QByteArray &out, const QStringList &titles)
{
    m_rowName = QByteArray::number(++m_row);
    out += "<row r=\"" + m_rowName + "\">";
    for (int column = 0; column < titles.size(); ++column)
        appendText(out, column, titles[column], Bold);
    out += "</row>";
}

void XlsxSheetXml::appendRow(QByteArray &out, const QVariantList &cells)
{
    m_rowName = QByteArray::number(++m_row);
    out += "<row r=\"";
    out += m_rowName;
    out += "\">";
    for (int column = 0; column < cells.size(); ++column)
        appendCell(out, column, cells[column]);
    out += "</row>";
}

} // namespace Rapport
