#pragma once
// What the import reads a file through, whatever the file is: a CSV file, a sheet of an Excel
// workbook, the cards of a vCard file. One record at a time, so a million rows never sit in
// memory; the importer, its rejected-rows file and the wizard's preview know only this.

#include <QString>
#include <QStringList>

namespace Rapport {

class RowReader
{
public:
    virtual ~RowReader() = default;

    // Reads the next record into `fields`. False at the end or on an error that stops the
    // whole file; tell them apart with hasError().
    virtual bool readRecord(QStringList &fields) = 0;
    // Where the record last returned starts, 1-based: the physical line of a CSV or vCard
    // file, the row number of a sheet. Messages and the rejected-rows file name it.
    virtual qint64 recordLine() const = 0;
    virtual bool hasError() const = 0;
    virtual QString errorString() const = 0;
    // A problem with the record last returned that rejects it alone, the rest of the file
    // being fine (a card of an unknown vCard version, say); empty when it is good.
    virtual QString recordProblem() const { return {}; }
    // Progress, in any unit the reader likes (bytes of the file or of the unpacked sheet):
    // how far it got, and where it ends (-1: unknown).
    virtual qint64 bytesRead() const = 0;
    virtual qint64 bytesTotal() const { return -1; }
    // Sentences the user should read after the import, about the file as a whole (a
    // workbook's formulas read as their last computed values, say).
    virtual QStringList notes() const { return {}; }
};

} // namespace Rapport
