#include "matching/matcher.h"

#include "records/matchkeys.h"
#include "records/recordtypes.h"
#include "records/searchkey.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <algorithm>
#include <type_traits>

namespace Rapport {

namespace {

int weight(MatchReason r, bool contact)
{
    switch (r) {
    case MatchReason::SameName: return contact ? 10 : 100;
    case MatchReason::SameWebsiteDomain: return 80;
    case MatchReason::SameEmailDomain: return 60;
    case MatchReason::SimilarName: return 30;
    case MatchReason::SameEmail: return 100;
    case MatchReason::SamePhone: return 70;
    case MatchReason::SameNameAndAccount: return 50;
    }
    return 0;
}

// Candidates collected reason by reason, then scored.
template<typename Candidate>
class Collector
{
public:
    void add(qint64 id, MatchReason reason)
    {
        Candidate &c = m_byId[id];
        c.id = id;
        if (!c.reasons.contains(reason)) {
            c.reasons.append(reason);
            c.score += weight(reason, std::is_same_v<Candidate, ContactCandidate>);
        }
    }
    QHash<qint64, Candidate> &all() { return m_byId; }

private:
    QHash<qint64, Candidate> m_byId;
};

template<typename Candidate>
QList<Candidate> ranked(QHash<qint64, Candidate> byId)
{
    QList<Candidate> out = byId.values();
    std::sort(out.begin(), out.end(), [](const Candidate &a, const Candidate &b) {
        if (a.score != b.score)
            return a.score > b.score;
        const int byName = QString::localeAwareCompare(a.name, b.name);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    return out;
}

QString text(const QVariantMap &values, const char *name)
{
    return values.value(QLatin1String(name)).toString();
}

// The first word of a company key, at most 3 characters: accounts whose key starts the
// same way are the ones worth checking for a similar name.
QString similarityPrefix(const QString &nameKey)
{
    return nameKey.section(QLatin1Char(' '), 0, 0).left(3);
}

} // namespace

QString matchReasonText(MatchReason reason)
{
    switch (reason) {
    case MatchReason::SameName: return Matcher::tr("same name");
    case MatchReason::SimilarName: return Matcher::tr("similar name");
    case MatchReason::SameWebsiteDomain: return Matcher::tr("same website domain");
    case MatchReason::SameEmailDomain: return Matcher::tr("same email domain");
    case MatchReason::SameEmail: return Matcher::tr("same email address");
    case MatchReason::SamePhone: return Matcher::tr("same phone number");
    case MatchReason::SameNameAndAccount: return Matcher::tr("same name and account");
    }
    return {};
}

Matcher::Matcher(const QString &connectionName)
    : m_connection(connectionName)
{
}

QList<qint64> Matcher::ids(const QString &sql, const QVariantList &binds, int limit) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(sql + QStringLiteral(" LIMIT %1").arg(limit));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    QList<qint64> out;
    if (!q.exec())
        return out;
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

QList<AccountCandidate> Matcher::accountCandidates(const QVariantMap &person) const
{
    Collector<AccountCandidate> found;
    const QString nameKey = MatchKeys::companyName(roleText(Entity::Lead, person, FieldRole::Organisation));
    if (!nameKey.isEmpty()) {
        for (qint64 id : ids(QStringLiteral("SELECT id FROM accounts WHERE name_key = ?"), {nameKey}))
            found.add(id, MatchReason::SameName);
        const QString prefix = similarityPrefix(nameKey);
        QSqlQuery q(QSqlDatabase::database(m_connection));
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT id, name_key FROM accounts WHERE name_key >= ? AND "
                                 "name_key < ? LIMIT 500"));
        q.addBindValue(prefix);
        q.addBindValue(prefix + QChar(0xffff));
        if (q.exec()) {
            while (q.next()) {
                const QString key = q.value(1).toString();
                if (key != nameKey && MatchKeys::similarCompanyKeys(key, nameKey))
                    found.add(q.value(0).toLongLong(), MatchReason::SimilarName);
            }
        }
    }
    const QString site = MatchKeys::webDomain(roleText(Entity::Lead, person, FieldRole::Website));
    if (!site.isEmpty()) {
        for (qint64 id : ids(QStringLiteral("SELECT id FROM accounts WHERE domain_key = ?"), {site}))
            found.add(id, MatchReason::SameWebsiteDomain);
    }
    const QString mailDomain
        = MatchKeys::companyEmailDomain(roleText(Entity::Lead, person, FieldRole::Email));
    if (!mailDomain.isEmpty()) {
        for (qint64 id : ids(QStringLiteral("SELECT id FROM accounts WHERE domain_key = ?"),
                             {mailDomain}))
            found.add(id, MatchReason::SameEmailDomain);
        for (qint64 id : ids(QStringLiteral("SELECT DISTINCT account_id FROM contacts WHERE "
                                            "email_domain_key = ? AND account_id IS NOT NULL"),
                             {mailDomain}))
            found.add(id, MatchReason::SameEmailDomain);
    }
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT account_name, website FROM accounts WHERE id = ?"));
    for (AccountCandidate &c : found.all()) {
        q.addBindValue(c.id);
        if (q.exec() && q.next()) {
            c.name = q.value(0).toString();
            c.website = q.value(1).toString();
        }
        c.exact = c.reasons.contains(MatchReason::SameName)
               || c.reasons.contains(MatchReason::SameWebsiteDomain);
    }
    return ranked(found.all());
}

QList<ContactCandidate> Matcher::contactCandidates(const QVariantMap &person,
                                                   std::optional<qint64> accountId) const
{
    Collector<ContactCandidate> found;
    const auto addresses = fieldsWithRole(Entity::Lead, FieldRole::Email)
        + fieldsWithRole(Entity::Lead, FieldRole::OtherEmail);
    for (const FieldDef *field : addresses) {
        const QString key = MatchKeys::email(text(person, field->name));
        if (key.isEmpty())
            continue;
        for (qint64 id : ids(QStringLiteral("SELECT id FROM contacts WHERE email_key = ?"), {key}))
            found.add(id, MatchReason::SameEmail);
    }
    for (const FieldDef *field : fieldsWithRole(Entity::Lead, FieldRole::Phone)) {
        const QString key = MatchKeys::phone(text(person, field->name));
        if (key.isEmpty())
            continue;
        for (qint64 id : ids(QStringLiteral("SELECT id FROM contacts WHERE phone_key = ? OR "
                                            "mobile_key = ?"), {key, key}))
            found.add(id, MatchReason::SamePhone);
    }
    const QString nameKey = SearchKey::fold(displayName(Entity::Lead, person));
    const QString companyKey
        = MatchKeys::companyName(roleText(Entity::Lead, person, FieldRole::Organisation));
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT c.id, c.account_id, a.name_key FROM contacts c LEFT JOIN "
                             "accounts a ON a.id = c.account_id WHERE c.name_key = ? LIMIT 200"));
    q.addBindValue(nameKey);
    if (!nameKey.isEmpty() && q.exec()) {
        while (q.next()) {
            const qint64 account = q.value(1).toLongLong();
            const bool sameAccount = accountId ? account == *accountId
                                               : q.value(2).toString() == companyKey;
            found.add(q.value(0).toLongLong(), sameAccount ? MatchReason::SameNameAndAccount
                                                           : MatchReason::SameName);
        }
    }
    QSqlQuery load(QSqlDatabase::database(m_connection));
    load.prepare(QStringLiteral("SELECT first_name, last_name, email, account_id FROM contacts "
                                "WHERE id = ?"));
    for (ContactCandidate &c : found.all()) {
        load.addBindValue(c.id);
        if (load.exec() && load.next()) {
            c.name = QStringList{load.value(0).toString(), load.value(1).toString()}
                         .join(QLatin1Char(' ')).trimmed();
            c.email = load.value(2).toString();
            c.accountId = load.value(3).toLongLong();
        }
        c.exact = c.reasons.contains(MatchReason::SameEmail);
    }
    return ranked(found.all());
}

QList<ContactCandidate> Matcher::leadCandidates(const QVariantMap &person) const
{
    Collector<ContactCandidate> found;
    const QString table = QLatin1String(entityDef(Entity::Lead).table);
    if (const FieldDef *mail = fieldWithRole(Entity::Lead, FieldRole::Email)) {
        // Leads keep an address as it was typed: look it up as typed and in lower case.
        const QString typed = text(person, mail->name).trimmed();
        if (!MatchKeys::email(typed).isEmpty()) {
            for (qint64 id : ids(QStringLiteral("SELECT id FROM %1 WHERE %2 IN (?, ?) AND "
                                                "converted_at IS NULL")
                                     .arg(table, QLatin1String(mail->name)),
                                 {typed, typed.toLower()}))
                found.add(id, MatchReason::SameEmail);
        }
    }
    // The same name, every part of it; the index on the last name finds the few to compare.
    const QStringList names = nameColumns(Entity::Lead);
    QStringList where;
    QVariantList binds;
    for (const QString &column : names) {
        const QString value = person.value(column).toString().trimmed();
        if (value.isEmpty())
            continue;
        where << column + QStringLiteral(" = ?");
        binds << value;
    }
    if (where.size() == names.size() && !where.isEmpty()) {
        for (qint64 id : ids(QStringLiteral("SELECT id FROM %1 WHERE %2 AND converted_at IS NULL")
                                 .arg(table, where.join(QStringLiteral(" AND "))),
                             binds))
            found.add(id, MatchReason::SameName);
    }
    const FieldDef *mail = fieldWithRole(Entity::Lead, FieldRole::Email);
    QStringList shown = names;
    if (mail)
        shown << QLatin1String(mail->name);
    QSqlQuery load(QSqlDatabase::database(m_connection));
    load.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE id = ?")
                     .arg(shown.join(QStringLiteral(", ")), table));
    for (ContactCandidate &c : found.all()) {
        load.addBindValue(c.id);
        if (load.exec() && load.next()) {
            QVariantMap values;
            for (int i = 0; i < names.size(); ++i)
                values.insert(names[i], load.value(i));
            c.name = displayName(Entity::Lead, values);
            if (mail)
                c.email = load.value(int(names.size())).toString();
        }
        c.exact = c.reasons.contains(MatchReason::SameEmail);
    }
    return ranked(found.all());
}

QList<SimilarRecord> Matcher::similarRecords(Entity entity, const QVariantMap &values) const
{
    QList<SimilarRecord> out;
    if (entity == Entity::Account) {
        // The matcher reads a company as a lead names it.
        QVariantMap company;
        company.insert(QStringLiteral("company"), roleText(entity, values, FieldRole::Organisation));
        company.insert(QStringLiteral("website"), roleText(entity, values, FieldRole::Website));
        for (const AccountCandidate &c : accountCandidates(company))
            out.append({Entity::Account, c.id, c.name, c.reasons});
        return out;
    }
    if (entity != Entity::Contact && entity != Entity::Lead)
        return out;
    for (const ContactCandidate &c : contactCandidates(values, std::nullopt))
        out.append({Entity::Contact, c.id, c.name, c.reasons});
    if (entity == Entity::Lead) {
        for (const ContactCandidate &c : leadCandidates(values))
            out.append({Entity::Lead, c.id, c.name, c.reasons});
    }
    return out;
}

} // namespace Rapport
