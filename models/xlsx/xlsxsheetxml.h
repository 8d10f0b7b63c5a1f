#pragma once
// The XML of a workbook's one sheet, written a row at a time so that a million rows stream:
// text as inline strings (no shared-string table to hold in memory; Excel, LibreOffice and
// Rapport's own reader read them), numbers as numbers, booleans as booleans, dates and
// date-times as date serials with a date style, and the header row bold and frozen in view.
// What XML cannot hold (control characters) is written as Excel's _xHHHH_ escapes. A cell
// names its place (r="C2") only after an empty one: readers count on from the cell before.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>
#include <QStringView>
#include <QVariantList>

namespace Rapport {

class XlsxSheetXml
{
public:
    static constexpr qsizetype MaxCellSize = 32767; // characters, as Excel holds
    // The cell formats of XlsxPackage::styles(), by position.
    enum Style { Plain = 0, Bold = 1, Date = 2, DateTime = 3 };

    // Everything before the first row: the frozen header (when there are titles) and the
    // column widths the titles ask for.
    static QByteArray head(const QStringList &titles);
    // Everything after the last row.
    static QByteArray tail();

    // Appends row `row` (1-based, as Excel counts) to `out`; the header row is bold text.
    void appendHeader(QByteArray &out, const QStringList &titles);
    void appendRow(QByteArray &out, const QVariantList &cells);

    qint64 rowsWritten() const { return m_row; }
    // Values cut to MaxCellSize, and the 1-based row of the first.
    qint64 cutCells() const { return m_cutCells; }
    qint64 firstCutRow() const { return m_firstCutRow; }

    // The text of a cell as XML element content, escaped; public for the tests.
    static void appendEscaped(QByteArray &out, QStringView text);
    // Excel's serial number for a date (days since 1899-12-30, with Excel's 1900 leap day).
    static double dateSerial(const QDate &date);

private:
    class Tail;

    // Opens a cell; its reference is left out where it follows the cell before.
    void startCell(Tail &tail, int column, QByteArrayView attributes);
    void appendCell(QByteArray &out, int column, const QVariant &cell);
    void appendText(QByteArray &out, int column, QStringView text, Style style = Plain);
    void appendTextCell(QByteArray &out, int column, QStringView text, bool escapeUnderscores,
                        Style style);
    void appendNumber(QByteArray &out, int column, QByteArrayView number,
                      Style style = Plain);
    const QByteArray &columnName(int column);

    QList<QByteArray> m_columnNames; // "A", "B", … as far as used
    QByteArray m_rowName;            // the current row's number, as text
    int m_nextColumn = 0;            // the column a cell without a reference would be in
    qint64 m_row = 0;                // the last row appended, 1-based
    qint64 m_cutCells = 0;
    qint64 m_firstCutRow = 0;
};

} // namespace Rapport
