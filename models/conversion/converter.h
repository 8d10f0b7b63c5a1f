#pragma once
// Lead conversion: turns a ConversionPlan into an account, a contact and a deal (created,
// merged or linked) in one transaction, marks the lead converted and writes the journal
// that lets Unconverter undo it. Any failure leaves the database exactly as it was.

#include "conversion/conversionjournal.h"
#include "conversion/conversionplan.h"
#include "conversion/unconverter.h"
#include "records/validation.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <functional>

namespace Rapport {

struct ConversionResult {
    enum class Status {
        Ok,
        UnknownLead,      // no lead with that id
        AlreadyConverted, // refused: convert it back first
        Refused,          // not the rep's lead (storage/rowsecurity.h)
        UnknownRecord,    // the plan names an account or contact that does not exist
        Invalid,          // a record would break validation (see fieldErrors)
        Failed            // the database (or an injected failure) said no
    };
    Status status = Status::Failed;
    QString error;                 // a sentence for the user when not ok
    QList<FieldError> fieldErrors; // for Invalid; `entity` tells which record
    Entity entity = Entity::Lead;

    qint64 conversionId = 0;
    qint64 leadId = 0;
    qint64 accountId = 0; // 0: no account
    bool accountCreated = false;
    qint64 contactId = 0;
    bool contactCreated = false;
    qint64 dealId = 0;    // 0: no deal
    // What was (or, from preview(), would be) written: the values of the records
    // created, and each field changed on existing records with its value before and after.
    QHash<Entity, QVariantMap> created;
    QList<RecordChange> changes;
    bool ok() const { return status == Status::Ok; }
    // What the lead became of `type` (account, contact or deal); 0 for none.
    qint64 idOf(Entity type) const
    {
        return type == Entity::Account ? accountId
             : type == Entity::Contact ? contactId
             : type == Entity::Deal ? dealId : 0;
    }
};

class Converter
{
    Q_DECLARE_TR_FUNCTIONS(Converter)

public:
    // Called before each step ("account", "contact", "deal", "lead", "journal", "commit");
    // a non-empty return value fails the conversion there with that message. For tests.
    using StepHook = std::function<QString(const QString &step)>;

    explicit Converter(const QString &connectionName);
    void setStepHook(StepHook hook) { m_hook = std::move(hook); }

    ConversionResult convert(const ConversionPlan &plan) const;
    // The conversion run and rolled back: what it would create and change (for the
    // wizard's summary page), or why it would fail. Ids in the result are not kept.
    ConversionResult preview(const ConversionPlan &plan) const;
    // The plan the wizard (or the batch queue, or rapport-cli) starts from: the team's
    // mapping, and the existing account and contact preselected when exactly one exact
    // match exists (else a new one; no account for a lead without Company). nullopt if
    // there is no such lead.
    std::optional<ConversionPlan> suggest(qint64 leadId) const;
    // The same for a lead already read (its row as RecordStore::load gives it).
    ConversionPlan suggest(qint64 leadId, const QVariantMap &lead) const;
    // Undo (see Unconverter): what blocks or would be lost, then the undo itself.
    UnconvertReport checkUnconvert(qint64 leadId) const;
    UnconvertReport unconvert(qint64 leadId, UnconvertMode mode = UnconvertMode::Refuse) const;

private:
    struct Run;
    ConversionResult execute(const ConversionPlan &plan, bool keep) const;
    bool step(Run &run, const char *name) const;
    // "Lead … was already converted by … on …", naming who as the change log has it.
    QString alreadyConverted(const QVariantMap &lead) const;
    bool resolveAccount(Run &run) const;
    bool resolveContact(Run &run) const;
    bool createDeal(Run &run) const;
    bool markLead(Run &run) const;
    // The lead's activities go with the person and the deal it became: their contact, account
    // and deal are set where they were empty (kept on the lead too), as journal changes that
    // unconvert puts back.
    bool moveActivities(Run &run) const;
    bool writeJournal(Run &run) const;
    bool insert(Run &run, Entity entity, const QVariantMap &values, qint64 *id) const;
    bool merge(Run &run, Entity entity, qint64 id, const QVariantMap &incoming,
               const QHash<QString, MergeChoice> &choices) const;

    QString m_connection;
    StepHook m_hook;
};

} // namespace Rapport
