#include "conversion/conversionmapping.h"

#include "storage/teamsettings.h"

#include "records/recordtypes.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Rapport {

namespace {

const char *const SettingsKey = "conversion_mapping";
const Target AllTargets[] = {Target::Contact, Target::Account, Target::Deal};

// Lead fields whose column has another name on the target record.
const QHash<QString, QHash<Target, QString>> &renames()
{
    static const QHash<QString, QHash<Target, QString>> map = {
        {"company", {{Target::Account, "account_name"}}},
        {"street", {{Target::Account, "billing_street"}, {Target::Contact, "mailing_street"}}},
        {"city", {{Target::Account, "billing_city"}, {Target::Contact, "mailing_city"}}},
        {"state", {{Target::Account, "billing_state"}, {Target::Contact, "mailing_state"}}},
        {"zip", {{Target::Account, "billing_zip"}, {Target::Contact, "mailing_zip"}}},
        {"country", {{Target::Account, "billing_country"}, {Target::Contact, "mailing_country"}}},
    };
    return map;
}

// Where the default differs from "everywhere a column of that name exists".
const QHash<QString, Targets> &overrides()
{
    static const QHash<QString, Targets> map = {
        {"rating", Target::Deal},           // Salesforce puts it on the account; Zoho on the deal
        {"description", Target::Contact},   // it describes the person
        {"lead_status", Target::None},      // the user picks the deal's stage instead
    };
    return map;
}

const QString &name(Target t)
{
    static const QString names[] = {"contacts", "accounts", "deals"};
    return names[t == Target::Contact ? 0 : t == Target::Account ? 1 : 2];
}

bool isBlank(const QVariant &v)
{
    return v.isNull() || v.toString().trimmed().isEmpty();
}

} // namespace

Entity targetEntity(Target target)
{
    switch (target) {
    case Target::Account: return Entity::Account;
    case Target::Deal: return Entity::Deal;
    default: return Entity::Contact;
    }
}

QString ConversionMapping::targetColumn(const QString &leadField, Target target)
{
    if (!findField(Entity::Lead, leadField) || target == Target::None)
        return {};
    const auto renamed = renames().constFind(leadField);
    if (renamed != renames().cend() && renamed->contains(target))
        return renamed->value(target);
    const FieldDef *f = findField(targetEntity(target), leadField);
    return f && f->type != FieldType::Reference ? leadField : QString();
}

Targets ConversionMapping::possibleTargets(const QString &leadField)
{
    Targets possible;
    for (Target t : AllTargets) {
        if (!targetColumn(leadField, t).isEmpty())
            possible |= t;
    }
    return possible;
}

ConversionMapping ConversionMapping::defaults()
{
    ConversionMapping m;
    for (const FieldDef &f : entityDef(Entity::Lead).fields) {
        const QString field = QLatin1String(f.name);
        m.m_targets.insert(field, overrides().value(field, possibleTargets(field)));
    }
    return m;
}

Targets ConversionMapping::targets(const QString &leadField) const
{
    return m_targets.value(leadField);
}

bool ConversionMapping::setTargets(const QString &leadField, Targets targets)
{
    if (!m_targets.contains(leadField))
        return false;
    m_targets.insert(leadField, targets & possibleTargets(leadField));
    return true;
}

QStringList ConversionMapping::droppedFields(const QVariantMap &lead) const
{
    QStringList dropped;
    for (const FieldDef &f : entityDef(Entity::Lead).fields) {
        const QString field = QLatin1String(f.name);
        if (targets(field) == Targets() && !isBlank(lead.value(field)))
            dropped << field;
    }
    return dropped;
}

QVariantMap ConversionMapping::valuesFor(Target target, const QVariantMap &lead) const
{
    QVariantMap values;
    for (const FieldDef &f : entityDef(Entity::Lead).fields) {
        const QString field = QLatin1String(f.name);
        if (!targets(field).testFlag(target) || isBlank(lead.value(field)))
            continue;
        const QString column = targetColumn(field, target);
        if (!column.isEmpty())
            values.insert(column, lead.value(field));
    }
    return values;
}

QJsonObject ConversionMapping::toJson() const
{
    QJsonObject json;
    for (auto it = m_targets.cbegin(); it != m_targets.cend(); ++it) {
        QJsonArray list;
        for (Target t : AllTargets) {
            if (it.value().testFlag(t))
                list.append(name(t));
        }
        json.insert(it.key(), list);
    }
    return json;
}

ConversionMapping ConversionMapping::fromJson(const QJsonObject &json)
{
    ConversionMapping m = defaults();
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        Targets targets;
        for (const QJsonValue &v : it.value().toArray()) {
            for (Target t : AllTargets) {
                if (v.toString() == name(t))
                    targets |= t;
            }
        }
        m.setTargets(it.key(), targets); // unknown (removed) fields are ignored
    }
    return m;
}

ConversionMapping ConversionMapping::teamDefault(const QString &connectionName)
{
    const QJsonDocument saved = TeamSettings::read(connectionName, QLatin1String(SettingsKey));
    return saved.isNull() ? defaults() : fromJson(saved.object());
}

QString ConversionMapping::saveAsTeamDefault(const QString &connectionName) const
{
    return TeamSettings::write(connectionName, QLatin1String(SettingsKey), QJsonDocument(toJson()));
}

} // namespace Rapport
