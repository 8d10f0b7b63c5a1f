#pragma once
// An export's rows as CSV: each typed cell written the way the importer reads it back
// (numbers in the C locale, dates and moments in ISO 8601, true/false, empty for no value),
// and the formula guard, when asked for, on text cells only, so that a negative amount
// stays a number. A workbook writer keeps a text cell as text and needs no guard at all.

#include "csv/csvwriter.h"
#include "files/rowwriter.h"

namespace Rapport {

class CsvRowWriter : public RowWriter, private Utf8RowSink
{
public:
    CsvRowWriter(QIODevice *device, QChar delimiter = QLatin1Char(','), bool bom = false,
                 bool formulaGuard = true);

    bool writeHeader(const QStringList &titles) override;
    bool writeRow(const QVariantList &cells) override;
    bool finish() override;
    QString errorString() const override { return m_writer.errorString(); }
    // Only with a delimiter of one byte in UTF-8, which the bytes can be searched for.
    Utf8RowSink *utf8Sink() override;

    // One typed cell as CSV text, before quoting.
    static QString cellText(const QVariant &cell, bool formulaGuard);

private:
    void appendText(QByteArrayView utf8) override;
    void appendCell(const QVariant &cell) override;
    bool endRow() override;

    CsvWriter m_writer;
    bool m_guard;
};

} // namespace Rapport
