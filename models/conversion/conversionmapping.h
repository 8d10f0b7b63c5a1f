#pragma once
// Where each lead field goes when a lead is converted: to the contact, the account, the
// deal, several of them, or nowhere. Derived from the field descriptions (a lead field with
// the same name on a contact, account or deal maps there automatically) plus the few
// choices of the Zoho default that names alone cannot give. A team saves its own mapping
// in the database; fields that would be lost are listed before anything is written.

#include "records/fielddef.h"

#include <QFlags>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace Rapport {

enum class Target { None = 0, Contact = 1, Account = 2, Deal = 4 };
Q_DECLARE_FLAGS(Targets, Target)
Q_DECLARE_OPERATORS_FOR_FLAGS(Targets)

class ConversionMapping
{
public:
    // The default mapping (domain.md: Company -> Account Name, Phone -> both, ...).
    static ConversionMapping defaults();
    // The team's saved mapping, or defaults() when none is saved. Lead fields added since
    // it was saved get their default targets.
    static ConversionMapping teamDefault(const QString &connectionName);
    // Empty string on success.
    QString saveAsTeamDefault(const QString &connectionName) const;

    // The column a lead field fills on `target` ("street" -> "billing_street" on an
    // account); "" if that record type has nothing for it.
    static QString targetColumn(const QString &leadField, Target target);
    // The targets a lead field can go to at all (the choices a mapping page offers).
    static Targets possibleTargets(const QString &leadField);

    Targets targets(const QString &leadField) const;
    // Targets the field cannot go to are ignored. False for an unknown lead field.
    bool setTargets(const QString &leadField, Targets targets);

    // Lead fields with a value that this mapping sends nowhere, in form order.
    QStringList droppedFields(const QVariantMap &lead) const;
    // The values a lead gives to a record of `target` type (column -> value).
    QVariantMap valuesFor(Target target, const QVariantMap &lead) const;

    QJsonObject toJson() const;
    static ConversionMapping fromJson(const QJsonObject &json);
    bool operator==(const ConversionMapping &other) const { return m_targets == other.m_targets; }

private:
    QHash<QString, Targets> m_targets; // every lead field
};

Entity targetEntity(Target target);

} // namespace Rapport
