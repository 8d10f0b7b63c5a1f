#pragma once
// What the conversion wizard's pages share besides the rep's choices: the lead, the
// connection, the plan Rapport suggested, and who tells the user. The choices themselves
// travel as the wizard's fields (QWizard::field), as in Qt's license wizard example; each
// page registers its own, and planFromFields() reads them all back into a plan:
//   account.new/existing/none (bool), account.name, account.id, account.choices
//   contact.merge (bool), contact.id, contact.choices
//   deal.create (bool), deal.name, deal.amount, deal.stage, deal.closing
//   mapping (a ConversionMapping), mapping.dropped (the lead fields it would not carry)
// No page knows the wizard class.

#include "conversion/conversionplan.h"

#include <QVariant>
#include <QVariantMap>
#include <QWizardPage>

#include <functional>
#include <memory>

namespace Rapport {

class Prompter;

struct ConversionContext {
    qint64 leadId = 0;
    QVariantMap lead;
    QString connection;
    QString loadError; // "" when the lead can be converted
    ConversionPlan suggested;
    std::shared_ptr<Prompter> prompter;
};

using FieldReader = std::function<QVariant(const QString &name)>;

// The plan the fields describe so far, on top of the suggested one. A field no page has
// registered yet (while the wizard is being built) keeps the suggestion.
ConversionPlan planFromFields(const ConversionContext &context, const FieldReader &field);

// A page of the conversion wizard: the shared context, and the plan the wizard's fields
// describe so far.
class ConversionPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ConversionPage(std::shared_ptr<const ConversionContext> context,
                            QWidget *parent = nullptr);

protected:
    const ConversionContext &context() const { return *m_context; }
    ConversionPlan plan() const;

private:
    std::shared_ptr<const ConversionContext> m_context;
};

// Merge choices as a field holds them: column → MergeChoice as an int.
QVariantMap choicesToVariant(const QHash<QString, MergeChoice> &choices);
QHash<QString, MergeChoice> choicesFromVariant(const QVariant &value);

} // namespace Rapport
