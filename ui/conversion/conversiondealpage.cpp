#include "conversion/conversiondealpage.h"

#include "records/recordtypes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QLineEdit>

namespace Rapport {

ConversionDealPage::ConversionDealPage(const ConversionPlan &suggested)
    : m_create(new QCheckBox(tr("Create a &deal for this lead"), this))
    , m_name(new QLineEdit(this))
    , m_amount(new QLineEdit(this))
    , m_stage(new QComboBox(this))
    , m_closing(new QDateEdit(this))
{
    setTitle(tr("Deal"));
    setSubTitle(tr("Is there revenue to pursue with this lead right now?"));
    m_create->setObjectName(QStringLiteral("createDealCheck"));
    m_name->setObjectName(QStringLiteral("dealNameEdit"));
    m_amount->setObjectName(QStringLiteral("dealAmountEdit"));
    m_stage->setObjectName(QStringLiteral("dealStageCombo"));
    m_closing->setObjectName(QStringLiteral("dealClosingEdit"));
    m_closing->setCalendarPopup(true);
    m_amount->setPlaceholderText(tr("No amount"));

    if (const FieldDef *stage = findField(Entity::Deal, QStringLiteral("stage")))
        m_stage->addItems(picklistValues(*stage));
    m_create->setChecked(suggested.createDeal);
    m_name->setText(suggested.dealName);
    if (!suggested.amount.isNull())
        m_amount->setText(QLocale().toString(suggested.amount.toDouble(), 'f', 2));
    m_stage->setCurrentText(suggested.stage);
    m_closing->setDate(suggested.closingDate.isValid() ? suggested.closingDate
                                                       : ConversionPlan::endOfQuarter(
                                                           QDate::currentDate()));

    auto *form = new QFormLayout(this);
    form->addRow(m_create);
    form->addRow(tr("Deal &name:"), m_name);
    form->addRow(tr("&Amount:"), m_amount);
    form->addRow(tr("&Stage:"), m_stage);
    form->addRow(tr("C&losing date:"), m_closing);

    registerField(QStringLiteral("deal.create"), m_create);
    registerField(QStringLiteral("deal.name"), m_name);
    registerField(QStringLiteral("deal.amount"), this, "amount");
    registerField(QStringLiteral("deal.stage"), m_stage, "currentText");
    registerField(QStringLiteral("deal.closing"), m_closing, "date");

    connect(m_create, &QCheckBox::toggled, this, &ConversionDealPage::updateEnabled);
    connect(m_name, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_amount, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    updateEnabled();
}

void ConversionDealPage::updateEnabled()
{
    for (QWidget *w : {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_amount),
                       static_cast<QWidget *>(m_stage), static_cast<QWidget *>(m_closing)})
        w->setEnabled(m_create->isChecked());
    Q_EMIT completeChanged();
}

bool ConversionDealPage::amountIsValid() const
{
    bool ok = m_amount->text().trimmed().isEmpty();
    if (!ok)
        QLocale().toDouble(m_amount->text().trimmed(), &ok);
    return ok;
}

bool ConversionDealPage::isComplete() const
{
    return !m_create->isChecked() || (!m_name->text().trimmed().isEmpty() && amountIsValid());
}

QVariant ConversionDealPage::amount() const
{
    const QString amount = m_amount->text().trimmed();
    return amount.isEmpty() ? QVariant() : QVariant(QLocale().toDouble(amount));
}

} // namespace Rapport
