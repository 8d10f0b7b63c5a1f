// A record tab as a user drives it: search, filters, opening a record, column layout.
#include "storage/database.h"
#include "storage/demodata.h"
#include "storage/picklists.h"
#include "storage/recordstore.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"
#include "records/recordform.h"
#include "conversion/conversionmapping.h"
#include "conversion/converter.h"
#include "support/engines.h"
#include "support/threadgate.h"

#include <QComboBox>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QFontMetrics>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Rapport;

namespace {

const char *const Db = "tab";

int column(Entity e, const char *name)
{
    return fieldIndex(e, QLatin1String(name));
}

qint64 countOf(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

QStringList columnTexts(const QTableView *view, int col)
{
    QStringList out;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        out << view->model()->index(row, col).data().toString();
    return out;
}

// The tab reads counts and ids in the background: wait until the rows are there.
bool loaded(const RecordTab &tab)
{
    return QTest::qWaitFor([&tab] { return !tab.model()->isLoading(); }, 10000);
}

void clickRow(QTableView *view, int row, Qt::KeyboardModifiers modifiers = {})
{
    const int col = view->horizontalHeader()->logicalIndexAt(5);
    const QRect rect = view->visualRect(view->model()->index(row, col));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, rect.center());
}

// Opens the column menu of the header as a right click would, and returns it.
QMenu *openColumnMenu(RecordTab *tab)
{
    QHeaderView *header = tab->view()->horizontalHeader();
    const QPoint pos(10, header->height() / 2);
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, header->viewport()->mapToGlobal(pos));
    QCoreApplication::sendEvent(header->viewport(), &event);
    return tab->findChild<QMenu *>("columnMenu");
}

QAction *menuAction(QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions()) {
        if (a->text() == text)
            return a;
    }
    return nullptr;
}

} // namespace

class TestRecordTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void startsWithListedColumnsSortedByName();
    void columnsHaveTheWidthOfTheirValues();
    void typingInSearchNarrowsRows();
    void theCountFollowsTheRowsAsTheyCome();
    void downFromSearchGoesToResults();
    void statusFilterFilters();
    void convertedFilterShowsConvertedLeads();
    void dealsHaveStageFilter();
    void mineShowsTheRepsOwn();
    void returnOpensSelectedRecord();
    void doubleClickOpensRecord();
    void selectedIdsFollowSelection();
    void columnMenuHidesAndShowsColumns();
    void headerStateSurvivesRecreation();
    void reloadKeepsCurrentRecord();
    void addedValuesAreOfferedAndFiltered();
    void aConvertedLeadsStatusReadsConverted(); // last: it converts a lead of the fixture

private:
    QTemporaryDir m_dir;
};

void TestRecordTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_recordtab");
    QVERIFY(m_dir.isValid());
    QVERIFY(Database::open(Engines::location(m_dir.filePath("tab.sqlite")), Db).isEmpty());
    QCOMPARE(DemoData(Db).generate({.leads = 400, .accounts = 10, .deals = 60}), QString());
    RecordStore store(Db);
    QVERIFY(store.insert(Entity::Lead, {{"first_name", "Zoltán"}, {"last_name", "Zyx"}}).ok());
    QVERIFY(store.insert(Entity::Lead, {{"last_name", "Zyxwv"}, {"company", "Zyx Corp"}}).ok());
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("UPDATE leads SET converted_at = '2026-01-01' WHERE id IN (10, 20, 30)"));
}

void TestRecordTab::init()
{
    QSettings().remove("tabs"); // every test starts from the default layout
}

void TestRecordTab::startsWithListedColumnsSortedByName()
{
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    const QHeaderView *header = tab.view()->horizontalHeader();
    const auto &fields = entityDef(Entity::Lead).fields;
    for (int i = 0; i < fields.size(); ++i)
        QCOMPARE(header->isSectionHidden(i), !fields[i].listed);
    QCOMPARE(header->sortIndicatorSection(), column(Entity::Lead, "last_name"));
    QCOMPARE(tab.model()->sortColumn(), column(Entity::Lead, "last_name"));
    QCOMPARE(tab.view()->model()->rowCount(), countOf("SELECT COUNT(*) FROM leads "
                                                      "WHERE converted_at IS NULL"));
}

void TestRecordTab::columnsHaveTheWidthOfTheirValues()
{
    RecordTab tab(Entity::Lead, Db);
    tab.resize(2400, 600); // wider than all the columns together
    tab.show();
    QVERIFY(loaded(tab));
    const QHeaderView *header = tab.view()->horizontalHeader();
    const QFontMetrics fm = tab.view()->fontMetrics();
    // An email address is read whole; a status is short; and the last visible column is no
    // wider than its kind, however wide the window.
    QVERIFY(header->sectionSize(column(Entity::Lead, "email"))
            >= fm.horizontalAdvance("francoise.daubigny@example.com"));
    QVERIFY(header->sectionSize(column(Entity::Lead, "lead_status"))
            < header->sectionSize(column(Entity::Lead, "email")));
    int last = -1;
    for (int visual = header->count() - 1; visual >= 0 && last < 0; --visual) {
        if (!header->isSectionHidden(header->logicalIndex(visual)))
            last = header->logicalIndex(visual);
    }
    QVERIFY(last >= 0);
    QVERIFY2(header->sectionSize(last) < tab.width() / 4,
             qPrintable(QString::number(header->sectionSize(last))));
}

void TestRecordTab::typingInSearchNarrowsRows()
{
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    tab.show();
    QSignalSpy counts(&tab, &RecordTab::countChanged);
    auto *search = tab.findChild<QLineEdit *>("searchEdit");
    QVERIFY(search);
    QVERIFY(search->isClearButtonEnabled());
    const int all = tab.view()->model()->rowCount();
    QTest::keyClicks(search, "ZYX");
    QCOMPARE(tab.view()->model()->rowCount(), all); // not on every key stroke
    QTRY_COMPARE(tab.view()->model()->rowCount(), 2);
    QCOMPARE(columnTexts(tab.view(), column(Entity::Lead, "last_name")),
             (QStringList{"Zyx", "Zyxwv"}));
    QCOMPARE(counts.last().first().toLongLong(), 2);
    QCOMPARE(tab.filter().search, QString("ZYX"));
    QTest::keyClicks(search, "w");
    QTRY_COMPARE(tab.view()->model()->rowCount(), 1);
    search->clear();
    QTRY_COMPARE(tab.view()->model()->rowCount(), all);
}

void TestRecordTab::theCountFollowsTheRowsAsTheyCome()
{
    // GIVEN a search with more matches than a page, whose count is held back
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    tab.show();
    const qint64 matching = countOf("SELECT COUNT(*) FROM leads WHERE converted_at IS NULL "
                                    "AND search_key LIKE '%e%'");
    QVERIFY(matching > RecordTableModel::PageSize);
    QSignalSpy counts(&tab, &RecordTab::countChanged);
    ReaderGate count;
    QTest::keyClicks(tab.findChild<QLineEdit *>("searchEdit"), "e");
    QTRY_VERIFY(count.held());
    // WHEN its first page is shown alone THEN the count says that page
    QTRY_COMPARE(tab.view()->model()->rowCount(), RecordTableModel::PageSize);
    QCOMPARE(counts.last().first().toLongLong(), RecordTableModel::PageSize);
    // AND once the rows have grown to all the matches, it says them all
    count.open();
    QTRY_COMPARE(tab.view()->model()->rowCount(), int(matching));
    QTRY_COMPARE(counts.last().first().toLongLong(), matching);
}

void TestRecordTab::downFromSearchGoesToResults()
{
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    tab.focusSearch();
    auto *search = tab.findChild<QLineEdit *>("searchEdit");
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, "zyxw");
    // No waiting for the debounce: Down searches now and lands on the first result.
    QTest::keyClick(search, Qt::Key_Down);
    QTRY_COMPARE(tab.view()->model()->rowCount(), 1);
    QTRY_VERIFY(tab.view()->hasFocus());
    QTRY_VERIFY(tab.currentId() > 0);
    QVERIFY(!tab.view()->horizontalHeader()->isSectionHidden(tab.view()->currentIndex().column()));
    QCOMPARE(RecordStore(Db).nameOf(Entity::Lead, tab.currentId()), QString("Zyxwv"));
}

void TestRecordTab::statusFilterFilters()
{
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    auto *status = tab.findChild<QComboBox *>("statusFilter");
    QVERIFY(status);
    QCOMPARE(status->itemText(0), QString("All statuses"));
    QVERIFY(tab.findChild<QComboBox *>("sourceFilter"));
    QCOMPARE(tab.findChild<QComboBox *>("sourceFilter")->itemText(0), QString("All sources"));
    status->setCurrentIndex(status->findText("Contacted"));
    QVERIFY(loaded(tab));
    const qint64 expected = countOf("SELECT COUNT(*) FROM leads WHERE lead_status = "
                                    "'Contacted' AND converted_at IS NULL");
    QVERIFY(expected > 0);
    QCOMPARE(tab.view()->model()->rowCount(), expected);
    const QStringList shown = columnTexts(tab.view(), column(Entity::Lead, "lead_status"));
    QCOMPARE(shown.count("Contacted"), expected);
    status->setCurrentIndex(0);
    QVERIFY(loaded(tab));
    QCOMPARE(tab.view()->model()->rowCount(), countOf("SELECT COUNT(*) FROM leads "
                                                      "WHERE converted_at IS NULL"));
}

void TestRecordTab::convertedFilterShowsConvertedLeads()
{
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    auto *converted = tab.findChild<QComboBox *>("convertedFilter");
    QVERIFY(converted);
    converted->setCurrentIndex(converted->findText("Converted"));
    QVERIFY(loaded(tab));
    QCOMPARE(tab.view()->model()->rowCount(), 3);
    converted->setCurrentIndex(converted->findText("All"));
    QVERIFY(loaded(tab));
    QCOMPARE(tab.view()->model()->rowCount(), countOf("SELECT COUNT(*) FROM leads"));
}

void TestRecordTab::dealsHaveStageFilter()
{
    RecordTab tab(Entity::Deal, Db);
    QVERIFY(loaded(tab));
    QVERIFY(!tab.findChild<QComboBox *>("statusFilter"));
    auto *stage = tab.findChild<QComboBox *>("stageFilter");
    QVERIFY(stage);
    stage->setCurrentIndex(stage->findText("Proposal"));
    QVERIFY(loaded(tab));
    QCOMPARE(tab.view()->model()->rowCount(),
             countOf("SELECT COUNT(*) FROM deals WHERE stage = 'Proposal'"));
}

void TestRecordTab::mineShowsTheRepsOwn()
{
    qputenv("RAPPORT_USER", "Grace Hopper");
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("UPDATE deals SET owner = 'Grace Hopper' WHERE id % 4 = 0"));
    q.finish();
    RecordTab tab(Entity::Deal, Db);
    QVERIFY(loaded(tab));
    auto *owner = tab.findChild<QComboBox *>("ownerFilter");
    QVERIFY(owner);
    QCOMPARE(owner->currentText(), QStringLiteral("Everyone's"));
    QCOMPARE(tab.view()->model()->rowCount(), countOf("SELECT COUNT(*) FROM deals"));
    owner->setCurrentIndex(owner->findText("Mine"));
    QVERIFY(loaded(tab));
    QCOMPARE(tab.view()->model()->rowCount(),
             countOf("SELECT COUNT(*) FROM deals WHERE owner = 'Grace Hopper'"));
    QVERIFY(tab.view()->model()->rowCount() > 0);
    QVERIFY(q.exec("UPDATE deals SET owner = NULL"));
}

void TestRecordTab::returnOpensSelectedRecord()
{
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    tab.resize(900, 600);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    QSignalSpy opened(&tab, &RecordTab::openRequested);
    clickRow(tab.view(), 3);
    const qint64 id = tab.model()->idAt(3);
    QCOMPARE(tab.currentId(), id);
    QTest::keyClick(tab.view(), Qt::Key_Return);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toLongLong(), id);
    QTest::keyClick(tab.view(), Qt::Key_Down);
    QTest::keyClick(tab.view(), Qt::Key_Enter, Qt::KeypadModifier);
    QCOMPARE(opened.size(), 2);
    QCOMPARE(opened.last().first().toLongLong(), tab.model()->idAt(4));
}

void TestRecordTab::doubleClickOpensRecord()
{
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    tab.resize(900, 600);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    QSignalSpy opened(&tab, &RecordTab::openRequested);
    const QRect rect = tab.view()->visualRect(tab.view()->model()->index(5, 1));
    // As in Qt's own item view tests: the view wants the press before the double click.
    QTest::mouseClick(tab.view()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(tab.view()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toLongLong(), tab.model()->idAt(5));
}

void TestRecordTab::selectedIdsFollowSelection()
{
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    tab.resize(900, 600);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    QSignalSpy changed(&tab, &RecordTab::selectionChanged);
    clickRow(tab.view(), 2);
    clickRow(tab.view(), 5, Qt::ShiftModifier);
    clickRow(tab.view(), 8, Qt::ControlModifier);
    QVERIFY(changed.size() >= 3);
    const RecordTableModel *m = tab.model();
    QCOMPARE(tab.selectedIds(),
             (QList<qint64>{m->idAt(2), m->idAt(3), m->idAt(4), m->idAt(5), m->idAt(8)}));
    tab.view()->selectAll();
    QVERIFY(!tab.model()->isLoading());
    const QList<qint64> all = tab.selectedIds();
    QCOMPARE(all.size(), m->rowCount());
    QCOMPARE(all.last(), m->idAt(m->rowCount() - 1));
}

void TestRecordTab::columnMenuHidesAndShowsColumns()
{
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    tab.resize(900, 600);
    tab.show();
    QHeaderView *header = tab.view()->horizontalHeader();
    QMenu *menu = openColumnMenu(&tab);
    QVERIFY(menu);
    QAction *title = menuAction(menu, "Title");
    QVERIFY(title && !title->isChecked());
    title->trigger();
    QVERIFY(!header->isSectionHidden(column(Entity::Lead, "title")));
    menu = openColumnMenu(&tab);
    QAction *city = menuAction(menu, "City");
    QVERIFY(city && city->isChecked());
    city->trigger();
    QVERIFY(header->isSectionHidden(column(Entity::Lead, "city")));
    // Reset brings back the default columns.
    openColumnMenu(&tab);
    menuAction(tab.findChild<QMenu *>("columnMenu"), "Reset Columns")->trigger();
    QVERIFY(header->isSectionHidden(column(Entity::Lead, "title")));
    QVERIFY(!header->isSectionHidden(column(Entity::Lead, "city")));
}

void TestRecordTab::headerStateSurvivesRecreation()
{
    const int email = column(Entity::Lead, "email");
    const int city = column(Entity::Lead, "city");
    const int title = column(Entity::Lead, "title");
    {
        // GIVEN a user who hides City, shows Title, moves Email first, widens it and
        // sorts by it, descending
        auto tab = std::make_unique<RecordTab>(Entity::Lead, Db);
        tab->show();
        menuAction(openColumnMenu(tab.get()), "City")->trigger();
        menuAction(openColumnMenu(tab.get()), "Title")->trigger();
        QHeaderView *header = tab->view()->horizontalHeader();
        header->moveSection(header->visualIndex(email), 0);
        header->resizeSection(email, 333);
        tab->view()->sortByColumn(email, Qt::DescendingOrder);
    } // WHEN the tab goes away (the app quits) and comes back
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    const QHeaderView *header = tab.view()->horizontalHeader();
    // THEN the layout and the order are as the user left them
    QVERIFY(header->isSectionHidden(city));
    QVERIFY(!header->isSectionHidden(title));
    QCOMPARE(header->visualIndex(email), 0);
    QCOMPARE(header->sectionSize(email), 333);
    QCOMPARE(header->sortIndicatorSection(), email);
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(tab.model()->sortColumn(), email);
    QCOMPARE(tab.model()->sortOrder(), Qt::DescendingOrder);
    // Contacts keep their own layout.
    RecordTab contacts(Entity::Contact, Db);
    QVERIFY(loaded(contacts));
    QCOMPARE(contacts.view()->horizontalHeader()->visualIndex(0), 0);
}

void TestRecordTab::reloadKeepsCurrentRecord()
{
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    QSignalSpy counts(&tab, &RecordTab::countChanged);
    const qint64 id = tab.model()->idAt(200);
    QVERIFY(tab.selectId(id));
    QCOMPARE(tab.currentId(), id);
    QVERIFY(RecordStore(Db).insert(Entity::Lead, {{"last_name", "Aaaaron"}}).ok());
    tab.reload();
    QCOMPARE(tab.currentId(), id); // the old rows stay until the new ones are there
    QVERIFY(loaded(tab));
    QCOMPARE(counts.last().first().toLongLong(),
             countOf("SELECT COUNT(*) FROM leads WHERE converted_at IS NULL"));
    QCOMPARE(tab.currentId(), id); // one row further down now, still the same lead
    QCOMPARE(tab.view()->currentIndex().row(), 201);
    QVERIFY(!tab.selectId(10)); // converted: not in the active list
}

void TestRecordTab::addedValuesAreOfferedAndFiltered()
{
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    auto *source = tab.findChild<QComboBox *>("sourceFilter");
    QCOMPARE(source->findData("Golf Club"), -1);
    // GIVEN a source added to the list (as an import does) and a lead from it
    const FieldDef &field = *findField(Entity::Lead, "lead_source");
    QCOMPARE(Picklists(Db).add(field, "Golf Club"), QString());
    const qint64 id = RecordStore(Db).insert(Entity::Lead, {{"last_name", "Caddie"},
                                                            {"lead_source", "Golf Club"}}).id;
    QVERIFY(id > 0);
    // WHEN the tab reloads, THEN its filter offers the source and filters by it
    tab.reload();
    QVERIFY(loaded(tab));
    QVERIFY(source->findData("Golf Club") > 0);
    source->setCurrentIndex(source->findData("Golf Club"));
    QVERIFY(loaded(tab));
    QCOMPARE(tab.view()->model()->rowCount(), 1);
    QCOMPARE(tab.model()->idAt(0), id);
    // AND the record's form offers it, after Rapport's own sources
    RecordForm form(Entity::Lead, Db);
    auto *editor = qobject_cast<QComboBox *>(form.editor("lead_source"));
    QCOMPARE(editor->itemData(editor->count() - 1).toString(), QString("Golf Club"));
    // WHEN it is taken off the list again, THEN the filter no longer holds it back
    QCOMPARE(RecordStore(Db).remove(Entity::Lead, id), QString());
    QCOMPARE(Picklists(Db).remove(field, "Golf Club"), QString());
    tab.reload();
    QVERIFY(loaded(tab));
    QCOMPARE(source->currentIndex(), 0);
    QCOMPARE(tab.view()->model()->rowCount(),
             countOf("SELECT COUNT(*) FROM leads WHERE converted_at IS NULL"));
}

void TestRecordTab::aConvertedLeadsStatusReadsConverted()
{
    // GIVEN a contacted lead, converted
    RecordStore store(Db);
    const qint64 id = store.insert(Entity::Lead, {{"last_name", "Zuse"},
                                                  {"lead_status", "Contacted"}}).id;
    ConversionPlan plan = ConversionPlan::suggested(id, *store.load(Entity::Lead, id),
                                                    ConversionMapping::defaults());
    plan.createDeal = false;
    QVERIFY(Converter(Db).convert(plan).ok());
    // WHEN the Leads tab shows converted leads too
    RecordTab tab(Entity::Lead, Db);
    QVERIFY(loaded(tab));
    auto *converted = tab.findChild<QComboBox *>("convertedFilter");
    converted->setCurrentIndex(converted->findText("All"));
    QVERIFY(loaded(tab));
    // THEN its Lead Status reads "Converted", in the list and in its form
    const int row = tab.model()->rowOfId(id);
    QVERIFY(row >= 0);
    // (a page not read yet says "loading" and fills in)
    QTRY_COMPARE(tab.model()->index(row, column(Entity::Lead, "lead_status")).data().toString(),
                 QString("Converted"));
    RecordForm form(Entity::Lead, Db);
    form.setValues(*store.load(Entity::Lead, id));
    QCOMPARE(qobject_cast<QComboBox *>(form.editor("lead_status"))->currentText(),
             QString("Converted"));
    // and unconverted, the status it had
    QVERIFY(Converter(Db).unconvert(id).ok());
    tab.reload();
    QVERIFY(loaded(tab));
    QTRY_COMPARE(tab.model()->index(tab.model()->rowOfId(id), column(Entity::Lead, "lead_status"))
                     .data().toString(), QString("Contacted"));
}

QTEST_MAIN(TestRecordTab)
#include "tst_recordtab.moc"
