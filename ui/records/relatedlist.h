#pragma once
// A read-only table of the records that point at one record (an account's contacts or deals),
// the "detail" half of a master-detail record dialog. Double-click or Enter asks to open one.

#include "records/fielddef.h"

#include <QTableView>

class QStandardItemModel;

namespace Rapport {

class RelatedList : public QTableView
{
    Q_OBJECT

public:
    // Lists the records of `entity` whose Reference field `field` holds the record id.
    RelatedList(Entity entity, const QString &field, const QString &connection,
                QWidget *parent = nullptr);

    Entity entity() const { return m_entity; }
    void setRecordId(qint64 id);
    void reload();
    int recordCount() const;
    qint64 idAt(int row) const;

Q_SIGNALS:
    void openRequested(Rapport::Entity entity, qint64 id);

private:
    QString cellText(const FieldDef &field, const QVariant &value) const;

    Entity m_entity;
    QString m_field;
    QString m_connection;
    qint64 m_recordId = 0;
    QList<const FieldDef *> m_columns;
    QStandardItemModel *m_model = nullptr;
};

} // namespace Rapport
