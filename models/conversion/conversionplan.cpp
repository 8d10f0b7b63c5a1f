#include "conversion/conversionplan.h"

#include "records/recordtypes.h"

namespace Rapport {

namespace {

bool isBlank(const QVariant &v)
{
    return v.isNull() || v.toString().trimmed().isEmpty();
}

} // namespace

QDate ConversionPlan::endOfQuarter(const QDate &day)
{
    const int lastMonth = ((day.month() - 1) / 3 + 1) * 3;
    const QDate first(day.year(), lastMonth, 1);
    return QDate(day.year(), lastMonth, first.daysInMonth());
}

QString ConversionPlan::defaultDealName(const QVariantMap &lead)
{
    const QString company = roleText(Entity::Lead, lead, FieldRole::Organisation);
    const QString last = lead.value(QStringLiteral("last_name")).toString().trimmed();
    if (company.isEmpty())
        return displayName(Entity::Lead, lead);
    return last.isEmpty() ? company : company + QStringLiteral(" – ") + last;
}

ConversionPlan ConversionPlan::suggested(qint64 leadId, const QVariantMap &lead,
                                         const ConversionMapping &mapping)
{
    ConversionPlan plan;
    plan.leadId = leadId;
    plan.mapping = mapping;
    plan.accountName = roleText(Entity::Lead, lead, FieldRole::Organisation);
    plan.account = plan.accountName.isEmpty() ? AccountAction::None : AccountAction::New;
    plan.dealName = defaultDealName(lead);
    plan.amount = mapping.valuesFor(Target::Deal, lead).value(QStringLiteral("amount"));
    plan.stage = QStringLiteral("Qualification");
    plan.closingDate = endOfQuarter(QDate::currentDate());
    return plan;
}

QVariantMap ConversionPlan::recordValues(Target target, const QVariantMap &lead, qint64 newAccountId,
                                         qint64 newContactId) const
{
    QVariantMap values = mapping.valuesFor(target, lead);
    const QVariant accountLink = newAccountId ? QVariant(newAccountId) : QVariant();
    switch (target) {
    case Target::Account:
        if (account == AccountAction::New && !accountName.trimmed().isEmpty())
            values.insert(QStringLiteral("account_name"), accountName.trimmed());
        break;
    case Target::Contact:
        if (newAccountId)
            values.insert(QStringLiteral("account_id"), newAccountId);
        break;
    case Target::Deal:
        values.insert(QStringLiteral("deal_name"), dealName);
        values.insert(QStringLiteral("amount"), amount);
        values.insert(QStringLiteral("stage"), stage);
        values.insert(QStringLiteral("closing_date"),
                      closingDate.isValid() ? closingDate.toString(Qt::ISODate) : QString());
        values.insert(QStringLiteral("account_id"), accountLink);
        values.insert(QStringLiteral("contact_id"), newContactId ? QVariant(newContactId) : QVariant());
        break;
    case Target::None:
        break;
    }
    return values;
}

QVariant mergedValue(const QVariant &existing, const QVariant &incoming, MergeChoice choice)
{
    switch (choice) {
    case MergeChoice::Existing:
        return existing;
    case MergeChoice::Lead:
        return isBlank(incoming) ? existing : incoming;
    case MergeChoice::FillEmpty:
        break;
    }
    return isBlank(existing) ? incoming : existing;
}

QVariantMap mergeChanges(const QVariantMap &existing, const QVariantMap &incoming,
                         const QHash<QString, MergeChoice> &choices)
{
    QVariantMap changes;
    for (auto it = incoming.cbegin(); it != incoming.cend(); ++it) {
        const QVariant current = existing.value(it.key());
        const QVariant result = mergedValue(current, it.value(),
                                            choices.value(it.key(), MergeChoice::FillEmpty));
        if (!sameValue(current, result))
            changes.insert(it.key(), result);
    }
    return changes;
}

bool sameValue(const QVariant &a, const QVariant &b)
{
    if (isBlank(a) || isBlank(b))
        return isBlank(a) && isBlank(b);
    // Numbers read back from the journal (JSON) are doubles, from the database integers.
    const bool text = a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString;
    bool okA = false, okB = false;
    const double da = a.toDouble(&okA), db = b.toDouble(&okB);
    if (!text && okA && okB)
        return da == db;
    return a.toString() == b.toString();
}

} // namespace Rapport
