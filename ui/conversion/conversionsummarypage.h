#pragma once
// The last page before anything is written: what the conversion will create, update and
// link, from a dry run of the Converter (rolled back), and what would not be carried over.
// The wizard commits when its Convert button is pressed here; on failure the reason is shown
// and the wizard stays open.

#include "conversion/conversioncontext.h"

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace Rapport {

struct ConversionResult;

class ConversionSummaryPage : public ConversionPage
{
    Q_OBJECT

public:
    explicit ConversionSummaryPage(std::shared_ptr<const ConversionContext> context);

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override { return -1; }

private:
    QTreeWidgetItem *section(const QString &title, const QString &objectName);
    void addCreated(const ConversionResult &preview);
    void addChanged(const ConversionResult &preview);
    void addLinked(const ConversionResult &preview);
    void addDropped();

    QTreeWidget *m_tree;
    QLabel *m_error;
    bool m_previewOk = false;
};

} // namespace Rapport
