#include "xlsx/xlsxpackage.h"

#include "xlsx/deflatedfile.h"

#include <QFile>
#include <QList>

#include <zip.h>

#include <utility>

namespace Rapport {

namespace {

constexpr char XmlDeclaration[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr char RelationshipTypes[] =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr char SheetPart[] = "xl/worksheets/sheet1.xml";

QByteArray relationship(const char *id, const char *type, const char *target)
{
    return QByteArray("<Relationship Id=\"") + id + "\" Type=\"" + RelationshipTypes + type
        + "\" Target=\"" + target + "\"/>";
}

QByteArray relationships(const QByteArray &items)
{
    return XmlDeclaration
        + QByteArray("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                     "relationships\">")
        + items + "</Relationships>";
}

QByteArray escapedAttribute(const QString &value)
{
    return value.toHtmlEscaped().replace(QLatin1Char('\''), QLatin1String("&apos;")).toUtf8();
}

QString zipError(zip_t *archive)
{
    return QString::fromLocal8Bit(zip_strerror(archive));
}

// Adds `source` as `name`; false (and the source freed) when it fails.
bool addPart(zip_t *archive, const char *name, zip_source_t *source)
{
    if (!source)
        return false;
    if (zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(source);
        return false;
    }
    return true;
}

// The deflated sheet as a libzip source that says it is deflated already: libzip copies it
// into the zip as it is, with the CRC and sizes it states (known, so no Zip64 headers,
// which Excel refuses for a part that does not need them).
struct DeflatedSource {
    QFile file;
    quint64 size = 0;
    quint64 compressedSize = 0;
    quint32 crc = 0;
    zip_error_t error = {};
};

zip_int64_t readDeflated(void *userData, void *data, zip_uint64_t length, zip_source_cmd_t command)
{
    auto *source = static_cast<DeflatedSource *>(userData);
    switch (command) {
    case ZIP_SOURCE_OPEN:
        if (source->file.open(QIODevice::ReadOnly))
            return 0;
        zip_error_set(&source->error, ZIP_ER_OPEN, 0);
        return -1;
    case ZIP_SOURCE_READ: {
        const qint64 read = source->file.read(static_cast<char *>(data),
                                              qint64(qMin<zip_uint64_t>(length, 1u << 30)));
        if (read >= 0)
            return read;
        zip_error_set(&source->error, ZIP_ER_READ, 0);
        return -1;
    }
    case ZIP_SOURCE_CLOSE:
        source->file.close();
        return 0;
    case ZIP_SOURCE_STAT: {
        auto *stat = static_cast<zip_stat_t *>(data);
        zip_stat_init(stat);
        stat->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC
            | ZIP_STAT_ENCRYPTION_METHOD;
        stat->size = source->size;
        stat->comp_size = source->compressedSize;
        stat->comp_method = ZIP_CM_DEFLATE;
        stat->crc = source->crc;
        stat->encryption_method = ZIP_EM_NONE;
        return sizeof(*stat);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&source->error, data, length);
    case ZIP_SOURCE_FREE:
        return 0; // the source is pack()'s own
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
                                              ZIP_SOURCE_FREE, -1);
    default:
        zip_error_set(&source->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

} // namespace

QByteArray XlsxPackage::contentTypes()
{
    return XmlDeclaration
        + QByteArray(
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            "<Default Extension=\"rels\" "
            "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
            "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/"
            "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
            "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            "</Types>");
}

QByteArray XlsxPackage::packageRelationships()
{
    return relationships(relationship("rId1", "officeDocument", "xl/workbook.xml"));
}

QByteArray XlsxPackage::workbookRelationships()
{
    return relationships(relationship("rId1", "worksheet", "worksheets/sheet1.xml")
                         + relationship("rId2", "styles", "styles.xml"));
}

QByteArray XlsxPackage::workbook(const QString &sheetName)
{
    return XmlDeclaration
        + QByteArray("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                     "main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                     "relationships\"><workbookPr/><bookViews><workbookView/></bookViews>"
                     "<sheets><sheet name=\"")
        + escapedAttribute(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
}

QByteArray XlsxPackage::styles()
{
    const QByteArray font = "<sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/>";
    const QByteArray xf = " fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"";
    return XmlDeclaration
        + QByteArray("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
                     "2006/main\"><numFmts count=\"2\">"
                     "<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"
                     "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/></numFmts>"
                     "<fonts count=\"2\"><font>")
        + font + "</font><font><b/>" + font + "</font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
          "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
          "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border>"
          "</borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
          "borderId=\"0\"/></cellStyleXfs><cellXfs count=\"4\">"
        + "<xf numFmtId=\"0\"" + xf + "/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
          "applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\"" + xf + " applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"165\"" + xf + " applyNumberFormat=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
          "</cellStyles><dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>";
}

QString XlsxPackage::pack(const QString &path, const DeflatedFile &sheet,
                          const QString &sheetName)
{
    int error = 0;
    zip_t *archive = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE,
                              &error);
    if (!archive) {
        zip_error_t reason;
        zip_error_init_with_code(&reason, error);
        const QString message = QString::fromLocal8Bit(zip_error_strerror(&reason));
        zip_error_fini(&reason);
        return message;
    }
    // libzip reads the buffers in zip_close(): they live until then.
    const QList<std::pair<const char *, QByteArray>> parts = {
        {"[Content_Types].xml", contentTypes()},
        {"_rels/.rels", packageRelationships()},
        {"xl/workbook.xml", workbook(sheetName)},
        {"xl/_rels/workbook.xml.rels", workbookRelationships()},
        {"xl/styles.xml", styles()},
    };
    bool added = true;
    for (const auto &[name, bytes] : parts) {
        // Deflated at libzip's default level: these parts are small.
        added = added
            && addPart(archive, name,
                       zip_source_buffer(archive, bytes.constData(),
                                         zip_uint64_t(bytes.size()), 0));
    }
    DeflatedSource deflated;
    deflated.file.setFileName(sheet.fileName());
    deflated.size = sheet.size();
    deflated.compressedSize = sheet.compressedSize();
    deflated.crc = sheet.crc();
    zip_error_init(&deflated.error);
    added = added
        && addPart(archive, SheetPart,
                   zip_source_function_create(readDeflated, &deflated, nullptr));
    if (!added || zip_close(archive) != 0) {
        const QString message = zipError(archive);
        zip_discard(archive);
        zip_error_fini(&deflated.error);
        return message;
    }
    zip_error_fini(&deflated.error);
    return {};
}

} // namespace Rapport
