#include "vcard/vcardproperty.h"

#include <QStringDecoder>

namespace Rapport {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// "=C3=A9" -> the two bytes; a soft line break (= at a line end) is no character. The
// reader has joined a value's soft-broken lines already; one left over is dropped here.
QByteArray fromQuotedPrintable(const QByteArray &raw)
{
    QByteArray out;
    out.reserve(raw.size());
    const qsizetype n = raw.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = raw[i];
        if (c != '=') {
            out += c;
            continue;
        }
        if (i + 1 < n && (raw[i + 1] == '\r' || raw[i + 1] == '\n')) {
            i += (raw[i + 1] == '\r' && i + 2 < n && raw[i + 2] == '\n') ? 2 : 1;
            continue;
        }
        const int hi = i + 2 < n ? hexValue(raw[i + 1]) : -1;
        const int lo = hi >= 0 ? hexValue(raw[i + 2]) : -1;
        if (lo < 0) {
            out += c; // not an escape: keep it as written, as mail readers do
            continue;
        }
        out += char(hi * 16 + lo);
        i += 2;
    }
    return out;
}

// Outlook writes vCard 2.1 in the Windows code page without saying so.
QString fromWindows1252(const QByteArray &raw)
{
    QStringDecoder decoder("windows-1252", QStringDecoder::Flag::Stateless);
    if (!decoder.isValid())
        decoder = QStringDecoder(QStringDecoder::Latin1);
    return decoder(raw);
}

bool isEncodingName(const QByteArray &upper)
{
    return upper == "QUOTED-PRINTABLE" || upper == "BASE64" || upper == "B" || upper == "8BIT"
        || upper == "7BIT";
}

QByteArray unquoted(QByteArray value)
{
    return value.replace('"', QByteArray());
}

} // namespace

std::optional<VCardProperty> VCardProperty::parse(const QByteArray &line)
{
    const qsizetype n = line.size();
    qsizetype i = 0;
    while (i < n && line[i] != ';' && line[i] != ':')
        ++i;
    if (i == n)
        return std::nullopt;
    VCardProperty p;
    const QByteArray fullName = line.left(i).trimmed();
    const qsizetype dot = fullName.lastIndexOf('.');
    p.m_group = dot < 0 ? QByteArray() : fullName.left(dot);
    p.m_name = fullName.mid(dot + 1).toUpper();
    if (p.m_name.isEmpty())
        return std::nullopt;
    while (i < n && line[i] == ';') {
        // Parameter values may be quoted, and then hold ; : and , of their own.
        bool quoted = false;
        qsizetype j = i + 1;
        for (; j < n && (quoted || (line[j] != ';' && line[j] != ':')); ++j) {
            if (line[j] == '"')
                quoted = !quoted;
        }
        p.addParam(line.mid(i + 1, j - i - 1));
        i = j;
    }
    if (i >= n)
        return std::nullopt;
    p.m_value = line.mid(i + 1);
    return p;
}

QByteArray VCardProperty::nameOf(const QByteArray &line)
{
    qsizetype i = 0;
    while (i < line.size() && line[i] != ';' && line[i] != ':')
        ++i;
    const QByteArray fullName = line.left(i).trimmed();
    return fullName.mid(fullName.lastIndexOf('.') + 1).toUpper();
}

bool VCardProperty::isQuotedPrintable(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    return line.left(colon < 0 ? line.size() : colon).toUpper().contains("QUOTED-PRINTABLE");
}

void VCardProperty::addParam(const QByteArray &param)
{
    const QByteArray trimmed = param.trimmed();
    if (trimmed.isEmpty())
        return;
    const qsizetype eq = trimmed.indexOf('=');
    if (eq < 0) {
        // vCard 2.1 names types and encodings bare: TEL;WORK;VOICE, NOTE;QUOTED-PRINTABLE.
        const QByteArray upper = trimmed.toUpper();
        m_params.append({isEncodingName(upper) ? QByteArray("ENCODING") : QByteArray("TYPE"),
                         trimmed});
        return;
    }
    const QByteArray key = trimmed.left(eq).trimmed().toUpper();
    const QByteArray value = unquoted(trimmed.mid(eq + 1).trimmed());
    if (key != "TYPE") {
        m_params.append({key, value});
        return;
    }
    for (const QByteArray &type : value.split(',')) {
        if (!type.trimmed().isEmpty())
            m_params.append({key, type.trimmed()});
    }
}

QByteArray VCardProperty::param(const char *key) const
{
    for (const auto &p : m_params) {
        if (p.first == key)
            return p.second;
    }
    return {};
}

bool VCardProperty::hasType(const char *type) const
{
    for (const auto &p : m_params) {
        if (p.first == "TYPE" && qstricmp(p.second.constData(), type) == 0)
            return true;
    }
    return false;
}

int VCardProperty::prefRank() const
{
    bool ok = false;
    const int pref = param("PREF").toInt(&ok);
    if (ok)
        return qBound(1, pref, 100);
    return hasType("pref") ? 1 : 101;
}

QString VCardProperty::decoded(VCardVersion version, bool *badBytes) const
{
    QByteArray raw = m_value;
    const QByteArray encoding = param("ENCODING").toUpper();
    if (encoding == "QUOTED-PRINTABLE")
        raw = fromQuotedPrintable(raw);
    else if (encoding == "B" || encoding == "BASE64")
        raw = QByteArray::fromBase64(raw);
    if (const QByteArray charset = param("CHARSET"); !charset.isEmpty()) {
        QStringDecoder decoder(charset.constData(), QStringDecoder::Flag::Stateless);
        if (decoder.isValid()) {
            const QString text = decoder(raw);
            if (decoder.hasError())
                *badBytes = true;
            return text;
        }
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(raw);
    if (!utf8.hasError())
        return text;
    if (version == VCardVersion::V40) { // UTF-8 only
        *badBytes = true;
        return text;
    }
    return fromWindows1252(raw);
}

QString VCardProperty::text(VCardVersion version, bool *badBytes) const
{
    return unescaped(decoded(version, badBytes), version);
}

QStringList VCardProperty::components(VCardVersion version, bool *badBytes) const
{
    const QString value = decoded(version, badBytes);
    QStringList out;
    qsizetype start = 0;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] == QLatin1Char('\\')) {
            ++i; // an escaped character never splits
        } else if (value[i] == QLatin1Char(';')) {
            out.append(unescaped(QStringView(value).mid(start, i - start), version));
            start = i + 1;
        }
    }
    out.append(unescaped(QStringView(value).mid(qMin(start, value.size())), version));
    return out;
}

QString VCardProperty::unescaped(QStringView value, VCardVersion version)
{
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c != QLatin1Char('\\') || i + 1 == value.size()) {
            out += c;
            continue;
        }
        const char16_t e = value[i + 1].unicode();
        if (version == VCardVersion::V21 && e != ';') {
            out += c; // 2.1 escapes only the semicolon; a path like C:\new stays as it is
            continue;
        }
        if (e == 'n' || e == 'N')
            out += QLatin1Char('\n');
        else if (e == ',' || e == ';' || e == '\\' || e == ':')
            out += QChar(e);
        else {
            out += c; // not an escape vCard knows: keep the backslash
            continue;
        }
        ++i;
    }
    return out;
}

} // namespace Rapport
