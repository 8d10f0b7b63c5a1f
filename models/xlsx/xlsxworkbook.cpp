#include "xlsx/xlsxworkbook.h"

#include "xlsx/xlsxarchive.h"
#include "xlsx/xlsxcells.h"

#include <QCoreApplication>
#include <QHash>
#include <QXmlStreamReader>

namespace Rapport {

namespace {

constexpr qsizetype MaxSheets = 10000;

struct Relationship {
    QString type;   // the last segment of its type URI: "worksheet", "sharedStrings", ...
    QString target; // resolved
};

QString lastSegment(QStringView uri)
{
    return uri.mid(uri.lastIndexOf(QLatin1Char('/')) + 1).toString();
}

// The relationships of `part` (its _rels/<name>.rels beside it), by id; empty when it has none.
QString readRelationships(const XlsxArchive &archive, const QString &part,
                          QHash<QString, Relationship> *out)
{
    const qsizetype slash = part.lastIndexOf(QLatin1Char('/'));
    const QString relsPart = part.left(slash + 1) + QLatin1String("_rels/")
        + part.mid(slash + 1) + QLatin1String(".rels");
    if (!archive.contains(relsPart))
        return {};
    QString error;
    const auto bytes = archive.readPart(relsPart, &error);
    if (!bytes)
        return error;
    QXmlStreamReader xml(*bytes);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement
            || xml.name() != QLatin1String("Relationship"))
            continue;
        const auto attributes = xml.attributes();
        if (attributes.value(QLatin1String("TargetMode")) == QLatin1String("External"))
            continue;
        out->insert(attributes.value(QLatin1String("Id")).toString(),
                    {lastSegment(attributes.value(QLatin1String("Type"))),
                     XlsxWorkbook::resolve(part,
                                           attributes.value(QLatin1String("Target")).toString())});
    }
    return xml.hasError() ? XlsxCells::damagedPartMessage(relsPart, xml) : QString();
}

QString relationshipId(const QXmlStreamAttributes &attributes)
{
    for (const auto &attribute : attributes) {
        if (attribute.name() == QLatin1String("id") && !attribute.namespaceUri().isEmpty())
            return attribute.value().toString();
    }
    return {};
}

} // namespace

QString XlsxWorkbook::resolve(const QString &base, const QString &target)
{
    QString path = target;
    if (path.startsWith(QLatin1Char('/')))
        path = path.mid(1);
    else
        path = base.left(base.lastIndexOf(QLatin1Char('/')) + 1) + path;
    QStringList kept;
    for (const QString &segment : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (segment == QLatin1String("..")) {
            if (!kept.isEmpty())
                kept.removeLast();
        } else if (segment != QLatin1String(".")) {
            kept.append(segment);
        }
    }
    return kept.join(QLatin1Char('/'));
}

QString XlsxWorkbook::read(const XlsxArchive &archive)
{
    m_sheets.clear();
    m_sharedStrings.clear();
    m_styles.clear();
    m_date1904 = false;
    QHash<QString, Relationship> rels;
    QString error = readRelationships(archive, QString(), &rels);
    if (!error.isEmpty())
        return error;
    m_workbookPart = QStringLiteral("xl/workbook.xml");
    for (const Relationship &rel : std::as_const(rels)) {
        if (rel.type == QLatin1String("officeDocument"))
            m_workbookPart = rel.target;
    }
    if (!archive.contains(m_workbookPart)) {
        if (!archive.contains(QStringLiteral("[Content_Types].xml")))
            return QCoreApplication::translate("Rapport::XlsxReader",
                                               "This file is not an Excel workbook (.xlsx).");
        return QCoreApplication::translate("Rapport::XlsxReader",
                                           "The workbook is incomplete: its part “%1” is "
                                           "missing.").arg(m_workbookPart);
    }
    rels.clear();
    error = readRelationships(archive, m_workbookPart, &rels);
    if (!error.isEmpty())
        return error;
    for (const Relationship &rel : std::as_const(rels)) {
        if (rel.type == QLatin1String("sharedStrings"))
            m_sharedStrings = rel.target;
        else if (rel.type == QLatin1String("styles"))
            m_styles = rel.target;
    }
    const auto bytes = archive.readPart(m_workbookPart, &error);
    if (!bytes)
        return error;
    QXmlStreamReader xml(*bytes);
    while (!xml.atEnd() && m_sheets.size() < MaxSheets) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto attributes = xml.attributes();
        if (xml.name() == QLatin1String("workbookPr")) {
            const auto value = attributes.value(QLatin1String("date1904"));
            m_date1904 = value == QLatin1String("1") || value == QLatin1String("true");
        } else if (xml.name() == QLatin1String("sheet")) {
            const Relationship rel = rels.value(relationshipId(attributes));
            if (rel.type == QLatin1String("worksheet")) // not a chart or dialog sheet
                m_sheets.append({attributes.value(QLatin1String("name")).toString(),
                                 rel.target});
        }
    }
    if (xml.hasError())
        return XlsxCells::damagedPartMessage(m_workbookPart, xml);
    if (m_sheets.isEmpty())
        return QCoreApplication::translate("Rapport::XlsxReader",
                                           "The workbook has no worksheets.");
    return {};
}

} // namespace Rapport
