#include "xlsx/xlsxstyles.h"

#include <QHash>
#include <QXmlStreamReader>

namespace Rapport {

using XlsxCells::NumberKind;

namespace {

constexpr qsizetype MaxStyles = 65536; // Excel allows 64000 cell formats

} // namespace

NumberKind XlsxStyles::kindOfBuiltIn(int numFmtId)
{
    if ((numFmtId >= 14 && numFmtId <= 17) || numFmtId == 22)
        return numFmtId == 22 ? NumberKind::DateTime : NumberKind::Date;
    if ((numFmtId >= 18 && numFmtId <= 21) || (numFmtId >= 45 && numFmtId <= 47))
        return NumberKind::Time;
    return NumberKind::Number;
}

NumberKind XlsxStyles::kindOfCode(const QString &formatCode)
{
    bool date = false, time = false, month = false;
    bool quoted = false;
    int bracket = 0;
    for (qsizetype i = 0; i < formatCode.size(); ++i) {
        const QChar c = formatCode[i].toLower();
        if (quoted) {
            quoted = c != QLatin1Char('"');
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char('[')) {
            ++bracket;
        } else if (c == QLatin1Char(']')) {
            bracket = qMax(0, bracket - 1);
        } else if (bracket > 0) {
            continue;
        } else if (c == QLatin1Char('\\') || c == QLatin1Char('_') || c == QLatin1Char('*')) {
            ++i; // an escaped character, a space as wide as one, or the fill character
        } else if (c == QLatin1Char('d') || c == QLatin1Char('y')) {
            date = true;
        } else if (c == QLatin1Char('h') || c == QLatin1Char('s')) {
            time = true;
        } else if (c == QLatin1Char('m')) {
            month = true; // or minutes, when hours or seconds are shown too
        }
    }
    date = date || (month && !time);
    if (date && time)
        return NumberKind::DateTime;
    if (date)
        return NumberKind::Date;
    return time ? NumberKind::Time : NumberKind::Number;
}

QString XlsxStyles::parse(const QByteArray &bytes, const QString &partName)
{
    m_kinds.clear();
    QHash<int, NumberKind> custom;
    QXmlStreamReader xml(bytes);
    bool inCellXfs = false;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::EndElement && xml.name() == QLatin1String("cellXfs"))
            inCellXfs = false;
        if (token != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        const auto attributes = xml.attributes();
        if (name == QLatin1String("numFmt")) {
            custom.insert(attributes.value(QLatin1String("numFmtId")).toInt(),
                          kindOfCode(attributes.value(QLatin1String("formatCode")).toString()));
        } else if (name == QLatin1String("cellXfs")) {
            inCellXfs = true;
        } else if (inCellXfs && name == QLatin1String("xf") && m_kinds.size() < MaxStyles) {
            const int id = attributes.value(QLatin1String("numFmtId")).toInt();
            m_kinds.append(custom.contains(id) ? custom.value(id) : kindOfBuiltIn(id));
        }
    }
    if (xml.hasError()) {
        m_kinds.clear();
        return XlsxCells::damagedPartMessage(partName, xml);
    }
    return {};
}

NumberKind XlsxStyles::kindOf(int styleIndex) const
{
    return styleIndex >= 0 && styleIndex < m_kinds.size() ? m_kinds[styleIndex]
                                                          : NumberKind::Number;
}

} // namespace Rapport
