#pragma once
// One record type's tab: quick search, the filters that matter for that type and the table
// of records over RecordTableModel. The user's column layout (which columns, their order,
// widths and the sort) is kept per record type across sessions. Opening, editing and
// deleting records is the main window's job; the tab says what the user asked for.
// Counting and ordering the records runs in the background (RecordTableModel::Loading::
// InBackground): while it does, the previous rows stay and "busyLabel" says so after a
// moment, and a selection asked for meanwhile is made once the new rows are there.

#include "records/fielddef.h"
#include "records/keptselection.h"
#include "lists/recordfilter.h"

#include <QList>
#include <QPoint>
#include <QPointer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace Rapport {

class DetailPane;
class EmptyTab;
class RecordTableModel;

class RecordTab : public QWidget
{
    Q_OBJECT

public:
    RecordTab(Entity entity, const QString &connection, QWidget *parent = nullptr);
    ~RecordTab() override;

    Entity entity() const { return m_entity; }
    QTableView *view() const { return m_view; }
    RecordTableModel *model() const { return m_model; }

    // The record of the current row, 0 if there is none.
    qint64 currentId() const;
    // The records of all selected rows, in the order shown (one query for a big selection).
    QList<qint64> selectedIds() const;
    // How many rows are selected, from the selection's ranges: no query, however many.
    qint64 selectedCount() const;
    void focusSearch();
    // Reads the records again (after a write), keeping the current record current.
    void reload();
    // Reads the records again for a change made elsewhere, in place: the current record
    // stays current, the other selected rows stay selected (records/keptselection.h) and the
    // list stays scrolled where it was (unless a selection is asked for before the rows are
    // there).
    void refreshInPlace();
    // What the table shows now (the search box applies ~250 ms after typing stops).
    RecordFilter filter() const;
    // Makes the record current and scrolls to it; false if the filter hides it. While the
    // rows are loading, this happens once they are there (if the filter shows the record).
    bool selectId(qint64 id);
    // The record beside the list (records/detailpane.h): right of the table in the tab's
    // splitter, following the current row. The tab owns it.
    void setDetailPane(DetailPane *pane);
    DetailPane *detailPane() const { return m_pane; }
    QSplitter *splitter() const { return m_split; }

Q_SIGNALS:
    void openRequested(qint64 id);
    // The buttons a tab with no records at all shows instead of an empty grid.
    void importRequested();
    void newRecordRequested();
    void sampleDataRequested();
    void countChanged(qint64 rows);
    void selectionChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createFilterBar();
    // The empty state when there are no records at all, the table otherwise.
    void updateEmptyState();
    void fillPicklistFilter(const FieldDef &field, QComboBox *combo);
    QComboBox *addPicklistFilter(const char *field, const QString &objectName,
                                 const QString &allText);
    void setUpView();
    void applyDefaultColumns();
    int defaultWidth(const FieldDef &field) const;
    void applyFilter();
    void updateBusy();
    void loadingFinished();
    void showColumnMenu(const QPoint &pos);
    void saveHeader() const;
    QString settingsKey() const;

    Entity m_entity;
    QString m_connection;
    RecordTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QStackedWidget *m_body = nullptr; // the table, or the empty state
    QSplitter *m_split = nullptr;     // the body, and the detail pane beside it
    DetailPane *m_pane = nullptr;
    EmptyTab *m_empty = nullptr;
    QLineEdit *m_search = nullptr;
    QList<QPair<QString, QComboBox *>> m_picklistFilters; // field name, its combo box
    QComboBox *m_convertedFilter = nullptr;
    QTimer *m_searchTimer = nullptr;
    QTimer *m_saveTimer = nullptr;
    QLabel *m_busy = nullptr;
    QTimer *m_busyTimer = nullptr; // a quick search shows no flash of "Searching…"
    qint64 m_selectWhenLoaded = 0;
    std::optional<QPoint> m_scrollWhenLoaded; // horizontal, vertical
    KeptSelection m_keptWhenLoaded;
    bool m_firstRowWhenLoaded = false;
    QPointer<QMenu> m_columnMenu;
};

} // namespace Rapport
