#pragma once
// Finds the existing accounts and contacts a lead (or an imported row, or a record being
// typed in) probably is, ranked, each with the reasons it matched, so that the user
// picks knowingly instead of creating a duplicate. Every lookup is an index lookup on
// the key columns MatchKeys maintains.

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QVariantMap>
#include <optional>

namespace Rapport {

enum class MatchReason {
    SameName,           // accounts: same name once case, accents, suffixes are ignored;
                        // contacts: same first and last name (weak on its own)
    SimilarName,        // accounts: close spelling, or one name extends the other
    SameWebsiteDomain,  // account website = lead website
    SameEmailDomain,    // lead's (non free-mail) email domain = account website or the
                        // email domain of one of the account's contacts
    SameEmail,          // contacts: same email address (case ignored)
    SamePhone,          // contacts: same phone or mobile number in E.164
    SameNameAndAccount  // contacts: same name, and at the account the lead goes to
};

QString matchReasonText(MatchReason reason);

struct AccountCandidate {
    qint64 id = 0;
    QString name;
    QString website;
    QList<MatchReason> reasons;
    bool exact = false; // same normalised name or same website domain: preselect it
    int score = 0;      // higher is better; the list is sorted by it
};

struct ContactCandidate {
    qint64 id = 0;
    QString name;
    QString email;
    qint64 accountId = 0;
    QList<MatchReason> reasons;
    bool exact = false; // same email address: preselect it
    int score = 0;
};

// A record that the one being entered probably is.
struct SimilarRecord {
    Entity entity;
    qint64 id = 0;
    QString name;
    QList<MatchReason> reasons;
};

class Matcher
{
    Q_DECLARE_TR_FUNCTIONS(Matcher)

public:
    explicit Matcher(const QString &connectionName);

    // `person` has lead field names: company, website, email (others are ignored).
    QList<AccountCandidate> accountCandidates(const QVariantMap &person) const;
    // `person` has lead field names: first_name, last_name, email, secondary_email, phone,
    // mobile, company. `accountId`: the account the record will belong to, if known.
    QList<ContactCandidate> contactCandidates(const QVariantMap &person,
                                              std::optional<qint64> accountId = {}) const;
    // Leads not converted yet that are probably the same person as `person` (lead field
    // names): the same email address, or the same first and last name. A lead being typed in
    // may be one that is already waiting to be worked. (Leads carry no match keys, so these
    // are the lookups their own indexes answer: email, and last name among active leads.)
    QList<ContactCandidate> leadCandidates(const QVariantMap &person) const;

    // What a record of `entity` with `values` (its own field names) probably is already, as
    // the form warns before a save and `rapport-cli add` lists: an account's company; a
    // person's contacts, and for a lead the leads waiting to be worked too. Best first.
    QList<SimilarRecord> similarRecords(Entity entity, const QVariantMap &values) const;

    // The id of the only exact candidate; nullopt when there is none or more than one.
    template<typename Candidate>
    static std::optional<qint64> unambiguous(const QList<Candidate> &candidates)
    {
        std::optional<qint64> found;
        for (const Candidate &c : candidates) {
            if (!c.exact)
                continue;
            if (found)
                return std::nullopt;
            found = c.id;
        }
        return found;
    }

private:
    QList<qint64> ids(const QString &sql, const QVariantList &binds, int limit = 200) const;
    QString m_connection;
};

} // namespace Rapport
