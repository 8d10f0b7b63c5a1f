#pragma once
// Where each of the lead's fields goes: Contact, Account, Deal, several, or nowhere. Starts
// from the team's mapping; the rep can change it for this conversion and save it as the
// team's default. A field with a value that would go nowhere (including to an account or
// deal this conversion does not make) is flagged here, before anything is written.

#include "conversion/conversioncontext.h"

#include <QStringList>

class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace Rapport {


class ConversionMappingPage : public ConversionPage
{
    Q_OBJECT
    Q_PROPERTY(QVariant mapping READ mappingVariant)
    Q_PROPERTY(QStringList dropped READ droppedFields)

public:
    explicit ConversionMappingPage(std::shared_ptr<const ConversionContext> context);

    void initializePage() override;
    void cleanupPage() override {} // Back keeps the mapping
    const ConversionMapping &mapping() const { return m_mapping; }
    QVariant mappingVariant() const { return QVariant::fromValue(m_mapping); }
    // Lead fields (column names) with a value that this conversion would not carry over.
    QStringList droppedFields() const;

private:
    void fillTable();
    void itemChanged(QTableWidgetItem *item);
    void updateFlags();
    void saveAsDefault();

    ConversionMapping m_mapping;
    QTableWidget *m_table;
    QLabel *m_dropped;
    QPushButton *m_save;
    QLabel *m_saved;
};

} // namespace Rapport
