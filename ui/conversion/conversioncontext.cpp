#include "conversion/conversioncontext.h"

namespace Rapport {

QVariantMap choicesToVariant(const QHash<QString, MergeChoice> &choices)
{
    QVariantMap out;
    for (auto it = choices.cbegin(); it != choices.cend(); ++it)
        out.insert(it.key(), int(it.value()));
    return out;
}

QHash<QString, MergeChoice> choicesFromVariant(const QVariant &value)
{
    QHash<QString, MergeChoice> out;
    const QVariantMap map = value.toMap();
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        out.insert(it.key(), MergeChoice(it.value().toInt()));
    return out;
}

ConversionPage::ConversionPage(std::shared_ptr<const ConversionContext> context, QWidget *parent)
    : QWizardPage(parent)
    , m_context(std::move(context))
{
}

ConversionPlan ConversionPage::plan() const
{
    return planFromFields(*m_context, [this](const QString &name) { return field(name); });
}

ConversionPlan planFromFields(const ConversionContext &context, const FieldReader &field)
{
    ConversionPlan plan = context.suggested;
    const QVariant mapping = field(QStringLiteral("mapping"));
    if (mapping.canConvert<ConversionMapping>())
        plan.mapping = mapping.value<ConversionMapping>();
    if (field(QStringLiteral("account.none")).toBool()) {
        plan.account = ConversionPlan::AccountAction::None;
    } else if (field(QStringLiteral("account.existing")).toBool()) {
        plan.account = ConversionPlan::AccountAction::Existing;
        plan.accountId = field(QStringLiteral("account.id")).toLongLong();
        plan.accountChoices = choicesFromVariant(field(QStringLiteral("account.choices")));
    } else if (field(QStringLiteral("account.new")).toBool()) {
        plan.account = ConversionPlan::AccountAction::New;
        plan.accountName = field(QStringLiteral("account.name")).toString().trimmed();
    }
    const qint64 contact = field(QStringLiteral("contact.id")).toLongLong();
    if (field(QStringLiteral("contact.merge")).toBool() && contact) {
        plan.contact = ConversionPlan::ContactAction::Merge;
        plan.contactId = contact;
        plan.contactChoices = choicesFromVariant(field(QStringLiteral("contact.choices")));
    } else if (field(QStringLiteral("contact.merge")).isValid()) {
        plan.contact = ConversionPlan::ContactAction::New;
        plan.contactId = 0;
    }
    if (const QVariant create = field(QStringLiteral("deal.create")); create.isValid()) {
        plan.createDeal = create.toBool();
        plan.dealName = field(QStringLiteral("deal.name")).toString().trimmed();
        plan.amount = field(QStringLiteral("deal.amount"));
        plan.stage = field(QStringLiteral("deal.stage")).toString();
        plan.closingDate = field(QStringLiteral("deal.closing")).toDate();
    }
    return plan;
}

} // namespace Rapport
