#pragma once
// Import step 2: which field each column fills. Prefilled by HeaderMatcher (Rapport's
// labels and the Zoho, Salesforce, HubSpot, Outlook and Google headers); the user can
// change any column, send it to Description or skip it. Next stays disabled, with a
// message naming them, while required fields have no column. A mapping the user confirms
// is remembered for the next file with the same headers (QSettings, per record type).
// Confirming it reads the file's picklist columns for values outside their lists.

#include <QWizardPage>

class QLabel;
class QTableWidget;

namespace Rapport {

class ImportSession;

class ImportMappingPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportMappingPage(ImportSession *session);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    // The values page when the file has picklist values outside their lists, else the check.
    int nextId() const override;

    // The field chosen for each column, as ImportOptions::mapping takes it.
    QStringList mapping() const;

private:
    void addRow(int column, const QString &header, const QString &sample, const QString &target);
    void updateMessage();
    QString settingsKey() const;

    ImportSession *m_session;
    QTableWidget *m_table;
    QLabel *m_message;
    QStringList m_missing;   // labels of required fields without a column
};

} // namespace Rapport
