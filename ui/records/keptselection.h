#pragma once
// The rows a rep has selected beside the current one, kept across a refresh for a change made
// elsewhere (a colleague's save, a reconnect). Rows move when records come and go, so the
// selection is kept by record id and found again once the new rows are there: a record that
// arrived meanwhile is never selected unseen (a bulk delete must not take it). A selection of
// more than Limit rows keeps only the current record, since finding each record's new row
// may cost a query.

#include <QList>

#include <functional>

class QTableView;

namespace Rapport {

class RecordTableModel;

class KeptSelection
{
public:
    static constexpr qint64 Limit = 500;

    // `selected` rows are selected; `ids` reads their records when they are kept.
    static KeptSelection of(qint64 selected, const std::function<QList<qint64>()> &ids);

    // Selects the kept records' rows again, added to what the view has selected (its current
    // row); records the model no longer shows are left out.
    void restore(QTableView *view, const RecordTableModel *model) const;

private:
    QList<qint64> m_ids;
};

} // namespace Rapport
