#pragma once
// The rows of the merge dialog: one per field the rep changed on which the rep's version of
// a record and the colleague's newer one differ, the two values as the app shows them
// (references by name) beside what the field held when the rep opened the record, and the
// rep's choice as a check mark in one of the two value columns. Fields both changed are
// highlighted.

#include "storage/editconflict.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace Rapport {

class MergeModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FieldColumn, MineColumn, TheirsColumn, ReadColumn, ColumnCount };

    // `who`: the colleague, as the change log names them ("" when the log has no name).
    MergeModel(const EditConflict &conflict, const QString &who, const QString &connection,
               QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void choose(int row, MergeSide side);
    const QList<FieldDifference> &choices() const { return m_rows; }
    // The row of the first field both changed, 0 if there is none.
    int firstChangedByBoth() const;
    // The row of `field`, -1 if it does not differ.
    int rowOf(const QString &field) const;

private:
    QString valueShown(const FieldDef &field, const QVariant &value) const;
    QString theirName() const;
    QString rawText(int row, int column) const;
    QVariant cellText(int row, int column) const;
    QString toolTip(int row) const;

    Entity m_entity;
    QString m_who;
    QString m_connection;
    QList<FieldDifference> m_rows;
    // What each row shows: the field's label, mine, theirs, what it was when read.
    QList<QStringList> m_texts;
};

} // namespace Rapport
