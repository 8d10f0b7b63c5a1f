#pragma once
// Shown in a converted lead's record window: when it was converted and links to the
// account, contact and deal it became, so a converted lead is never a dead end.
// Hidden for a lead that is not converted.

#include "records/fielddef.h"

#include <QWidget>

namespace Rapport {

class ConversionLinks : public QWidget
{
    Q_OBJECT

public:
    ConversionLinks(qint64 leadId, const QString &connection, QWidget *parent = nullptr);

Q_SIGNALS:
    void openRequested(Rapport::Entity entity, qint64 id);

private:
    void addLink(Entity entity, qint64 id, const QString &objectName);

    QString m_connection;
};

} // namespace Rapport
