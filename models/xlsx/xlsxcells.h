#pragma once
// How a workbook's cells become the text an import reads: numbers as the digits Excel shows
// (never an exponent for the magnitudes people type, so a phone number stored as a number
// keeps its digits), date serials as ISO dates, cell references as column positions, and the
// text of shared and inline strings with their rich-text runs joined.

#include <QString>
#include <QStringView>

class QXmlStreamReader;

namespace Rapport {

namespace XlsxCells {

// What a number cell's format makes of it.
enum class NumberKind { Number, Date, DateTime, Time };

constexpr int MaxColumns = 16384; // A to XFD

// The 0-based column of a reference such as "AB12"; -1 when it is not a valid reference.
int columnOf(QStringView reference);
// A number as the shortest text that reads back as what Excel shows (15 significant digits).
QString numberText(double value);
// A date serial (days since 1900, or since 1904 for date1904 workbooks) as ISO 8601:
// "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss" or "HH:mm:ss"; a number where it is no date.
QString serialText(double serial, bool date1904, NumberKind kind);
// A t="d" cell's ISO 8601 value as the same texts as serialText().
QString isoDateText(const QString &value);
// The character an escape _xHHHH_ at `i` stands for; -1 when there is none.
int escapeAt(QStringView text, qsizetype i);
// Decodes the _xHHHH_ escapes Excel writes for characters XML cannot hold.
QString unescaped(const QString &text);
// Text that reads back as itself through unescaped(): the underscore of a literal "_xHHHH_"
// is written as _x005F_, as Excel does.
QString escapedUnderscores(const QString &text);
// Reads the current <si> or <is> element to its end: its <t>, and the <t> of each rich-text
// run <r>, joined; phonetic hints (<rPh>) are not text. Stops adding past `maxChars`, and
// says so through `tooLong`.
QString readStringItem(QXmlStreamReader &xml, qsizetype maxChars, bool *tooLong);
// The message for a part whose XML is not well-formed.
QString damagedPartMessage(const QString &part, const QXmlStreamReader &xml);

} // namespace XlsxCells

} // namespace Rapport
