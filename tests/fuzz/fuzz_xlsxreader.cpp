// libFuzzer target for the workbook reader: any bytes must end in rows or a clear error, never
// a crash, hang or unbounded memory. An input that starts as a zip (or a compound file) is
// read as the workbook itself; any other is taken as the XML of a sheet, its shared strings,
// its styles and its workbook properties (split at NUL bytes), packed into a workbook here,
// so that mutations reach the XML instead of failing the zip's checksums.
#include "xlsx/xlsxreader.h"

#include <QByteArray>
#include <QList>

#include <zip.h>

#include <cstddef>
#include <cstdint>

namespace {

QByteArray packed(const QList<QByteArray> &pieces)
{
    const QByteArray rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const QByteArray workbook = "<workbook xmlns:r=\"" + rel + "\">" + pieces.value(3)
        + "<sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>";
    const QByteArray rels = "<Relationships><Relationship Id=\"rId1\" Type=\"" + rel
        + "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\""
        + rel + "/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" "
        "Type=\"" + rel + "/styles\" Target=\"/xl/styles.xml\"/></Relationships>";
    const QList<std::pair<const char *, QByteArray>> parts = {
        {"xl/workbook.xml", workbook},
        {"xl/_rels/workbook.xml.rels", rels},
        {"xl/worksheets/sheet1.xml", pieces.value(0)},
        {"xl/sharedStrings.xml", pieces.value(1)},
        {"xl/styles.xml", pieces.value(2)},
    };
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t *archive = source ? zip_open_from_source(source, ZIP_TRUNCATE, &error) : nullptr;
    zip_error_fini(&error);
    if (!archive) {
        zip_source_free(source);
        return {};
    }
    zip_source_keep(source);
    for (const auto &[name, bytes] : parts) {
        zip_source_t *part = zip_source_buffer(archive, bytes.constData(),
                                               zip_uint64_t(bytes.size()), 0);
        const zip_int64_t index = part ? zip_file_add(archive, name, part, 0) : -1;
        if (index < 0)
            zip_source_free(part);
        else
            zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_STORE, 0);
    }
    QByteArray out;
    zip_stat_t st;
    if (zip_close(archive) == 0 && zip_source_open(source) == 0) {
        if (zip_source_stat(source, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
            out.resize(qsizetype(st.size));
            if (zip_source_read(source, out.data(), st.size) != zip_int64_t(st.size))
                out.clear();
        }
        zip_source_close(source);
    } else {
        zip_discard(archive);
    }
    zip_source_free(source);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    if (!bytes.startsWith("PK") && !bytes.startsWith("\xD0\xCF\x11\xE0"))
        bytes = packed(bytes.split('\0'));
    Rapport::XlsxReader reader;
    if (size % 5 == 0) // reach the limits with small inputs
        reader.setLimits(64 * 1024, 50, 64);
    if (!reader.openData(bytes).isEmpty()) {
        if (!reader.hasError() || !reader.sheetNames().isEmpty())
            __builtin_trap(); // a refusal is said, and leaves nothing half open
        return 0;
    }
    const int sheets = int(qMin<qsizetype>(reader.sheetNames().size(), 3));
    for (int sheet = 0; sheet < sheets; ++sheet) {
        if (sheet > 0 && !reader.selectSheet(sheet).isEmpty())
            continue;
        QStringList fields;
        qint64 lastLine = 0;
        while (reader.readRecord(fields)) {
            // rows have a value in their last cell, and row numbers only go forward
            if (fields.isEmpty() || fields.constLast().isEmpty()
                || reader.recordLine() <= lastLine || fields.size() > 16384)
                __builtin_trap();
            lastLine = reader.recordLine();
        }
        if (reader.hasError() && reader.errorString().isEmpty())
            __builtin_trap();
        if (reader.bytesTotal() >= 0 && reader.bytesRead() > reader.bytesTotal())
            __builtin_trap();
    }
    return 0;
}
