#include "vcard/vcardwriter.h"

#include <QDateTime>
#include <QIODevice>

namespace Rapport {

namespace {

constexpr qsizetype MaxLineBytes = 75;

QString valueOf(const QVariantMap &values, const char *key)
{
    return values.value(QLatin1String(key)).toString().trimmed();
}

// REV wants a UTC time: 2026-03-01T09:30:00Z.
QString revision(const QVariant &value)
{
    QDateTime time = value.toDateTime();
    if (!time.isValid())
        time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

QString joined(const QStringList &components)
{
    QStringList out;
    for (const QString &c : components)
        out.append(VCardWriter::escaped(c));
    return out.join(QLatin1Char(';'));
}

} // namespace

VCardWriter::VCardWriter(QIODevice *out)
    : m_out(out)
{
}

QString VCardWriter::escaped(const QString &text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        switch (c.unicode()) {
        case '\\': out += QLatin1String("\\\\"); break;
        case ',': out += QLatin1String("\\,"); break;
        case ';': out += QLatin1String("\\;"); break;
        case '\r':
            if (i + 1 < text.size() && text[i + 1] == QLatin1Char('\n'))
                ++i;
            out += QLatin1String("\\n");
            break;
        case '\n': out += QLatin1String("\\n"); break;
        default:
            // Other control characters have no place in a vCard (readers stop at them).
            if (c.unicode() >= 0x20 || c == QLatin1Char('\t'))
                out += c;
        }
    }
    return out;
}

QByteArray VCardWriter::folded(const QString &line)
{
    const QByteArray bytes = line.toUtf8();
    QByteArray out;
    out.reserve(bytes.size() + bytes.size() / 70 * 3 + 2);
    qsizetype pos = 0;
    qsizetype room = MaxLineBytes;
    while (true) {
        qsizetype end = qMin(pos + room, bytes.size());
        // Never between the bytes of one character: back to where it starts.
        while (end < bytes.size() && end > pos + 1 && (uchar(bytes[end]) & 0xC0) == 0x80)
            --end;
        out += bytes.mid(pos, end - pos);
        out += "\r\n";
        if (end >= bytes.size())
            return out;
        out += ' '; // a continuation line starts with a space, which counts to its 75
        pos = end;
        room = MaxLineBytes - 1;
    }
}

bool VCardWriter::writeCard(const QVariantMap &values)
{
    const auto v = [&values](const char *key) { return valueOf(values, key); };
    QStringList lines = {QStringLiteral("BEGIN:VCARD"), QStringLiteral("VERSION:3.0"),
                         QStringLiteral("PRODID:-//Rapport//Rapport//EN")};
    const auto add = [&lines](const char *property, const QString &text) {
        if (!text.isEmpty())
            lines.append(QLatin1String(property) + QLatin1Char(':') + text);
    };
    const QString first = v("first_name"), last = v("last_name"), account = v("account_name");
    lines.append(QStringLiteral("N:") + joined({last, first, {}, v("salutation"), {}}));
    QString fullName = QStringList{first, last}.join(QLatin1Char(' ')).trimmed();
    lines.append(QStringLiteral("FN:") + escaped(fullName.isEmpty() ? account : fullName));
    if (!account.isEmpty() || !v("department").isEmpty())
        add("ORG", v("department").isEmpty() ? escaped(account)
                                             : joined({account, v("department")}));
    add("TITLE", escaped(v("title")));
    add("EMAIL;TYPE=INTERNET,WORK", escaped(v("email")));
    add("EMAIL;TYPE=INTERNET", escaped(v("secondary_email")));
    add("TEL;TYPE=WORK,VOICE", escaped(v("phone")));
    add("TEL;TYPE=CELL", escaped(v("mobile")));
    add("TEL;TYPE=WORK,FAX", escaped(v("fax")));
    const QStringList address = {v("mailing_street"), v("mailing_city"), v("mailing_state"),
                                 v("mailing_zip"), v("mailing_country")};
    if (!address.join(QString()).isEmpty())
        add("ADR;TYPE=WORK", joined(QStringList{{}, {}} + address));
    add("URL", escaped(v("website")));
    add("NOTE", escaped(v("description")));
    bool isId = false;
    const qint64 id = values.value(QStringLiteral("id")).toLongLong(&isId);
    if (isId && id > 0)
        add("UID", QStringLiteral("urn:rapport:contact:%1").arg(id));
    add("REV", revision(values.value(QStringLiteral("updated_at"))));
    lines.append(QStringLiteral("END:VCARD"));
    QByteArray card;
    for (const QString &line : std::as_const(lines))
        card += folded(line);
    if (m_out->write(card) != card.size()) {
        m_error = tr("Could not write the file: %1").arg(m_out->errorString());
        return false;
    }
    return true;
}

} // namespace Rapport
