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
    , m_leadId(leadId)
    , m_connection(connection)
    , m_prompter(Prompter::standard())
{
    setObjectName(QStringLiteral("conversionWizard"));
    const std::optional<ConversionPlan> suggested = Converter(connection).suggest(leadId);
    const std::optional<QVariantMap> lead = RecordStore(connection).load(Entity::Lead, leadId);
    if (!suggested || !lead) {
        m_loadError = tr("This lead no longer exists; it may have been deleted.");
    } else {
        m_suggested = *suggested;
        m_lead = *lead;
        if (!m_lead.value(QStringLiteral("converted_at")).isNull())
            m_loadError = tr("“%1” was converted already. Unconvert it first to convert it "
                             "again.").arg(displayName(Entity::Lead, m_lead));
    }
    setWindowTitle(tr("Convert Lead “%1”").arg(displayName(Entity::Lead, m_lead)));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::FinishButton, tr("&Convert"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("backButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("convertButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("cancelButton"));

    m_accountPage = new ConversionAccountPage(this, m_suggested);
    m_contactPage = new ConversionContactPage(this, m_suggested);
    m_dealPage = new ConversionDealPage(m_suggested);
    m_mappingPage = new ConversionMappingPage(this, m_suggested.mapping);
    m_summaryPage = new ConversionSummaryPage(this);
    setPage(AccountPageId, m_accountPage);
    setPage(ContactPageId, m_contactPage);
    setPage(DealPageId, m_dealPage);
    setPage(MappingPageId, m_mappingPage);
    setPage(SummaryPageId, m_summaryPage);
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
    m_prompter = std::move(prompter);
}

const ConversionMapping &ConversionWizard::mapping() const
{
    // The pages before the mapping page ask while the wizard is still being built.
    return m_mappingPage ? m_mappingPage->mapping() : m_suggested.mapping;
}

QStringList ConversionWizard::droppedFields() const
{
    return m_mappingPage->droppedFields();
}

ConversionPlan ConversionWizard::plan() const
{
    ConversionPlan plan = m_suggested;
    plan.mapping = mapping();
    m_accountPage->applyTo(plan);
    m_contactPage->applyTo(plan);
    m_dealPage->applyTo(plan);
    return plan;
}

bool ConversionWizard::commit()
{
    if (!isUsable()) {
        m_prompter->warn(this, tr("Cannot convert"), m_loadError);
        return false;
    }
    Converter converter(m_connection);
    converter.setStepHook(m_hook);
    const ConversionPlan p = plan();
    m_result = converter.convert(p);
    if (!m_result.ok()) {
        m_prompter->warn(this, tr("Conversion failed"),
                         tr("Nothing was changed; the lead is as it was.\n\n%1")
                             .arg(m_result.error));
        return false;
    }
    Q_EMIT converted(p, m_result);
    return true;
}

} // namespace Rapport
