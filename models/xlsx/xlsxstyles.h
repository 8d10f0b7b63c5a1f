#pragma once
// Which cell styles of a workbook show numbers as dates or times: xl/styles.xml lists the
// cell formats (cellXfs), each naming a number format, built in (14-22 and 45-47 are dates
// and times) or the workbook's own (numFmts), whose code decides (d, m, y, h or s outside
// quoted text and [brackets]). A date is only a number with such a style.

#include "xlsx/xlsxcells.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Rapport {

class XlsxStyles
{
public:
    // Reads styles.xml; "" or why not (it is not well-formed).
    QString parse(const QByteArray &xml, const QString &partName);
    XlsxCells::NumberKind kindOf(int styleIndex) const;

    static XlsxCells::NumberKind kindOfCode(const QString &formatCode);
    static XlsxCells::NumberKind kindOfBuiltIn(int numFmtId);

private:
    QList<XlsxCells::NumberKind> m_kinds; // by cellXfs index
};

} // namespace Rapport
