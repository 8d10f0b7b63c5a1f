#pragma once
// How a CSV file is written: encoding, delimiter and line ends. Files from Outlook, Excel in
// German, Google and Salesforce differ in all three, so the importer guesses them from the
// first bytes (detect()) and the user or the command line can override each one.

#include <QByteArray>
#include <QChar>
#include <QString>

class QIODevice;

namespace Rapport {

struct CsvDialect {
    enum class LineEnd { CrLf, Lf, Cr };

    QByteArray encoding = "UTF-8"; // a name QStringDecoder knows ("UTF-16LE", "windows-1252")
    QChar delimiter = QLatin1Char(',');
    LineEnd lineEnd = LineEnd::CrLf;
    bool hasBom = false;           // the file starts with a byte order mark (skipped by the reader)

    // Guesses the dialect from the start of the device without consuming it (the device
    // must be open and at its start; it is left there). Encoding: byte order mark, then
    // UTF-8 validity, then libuchardet's guess, else windows-1252. Delimiter: the candidate
    // found outside quotes the same number of times on most of the first lines.
    static CsvDialect detect(QIODevice *device);
    static CsvDialect detect(const QByteArray &sample, bool sampleIsWholeFile);

    static QByteArray detectEncoding(const QByteArray &sample, bool sampleIsWholeFile,
                                     bool *hasBom = nullptr);
    static QChar detectDelimiter(const QString &text);
    static LineEnd detectLineEnd(const QString &text);

    // "tab" (or "comma", "semicolon", "pipe") -> the character; one character -> itself;
    // anything else (including a quote or a line break) -> a null QChar.
    static QChar delimiterFromName(const QString &name);
    // A name QStringDecoder accepts for `name` (aliases such as "utf16", "cp1252",
    // "latin1" understood); empty if Rapport cannot decode it.
    static QByteArray encodingFromName(const QString &name);
};

} // namespace Rapport
