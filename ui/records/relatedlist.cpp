#include "records/relatedlist.h"

#include "records/valuetext.h"

#include "storage/recordstore.h"
#include "records/recordtypes.h"

#include <QDate>
#include <QHeaderView>
#include <QStandardItemModel>

namespace Rapport {

namespace {

bool isNameField(Entity entity, const FieldDef &f)
{
    return nameColumns(entity).contains(QLatin1String(f.name));
}

} // namespace

RelatedList::RelatedList(Entity entity, const QString &field, const QString &connection,
                         QWidget *parent)
    : QTableView(parent)
    , m_entity(entity)
    , m_field(field)
    , m_connection(connection)
    , m_model(new QStandardItemModel(this))
{
    // The table's columns: the name, then the fields the record type lists by default.
    // A one-field name is headed by its label ("Subject", "Deal Name"), a person's "Name".
    const QStringList names = nameColumns(entity);
    const FieldDef *single = names.size() == 1 ? findField(entity, names.first()) : nullptr;
    QStringList headers{single ? fieldLabel(*single) : tr("Name")};
    for (const FieldDef &f : entityDef(entity).fields) {
        if (f.listed && !isNameField(entity, f) && QLatin1String(f.name) != field) {
            m_columns.append(&f);
            headers << fieldLabel(f);
        }
    }
    m_model->setHorizontalHeaderLabels(headers);
    setModel(m_model);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setTabKeyNavigation(false);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    // activated covers double-click and Enter.
    connect(this, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 id = idAt(index.row()))
            Q_EMIT openRequested(m_entity, id);
    });
}

void RelatedList::setRecordId(qint64 id)
{
    m_recordId = id;
    reload();
}

QString RelatedList::cellText(const FieldDef &f, const QVariant &value) const
{
    if (value.isNull())
        return {};
    if (f.type == FieldType::Reference)
        return RecordStore(m_connection).nameOf(f.refEntity, value.toLongLong());
    return valueText(f, value, locale());
}

void RelatedList::reload()
{
    m_model->removeRows(0, m_model->rowCount());
    if (m_recordId == 0)
        return;
    const QList<QVariantMap> records =
        RecordStore(m_connection).referencing(m_entity, m_field, m_recordId);
    for (const QVariantMap &r : records) {
        QList<QStandardItem *> row;
        auto *name = new QStandardItem(displayName(m_entity, r));
        name->setData(r.value(QStringLiteral("id")).toLongLong(), Qt::UserRole);
        row << name;
        for (const FieldDef *f : std::as_const(m_columns))
            row << new QStandardItem(cellText(*f, r.value(QLatin1String(f->name))));
        m_model->appendRow(row);
    }
    resizeColumnsToContents();
}

int RelatedList::recordCount() const
{
    return m_model->rowCount();
}

qint64 RelatedList::idAt(int row) const
{
    return m_model->data(m_model->index(row, 0), Qt::UserRole).toLongLong();
}

} // namespace Rapport
