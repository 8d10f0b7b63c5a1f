#include "xlsx/xlsxcells.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QXmlStreamReader>

#include <cctype>
#include <cmath>

namespace Rapport {

namespace XlsxCells {

int columnOf(QStringView reference)
{
    qint64 column = 0;
    qsizetype i = 0;
    for (; i < reference.size(); ++i) {
        const char16_t c = reference[i].unicode();
        const char16_t upper = (c >= 'a' && c <= 'z') ? char16_t(c - 32) : c;
        if (upper < 'A' || upper > 'Z')
            break;
        column = column * 26 + (upper - 'A' + 1);
        if (column > MaxColumns)
            return -1;
    }
    if (i == 0 || i == reference.size())
        return -1;
    for (qsizetype j = i; j < reference.size(); ++j) {
        if (!reference[j].isDigit())
            return -1;
    }
    return int(column - 1);
}

QString numberText(double value)
{
    if (!std::isfinite(value))
        return QString::number(value);
    // Whole numbers that a double holds exactly keep every digit: a 15-digit phone number.
    if (value == std::trunc(value) && std::fabs(value) < 9007199254740992.0)
        return QString::number(qint64(value));
    // Others as Excel shows them: 0.1+0.2 is stored as 0.30000000000000004 and shown as 0.3.
    const double shown = QString::number(value, 'g', 15).toDouble();
    const double magnitude = std::fabs(shown);
    if (magnitude >= 1e-9 && magnitude < 1e21)
        return QString::number(shown, 'f', QLocale::FloatingPointShortest);
    return QString::number(shown, 'g', QLocale::FloatingPointShortest);
}

QString serialText(double serial, bool date1904, NumberKind kind)
{
    if (!std::isfinite(serial) || serial < 0 || serial >= 2958466) // past 9999-12-31
        return numberText(serial);
    qint64 days = qint64(std::floor(serial));
    qint64 seconds = std::llround((serial - double(days)) * 86400.0);
    if (seconds >= 86400) {
        ++days;
        seconds -= 86400;
    }
    const QTime time = QTime(0, 0).addSecs(int(seconds));
    if (kind == NumberKind::Time && days == 0)
        return time.toString(QStringLiteral("HH:mm:ss"));
    QDate date;
    if (date1904) {
        date = QDate(1904, 1, 1).addDays(days);
    } else if (days == 60) {
        // Excel's 29 February 1900, kept from Lotus 1-2-3: a day that never was.
        return kind == NumberKind::Date ? QStringLiteral("1900-02-29")
                                        : QStringLiteral("1900-02-29T")
                                              + time.toString(QStringLiteral("HH:mm:ss"));
    } else {
        date = QDate(1899, 12, days < 60 ? 31 : 30).addDays(days);
    }
    if (kind == NumberKind::Date)
        return date.toString(Qt::ISODate);
    return QDateTime(date, time).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
}

QString isoDateText(const QString &value)
{
    const QString trimmed = value.trimmed();
    if (trimmed.size() == 10) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        return date.isValid() ? date.toString(Qt::ISODate) : trimmed;
    }
    QDateTime moment = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!moment.isValid())
        return trimmed;
    if (moment.date() == QDate(1899, 12, 30) || moment.date() == QDate(1899, 12, 31))
        return moment.time().toString(QStringLiteral("HH:mm:ss")); // a time of day alone
    if (moment.time() == QTime(0, 0))
        return moment.date().toString(Qt::ISODate);
    return moment.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
}

int escapeAt(QStringView text, qsizetype i)
{
    if (text[i] != QLatin1Char('_') || i + 6 >= text.size() || text[i + 1] != QLatin1Char('x')
        || text[i + 6] != QLatin1Char('_'))
        return -1;
    for (qsizetype j = i + 2; j < i + 6; ++j) {
        if (!isxdigit(text[j].unicode() < 128 ? text[j].toLatin1() : 'g'))
            return -1;
    }
    return int(text.mid(i + 2, 4).toUInt(nullptr, 16));
}

QString unescaped(const QString &text)
{
    if (!text.contains(QLatin1String("_x")))
        return text;
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const int code = escapeAt(text, i);
        if (code >= 0) {
            out += QChar(char16_t(code));
            i += 6;
        } else {
            out += text[i];
        }
    }
    return out;
}

QString escapedUnderscores(const QString &text)
{
    if (!text.contains(QLatin1String("_x")))
        return text;
    QString out;
    out.reserve(text.size() + 7);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (escapeAt(text, i) >= 0)
            out += QLatin1String("_x005F_");
        else
            out += text[i];
    }
    return out;
}

QString readStringItem(QXmlStreamReader &xml, qsizetype maxChars, bool *tooLong)
{
    QString text;
    int depth = 1;          // inside the item
    int phonetic = 0;       // depth inside <rPh>, whose text is a reading aid
    bool inText = false;
    while (depth > 0 && !xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::StartElement:
            ++depth;
            if (xml.name() == QLatin1String("rPh") || phonetic > 0)
                ++phonetic;
            else if (xml.name() == QLatin1String("t"))
                inText = true;
            break;
        case QXmlStreamReader::EndElement:
            --depth;
            if (phonetic > 0)
                --phonetic;
            inText = false;
            break;
        case QXmlStreamReader::Characters:
            if (inText && phonetic == 0) {
                if (text.size() + xml.text().size() > maxChars)
                    *tooLong = true;
                else
                    text += xml.text();
            }
            break;
        default:
            break;
        }
    }
    return unescaped(text);
}

QString damagedPartMessage(const QString &part, const QXmlStreamReader &xml)
{
    return QCoreApplication::translate("Rapport::XlsxReader",
                                       "The workbook's part “%1” is damaged: %2 (line %3).")
        .arg(part, xml.errorString()).arg(xml.lineNumber());
}

} // namespace XlsxCells

} // namespace Rapport
