#include "xlsx/xlsxsheetxml.h"

#include "xlsx/xlsxcells.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>
#include <cstring>

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

// The most a cell's markup takes around its value: <c r="XFD1048576" s="1"
// t="inlineStr"><is><t xml:space="preserve"> … </t></is></c>.
constexpr qsizetype CellMarkup = 128;

} // namespace

// Room at the end of a byte array, written through a pointer: made with the most a piece can
// take, given back to what was written when it goes. Rows are written a few hundred bytes at
// a time, a million times over: no append of its own for each tag.
class XlsxSheetXml::Tail
{
public:
    Tail(QByteArray &out, qsizetype most)
        : m_out(out)
    {
        const qsizetype at = out.size();
        out.resize(at + most);
        m_p = out.data() + at;
    }
    ~Tail() { m_out.resize(m_p - m_out.constData()); }
    Tail(const Tail &) = delete;
    Tail &operator=(const Tail &) = delete;

    template <size_t N>
    void put(const char (&text)[N])
    {
        std::memcpy(m_p, text, N - 1);
        m_p += N - 1;
    }
    void put(QByteArrayView bytes)
    {
        std::memcpy(m_p, bytes.data(), size_t(bytes.size()));
        m_p += bytes.size();
    }
    void put(char c) { *m_p++ = c; }

    // Excel's escape for a character XML cannot hold: _xHHHH_.
    void putControl(uint code)
    {
        static const char hex[] = "0123456789ABCDEF";
        put("_x");
        for (int shift = 12; shift >= 0; shift -= 4)
            put(hex[(code >> shift) & 0xF]);
        put('_');
    }

    // `text` as XML element content in UTF-8: markup escaped, controls, U+FFFE and U+FFFF as
    // _xHHHH_, a lone surrogate as U+FFFD; with `underscores`, the underscore that starts a
    // literal "_xHHHH_" as _x005F_, so that it reads back as itself. At most MaxBytesPerUnit
    // bytes a UTF-16 unit.
    void putEscaped(QStringView text, bool underscores)
    {
        const char16_t *s = text.utf16();
        const qsizetype n = text.size();
        for (qsizetype i = 0; i < n; ++i) {
            const char16_t c = s[i];
            if (c < 0x80) {
                switch (c) {
                case u'&': put("&amp;"); continue;
                case u'<': put("&lt;"); continue;
                case u'>': put("&gt;"); continue;
                case u'\t':
                case u'\n': put(char(c)); continue;
                case u'_':
                    if (underscores && XlsxCells::escapeAt(text, i) >= 0) {
                        put("_x005F_");
                        continue;
                    }
                    break;
                default:
                    if (c < 0x20) {
                        putControl(c);
                        continue;
                    }
                }
                put(char(c));
            } else if (c < 0x800) {
                put(char(0xC0 | (c >> 6)));
                put(char(0x80 | (c & 0x3F)));
            } else if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(s[i + 1])) {
                const char32_t u = QChar::surrogateToUcs4(c, s[++i]);
                put(char(0xF0 | (u >> 18)));
                put(char(0x80 | ((u >> 12) & 0x3F)));
                put(char(0x80 | ((u >> 6) & 0x3F)));
                put(char(0x80 | (u & 0x3F)));
            } else if (QChar::isSurrogate(c)) {
                put("\xEF\xBF\xBD");
            } else if (c >= 0xFFFE) {
                putControl(c);
            } else {
                put(char(0xE0 | (c >> 12)));
                put(char(0x80 | ((c >> 6) & 0x3F)));
                put(char(0x80 | (c & 0x3F)));
            }
        }
    }

    static constexpr qsizetype MaxBytesPerUnit = 7; // "_x0001_" for one control

private:
    QByteArray &m_out;
    char *m_p = nullptr;
};

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

void XlsxSheetXml::appendEscaped(QByteArray &out, QStringView text)
{
    Tail(out, text.size() * Tail::MaxBytesPerUnit).putEscaped(text, false);
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

void XlsxSheetXml::startCell(Tail &tail, int column, QByteArrayView attributes)
{
    // A cell right after the one before needs no reference: readers count on from it.
    tail.put("<c");
    if (column != m_nextColumn) {
        tail.put(" r=\"");
        tail.put(columnName(column));
        tail.put(m_rowName);
        tail.put('"');
    }
    tail.put(attributes);
    tail.put('>');
    m_nextColumn = column + 1;
}

void XlsxSheetXml::appendText(QByteArray &out, int column, QStringView text, Style style)
{
    if (text.isEmpty())
        return;
    // Text that cannot outgrow the cell even with every underscore escaped (_x005F_, seven
    // characters for one) is written as it is read.
    if (text.size() * 7 <= MaxCellSize)
        return appendTextCell(out, column, text, true, style);
    QString cell = XlsxCells::escapedUnderscores(text.toString());
    if (cell.size() > MaxCellSize) {
        cell.truncate(MaxCellSize);
        if (cell.back().isHighSurrogate())
            cell.chop(1);
        if (m_cutCells++ == 0)
            m_firstCutRow = m_row;
    }
    appendTextCell(out, column, cell, false, style);
}

void XlsxSheetXml::appendTextCell(QByteArray &out, int column, QStringView text,
                                  bool escapeUnderscores, Style style)
{
    Tail tail(out, CellMarkup + text.size() * Tail::MaxBytesPerUnit);
    startCell(tail, column, style == Bold ? " s=\"1\" t=\"inlineStr\"" : " t=\"inlineStr\"");
    // Spaces at either end would be dropped by a reader unless the XML says to keep them.
    if (isXmlSpace(text.front()) || isXmlSpace(text.back()))
        tail.put("<is><t xml:space=\"preserve\">");
    else
        tail.put("<is><t>");
    tail.putEscaped(text, escapeUnderscores);
    tail.put("</t></is></c>");
}

void XlsxSheetXml::appendNumber(QByteArray &out, int column, QByteArrayView number,
                                Style style)
{
    static const char *const styles[] = {"", " s=\"1\"", " s=\"2\"", " s=\"3\""};
    Tail tail(out, CellMarkup + number.size());
    startCell(tail, column, styles[style]);
    tail.put("<v>");
    tail.put(number);
    tail.put("</v></c>");
}

void XlsxSheetXml::appendCell(QByteArray &out, int column, const QVariant &cell)
{
    if (cell.isNull())
        return;
    switch (cell.typeId()) {
    case QMetaType::QString:
        // Read in place: no copy of the text a cell.
        return appendText(out, column, *static_cast<const QString *>(cell.constData()));
    case QMetaType::Bool: {
        Tail tail(out, CellMarkup);
        startCell(tail, column, " t=\"b\"");
        tail.put(cell.toBool() ? "<v>1</v></c>" : "<v>0</v></c>");
        return;
    }
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
    m_nextColumn = 0;
    out += "<row r=\"" + m_rowName + "\">";
    for (int column = 0; column < titles.size(); ++column)
        appendText(out, column, titles[column], Bold);
    out += "</row>";
}

void XlsxSheetXml::appendRow(QByteArray &out, const QVariantList &cells)
{
    m_rowName = QByteArray::number(++m_row);
    m_nextColumn = 0;
    {
        Tail tail(out, m_rowName.size() + 16);
        tail.put("<row r=\"");
        tail.put(m_rowName);
        tail.put("\">");
    }
    for (int column = 0; column < cells.size(); ++column)
        appendCell(out, column, cells[column]);
    out += "</row>";
}

} // namespace Rapport
