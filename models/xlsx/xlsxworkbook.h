#pragma once
// The map of a workbook: which sheets it has, in the order its tabs show them, and the part
// that holds each (found through xl/workbook.xml and its relationships, since writers name
// sheet parts as they like), where its shared strings and styles are, and whether its dates
// count from 1904.

#include <QList>
#include <QString>

namespace Rapport {

class XlsxArchive;

class XlsxWorkbook
{
public:
    struct Sheet {
        QString name;
        QString part;
    };

    // Reads the map from `archive`; "" or why the workbook cannot be read.
    QString read(const XlsxArchive &archive);

    const QList<Sheet> &sheets() const { return m_sheets; }
    QString sharedStringsPart() const { return m_sharedStrings; }
    QString stylesPart() const { return m_styles; }
    bool date1904() const { return m_date1904; }

    // `target` of a relationship, relative to the part `base`, as a name in the zip.
    static QString resolve(const QString &base, const QString &target);

private:
    QString m_workbookPart;
    QList<Sheet> m_sheets;
    QString m_sharedStrings;
    QString m_styles;
    bool m_date1904 = false;
};

} // namespace Rapport
