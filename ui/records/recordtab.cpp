#include "records/recordtab.h"

#include "lists/recordtablemodel.h"
#include "lists/recordtablesql.h"
#include "records/detailpane.h"
#include "records/emptytab.h"
#include "records/recordtypes.h"
#include "storage/owner.h"
#include "storage/picklists.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalBlocker>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Rapport {

namespace {

constexpr int SearchDelayMs = 250;
constexpr int SaveDelayMs = 500;
constexpr int BusyDelayMs = 150;

int nameColumn(Entity entity)
{
    return RecordTableSql::defaultSortColumn(entity);
}

} // namespace

RecordTab::RecordTab(Entity entity, const QString &connection, QWidget *parent)
    : QWidget(parent)
    , m_entity(entity)
    , m_connection(connection)
    , m_model(new RecordTableModel(entity, connection,
                                   RecordTableModel::Loading::InBackground, this))
    , m_view(new QTableView(this))
    , m_searchTimer(new QTimer(this))
    , m_saveTimer(new QTimer(this))
    , m_busyTimer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createFilterBar());
    m_body = new QStackedWidget(this);
    m_body->addWidget(m_view);
    m_empty = new EmptyTab(entity, this);
    connect(m_empty, &EmptyTab::importRequested, this, &RecordTab::importRequested);
    connect(m_empty, &EmptyTab::newRecordRequested, this, &RecordTab::newRecordRequested);
    connect(m_empty, &EmptyTab::sampleDataRequested, this, &RecordTab::sampleDataRequested);
    m_body->addWidget(m_empty);
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setObjectName(QStringLiteral("detailSplitter"));
    m_split->setChildrenCollapsible(false); // View › Detail Pane hides it, not a drag
    m_split->addWidget(m_body);
    layout->addWidget(m_split, 1);

    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(SearchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &RecordTab::applyFilter);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(SaveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, &RecordTab::saveHeader);
    m_busyTimer->setSingleShot(true);
    m_busyTimer->setInterval(BusyDelayMs);
    connect(m_busyTimer, &QTimer::timeout, m_busy, &QWidget::show);
    connect(m_model, &RecordTableModel::loadingChanged, this, [this](bool loading) {
        if (loading)
            updateBusy();
        else
            loadingFinished();
    });
    updateBusy(); // the model started loading before the connection

    setUpView();
    setFocusProxy(m_view);
}

RecordTab::~RecordTab()
{
    saveHeader();
}

QWidget *RecordTab::createFilterBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setAccessibleName(tr("Search %1").arg(entityNoun(m_entity, true)));
    m_search->setPlaceholderText(tr("Search name, email, company, phone…"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &RecordTab::applyFilter);
    row->addWidget(m_search, 1);

    for (const TabFilter &filter : entityDef(m_entity).filters) {
        addPicklistFilter(filter.field, QLatin1String(filter.objectName),
                          QCoreApplication::translate("Rapport::RecordTab", filter.allText));
    }
    if (findField(m_entity, QStringLiteral("owner"))) {
        // Everyone's, or the rep's own ("me": see storage/owner.h).
        auto *owner = new QComboBox(this);
        owner->setObjectName(QStringLiteral("ownerFilter"));
        owner->setToolTip(tr("Whose %1").arg(entityNoun(m_entity, true)));
        owner->addItem(tr("Everyone's")); // no data: no condition
        owner->addItem(tr("Mine"), currentUserName());
        connect(owner, &QComboBox::currentIndexChanged, this, &RecordTab::applyFilter);
        m_picklistFilters.append({QStringLiteral("owner"), owner});
    }
    if (!entityDef(m_entity).links.isEmpty()) {
        m_convertedFilter = new QComboBox(bar);
        m_convertedFilter->setObjectName(QStringLiteral("convertedFilter"));
        m_convertedFilter->setToolTip(tr("Converted leads"));
        m_convertedFilter->addItem(tr("Active"), int(RecordFilter::Converted::Exclude));
        m_convertedFilter->addItem(tr("Converted"), int(RecordFilter::Converted::Only));
        m_convertedFilter->addItem(tr("All"), int(RecordFilter::Converted::Include));
        connect(m_convertedFilter, &QComboBox::currentIndexChanged, this,
                &RecordTab::applyFilter);
    }
    for (const auto &[field, combo] : std::as_const(m_picklistFilters))
        row->addWidget(combo);
    if (m_convertedFilter)
        row->addWidget(m_convertedFilter);
    m_busy = new QLabel(bar);
    m_busy->setObjectName(QStringLiteral("busyLabel"));
    m_busy->hide();
    row->addWidget(m_busy);
    return bar;
}

QComboBox *RecordTab::addPicklistFilter(const char *field, const QString &objectName,
                                        const QString &allText)
{
    const FieldDef *f = findField(m_entity, QLatin1String(field));
    Q_ASSERT(f);
    auto *combo = new QComboBox(this);
    combo->setObjectName(objectName);
    combo->setToolTip(fieldLabel(*f));
    combo->addItem(allText); // no data: no condition
    fillPicklistFilter(*f, combo);
    connect(combo, &QComboBox::currentIndexChanged, this, &RecordTab::applyFilter);
    m_picklistFilters.append({QLatin1String(field), combo});
    return combo;
}

void RecordTab::fillPicklistFilter(const FieldDef &f, QComboBox *combo)
{
    // The values an import added to the list since are offered too; the choice stays.
    const QSignalBlocker quiet(combo);
    const QVariant chosen = combo->currentData();
    while (combo->count() > 1)
        combo->removeItem(1);
    for (const QString &value : Picklists(m_connection).values(f))
        combo->addItem(picklistLabel(value), value);
    combo->setCurrentIndex(std::max(0, combo->findData(chosen)));
}

void RecordTab::setUpView()
{
    m_view->setObjectName(QStringLiteral("tableView"));
    m_view->setAccessibleName(entityPlural(m_entity));
    m_view->setAccessibleDescription(
        tr("Enter opens the selected %1, Del deletes it, Ctrl+F searches; the arrow keys move "
           "through the list, the column titles sort it.")
            .arg(entityNoun(m_entity)));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->installEventFilter(this);
    // Uniform row heights: with fixed sections the view never measures a million rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->hide();

    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    // Every column at its own width; the last one does not take over the rest of the window.
    applyDefaultColumns();
    const QByteArray state = QSettings().value(settingsKey()).toByteArray();
    if (!state.isEmpty() && !header->restoreState(state))
        applyDefaultColumns(); // written for other fields: start over
    header->setStretchLastSection(false); // a state saved by an older Rapport may say so
    // ... whose last column then stretched over the window's width: back to its own.
    for (int visual = header->count() - 1; visual >= 0; --visual) {
        const int logical = header->logicalIndex(visual);
        if (header->isSectionHidden(logical))
            continue;
        const int own = defaultWidth(entityDef(m_entity).fields[logical]);
        if (header->sectionSize(logical) > 3 * own)
            header->resizeSection(logical, own);
        break;
    }
    m_view->setSortingEnabled(true); // sorts the model by the restored indicator

    connect(header, &QWidget::customContextMenuRequested, this, &RecordTab::showColumnMenu);
    for (auto changed : {&QHeaderView::sectionMoved, &QHeaderView::sectionResized})
        connect(header, changed, m_saveTimer, qOverload<>(&QTimer::start));
    connect(header, &QHeaderView::sortIndicatorChanged, m_saveTimer,
            qOverload<>(&QTimer::start));
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const qint64 id = m_model->idAt(index.row()))
            emit openRequested(id);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RecordTab::selectionChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RecordTab::selectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        emit countChanged(m_model->rowCount());
        emit selectionChanged(); // a reset clears the selection without saying so
    });
    // A search's first page comes alone, and its rows grow to the count after it.
    for (const auto grown : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, grown, this, [this] { emit countChanged(m_model->rowCount()); });
}

int RecordTab::defaultWidth(const FieldDef &field) const
{
    // Wide enough for typical values of the field's kind, in the user's font.
    int chars = 14;
    switch (field.type) {
    case FieldType::Email:
        chars = 40; // "margaret.daubigny.49@vandelay49.example" in full
        break;
    case FieldType::Url:
    case FieldType::LongText:
        chars = 28;
        break;
    case FieldType::Reference:
        chars = 22;
        break;
    case FieldType::Phone:
        chars = 17;
        break;
    case FieldType::Picklist:
        chars = 22; // "Attempted to Contact"
        break;
    case FieldType::Decimal:
    case FieldType::Date:
    case FieldType::Integer:
        chars = 12;
        break;
    case FieldType::DateTime:
        chars = 17;
        break;
    case FieldType::Bool:
        chars = 6;
        break;
    default:
        // A company's name, or a record's one-field name ("Deal Name"), is long.
        if (field.role == FieldRole::Organisation
            || nameColumns(m_entity) == QStringList{QLatin1String(field.name)})
            chars = 24;
        break;
    }
    return fontMetrics().averageCharWidth() * chars + 16;
}

void RecordTab::applyDefaultColumns()
{
    QHeaderView *header = m_view->horizontalHeader();
    const auto &fields = entityDef(m_entity).fields;
    for (int i = 0; i < fields.size(); ++i) {
        header->moveSection(header->visualIndex(i), i);
        header->setSectionHidden(i, !fields[i].listed);
        header->resizeSection(i, defaultWidth(fields[i]));
    }
    header->setSortIndicator(nameColumn(m_entity), Qt::AscendingOrder);
}

QString RecordTab::settingsKey() const
{
    return QStringLiteral("tabs/%1/header").arg(QLatin1String(entityDef(m_entity).table));
}

void RecordTab::saveHeader() const
{
    m_saveTimer->stop();
    QSettings().setValue(settingsKey(), m_view->horizontalHeader()->saveState());
}

void RecordTab::showColumnMenu(const QPoint &pos)
{
    delete m_columnMenu; // at most one, so findChild() in tests sees the open one
    m_columnMenu = new QMenu(this);
    m_columnMenu->setObjectName(QStringLiteral("columnMenu"));
    QHeaderView *header = m_view->horizontalHeader();
    const auto &fields = entityDef(m_entity).fields;
    const int shown = header->count() - header->hiddenSectionCount();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        QAction *action = m_columnMenu->addAction(fieldLabel(fields[logical]));
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(logical));
        action->setEnabled(header->isSectionHidden(logical) || shown > 1); // keep one column
        connect(action, &QAction::toggled, this, [this, logical](bool visible) {
            m_view->horizontalHeader()->setSectionHidden(logical, !visible);
            saveHeader();
        });
    }
    m_columnMenu->addSeparator();
    QAction *reset = m_columnMenu->addAction(tr("Reset Columns"));
    connect(reset, &QAction::triggered, this, [this] {
        applyDefaultColumns();
        saveHeader();
    });
    m_columnMenu->popup(header->viewport()->mapToGlobal(pos));
}

void RecordTab::applyFilter()
{
    m_searchTimer->stop();
    RecordFilter f = m_model->filter();
    f.search = m_search->text().trimmed();
    f.equals.clear();
    for (const auto &[field, combo] : std::as_const(m_picklistFilters)) {
        if (const QVariant value = combo->currentData(); value.isValid())
            f.equals.append({field, value.toString()});
    }
    if (m_convertedFilter)
        f.converted = RecordFilter::Converted(m_convertedFilter->currentData().toInt());
    if (f != m_model->filter())
        m_model->setRecordFilter(f);
    updateBusy();
}

void RecordTab::updateBusy()
{
    if (!m_model->isLoading())
        return;
    m_busy->setText(m_model->filter().search.isEmpty() ? tr("Loading…") : tr("Searching…"));
    if (!m_busy->isVisible() && !m_busyTimer->isActive())
        m_busyTimer->start();
}

void RecordTab::updateEmptyState()
{
    // Only a tab with no records at all: a filter or a search that finds none keeps the grid.
    const bool none = !m_model->isLoading() && m_model->rowCount() == 0
                   && m_model->filter() == RecordFilter{};
    QWidget *shown = none ? m_empty : static_cast<QWidget *>(m_view);
    if (m_body->currentWidget() == shown)
        return;
    const bool hadFocus = m_body->currentWidget()->isAncestorOf(focusWidget())
                       || m_body->currentWidget() == focusWidget();
    m_body->setCurrentWidget(shown);
    setFocusProxy(shown);
    if (hadFocus)
        focusProxy()->setFocus();
}

void RecordTab::loadingFinished()
{
    m_busyTimer->stop();
    m_busy->hide();
    updateEmptyState();
    const qint64 id = std::exchange(m_selectWhenLoaded, 0);
    const bool first = std::exchange(m_firstRowWhenLoaded, false);
    const std::optional<QPoint> scroll = std::exchange(m_scrollWhenLoaded, std::nullopt);
    const KeptSelection kept = std::exchange(m_keptWhenLoaded, KeptSelection());
    if (id)
        selectId(id);
    else if (first && !m_view->currentIndex().isValid() && m_model->rowCount() > 0)
        selectId(m_model->idAt(0));
    if (scroll) // a refresh in place, not a selection asked for meanwhile
        kept.restore(m_view, m_model);
    if (scroll) {
        m_view->horizontalScrollBar()->setValue(scroll->x());
        m_view->verticalScrollBar()->setValue(scroll->y());
    }
}

RecordFilter RecordTab::filter() const
{
    return m_model->filter();
}

qint64 RecordTab::currentId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->idAt(current.row()) : 0;
}

namespace {

// The selected rows as (first, count) runs in row order: row ranges, not selectedRows(), so
// that a select-all over a million rows is one run. Ranges of the same rows (one per column
// block) count once.
QList<QPair<int, int>> selectedRuns(const QItemSelection &selection)
{
    QList<QPair<int, int>> ranges;
    for (const QItemSelectionRange &r : selection)
        ranges.append({r.top(), r.bottom()});
    std::sort(ranges.begin(), ranges.end());
    QList<QPair<int, int>> runs;
    int next = 0; // first row not yet taken
    for (const auto &[top, bottom] : std::as_const(ranges)) {
        const int first = std::max(top, next);
        if (bottom >= first)
            runs.append({first, bottom - first + 1});
        next = std::max(next, bottom + 1);
    }
    return runs;
}

} // namespace

QList<qint64> RecordTab::selectedIds() const
{
    QList<qint64> ids;
    for (const auto &[first, count] : selectedRuns(m_view->selectionModel()->selection()))
        ids << m_model->idsInRows(first, count);
    return ids;
}

qint64 RecordTab::selectedCount() const
{
    qint64 rows = 0;
    for (const auto &run : selectedRuns(m_view->selectionModel()->selection()))
        rows += run.second;
    return rows;
}

void RecordTab::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void RecordTab::reload()
{
    for (const auto &[field, combo] : std::as_const(m_picklistFilters)) {
        if (const FieldDef *f = findField(m_entity, field); f && f->type == FieldType::Picklist)
            fillPicklistFilter(*f, combo);
    }
    applyFilter(); // a chosen value an undo took off the list is no longer a condition
    const qint64 current = currentId();
    m_model->reload();
    if (current)
        selectId(current); // when the rows are there
}

void RecordTab::refreshInPlace()
{
    const QPoint scroll(m_view->horizontalScrollBar()->value(),
                        m_view->verticalScrollBar()->value());
    const KeptSelection kept = KeptSelection::of(selectedCount(),
                                                 [this] { return selectedIds(); });
    reload();
    if (m_model->isLoading()) {
        m_scrollWhenLoaded = scroll;
        m_keptWhenLoaded = kept;
        return;
    }
    kept.restore(m_view, m_model);
    m_view->horizontalScrollBar()->setValue(scroll.x());
    m_view->verticalScrollBar()->setValue(scroll.y());
}

bool RecordTab::selectId(qint64 id)
{
    if (m_model->isLoading()) {
        m_selectWhenLoaded = id;
        m_firstRowWhenLoaded = false;
        m_scrollWhenLoaded.reset(); // the rep's (or a save's) record shows, wherever it is
        m_keptWhenLoaded = KeptSelection();
        return true;
    }
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return false;
    const QHeaderView *header = m_view->horizontalHeader();
    int column = m_view->currentIndex().column();
    for (int visual = 0; column < 0 && visual < header->count(); ++visual) {
        if (!header->isSectionHidden(header->logicalIndex(visual)))
            column = header->logicalIndex(visual);
    }
    const QModelIndex index = m_model->index(row, std::max(column, 0));
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void RecordTab::setDetailPane(DetailPane *pane)
{
    m_pane = pane;
    m_split->addWidget(pane);
    pane->follow(this);
}

bool RecordTab::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    if (watched == m_view && enter && (key->modifiers() & ~Qt::KeypadModifier) == 0) {
        if (const qint64 id = currentId())
            emit openRequested(id);
        return true;
    }
    if (watched == m_search && key->key() == Qt::Key_Down
        && (m_model->rowCount() > 0 || m_model->isLoading())) {
        // From the search box straight into the results (once they are there).
        applyFilter();
        if (m_model->isLoading())
            m_firstRowWhenLoaded = true;
        else if (!m_view->currentIndex().isValid())
            selectId(m_model->idAt(0));
        m_view->setFocus(Qt::TabFocusReason);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Rapport
