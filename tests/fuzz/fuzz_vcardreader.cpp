// libFuzzer target for the vCard reader: any bytes must end in cards or a clear error, never
// a crash, a hang or unbounded memory; every card comes with a full row.
#include "vcard/vcardreader.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte picks the limits, the rest is the file.
    const uint8_t choice = data[0];
    QBuffer buffer;
    buffer.setData(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    buffer.open(QIODevice::ReadOnly);
    Rapport::VCardReader reader(&buffer);
    if (choice & 0x80)
        reader.setMaxLineSize(64); // reach the size limits with small inputs
    const qsizetype columns = Rapport::VCardReader::headers().size();
    QStringList fields;
    qint64 lastLine = 0;
    while (reader.readRecord(fields)) {
        if (fields.size() != columns || reader.recordLine() <= lastLine)
            __builtin_trap(); // rows are whole and lines only go forward
        lastLine = reader.recordLine();
        (void)reader.rapportId();
    }
    if (reader.hasError() && reader.errorString().isEmpty())
        __builtin_trap();
    return 0;
}
