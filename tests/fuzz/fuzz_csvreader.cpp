// libFuzzer target for the CSV reader and dialect detection: any bytes, any dialect choice,
// must end in records or a clear error, never a crash, hang or unbounded memory.
#include "csv/csvdialect.h"
#include "csv/csvreader.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte picks overrides, the rest is the file.
    const uint8_t choice = data[0];
    QBuffer buffer;
    buffer.setData(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    buffer.open(QIODevice::ReadOnly);
    Rapport::CsvDialect dialect = Rapport::CsvDialect::detect(&buffer);
    static const char *const encodings[] = {nullptr, "UTF-8", "UTF-16LE", "UTF-16BE",
                                            "windows-1252", "Shift_JIS"};
    if (const char *enc = encodings[choice % 6])
        dialect.encoding = enc;
    static const char delimiters[] = {0, ',', ';', '\t', '|', '"'};
    if (const char d = delimiters[(choice / 6) % 6]; d != 0 && d != '"')
        dialect.delimiter = QLatin1Char(d);
    Rapport::CsvReader reader(&buffer, dialect);
    if (choice & 0x80)
        reader.setMaxCellSize(16); // reach the size limits with small inputs
    QStringList fields;
    qint64 records = 0, lastLine = 0;
    while (reader.readRecord(fields)) {
        if (fields.isEmpty() || reader.recordLine() <= lastLine)
            __builtin_trap(); // records are never empty and lines only go forward
        lastLine = reader.recordLine();
        ++records;
    }
    if (reader.hasError() && reader.errorString().isEmpty())
        __builtin_trap();
    return 0;
}
