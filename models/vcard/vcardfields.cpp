#include "vcard/vcardfields.h"

namespace Rapport {

namespace {

// Values go into single-line fields, the street and the description keep their lines; no
// value keeps a control character (a quoted-printable =00 decodes to one).
QString cleaned(const QString &text, bool multiline)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n'))
                ++i;
            out += multiline ? QLatin1Char('\n') : QLatin1Char(' ');
        } else if (c.unicode() >= 0x20 && c.unicode() != 0x7F) {
            out += c;
        } else if (c == QLatin1Char('\t')) {
            out += multiline ? c : QLatin1Char(' ');
        }
    }
    return multiline ? out.trimmed() : out.simplified();
}

// "Schmidt, Anna" and "Anna Schmidt" alike; a single word is the last name.
void splitFullName(const QString &fullName, QString *first, QString *last)
{
    const qsizetype comma = fullName.indexOf(QLatin1Char(','));
    const qsizetype space = fullName.lastIndexOf(QLatin1Char(' '));
    if (comma > 0) {
        *last = fullName.left(comma).trimmed();
        *first = fullName.mid(comma + 1).trimmed();
    } else if (space > 0) {
        *first = fullName.left(space).trimmed();
        *last = fullName.mid(space + 1).trimmed();
    } else {
        *last = fullName;
    }
}

QString withoutScheme(const QString &value, QLatin1String scheme)
{
    return value.startsWith(scheme, Qt::CaseInsensitive) ? value.mid(scheme.size()) : value;
}

// A 4.0 tel: URI as a person writes the number: "tel:+1-555-0100;ext=12" -> "+1-555-0100 ext. 12".
QString phoneNumber(const QString &value)
{
    QString number = withoutScheme(value, QLatin1String("tel:"));
    number.replace(QLatin1String(";ext="), QLatin1String(" ext. "), Qt::CaseInsensitive);
    return number;
}

class Reading
{
public:
    Reading(const QList<VCardProperty> &properties, VCardVersion version)
        : m_properties(properties), m_version(version) {}

    bool badBytes() const { return m_badBytes; }
    QString text(const VCardProperty *p, bool multiline = false)
    {
        return p ? cleaned(p->text(m_version, &m_badBytes), multiline) : QString();
    }
    QStringList parts(const VCardProperty *p, int count)
    {
        QStringList out = p ? p->components(m_version, &m_badBytes) : QStringList();
        for (QString &part : out)
            part = cleaned(part, true);
        while (out.size() < count)
            out.append(QString());
        return out;
    }
    const VCardProperty *first(const char *name) const
    {
        for (const VCardProperty &p : m_properties) {
            if (p.name() == name)
                return &p;
        }
        return nullptr;
    }
    // Apple and Google name a value's kind in an X-ABLabel of the same group (item1.TEL,
    // item1.X-ABLabel:_$!<Mobile>!$_).
    QString label(const VCardProperty &p)
    {
        if (p.group().isEmpty())
            return {};
        for (const VCardProperty &q : m_properties) {
            if (q.name() == "X-ABLABEL" && q.group().compare(p.group(), Qt::CaseInsensitive) == 0)
                return text(&q).toLower();
        }
        return {};
    }
    bool isWork(const VCardProperty &p) { return p.hasType("work") || label(p).contains(u"work"); }
    // The property of that name with the lowest rank (the first among equals); a negative
    // rank leaves it out.
    template <typename Rank>
    const VCardProperty *best(const char *name, Rank rank, const VCardProperty *except = nullptr)
    {
        const VCardProperty *chosen = nullptr;
        int chosenRank = 0;
        for (const VCardProperty &p : m_properties) {
            if (p.name() != name || &p == except)
                continue;
            const int r = rank(p);
            if (r >= 0 && (!chosen || r < chosenRank)) {
                chosen = &p;
                chosenRank = r;
            }
        }
        return chosen;
    }

private:
    const QList<VCardProperty> &m_properties;
    VCardVersion m_version;
    bool m_badBytes = false;
};

enum class TelKind { Voice, Mobile, Fax, Other };

TelKind telKind(Reading &r, const VCardProperty &p)
{
    const QString label = r.label(p);
    if (p.hasType("fax") || label.contains(u"fax"))
        return TelKind::Fax;
    if (p.hasType("cell") || label.contains(u"mobile") || label.contains(u"cell")
        || label.contains(u"iphone"))
        return TelKind::Mobile;
    if (p.hasType("pager") || label.contains(u"pager"))
        return TelKind::Other;
    return TelKind::Voice;
}

void readNames(Reading &r, VCardFields::Card &card)
{
    QStringList &row = card.row;
    const QStringList n = r.parts(r.first("N"), 5);
    row[VCardFields::LastName] = n[0];
    // Rapport has no middle name: it stays with the first name.
    row[VCardFields::FirstName] = QStringList{n[1], n[2]}.join(QLatin1Char(' ')).trimmed();
    row[VCardFields::Salutation] = n[3];
    const QStringList org = r.parts(r.first("ORG"), 2);
    row[VCardFields::AccountName] = org[0];
    row[VCardFields::Department] = org[1];
    const QString fullName = r.text(r.first("FN"));
    // A company's own card (Apple's "show as company") is named after the company alone.
    const bool company = r.text(r.first("X-ABSHOWAS")).compare(u"COMPANY", Qt::CaseInsensitive) == 0
        || fullName == org[0];
    if (row[VCardFields::FirstName].isEmpty() && row[VCardFields::LastName].isEmpty()
        && !fullName.isEmpty() && !company)
        splitFullName(fullName, &row[VCardFields::FirstName], &row[VCardFields::LastName]);
    card.named = !row[VCardFields::FirstName].isEmpty() || !row[VCardFields::LastName].isEmpty()
        || !org[0].isEmpty();
    const VCardProperty *title = r.first("TITLE");
    row[VCardFields::Title] = r.text(title ? title : r.first("ROLE"));
}

void readReach(Reading &r, QStringList &row)
{
    const auto byPref = [](const VCardProperty &p) { return p.prefRank(); };
    const VCardProperty *email = r.best("EMAIL", byPref);
    const auto mail = [&](const VCardProperty *p) {
        return withoutScheme(r.text(p), QLatin1String("mailto:"));
    };
    row[VCardFields::Email] = mail(email);
    row[VCardFields::SecondaryEmail] = email ? mail(r.best("EMAIL", byPref, email)) : QString();
    const auto tel = [&](TelKind kind, bool workFirst) {
        return phoneNumber(r.text(r.best("TEL", [&](const VCardProperty &p) {
            if (telKind(r, p) != kind)
                return -1;
            return (workFirst && !r.isWork(p) ? 1000 : 0) + p.prefRank();
        })));
    };
    row[VCardFields::Phone] = tel(TelKind::Voice, true);
    row[VCardFields::Mobile] = tel(TelKind::Mobile, false);
    row[VCardFields::Fax] = tel(TelKind::Fax, true);
    row[VCardFields::Website] = r.text(r.best("URL", byPref));
}

void readAddress(Reading &r, QStringList &row)
{
    const VCardProperty *adr = r.best("ADR", [&](const VCardProperty &p) {
        return (r.isWork(p) ? 0 : 1000) + p.prefRank();
    });
    // post office box; extended address; street; locality; region; postal code; country
    const QStringList a = r.parts(adr, 7);
    QStringList street;
    for (const QString &part : {a[2], a[1], a[0]}) {
        if (!part.isEmpty())
            street.append(part);
    }
    row[VCardFields::Street] = street.join(QLatin1Char('\n'));
    row[VCardFields::City] = a[3].simplified();
    row[VCardFields::State] = a[4].simplified();
    row[VCardFields::Zip] = a[5].simplified();
    row[VCardFields::Country] = a[6].simplified();
}

} // namespace

QStringList VCardFields::headers()
{
    // Not translated: the header matcher knows Rapport's English labels in every language.
    return {QStringLiteral("Salutation"), QStringLiteral("First Name"),
            QStringLiteral("Last Name"), QStringLiteral("Account Name"),
            QStringLiteral("Department"), QStringLiteral("Title"), QStringLiteral("Email"),
            QStringLiteral("Secondary Email"), QStringLiteral("Phone"), QStringLiteral("Mobile"),
            QStringLiteral("Fax"), QStringLiteral("Website"), QStringLiteral("Mailing Street"),
            QStringLiteral("Mailing City"), QStringLiteral("Mailing State"),
            QStringLiteral("Mailing Zip"), QStringLiteral("Mailing Country"),
            QStringLiteral("Description")};
}

bool VCardFields::isWanted(const QByteArray &name)
{
    static const QByteArrayList wanted = {"N", "FN", "ORG", "TITLE", "ROLE", "EMAIL", "TEL",
                                          "URL", "ADR", "NOTE", "UID", "X-ABLABEL",
                                          "X-ABSHOWAS"};
    return wanted.contains(name);
}

VCardFields::Card VCardFields::fields(const QList<VCardProperty> &properties,
                                      VCardVersion version)
{
    Card card;
    card.row = QStringList(ColumnCount, QString());
    Reading r(properties, version);
    readNames(r, card);
    readReach(r, card.row);
    readAddress(r, card.row);
    QStringList notes;
    for (const VCardProperty &p : properties) {
        if (p.name() == "NOTE")
            notes.append(r.text(&p, true));
    }
    notes.removeAll(QString());
    card.row[Description] = notes.join(QLatin1Char('\n'));
    card.uid = r.text(r.first("UID"));
    card.badBytes = r.badBytes();
    return card;
}

} // namespace Rapport
