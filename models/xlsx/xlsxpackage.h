#pragma once
// The package around a workbook's sheet: the parts Excel requires besides the sheet
// ([Content_Types].xml, the relationships, the workbook, the styles) and the zip that holds
// them all, written through libzip. The sheet comes already deflated (DeflatedFile, at the
// fastest level: its XML is several times the size of the data, and the export should cost
// little more than a CSV), and goes into the zip as it is.

#include <QByteArray>
#include <QString>

namespace Rapport {

class DeflatedFile;

class XlsxPackage
{
public:
    static constexpr int SheetCompressionLevel = 1; // zlib's fastest

    static QByteArray contentTypes();
    static QByteArray packageRelationships();
    static QByteArray workbook(const QString &sheetName);
    static QByteArray workbookRelationships();
    // The cell formats XlsxSheetXml::Style names, in its order.
    static QByteArray styles();

    // Writes the workbook to `path`, its sheet being the finished `sheet`; "" or libzip's
    // reason when it cannot.
    static QString pack(const QString &path, const DeflatedFile &sheet, const QString &sheetName);
};

} // namespace Rapport
