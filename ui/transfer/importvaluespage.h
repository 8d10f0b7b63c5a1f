#pragma once
// Import step between the mapping and the check, shown only when the file's picklist
// columns hold values that are not in their lists (another CRM's stage names, "cold call",
// "Heiß"): one row per such value with the rows that hold it, and what to store instead —
// one of the list's values (the likely one preselected), the value added to the list (the
// forms and the tab's filter offer it from then on), the value kept on these rows only, or
// nothing. The answers go to ImportOptions::valueMap and addToList and are remembered with
// the column mapping (MappingMemory), so the next file from the same source comes up
// answered.

#include "transfer/importoptions.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QTableWidget;

namespace Rapport {

class ImportSession;
struct UnlistedValue;

class ImportValuesPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportValuesPage(ImportSession *session);

    void initializePage() override;
    bool validatePage() override;

    // What each row's choice means, as ImportOptions::valueMap takes it.
    PicklistValueMap answers() const;
    // The values chosen to be added to their lists, by field name.
    QHash<QString, QStringList> addToList() const;

private:
    void addRow(int row, const UnlistedValue &value, const PicklistValueMap &remembered,
                const QHash<QString, QStringList> &kept);
    // The values the user keeps on their rows only, per field.
    QHash<QString, QStringList> keptOnRows() const;
    QComboBox *choiceCombo(int row) const;

    ImportSession *m_session;
    QTableWidget *m_table;
    QLabel *m_message;
};

} // namespace Rapport
