#include "vcard/vcardreader.h"

#include "vcard/vcardfields.h"
#include "vcard/vcardproperty.h"

#include <QIODevice>

#include <optional>

namespace Rapport {

namespace {

constexpr qint64 ChunkSize = 64 * 1024;

// BEGIN:VCARD, END:VCARD, in any case and with stray spaces.
bool isCardMarker(const QByteArray &line, const char *marker)
{
    const qsizetype colon = line.indexOf(':');
    return colon > 0 && line.left(colon).trimmed().toUpper() == marker
        && line.mid(colon + 1).trimmed().toUpper() == "VCARD";
}

// A card without VERSION is read as 3.0, which most writers mean.
std::optional<VCardVersion> versionOf(const QString &version)
{
    if (version.isEmpty() || version == QLatin1String("3.0"))
        return VCardVersion::V30;
    if (version == QLatin1String("2.1"))
        return VCardVersion::V21;
    if (version == QLatin1String("4.0"))
        return VCardVersion::V40;
    return std::nullopt;
}

} // namespace

VCardReader::VCardReader(QIODevice *device)
    : m_device(device)
{
}

QStringList VCardReader::headers()
{
    return VCardFields::headers();
}

qint64 VCardReader::bytesTotal() const
{
    return m_device->isSequential() ? -1 : m_device->size();
}

qint64 VCardReader::rapportId() const
{
    static const QLatin1String prefix("urn:rapport:contact:");
    bool ok = false;
    const qint64 id = m_uid.startsWith(prefix) ? m_uid.mid(prefix.size()).toLongLong(&ok) : -1;
    return ok && id > 0 ? id : -1;
}

bool VCardReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

bool VCardReader::failLongValue(qint64 line)
{
    return fail(tr("The value on line %1 is longer than %2 bytes: this is probably not a vCard "
                   "file.").arg(line).arg(m_maxLine));
}

bool VCardReader::fill()
{
    if (m_eof)
        return false;
    m_buf.remove(0, m_pos);
    m_pos = 0;
    const QByteArray bytes = m_device->read(ChunkSize);
    if (bytes.isEmpty()) {
        m_eof = true;
        return false;
    }
    m_bytesRead += bytes.size();
    m_buf += bytes;
    return true;
}

int VCardReader::peekByte()
{
    if (m_pos >= m_buf.size() && !fill())
        return -1;
    return uchar(m_buf[m_pos]);
}

// The next physical line, without its line end, into `line`; false at the end of the file
// or on an error. Only its first `limit` bytes are kept (`cut` says when there were more):
// a photo's lines are read and dropped, never held.
bool VCardReader::readLine(QByteArray &line, qsizetype limit, bool *cut)
{
    line.clear();
    *cut = false;
    m_lastByte = 0;
    if (hasError() || peekByte() < 0)
        return false;
    ++m_line;
    qint64 lineBytes = 0;
    while (true) {
        const qsizetype nl = m_buf.indexOf('\n', m_pos);
        const qsizetype end = nl < 0 ? m_buf.size() : nl;
        for (qsizetype i = m_pos; i < end; ++i) {
            const uchar c = uchar(m_buf[i]);
            if (c < 0x20 && c != '\t' && c != '\r')
                return fail(tr("Line %1 contains a control character (0x%2): this is not a "
                               "vCard file.").arg(m_line).arg(int(c), 2, 16, QLatin1Char('0')));
            if (c != '\r')
                m_lastByte = char(c);
        }
        const qsizetype take = qMin(end - m_pos, qMax(limit - line.size(), qsizetype(0)));
        *cut = *cut || take < end - m_pos;
        line.append(m_buf.constData() + m_pos, take);
        m_cardBytes += end - m_pos + (nl >= 0 ? 1 : 0);
        lineBytes += end - m_pos;
        m_pos = end;
        if (nl >= 0) {
            ++m_pos;
            break;
        }
        if (lineBytes > 64 * qint64(m_maxLine))
            return fail(tr("Line %1 is longer than %2 bytes: this is not a vCard file, or it is "
                           "damaged.").arg(m_line).arg(64 * qint64(m_maxLine)));
        if (!fill())
            break;
    }
    if (line.endsWith('\r'))
        line.chop(1);
    return true;
}

// Joins to `line` the lines that continue it: folded lines (starting with a space or a tab)
// and, in a quoted-printable value, the lines after a soft line break (= at the end).
bool VCardReader::readContinuations(QByteArray &line, bool keep, bool quotedPrintable)
{
    const qint64 first = m_line;
    QByteArray next;
    bool cut = false;
    while (true) {
        const bool softBreak = quotedPrintable && m_lastByte == '=';
        if (!softBreak) {
            const int c = peekByte();
            if (c != ' ' && c != '\t')
                return !hasError();
        }
        if (keep && softBreak)
            line.chop(1);
        if (!readLine(next, keep ? m_maxLine - line.size() + 1 : 0, &cut))
            return !hasError();
        if (keep && (cut || line.size() + next.size() > m_maxLine))
            return failLongValue(first);
        if (keep)
            line += softBreak ? next : next.mid(1);
    }
}

bool VCardReader::findBegin()
{
    if (m_line == 0 && peekByte() >= 0
        && (m_buf.startsWith("\xFF\xFE") || m_buf.startsWith("\xFE\xFF")))
        return fail(tr("This vCard file is in UTF-16, which Rapport does not read: save it as "
                       "UTF-8."));
    QByteArray line;
    bool cut = false;
    while (true) {
        m_cardBytes = 0;
        if (!readLine(line, 256, &cut)) {
            if (!hasError() && m_cards == 0)
                fail(tr("The file holds no cards: it is empty or not a vCard file."));
            return false;
        }
        if (m_line == 1 && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3);
        if (line.trimmed().isEmpty())
            continue;
        if (!cut && isCardMarker(line, "BEGIN")) {
            m_recordLine = m_line;
            return true;
        }
        return fail(tr("Line %1 is not the start of a card (BEGIN:VCARD): this is not a vCard "
                       "file, or it is damaged.").arg(m_line));
    }
}

// Reads the card's lines up to its END:VCARD, keeping the properties VCardFields reads.
// `ended` is false when the file ends first.
bool VCardReader::readCard(QList<VCardProperty> &properties, QString &version, bool *ended)
{
    *ended = false;
    int depth = 0;
    qsizetype kept = 0;
    QByteArray line;
    bool cut = false;
    const auto tooLarge = [this] {
        return fail(tr("The card starting on line %1 is larger than %2 bytes: this is probably "
                       "not a vCard file.").arg(m_recordLine).arg(64 * qint64(m_maxLine)));
    };
    while (readLine(line, m_maxLine, &cut)) {
        const qint64 lineNumber = m_line;
        const QByteArray name = VCardProperty::nameOf(line);
        const bool keep = depth == 0 && (name == "VERSION" || VCardFields::isWanted(name));
        if (keep && cut)
            return failLongValue(lineNumber);
        if (!readContinuations(line, keep, VCardProperty::isQuotedPrintable(line)))
            return false;
        if (m_cardBytes > 64 * qint64(m_maxLine))
            return tooLarge();
        if (name == "END" && isCardMarker(line, "END")) {
            if (depth-- == 0) {
                *ended = true;
                return true;
            }
        } else if (name == "BEGIN" && isCardMarker(line, "BEGIN")) {
            ++depth; // a card inside the card (a 2.1 AGENT): passed over
        } else if (keep) {
            kept += line.size();
            if (kept > 8 * m_maxLine)
                return tooLarge();
            if (properties.size() >= MaxProperties)
                return fail(tr("The card starting on line %1 has more than %2 properties: this is "
                               "probably not a vCard file.").arg(m_recordLine).arg(MaxProperties));
            std::optional<VCardProperty> p = VCardProperty::parse(line);
            bool ignored = false;
            if (p && p->name() == "VERSION")
                version = p->text(VCardVersion::V40, &ignored).trimmed();
            else if (p)
                properties.append(std::move(*p));
        }
    }
    return !hasError();
}

bool VCardReader::readRecord(QStringList &fields)
{
    fields.clear();
    m_problem.clear();
    m_uid.clear();
    if (hasError() || !findBegin())
        return false;
    ++m_cards;
    m_cardBytes = 0;
    QList<VCardProperty> properties;
    QString version;
    bool ended = false;
    if (!readCard(properties, version, &ended))
        return false;
    const std::optional<VCardVersion> known = versionOf(version);
    const VCardFields::Card card = VCardFields::fields(properties,
                                                       known.value_or(VCardVersion::V40));
    fields = card.row;
    m_uid = card.uid;
    if (!ended)
        m_problem = tr("The file ends before this card’s END:VCARD: it was cut short.");
    else if (!known)
        m_problem = tr("This card is vCard version %1, which Rapport cannot read (it reads 2.1, "
                       "3.0 and 4.0).").arg(version.left(20));
    else if (card.badBytes)
        m_problem = tr("This card has text that is not valid in its character set.");
    else if (!card.named)
        m_problem = tr("This card has no name: no N, FN or ORG.");
    return true;
}

} // namespace Rapport
