#pragma once
// The detail pane's fields: a record form of the key fields only (those the catalogue lists
// in the tables), in a scroll area as tall as they are. Never so narrow that a field could not
// show what it holds.

#include "records/fielddef.h"

#include <QScrollArea>

namespace Rapport {

class RecordForm;

class KeyFields : public QScrollArea
{
    Q_OBJECT

public:
    KeyFields(Entity entity, const QString &connection, QWidget *parent = nullptr);

    RecordForm *form() const { return m_form; }
    // Shows the start of each text, not its end where the cursor was left.
    void showStarts();

private:
    RecordForm *m_form;
};

} // namespace Rapport
