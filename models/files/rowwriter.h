#pragma once
// What an export writes its rows through, whatever the file is: CSV, or an Excel workbook.
// Cells come typed, so that a workbook can keep a phone number as text and an amount as a
// number, while CSV writes each as the importer reads it back.

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace Rapport {

// A row a cell at a time, text as UTF-8 bytes: for a writer whose file keeps text as UTF-8
// (CSV), fed straight from the database's own bytes (storage/directrows.h).
class Utf8RowSink
{
public:
    virtual ~Utf8RowSink() = default;

    // A text cell as writeRow() writes a QString cell; empty for no value.
    virtual void appendText(QByteArrayView utf8) = 0;
    // Any other cell, typed as writeRow() takes it.
    virtual void appendCell(const QVariant &cell) = 0;
    // Ends the row; false on a write error.
    virtual bool endRow() = 0;
};

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
    // The same rows as UTF-8 cells, when the writer takes them so (null when not).
    virtual Utf8RowSink *utf8Sink() { return nullptr; }
};

} // namespace Rapport
