#include "conversion/conversionwizard.h"

#include "conversion/conversionaccountpage.h"
#include "conversion/conversioncontactpage.h"
#include "conversion/conversiondealpage.h"
#include "conversion/conversionmappingpage.h"
#include "conversion/conversionsummarypage.h"
#include "prompts/prompter.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"

#include <QAbstractButton>

namespace Rapport {

ConversionWizard::ConversionWizard(qint64 leadId, const QString &connection, QWidget *parent)
    : QWizard(parent)
    , m_context(std::make_shared<ConversionContext>())
{
    setObjectName(QStringLiteral("conversionWizard"));
    ConversionContext &c = *m_context;
    c.leadId = leadId;
    c.connection = connection;
    c.prompter = Prompter::standard();
    const std::optional<ConversionPlan> suggested = Converter(connection).suggest(leadId);
    const std::optional<QVariantMap> lead = RecordStore(connection).load(Entity::Lead, leadId);
    if (!suggested || !lead) {
        c.loadError = tr("This lead no longer exists; it may have been deleted.");
    } else {
        c.suggested = *suggested;
        c.lead = *lead;
        if (!c.lead.value(QStringLiteral("converted_at")).isNull())
            c.loadError = tr("“%1” was converted already. Unconvert it first to convert it "
                             "again.").arg(displayName(Entity::Lead, c.lead));
    }
    setWindowTitle(tr("Convert Lead “%1”").arg(displayName(Entity::Lead, c.lead)));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::FinishButton, tr("&Convert"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("backButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("convertButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("cancelButton"));

    m_accountPage = new ConversionAccountPage(m_context);
    m_contactPage = new ConversionContactPage(m_context);
    m_dealPage = new ConversionDealPage(c.suggested);
    // The mapping's fields first: the other pages read them as they are added.
    setPage(MappingPageId, new ConversionMappingPage(m_context));
    setPage(AccountPageId, m_accountPage);
    setPage(ContactPageId, m_contactPage);
    setPage(DealPageId, m_dealPage);
    setPage(SummaryPageId, new ConversionSummaryPage(m_context));
    setStartId(AccountPageId);
    // Back as well as Next: the mapping may have changed what the lead offers to merge.
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id == AccountPageId)
            m_accountPage->fillMergeTable();
        else if (id == ContactPageId)
            m_contactPage->fillMergeTable();
    });
    resize(860, 620);
}

ConversionWizard::~ConversionWizard() = default;

void ConversionWizard::setPrompter(std::shared_ptr<Prompter> prompter)
{
    m_context->prompter = std::move(prompter);
}

ConversionPlan ConversionWizard::plan() const
{
    return planFromFields(*m_context, [this](const QString &name) { return field(name); });
}

bool ConversionWizard::validateCurrentPage()
{
    if (!QWizard::validateCurrentPage())
        return false;
    return currentId() != SummaryPageId || commit();
}

bool ConversionWizard::commit()
{
    if (!isUsable()) {
        prompter().warn(this, tr("Cannot convert"), loadError());
        return false;
    }
    Converter converter(connectionName());
    converter.setStepHook(m_hook);
    const ConversionPlan p = plan();
    m_result = converter.convert(p);
    if (!m_result.ok()) {
        prompter().warn(this, tr("Conversion failed"),
                         tr("Nothing was changed; the lead is as it was.\n\n%1")
                             .arg(m_result.error));
        return false;
    }
    Q_EMIT converted(p, m_result);
    return true;
}

} // namespace Rapport
