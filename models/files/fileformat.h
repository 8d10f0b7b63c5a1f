#pragma once
// The kinds of file Rapport imports and exports, and how a file name says which.

#include <QFileInfo>
#include <QString>

namespace Rapport {

// Auto: an import decides by the file's content, then its extension; an export by the name.
enum class FileFormat { Auto, Csv, Xlsx, VCard };

// By the file name alone: .xlsx, .vcf/.vcard, anything else CSV.
inline FileFormat formatFromName(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("xlsx"))
        return FileFormat::Xlsx;
    if (suffix == QLatin1String("vcf") || suffix == QLatin1String("vcard"))
        return FileFormat::VCard;
    return FileFormat::Csv;
}

// "csv", "xlsx", "vcf" (what --format takes); Auto for anything else.
inline FileFormat formatFromOption(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("csv"))
        return FileFormat::Csv;
    if (n == QLatin1String("xlsx"))
        return FileFormat::Xlsx;
    if (n == QLatin1String("vcf") || n == QLatin1String("vcard"))
        return FileFormat::VCard;
    return FileFormat::Auto;
}

} // namespace Rapport
