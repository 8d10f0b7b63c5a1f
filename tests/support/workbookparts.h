#pragma once
// Workbooks made in the tests the way spreadsheet programs write them: the ECMA-376 parts
// ([Content_Types].xml, relationships, workbook, sheets, shared strings, styles) packed
// with libzip, so each test shows exactly which XML a reader meets.
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <zip.h>

#include <utility>

namespace WorkbookParts {

using Parts = QList<std::pair<QString, QByteArray>>;

struct Sheet {
    QByteArray name;
    QByteArray part;   // as the relationship names it (relative to xl/, or absolute)
    QByteArray xml;
};

// The parts packed as a zip; deflated, or stored when `stored`.
inline QByteArray packed(const Parts &parts, bool stored = false)
{
    QTemporaryDir dir;
    const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("book.xlsx")));
    int error = 0;
    zip_t *archive = zip_open(path.constData(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive)
        return {};
    for (const auto &[name, bytes] : parts) {
        zip_source_t *source = zip_source_buffer(archive, bytes.constData(),
                                                 zip_uint64_t(bytes.size()), 0);
        const zip_int64_t index = zip_file_add(archive, name.toUtf8().constData(), source,
                                               ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            continue;
        }
        if (stored)
            zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_STORE, 0);
    }
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        return {};
    }
    QFile file(QString::fromLocal8Bit(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline QByteArray worksheet(const QByteArray &rows)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
           "<dimension ref=\"A1:D9\"/><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>"
           "<sheetFormatPr defaultRowHeight=\"15\"/><sheetData>"
        + rows + "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" "
                 "bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";
}

inline QByteArray sharedStrings(const QByteArray &items)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + items + "</sst>";
}

inline QByteArray styles(const QByteArray &numFmts, const QByteArray &cellXfs)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + numFmts + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
                    "</fonts><cellStyleXfs count=\"1\"><xf numFmtId=\"14\" fontId=\"0\"/>"
                    "</cellStyleXfs>"
        + cellXfs + "</styleSheet>";
}

// A whole workbook. `rootTarget` is where _rels/.rels says the workbook is.
inline Parts workbook(const QList<Sheet> &sheets, const QByteArray &shared = {},
                      const QByteArray &styleSheet = {}, const QByteArray &workbookPr = {},
                      const QByteArray &rootTarget = "xl/workbook.xml")
{
    const QByteArray rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    Parts parts;
    parts.append({QStringLiteral("[Content_Types].xml"),
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas."
                  "openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" "
                  "ContentType=\"application/xml\"/></Types>"});
    parts.append({QStringLiteral("_rels/.rels"),
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://"
                  "schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
                  "Id=\"rId1\" Type=\"" + rel + "/officeDocument\" Target=\"" + rootTarget
                      + "\"/></Relationships>"});
    QByteArray sheetList, rels;
    for (qsizetype i = 0; i < sheets.size(); ++i) {
        const QByteArray id = "rId" + QByteArray::number(i + 1);
        sheetList += "<sheet name=\"" + sheets[i].name + "\" sheetId=\""
            + QByteArray::number(i + 1) + "\" r:id=\"" + id + "\"/>";
        rels += "<Relationship Id=\"" + id + "\" Type=\"" + rel + "/worksheet\" Target=\""
            + sheets[i].part + "\"/>";
        QByteArray part = sheets[i].part;
        part = part.startsWith('/') ? part.mid(1) : "xl/" + part;
        if (!sheets[i].xml.isNull())
            parts.append({QString::fromUtf8(part), sheets[i].xml});
    }
    if (!shared.isNull()) {
        rels += "<Relationship Id=\"rId90\" Type=\"" + rel
            + "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
        parts.append({QStringLiteral("xl/sharedStrings.xml"), shared});
    }
    if (!styleSheet.isNull()) {
        rels += "<Relationship Id=\"rId91\" Type=\"" + rel + "/styles\" Target=\"styles.xml\"/>";
        parts.append({QStringLiteral("xl/styles.xml"), styleSheet});
    }
    parts.append({QStringLiteral("xl/workbook.xml"),
                  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook "
                  "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                  "xmlns:r=\"" + rel + "\">" + workbookPr + "<sheets>" + sheetList
                      + "</sheets><calcPr calcId=\"191029\"/></workbook>"});
    parts.append({QStringLiteral("xl/_rels/workbook.xml.rels"),
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://"
                  "schemas.openxmlformats.org/package/2006/relationships\">" + rels
                      + "</Relationships>"});
    return parts;
}

} // namespace WorkbookParts
