#pragma once
// The wizard a rep converts one lead with: account, contact, deal, field mapping and a
// summary of what will be written. The pages only collect choices, as the wizard's fields
// (see conversioncontext.h); the wizard turns them into a ConversionPlan and Converter
// writes it in one transaction, so a failure leaves the lead exactly as it was and the
// wizard open with the reason shown.

#include "conversion/conversioncontext.h"
#include "conversion/converter.h"

#include <QVariantMap>
#include <QWizard>

#include <memory>

namespace Rapport {

class ConversionAccountPage;
class ConversionContactPage;
class ConversionDealPage;
class Prompter;

class ConversionWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { AccountPageId, ContactPageId, DealPageId, MappingPageId, SummaryPageId };

    ConversionWizard(qint64 leadId, const QString &connection, QWidget *parent = nullptr);
    ~ConversionWizard() override;

    qint64 leadId() const { return m_context->leadId; }
    const QVariantMap &lead() const { return m_context->lead; }
    QString connectionName() const { return m_context->connection; }
    // False when the lead does not exist or is converted already (see loadError()).
    bool isUsable() const { return m_context->loadError.isEmpty(); }
    QString loadError() const { return m_context->loadError; }

    // Who sees failures; the message boxes unless a test says otherwise.
    void setPrompter(std::shared_ptr<Prompter> prompter);
    Prompter &prompter() const { return *m_context->prompter; }
    // Passed to the Converter that commits (not to the preview). For tests.
    void setStepHook(Converter::StepHook hook) { m_hook = std::move(hook); }

    // What the pages say so far, from the suggested plan.
    ConversionPlan plan() const;
    // Converts with plan(); on failure the reason is shown and false returned.
    bool commit();
    // Convert on the summary page commits; the wizard closes only when that worked.
    bool validateCurrentPage() override;
    const ConversionResult &conversionResult() const { return m_result; }

Q_SIGNALS:
    void converted(const Rapport::ConversionPlan &plan, const Rapport::ConversionResult &result);

private:
    std::shared_ptr<ConversionContext> m_context;
    ConversionResult m_result;
    Converter::StepHook m_hook;
    ConversionAccountPage *m_accountPage = nullptr;
    ConversionContactPage *m_contactPage = nullptr;
    ConversionDealPage *m_dealPage = nullptr;
};

} // namespace Rapport
