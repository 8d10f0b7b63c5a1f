#pragma once
// The wizard's contact question: a new contact from the lead's person fields, or a merge
// into an existing contact Matcher found (same email, phone in E.164, or name at the same
// account), with the reasons shown. A merge shows lead, existing and result side by side
// for each field and lets the rep choose per field; "fill empty fields only" is the default.

#include "conversion/conversioncontext.h"

class QLabel;
class QRadioButton;
class QTreeWidget;

namespace Rapport {

class MergeTable;

class ConversionContactPage : public ConversionPage
{
    Q_OBJECT
    Q_PROPERTY(qlonglong contactId READ selectedContactId)
    Q_PROPERTY(QVariantMap contactChoices READ contactChoices)

public:
    explicit ConversionContactPage(std::shared_ptr<const ConversionContext> context);

    void initializePage() override;
    void cleanupPage() override {} // Back keeps the choices made here
    bool isComplete() const override;
    // Lead / existing / result for the record chosen, with the wizard's current mapping.
    void fillMergeTable();
    qint64 selectedContactId() const;
    QVariantMap contactChoices() const;

private:
    void fillCandidates();
    void updateEnabled();

    qint64 m_preselect = 0; // the exact match suggested, until the rep chooses
    QRadioButton *m_new;
    QRadioButton *m_merge;
    QTreeWidget *m_candidates;
    MergeTable *m_table;
    QLabel *m_note;
};

} // namespace Rapport
