#pragma once
// The last page before anything is written: what the conversion will create, update and
// link, from a dry run of the Converter (rolled back), and what would not be carried over.
// Its Convert button commits; on failure the reason is shown and the wizard stays open.

#include <QWizardPage>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace Rapport {

class ConversionWizard;
struct ConversionResult;

class ConversionSummaryPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ConversionSummaryPage(ConversionWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override { return -1; }

private:
    QTreeWidgetItem *section(const QString &title, const QString &objectName);
    void addCreated(const ConversionResult &preview);
    void addChanged(const ConversionResult &preview);
    void addLinked(const ConversionResult &preview);
    void addDropped();

    ConversionWizard *m_wizard;
    QTreeWidget *m_tree;
    QLabel *m_error;
    bool m_previewOk = false;
};

} // namespace Rapport
