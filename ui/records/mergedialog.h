#pragma once
// Asked when a rep saves a record a colleague changed after the rep opened it, and both
// changed some field: who changed it and when, the two versions side by side of each field
// the rep changed, with what it held when the rep opened the record, and a choice per field,
// keep mine (where it starts) or take theirs. Fields both changed are highlighted; what only
// the colleague changed is kept without a question, and named. Cancel leaves the rep's edits
// unsaved in their form.
// Used by the record window and the detail pane alike (records/versionedsave.h).

#include "storage/changelog.h"
#include "storage/editconflict.h"

#include <QDialog>

#include <optional>

class QTableView;

namespace Rapport {

class MergeModel;

class MergeDialog : public QDialog
{
    Q_OBJECT

public:
    // `name`: the record as the rep knows it; `last`: the change log's newest entry on it.
    MergeDialog(const EditConflict &conflict, const QString &name,
                const std::optional<LoggedChange> &last, const QString &connection,
                QWidget *parent = nullptr);

    MergeModel *model() const { return m_model; }
    // Each differing field with the rep's choice.
    QList<FieldDifference> choices() const;

    // "Anna Berger changed this record at 10:42." (a date too when not today).
    static QString whoChanged(const std::optional<LoggedChange> &last);

private:
    void chooseSelected(MergeSide side);
    QWidget *buildChoiceButtons();

    MergeModel *m_model = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace Rapport
