#pragma once
// What an export writes its rows through, whatever the file is: CSV, or an Excel workbook.
// Cells come typed, so that a workbook can keep a phone number as text and an amount as a
// number, while CSV writes each as the importer reads it back.

#include <QString>
#include <QStringList>
#include <QVariantList>

namespace Rapport {

class RowWriter
{
public:
    virtual ~RowWriter() = default;

    // The column titles; called once, first.
    virtual bool writeHeader(const QStringList &titles) = 0;
    // One record. Each cell is a null QVariant (empty), a QString (text, never read as a number
    // or a formula), a qint64 or double (a number), a bool, a QDate or a QDateTime (UTC).
    virtual bool writeRow(const QVariantList &cells) = 0;
    // Completes the file; nothing is usable before. False on a write error.
    virtual bool finish() = 0;
    virtual QString errorString() const = 0;
};

} // namespace Rapport
