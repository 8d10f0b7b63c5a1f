#pragma once
// What a record tab with no records at all shows instead of an empty grid: what to do next,
// each a button — import a file, add the first record, or fill in sample data.

#include "records/fielddef.h"

#include <QWidget>

namespace Rapport {

class EmptyTab : public QWidget
{
    Q_OBJECT

public:
    explicit EmptyTab(Entity entity, QWidget *parent = nullptr);

Q_SIGNALS:
    void importRequested();
    void newRecordRequested();
    void sampleDataRequested();
};

} // namespace Rapport
