#pragma once
// Record › Assign to…: which user the selected records go to. Only asks; the main window's
// owner actions (window/owneractions.h) do the reassigning.

#include "records/fielddef.h"

#include <QDialog>

class QPushButton;

namespace Rapport {

class OwnerPicker;

class AssignOwnerDialog : public QDialog
{
    Q_OBJECT

public:
    AssignOwnerDialog(Entity entity, qint64 count, const QString &connection,
                      QWidget *parent = nullptr);
    QString owner() const;

private:
    OwnerPicker *m_owner = nullptr;
    QPushButton *m_assign = nullptr;
};

} // namespace Rapport
