#include "records/matchkeys.h"

#include "records/recordtypes.h"
#include "records/searchkey.h"

#include <QLocale>

#include <QRegularExpression>
#include <QSet>

#include <phonenumbers/phonenumberutil.h>

#include <functional>

namespace Rapport::MatchKeys {

namespace {

QString &regionOverride()
{
    static QString region;
    return region;
}

const QSet<QString> &freeMailDomains()
{
    static const QSet<QString> domains = {
        "gmail.com", "googlemail.com", "outlook.com", "outlook.de", "hotmail.com",
        "hotmail.co.uk", "hotmail.de", "hotmail.fr", "live.com", "live.de", "msn.com",
        "yahoo.com", "yahoo.co.uk", "yahoo.de", "yahoo.fr", "ymail.com", "aol.com",
        "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.com",
        "web.de", "t-online.de", "freenet.de", "posteo.de", "mailbox.org", "protonmail.com",
        "proton.me", "tutanota.com", "fastmail.com", "hey.com", "yandex.ru", "mail.ru",
        "orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "libero.it", "qq.com", "163.com",
        "126.com", "naver.com", "bluewin.ch", "seznam.cz", "wp.pl", "o2.pl"};
    return domains;
}

// Legal-form words after punctuation is removed ("S.A." is "sa", "Co." is "co").
const QSet<QString> &legalSuffixes()
{
    static const QSet<QString> words = {
        "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "gmbh", "mbh", "ag",
        "sa", "sas", "sarl", "bv", "nv", "plc", "co", "company", "corp", "corporation", "kg",
        "kgaa", "ohg", "gbr", "ug", "ev", "oy", "oyj", "ab", "spa", "srl", "sl", "pty", "pte",
        "kk", "se", "as", "asa", "aps", "sro"};
    return words;
}

// Words that say nothing about which company it is.
const QSet<QString> &fillerWords()
{
    static const QSet<QString> words = {"and", "und", "et", "the"};
    return words;
}


QVariant keyValue(const QString &key)
{
    return key.isEmpty() ? QVariant() : QVariant(key);
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> prev(b.size() + 1), cur(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

} // namespace

QString email(const QString &text)
{
    QString e = text.trimmed();
    if (e.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive))
        e = e.mid(7);
    if (e.startsWith(QLatin1Char('<')) && e.endsWith(QLatin1Char('>')))
        e = e.mid(1, e.size() - 2).trimmed();
    e = e.toLower();
    const int at = e.indexOf(QLatin1Char('@'));
    if (at <= 0 || at != e.lastIndexOf(QLatin1Char('@')) || at == e.size() - 1
        || e.contains(QLatin1Char(' ')))
        return {};
    return e;
}

QString emailDomain(const QString &text)
{
    const QString e = email(text);
    return e.isEmpty() ? QString() : e.mid(e.indexOf(QLatin1Char('@')) + 1);
}

bool isFreeMailDomain(const QString &domain)
{
    return freeMailDomains().contains(domain.toLower());
}

QString companyEmailDomain(const QString &text)
{
    const QString domain = emailDomain(text);
    return isFreeMailDomain(domain) ? QString() : domain;
}

QString webDomain(const QString &text)
{
    static const QRegularExpression scheme(QStringLiteral("^[a-z][a-z0-9+.-]*://"));
    static const QRegularExpression www(QStringLiteral("^www\\d*\\."));
    QString host = text.trimmed().toLower();
    host.remove(scheme);
    static const QRegularExpression pathStart(QStringLiteral("[/?#]"));
    const int end = host.indexOf(pathStart);
    if (end >= 0)
        host.truncate(end);
    host = host.mid(host.lastIndexOf(QLatin1Char('@')) + 1);
    if (const int colon = host.indexOf(QLatin1Char(':')); colon >= 0)
        host.truncate(colon);
    while (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    host.remove(www);
    if (!host.contains(QLatin1Char('.')) || host.contains(QLatin1Char(' ')))
        return {};
    return host;
}

QString defaultRegion()
{
    if (!regionOverride().isEmpty())
        return regionOverride();
    const QString env = qEnvironmentVariable("RAPPORT_PHONE_REGION").trimmed().toUpper();
    if (env.size() == 2)
        return env;
    const QLocale::Territory t = QLocale::system().territory();
    const QString code = t == QLocale::AnyTerritory ? QString() : QLocale::territoryToCode(t);
    return code.size() == 2 ? code : QStringLiteral("ZZ");
}

void setDefaultRegion(const QString &region)
{
    regionOverride() = region.trimmed().toUpper();
}

QString phone(const QString &text, const QString &region)
{
    using i18n::phonenumbers::PhoneNumber;
    using i18n::phonenumbers::PhoneNumberUtil;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    const QString r = region.isEmpty() ? defaultRegion() : region.toUpper();
    PhoneNumber number;
    if (util->Parse(trimmed.toStdString(), r.toStdString(), &number)
            != PhoneNumberUtil::NO_PARSING_ERROR
        || !util->IsPossibleNumber(number))
        return {};
    std::string out;
    util->Format(number, PhoneNumberUtil::E164, &out);
    return QString::fromStdString(out);
}

QString companyName(const QString &text)
{
    // Compiled once: every conversion and every saved account or lead asks.
    static const QRegularExpression joining(QStringLiteral("[.'’`´]"));
    static const QRegularExpression separating(QStringLiteral("[^\\w]+"));
    QString folded = SearchKey::fold(text);
    // Dots and apostrophes join ("S.A." -> "sa", "McDonald's" -> "mcdonalds"); any
    // other punctuation separates words.
    folded.remove(joining);
    folded.replace(separating, QStringLiteral(" "));
    QStringList words = folded.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    words.removeIf([](const QString &w) { return fillerWords().contains(w); });
    while (words.size() > 1) {
        if (legalSuffixes().contains(words.last())) {
            words.removeLast();
        } else if (words.size() > 2
                   && legalSuffixes().contains(words[words.size() - 2] + words.last())) {
            words.removeLast(); // "S. A." written with spaces
            words.removeLast();
        } else {
            break;
        }
    }
    return words.join(QLatin1Char(' '));
}

QString personName(const QString &first, const QString &last)
{
    return SearchKey::fold(first + QLatin1Char(' ') + last);
}

bool similarCompanyKeys(const QString &a, const QString &b)
{
    if (a.isEmpty() || b.isEmpty())
        return false;
    if (a == b)
        return true;
    const QString &shorter = a.size() < b.size() ? a : b;
    const QString &longer = a.size() < b.size() ? b : a;
    if (longer.startsWith(shorter + QLatin1Char(' ')))
        return true; // "acme" and "acme systems"
    const int distance = editDistance(a, b);
    return distance <= std::max<qsizetype>(1, longer.size() / 5);
}

namespace {

bool namedAsOrganisation(Entity entity)
{
    const auto &names = entityDef(entity).nameFields;
    const FieldDef *f = names.size() == 1 ? findField(entity, QLatin1String(names.first())) : nullptr;
    return f && f->role == FieldRole::Organisation;
}

// The key columns of a matched type, each with how its value is made from the record's.
struct KeyColumn {
    QString column;
    QStringList sources; // the fields it is made from
    std::function<QString(const QVariantMap &)> make;
};

QList<KeyColumn> keyColumns(Entity entity)
{
    if (!entityDef(entity).matched)
        return {};
    QList<KeyColumn> out;
    const QStringList names = nameColumns(entity);
    if (namedAsOrganisation(entity))
        out.append({QStringLiteral("name_key"), names,
                    [entity](const QVariantMap &v) { return companyName(displayName(entity, v)); }});
    else
        out.append({QStringLiteral("name_key"), names,
                    [entity](const QVariantMap &v) { return SearchKey::fold(displayName(entity, v)); }});
    // A key made by `key` from one field's text.
    auto fromField = [&out](const QString &column, const FieldDef *f, QString (*key)(const QString &)) {
        const QString name = QLatin1String(f->name);
        out.append({column, {name}, [name, key](const QVariantMap &v) { return key(v.value(name).toString()); }});
    };
    if (const FieldDef *site = fieldWithRole(entity, FieldRole::Website))
        fromField(QStringLiteral("domain_key"), site, webDomain);
    if (const FieldDef *mail = fieldWithRole(entity, FieldRole::Email)) {
        fromField(QStringLiteral("email_key"), mail, email);
        fromField(QStringLiteral("email_domain_key"), mail, companyEmailDomain);
    }
    for (const FieldDef *number : fieldsWithRole(entity, FieldRole::Phone))
        fromField(QLatin1String(number->name) + QStringLiteral("_key"), number,
                  [](const QString &text) { return phone(text); });
    return out;
}

const QList<KeyColumn> &cachedKeyColumns(Entity entity)
{
    static const QList<KeyColumn> all[] = {keyColumns(Entity::Lead), keyColumns(Entity::Contact),
                                           keyColumns(Entity::Account), keyColumns(Entity::Deal),
                                           keyColumns(Entity::Activity)};
    return all[static_cast<int>(entity)];
}

} // namespace

QStringList columns(Entity entity)
{
    QStringList out;
    for (const KeyColumn &k : cachedKeyColumns(entity))
        out << k.column;
    return out;
}

QStringList sourceFields(Entity entity)
{
    QStringList out;
    for (const KeyColumn &k : cachedKeyColumns(entity)) {
        for (const QString &f : k.sources) {
            if (!out.contains(f))
                out << f;
        }
    }
    return out;
}

QVariantMap compute(Entity entity, const QVariantMap &v)
{
    QVariantMap out;
    for (const KeyColumn &k : cachedKeyColumns(entity))
        out.insert(k.column, keyValue(k.make(v)));
    return out;
}

} // namespace Rapport::MatchKeys
