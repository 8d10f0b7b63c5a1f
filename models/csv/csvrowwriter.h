#pragma once
// An export's rows as CSV: each typed cell written the way the importer reads it back
// (numbers in the C locale, dates and moments in ISO 8601, true/false, empty for no value),
// and the formula guard, when asked for, on text cells only, so that a negative amount
// stays a number. A workbook writer keeps a text cell as text and needs no guard at all.

#include "csv/csvwriter.h"
#include "files/rowwriter.h"

namespace Rapport {

class CsvRowWriter : public RowWriter
{
public:
    CsvRowWriter(QIODevice *device, QChar delimiter = QLatin1Char(','), bool bom = false,
                 bool formulaGuard = true);

    bool writeHeader(const QStringList &titles) override;
    bool writeRow(const QVariantList &cells) override;
    bool finish() override;
    QString errorString() const override { return m_writer.errorString(); }

    // One typed cell as CSV text, before quoting.
    static QString cellText(const QVariant &cell, bool formulaGuard);

private:
    CsvWriter m_writer;
    bool m_guard;
};

} // namespace Rapport
