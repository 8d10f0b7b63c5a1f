#include "records/mergemodel.h"

#include "records/recordtypes.h"
#include "records/valuetext.h"
#include "storage/recordstore.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QIcon>
#include <QPalette>

namespace Rapport {

namespace {

enum Text { LabelText, MineText, TheirsText, ReadText };

// The marker of a field both changed: warm and see-through, so that it reads on light and
// dark themes alike and the selection still shows through it.
const QColor BothChanged(255, 196, 64, 90);

} // namespace

MergeModel::MergeModel(const EditConflict &conflict, const QString &who,
                       const QString &connection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_entity(conflict.entity())
    , m_who(who)
    , m_connection(connection)
{
    // What only the colleague changed is theirs without a question: the rows are the rep's.
    for (const FieldDifference &d : conflict.differences()) {
        if (!d.changedByMe)
            continue;
        m_rows.append(d);
        const FieldDef *f = findField(m_entity, d.field);
        m_texts.append({fieldLabel(*f), valueShown(*f, d.mine), valueShown(*f, d.theirs),
                        valueShown(*f, d.read)});
    }
}

QString MergeModel::valueShown(const FieldDef &field, const QVariant &value) const
{
    if (field.type == FieldType::Reference && !value.toString().isEmpty()) {
        const QString name = RecordStore(m_connection).nameOf(field.refEntity,
                                                               value.toLongLong());
        // A record deleted meanwhile still says what it was.
        return name.isEmpty() ? tr("%1 #%2").arg(entitySingular(field.refEntity),
                                                  value.toString())
                              : name;
    }
    return valueText(field, value);
}

QString MergeModel::theirName() const
{
    return m_who.isEmpty() ? tr("the colleague") : m_who;
}

int MergeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MergeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString MergeModel::rawText(int row, int column) const
{
    return m_texts[row][column == FieldColumn ? LabelText
                        : column == MineColumn ? MineText
                        : column == TheirsColumn ? TheirsText : ReadText];
}

QVariant MergeModel::cellText(int row, int column) const
{
    const QString text = rawText(row, column);
    return column != FieldColumn && text.isEmpty() ? tr("(empty)") : text;
}

QString MergeModel::toolTip(int row) const
{
    const FieldDifference &d = m_rows[row];
    const QString was = m_texts[row][ReadText].isEmpty() ? tr("(empty)") : m_texts[row][ReadText];
    QString who;
    if (d.changedByBoth())
        who = tr("You and %1 both changed it.").arg(theirName());
    else
        who = tr("You changed it.");
    return tr("When you opened the record: %1. %2").arg(was, who);
}

QVariant MergeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const FieldDifference &d = m_rows[row];
    const bool choice = column == MineColumn || column == TheirsColumn;
    const MergeSide side = column == MineColumn ? MergeSide::Mine : MergeSide::Theirs;
    switch (role) {
    case Qt::DisplayRole:
        return cellText(row, column);
    case Qt::CheckStateRole:
        if (!choice)
            return {};
        return d.choice == side ? Qt::Checked : Qt::Unchecked;
    case Qt::DecorationRole:
        if (column == FieldColumn && d.changedByBoth())
            return QIcon::fromTheme(QStringLiteral("dialog-warning"));
        return {};
    case Qt::BackgroundRole:
        if (d.changedByBoth())
            return QBrush(BothChanged);
        return {};
    case Qt::FontRole:
        if (choice && d.choice == side) {
            QFont bold;
            bold.setBold(true); // what the record gets reads first
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        // What it was is there to compare with, not to choose: it reads quieter.
        if (column == ReadColumn || (column != FieldColumn && rawText(row, column).isEmpty()))
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::ToolTipRole:
        return toolTip(row);
    case Qt::AccessibleTextRole:
        if (!choice || d.choice != side)
            return cellText(row, column);
        return tr("%1, chosen").arg(cellText(row, column).toString());
    case Qt::AccessibleDescriptionRole:
        return toolTip(row);
    default:
        return {};
    }
}

bool MergeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid)
        || (index.column() != MineColumn && index.column() != TheirsColumn))
        return false;
    // One of the two is always the choice once made, as radio buttons are: unchecking it
    // does nothing, checking the other moves it.
    if (value.toInt() != Qt::Checked)
        return false;
    choose(index.row(), index.column() == MineColumn ? MergeSide::Mine : MergeSide::Theirs);
    return true;
}

void MergeModel::choose(int row, MergeSide side)
{
    if (row < 0 || row >= m_rows.size() || m_rows[row].choice == side)
        return;
    m_rows[row].choice = side;
    Q_EMIT dataChanged(index(row, MineColumn), index(row, TheirsColumn));
}

Qt::ItemFlags MergeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    const Qt::ItemFlags base = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const bool choice = index.column() == MineColumn || index.column() == TheirsColumn;
    return choice ? base | Qt::ItemIsUserCheckable : base;
}

QVariant MergeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FieldColumn: return tr("Field");
    case MineColumn: return tr("Your version");
    case TheirsColumn:
        return m_who.isEmpty() ? tr("Saved version") : tr("%1's version").arg(m_who);
    case ReadColumn: return tr("When you opened it");
    default: return {};
    }
}

int MergeModel::firstChangedByBoth() const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].changedByBoth())
            return row;
    }
    return 0;
}

int MergeModel::rowOf(const QString &field) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].field == field)
            return row;
    }
    return -1;
}

} // namespace Rapport
