#include "csv/csvdialect.h"

#include <QIODevice>
#include <QStringDecoder>
#include <uchardet/uchardet.h>

#include <array>
#include <memory>

namespace Rapport {

namespace {

constexpr qint64 SampleSize = 64 * 1024;
const std::array<QChar, 4> Candidates = {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t'),
                                         QLatin1Char('|')};

// Valid UTF-8, allowing a multi-byte sequence cut off by the end of the sample.
bool isUtf8(const QByteArray &sample, bool whole)
{
    QByteArray data = sample;
    if (!whole) {
        int cut = 0;
        for (int i = data.size() - 1; i >= 0 && i >= data.size() - 4; --i) {
            const uchar c = uchar(data[i]);
            if ((c & 0xC0) != 0x80) {
                if (c >= 0xC0)
                    cut = data.size() - i;
                break;
            }
        }
        data.chop(cut);
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(data);
    return !decoder.hasError();
}

// UTF-16 without a byte order mark shows as NUL in every other byte of ASCII text.
QByteArray guessBomlessUtf16(const QByteArray &sample)
{
    qsizetype evenNul = 0, oddNul = 0;
    const qsizetype n = qMin<qsizetype>(sample.size(), 4096) & ~qsizetype(1);
    for (qsizetype i = 0; i < n; i += 2) {
        evenNul += sample[i] == 0;
        oddNul += sample[i + 1] == 0;
    }
    if (n >= 8 && oddNul > n * 2 / 5 && evenNul == 0)
        return "UTF-16LE";
    if (n >= 8 && evenNul > n * 2 / 5 && oddNul == 0)
        return "UTF-16BE";
    return {};
}

QByteArray uchardetGuess(const QByteArray &sample)
{
    std::unique_ptr<std::remove_pointer_t<uchardet_t>, decltype(&uchardet_delete)> det(
        uchardet_new(), &uchardet_delete);
    if (uchardet_handle_data(det.get(), sample.constData(), size_t(sample.size())) != 0)
        return {};
    uchardet_data_end(det.get());
    QByteArray guess = uchardet_get_charset(det.get());
    // Guesses among the Western single-byte code pages are unreliable on short samples and
    // Latin-1 is really Windows-1252 in any file a Windows program wrote (0x80 is €): those
    // fall back to Windows-1252. Cyrillic, Greek, Asian and other guesses are kept.
    static const QByteArrayList western = {"ASCII", "ISO-8859-1", "ISO-8859-2", "ISO-8859-15",
                                           "WINDOWS-1250", "WINDOWS-1252", "MAC-CENTRALEUROPE"};
    if (guess.isEmpty() || western.contains(guess.toUpper()))
        return {};
    return QStringDecoder(guess.constData()).isValid() ? guess : QByteArray();
}

} // namespace

QByteArray CsvDialect::detectEncoding(const QByteArray &sample, bool whole, bool *hasBom)
{
    if (hasBom)
        *hasBom = true;
    if (sample.startsWith("\xEF\xBB\xBF"))
        return "UTF-8";
    if (sample.startsWith("\xFF\xFE"))
        return "UTF-16LE";
    if (sample.startsWith("\xFE\xFF"))
        return "UTF-16BE";
    if (hasBom)
        *hasBom = false;
    if (const QByteArray utf16 = guessBomlessUtf16(sample); !utf16.isEmpty())
        return utf16;
    if (isUtf8(sample, whole))
        return "UTF-8";
    if (const QByteArray guess = uchardetGuess(sample); !guess.isEmpty())
        return guess;
    return "windows-1252";
}

QChar CsvDialect::detectDelimiter(const QString &text)
{
    // Per candidate, the number of occurrences outside quotes on each of the first lines.
    constexpr int MaxLines = 20;
    std::array<QList<int>, Candidates.size()> counts;
    std::array<int, Candidates.size()> current{};
    bool quoted = false;
    int lines = 0;
    for (qsizetype i = 0; i < text.size() && lines < MaxLines; ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('"')) {
            quoted = !quoted;
        } else if (!quoted && (c == QLatin1Char('\n') || c == QLatin1Char('\r'))) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n'))
                ++i;
            for (size_t k = 0; k < Candidates.size(); ++k)
                counts[k].append(std::exchange(current[k], 0));
            ++lines;
        } else if (!quoted) {
            for (size_t k = 0; k < Candidates.size(); ++k)
                current[k] += c == Candidates[k];
        }
    }
    if (lines < MaxLines && !quoted) {
        for (size_t k = 0; k < Candidates.size(); ++k) {
            if (current[k] > 0 || counts[k].isEmpty())
                counts[k].append(current[k]);
        }
    }
    // Score: lines agreeing with the header's count (when it is > 0), then that count.
    QChar best = QLatin1Char(',');
    qint64 bestScore = 0;
    for (size_t k = 0; k < Candidates.size(); ++k) {
        const QList<int> &c = counts[k];
        if (c.isEmpty() || c.first() == 0)
            continue;
        const qint64 agreeing = std::count(c.cbegin(), c.cend(), c.first());
        const qint64 score = agreeing * 1000 + c.first();
        if (score > bestScore) {
            bestScore = score;
            best = Candidates[k];
        }
    }
    return best;
}

CsvDialect::LineEnd CsvDialect::detectLineEnd(const QString &text)
{
    qsizetype i = 0;
    while (i < text.size() && text[i] != QLatin1Char('\r') && text[i] != QLatin1Char('\n'))
        ++i;
    if (i == text.size() || text[i] == QLatin1Char('\n'))
        return LineEnd::Lf;
    return i + 1 < text.size() && text[i + 1] == QLatin1Char('\n') ? LineEnd::CrLf : LineEnd::Cr;
}

CsvDialect CsvDialect::detect(const QByteArray &sample, bool whole)
{
    CsvDialect d;
    d.encoding = detectEncoding(sample, whole, &d.hasBom);
    QStringDecoder decoder(d.encoding.constData());
    const QString text = decoder(sample);
    d.delimiter = detectDelimiter(text);
    d.lineEnd = detectLineEnd(text);
    return d;
}

CsvDialect CsvDialect::detect(QIODevice *device)
{
    const QByteArray sample = device->peek(SampleSize);
    return detect(sample, sample.size() < SampleSize);
}

QChar CsvDialect::delimiterFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("tab") || n == QLatin1String("\\t") || n == QLatin1String("\t"))
        return QLatin1Char('\t');
    if (n == QLatin1String("comma"))
        return QLatin1Char(',');
    if (n == QLatin1String("semicolon"))
        return QLatin1Char(';');
    if (n == QLatin1String("pipe"))
        return QLatin1Char('|');
    if (name.size() == 1 && name[0] != QLatin1Char('"') && name[0] != QLatin1Char('\n')
        && name[0] != QLatin1Char('\r'))
        return name[0];
    return {};
}

QByteArray CsvDialect::encodingFromName(const QString &name)
{
    QString n = name.trimmed().toLower();
    n.remove(QLatin1Char('-')).remove(QLatin1Char('_'));
    if (n == QLatin1String("utf8"))
        return "UTF-8";
    if (n == QLatin1String("utf16") || n == QLatin1String("utf16le") || n == QLatin1String("ucs2"))
        return "UTF-16LE";
    if (n == QLatin1String("utf16be"))
        return "UTF-16BE";
    if (n == QLatin1String("cp1252") || n == QLatin1String("windows1252") || n == QLatin1String("ansi")
        || n == QLatin1String("latin1") || n == QLatin1String("iso88591"))
        return "windows-1252";
    const QByteArray raw = name.trimmed().toLatin1();
    return !raw.isEmpty() && QStringDecoder(raw.constData()).isValid() ? raw : QByteArray();
}

} // namespace Rapport
