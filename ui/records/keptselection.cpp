#include "records/keptselection.h"

#include "lists/recordtablemodel.h"

#include <QItemSelection>
#include <QTableView>

#include <algorithm>

namespace Rapport {

KeptSelection KeptSelection::of(qint64 selected, const std::function<QList<qint64>()> &ids)
{
    KeptSelection kept;
    // The current record alone is kept by the tab itself.
    if (selected >= 2 && selected <= Limit)
        kept.m_ids = ids();
    return kept;
}

void KeptSelection::restore(QTableView *view, const RecordTableModel *model) const
{
    QList<int> rows;
    rows.reserve(m_ids.size());
    for (qint64 id : m_ids) {
        if (const int row = model->rowOfId(id); row >= 0)
            rows << row;
    }
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end());
    const int lastColumn = model->columnCount() - 1;
    QItemSelection selection;
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) <= rows.at(j) + 1)
            ++j;
        selection.select(model->index(rows.at(i), 0), model->index(rows.at(j), lastColumn));
        i = j + 1;
    }
    view->selectionModel()->select(selection, QItemSelectionModel::Select
                                                  | QItemSelectionModel::Rows);
}

} // namespace Rapport
