#pragma once
// The wizard's first question: which account the lead's company becomes. A new one (name
// editable), one of the existing accounts Matcher ranks with the reasons it matched (merged
// field by field, like the contact), or none for a consumer. An exact match is preselected and said so, never used silently; a lead
// without a company can only convert without an account.

#include "conversion/conversioncontext.h"

class QLabel;
class QLineEdit;
class QRadioButton;
class QTreeWidget;

namespace Rapport {

class MergeTable;
class ReferencePicker;

class ConversionAccountPage : public ConversionPage
{
    Q_OBJECT
    Q_PROPERTY(qlonglong accountId READ selectedAccountId)
    Q_PROPERTY(QVariantMap accountChoices READ accountChoices)

public:
    explicit ConversionAccountPage(std::shared_ptr<const ConversionContext> context);

    bool isComplete() const override;
    void cleanupPage() override {} // Back keeps the choices made here
    // Lead / existing / result for the record chosen, with the wizard's current mapping.
    void fillMergeTable();
    // The existing account chosen, 0 if none is.
    qint64 selectedAccountId() const;
    QVariantMap accountChoices() const;

private:
    void fillCandidates(const ConversionPlan &suggested);
    void updateEnabled();
    void otherAccountEdited();

    QRadioButton *m_new;
    QLineEdit *m_name;
    QRadioButton *m_existing;
    QTreeWidget *m_candidates;
    ReferencePicker *m_other; // any account, when the one meant did not match
    MergeTable *m_merge;
    QRadioButton *m_none;
    QLabel *m_note;
};

} // namespace Rapport
