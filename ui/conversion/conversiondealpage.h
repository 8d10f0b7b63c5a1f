#pragma once
// The wizard's optional deal: whether the conversion opens one and its name, amount, stage
// and closing date, prefilled from the suggested plan ("Company – Last Name", the end of the
// current quarter).

#include "conversion/conversionplan.h"

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;

namespace Rapport {

class ConversionDealPage : public QWizardPage
{
    Q_OBJECT
    Q_PROPERTY(QVariant amount READ amount)

public:
    explicit ConversionDealPage(const ConversionPlan &suggested);

    bool isComplete() const override;
    void cleanupPage() override {} // Back keeps the choices made here
    // The amount typed, in the user's locale; null when there is none.
    QVariant amount() const;

private:
    void updateEnabled();
    bool amountIsValid() const;

    QCheckBox *m_create;
    QLineEdit *m_name;
    QLineEdit *m_amount;
    QComboBox *m_stage;
    QDateEdit *m_closing;
};

} // namespace Rapport
