// The table model of the record tabs: what a tab shows, in which order, under which filter.
#include "storage/database.h"
#include "storage/demodata.h"
#include "storage/recordstore.h"
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"
#include "support/engines.h"

#include <QAbstractItemModelTester>
#include <QDate>
#include <QLocale>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const char *const Db = "tablemodel";

int column(Entity e, const char *name)
{
    return fieldIndex(e, QLatin1String(name));
}

QList<qint64> modelIds(const RecordTableModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.data(model.index(row, 0), RecordTableModel::IdRole).toLongLong();
    return ids;
}

QList<qint64> queryIds(const QString &connection, const QString &sql)
{
    QList<qint64> ids;
    QSqlQuery q(QSqlDatabase::database(connection));
    if (!q.exec(sql))
        qWarning() << q.lastError().text();
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

} // namespace

class TestRecordTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void passesModelTester_data();
    void passesModelTester();
    void passesModelTesterInBackground();
    void headerNamesFields();
    void sortingOrdersRows_data();
    void sortingOrdersRows();
    void filteredRowsAreSortedToo_data();
    void filteredRowsAreSortedToo();
    void descendingAmountsShowLargestFirst();
    void statusFilter();
    void convertedFilter();
    void referenceColumnShowsName();
    void valuesAreFormatted();
    void rowOfIdFindsUncachedRecords();
    void idsInRowsMatchesRows();
    void reloadShowsNewRecords();
    void deletedRecordLeavesEmptyRowUntilReload();

private:
    QTemporaryDir m_dir;
};

void TestRecordTableModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(Database::open(Engines::location(m_dir.filePath("model.sqlite")), Db).isEmpty());
    // More leads than fit in one page, so paging and page boundaries are exercised.
    QCOMPARE(DemoData(Db).generate({.leads = 700, .contacts = 300, .accounts = 40,
                                    .deals = 200, .activities = 100}), QString());
    RecordStore store(Db);
    QVERIFY(store.insert(Entity::Contact, {{"last_name", "Nobody"}}).ok()); // no account
    QVERIFY(store.insert(Entity::Deal, {{"deal_name", "Opt-out deal"}}).ok());
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("UPDATE deals SET contact_id = (id * 7) % 300 + 1 WHERE id % 3 <> 0"));

}

void TestRecordTableModel::passesModelTester_data()
{
    QTest::addColumn<Entity>("entity");
    for (Entity e : allEntities())
        QTest::newRow(entityDef(e).table) << e;
}

void TestRecordTableModel::passesModelTester()
{
    QFETCH(Entity, entity);
    RecordTableModel model(entity, Db);
    QVERIFY(model.rowCount() > 0);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.sort(1, Qt::DescendingOrder);
    model.setRecordFilter({.search = "a"});
    model.reload();
    model.sort(-1);
    QVERIFY(model.rowCount() > 0);
}

void TestRecordTableModel::passesModelTesterInBackground()
{
    RecordTableModel model(Entity::Lead, Db, RecordTableModel::Loading::InBackground);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0); // nothing read yet: the count comes from the worker
    QVERIFY(model.isLoading());
    QTRY_VERIFY(!model.isLoading());
    const int all = model.rowCount();
    QCOMPARE(all, int(queryIds(Db, "SELECT id FROM leads WHERE converted_at IS NULL").size()));
    // Requests one after the other, each overtaking the one before.
    model.sort(column(Entity::Lead, "title"), Qt::DescendingOrder);
    model.setRecordFilter({.search = "a"});
    model.reload();
    model.setRecordFilter({.search = "müller"});
    QCOMPARE(model.rowCount(), all); // still the rows from before
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(modelIds(model),
             queryIds(Db, "SELECT id FROM leads WHERE converted_at IS NULL AND search_key "
                          "LIKE '%muller%' ORDER BY title DESC, id DESC"));
    // An order an index serves needs no new count; its first page is read off this thread.
    model.setRecordFilter({});
    QTRY_VERIFY(!model.isLoading());
    model.sort(column(Entity::Lead, "last_name"));
    QCOMPARE(model.rowCount(), all);
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), all);
    QCOMPARE(model.idsInRows(0, 3),
             queryIds(Db, "SELECT id FROM leads WHERE converted_at IS NULL "
                          "ORDER BY last_name, id LIMIT 3"));
}

void TestRecordTableModel::headerNamesFields()
{
    RecordTableModel model(Entity::Contact, Db);
    const auto &fields = entityDef(Entity::Contact).fields;
    QCOMPARE(model.columnCount(), fields.size());
    for (int i = 0; i < fields.size(); ++i) {
        QCOMPARE(model.headerData(i, Qt::Horizontal).toString(), fieldLabel(fields[i]));
        QCOMPARE(model.headerData(i, Qt::Horizontal, Qt::UserRole).toString(),
                 QString(fields[i].name));
    }
}

void TestRecordTableModel::sortingOrdersRows_data()
{
    QTest::addColumn<Entity>("entity");
    QTest::addColumn<QString>("field");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QString>("expected"); // the same order, asked of the database directly
    QTest::newRow("leads by last name")
        << Entity::Lead << "last_name" << Qt::AscendingOrder
        << "SELECT id FROM leads WHERE converted_at IS NULL ORDER BY last_name, id";
    QTest::newRow("leads by last name, descending")
        << Entity::Lead << "last_name" << Qt::DescendingOrder
        << "SELECT id FROM leads WHERE converted_at IS NULL ORDER BY last_name DESC, id DESC";
    QTest::newRow("leads by title (no index)")
        << Entity::Lead << "title" << Qt::AscendingOrder
        << "SELECT id FROM leads WHERE converted_at IS NULL ORDER BY title, id";
    QTest::newRow("contacts by account name")
        << Entity::Contact << "account_id" << Qt::AscendingOrder
        << "SELECT c.id FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id "
           "ORDER BY a.account_name, c.id";
    QTest::newRow("deals by contact name, descending")
        << Entity::Deal << "contact_id" << Qt::DescendingOrder
        << "SELECT d.id FROM deals d LEFT JOIN contacts c ON c.id = d.contact_id ORDER BY "
           "NULLIF(TRIM(COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '')), '') "
           "COLLATE NOCASE DESC, d.id DESC"; // no contact: no name, where the engine puts NULL
    QTest::newRow("deals by closing date")
        << Entity::Deal << "closing_date" << Qt::AscendingOrder
        << "SELECT id FROM deals ORDER BY closing_date, id";
}

void TestRecordTableModel::sortingOrdersRows()
{
    QFETCH(Entity, entity);
    QFETCH(QString, field);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QString, expected);
    RecordTableModel model(entity, Db);
    model.sort(fieldIndex(entity, field), order);
    // On PostgreSQL text sorts by the database's collation, the model's as the expected one's.
    if (Engines::postgres())
        expected.remove(" COLLATE NOCASE");
    const QList<qint64> want = queryIds(Db, expected);
    QVERIFY(want.size() > 100);
    QCOMPARE(modelIds(model), want);
}

void TestRecordTableModel::filteredRowsAreSortedToo_data()
{
    QTest::addColumn<RecordFilter>("filter");
    QTest::addColumn<QString>("field");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<bool>("byIds"); // whether the model keeps the ordered ids
    QTest::addColumn<QString>("expected");
    QTest::newRow("status, by last name descending")
        << RecordFilter{.equals = {{"lead_status", "Contacted"}}} << "last_name"
        << Qt::DescendingOrder << true
        << "SELECT id FROM leads WHERE converted_at IS NULL AND lead_status = 'Contacted' "
           "ORDER BY last_name DESC, id DESC";
    QTest::newRow("search, by title")
        << RecordFilter{.search = "müller"} << "title" << Qt::AscendingOrder << true
        << "SELECT id FROM leads WHERE converted_at IS NULL AND search_key LIKE '%muller%' "
           "ORDER BY title, id";
    // Only active leads are indexed by company; by email all are.
    QTest::newRow("all leads, by company")
        << RecordFilter{.converted = RecordFilter::Converted::Include} << "company"
        << Qt::AscendingOrder << true << "SELECT id FROM leads ORDER BY company, id";
    QTest::newRow("all leads, by email")
        << RecordFilter{.converted = RecordFilter::Converted::Include} << "email"
        << Qt::DescendingOrder << false << "SELECT id FROM leads ORDER BY email DESC, id DESC";
}

void TestRecordTableModel::filteredRowsAreSortedToo()
{
    QFETCH(RecordFilter, filter);
    QFETCH(QString, field);
    QFETCH(Qt::SortOrder, order);
    QFETCH(bool, byIds);
    QFETCH(QString, expected);
    RecordTableModel model(Entity::Lead, Db);
    model.setRecordFilter(filter);
    model.sort(fieldIndex(Entity::Lead, field), order);
    QCOMPARE(model.holdsOrderedIds(), byIds);
    const QList<qint64> want = queryIds(Db, expected);
    QVERIFY(want.size() > 20);
    QCOMPARE(model.rowCount(), want.size());
    QCOMPARE(modelIds(model), want);
}

void TestRecordTableModel::descendingAmountsShowLargestFirst()
{
    RecordTableModel model(Entity::Deal, Db);
    const int amount = column(Entity::Deal, "amount");
    model.sort(amount, Qt::DescendingOrder);
    double previous = 1e300;
    int withAmount = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QVariant v = model.index(row, amount).data(Qt::UserRole);
        if (v.isNull())
            continue; // records without an amount come last
        QVERIFY2(v.toDouble() <= previous, qPrintable(QString::number(row)));
        previous = v.toDouble();
        ++withAmount;
    }
    QCOMPARE(withAmount, 200);
}

void TestRecordTableModel::statusFilter()
{
    RecordTableModel model(Entity::Lead, Db);
    const int status = column(Entity::Lead, "lead_status");
    model.setRecordFilter({.equals = {{"lead_status", "Contacted"}}});
    const QList<qint64> want = queryIds(Db, "SELECT id FROM leads WHERE lead_status = "
                                            "'Contacted' AND converted_at IS NULL ORDER BY id");
    QVERIFY(!want.isEmpty());
    QCOMPARE(model.rowCount(), want.size());
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, status).data().toString(), QString("Contacted"));
    QList<qint64> got = modelIds(model);
    std::sort(got.begin(), got.end());
    QCOMPARE(got, want);
}

void TestRecordTableModel::convertedFilter()
{
    // GIVEN 7 converted leads
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("UPDATE leads SET converted_at = '2026-11-23T10:00:00Z' "
                   "WHERE id IN (3, 50, 128, 129, 256, 400, 699)"));
    const int total = int(queryIds(Db, "SELECT id FROM leads").size());
    RecordTableModel model(Entity::Lead, Db);
    // THEN the default (active) list lacks them, "only" lists exactly them, "all" both
    QCOMPARE(model.rowCount(), total - 7);
    QVERIFY(!modelIds(model).contains(128));
    model.setRecordFilter({.converted = RecordFilter::Converted::Only});
    QCOMPARE(modelIds(model), (QList<qint64>{3, 50, 128, 129, 256, 400, 699}));
    model.setRecordFilter({.converted = RecordFilter::Converted::Include});
    QCOMPARE(model.rowCount(), total);
}

void TestRecordTableModel::referenceColumnShowsName()
{
    RecordTableModel contacts(Entity::Contact, Db);
    const int account = column(Entity::Contact, "account_id");
    RecordStore store(Db);
    int withAccount = 0;
    for (int row = 0; row < contacts.rowCount(); ++row) {
        const QModelIndex index = contacts.index(row, account);
        const QVariant id = index.data(Qt::UserRole);
        if (id.isNull()) {
            QCOMPARE(index.data().toString(), QString());
            continue;
        }
        QCOMPARE(index.data().toString(), store.nameOf(Entity::Account, id.toLongLong()));
        QVERIFY(index.data().toString().contains(QString::number(id.toLongLong())));
        ++withAccount;
    }
    QCOMPARE(withAccount, 300);
    // A deal's contact is shown by the person's name.
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("UPDATE deals SET contact_id = (SELECT id FROM contacts WHERE "
                   "last_name = 'Nobody') WHERE deal_name = 'Opt-out deal'"));
    RecordTableModel deals(Entity::Deal, Db);
    deals.setRecordFilter({.search = "opt-out"});
    QCOMPARE(deals.rowCount(), 1);
    QCOMPARE(deals.index(0, column(Entity::Deal, "contact_id")).data().toString(),
             QString("Nobody"));
}

void TestRecordTableModel::valuesAreFormatted()
{
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("UPDATE contacts SET email_opt_out = 1 WHERE id = 5"));
    QVERIFY(q.exec("UPDATE deals SET amount = 1234567.5, closing_date = '2026-03-01' "
                   "WHERE id = 1"));
    RecordTableModel deals(Entity::Deal, Db);
    const int row = deals.rowOfId(1);
    QVERIFY(row >= 0);
    const QLocale locale;
    QCOMPARE(deals.index(row, column(Entity::Deal, "amount")).data().toString(),
             locale.toString(1234567.5, 'f', 2));
    QCOMPARE(deals.index(row, column(Entity::Deal, "closing_date")).data().toString(),
             locale.toString(QDate(2026, 3, 1), QLocale::ShortFormat));
    RecordTableModel contacts(Entity::Contact, Db);
    const int optOut = column(Entity::Contact, "email_opt_out");
    QCOMPARE(contacts.index(contacts.rowOfId(5), optOut).data(Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    QCOMPARE(contacts.index(contacts.rowOfId(6), optOut).data(Qt::CheckStateRole).toInt(),
             int(Qt::Unchecked));
}

void TestRecordTableModel::rowOfIdFindsUncachedRecords()
{
    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        RecordTableModel model(Entity::Lead, Db);
        model.sort(column(Entity::Lead, "last_name"), order); // many equal last names
        QList<QPair<qint64, int>> probes;
        for (int row : {0, 1, 127, 128, 300, 511, model.rowCount() - 1})
            probes.append({model.idAt(row), row});
        model.reload(); // nothing cached: the position has to be computed
        QCOMPARE(model.loadedRowCount(), 0);
        for (const auto &[id, row] : probes)
            QCOMPARE(model.rowOfId(id), row);
        QCOMPARE(model.rowOfId(128), -1); // converted, so not shown
        QCOMPARE(model.rowOfId(999999), -1);
    }
    RecordTableModel contacts(Entity::Contact, Db);
    contacts.sort(column(Entity::Contact, "account_id"));
    const qint64 id = contacts.idAt(200);
    contacts.reload();
    QCOMPARE(contacts.rowOfId(id), 200);
}

void TestRecordTableModel::idsInRowsMatchesRows()
{
    RecordTableModel model(Entity::Lead, Db);
    model.sort(column(Entity::Lead, "city"), Qt::DescendingOrder);
    const QList<qint64> all = modelIds(model);
    model.reload();
    QCOMPARE(model.idsInRows(100, 400), all.mid(100, 400));
    QCOMPARE(model.idsInRows(650, 1000), all.mid(650));
}

void TestRecordTableModel::reloadShowsNewRecords()
{
    RecordTableModel model(Entity::Account, Db);
    const int before = model.rowCount();
    model.setRecordFilter({.search = "Zeta Widgets"});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(RecordStore(Db).insert(Entity::Account, {{"account_name", "Zeta Widgets AG"}}).ok());
    model.reload();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data().toString(), QString("Zeta Widgets AG"));
    model.setRecordFilter({});
    QCOMPARE(model.rowCount(), before + 1);
}

void TestRecordTableModel::deletedRecordLeavesEmptyRowUntilReload()
{
    RecordTableModel model(Entity::Account, Db);
    model.sort(column(Entity::Account, "fax")); // not indexed: the model keeps the ids
    QVERIFY(model.holdsOrderedIds());
    const int rows = model.rowCount();
    const qint64 id = RecordStore(Db).insert(Entity::Account, {{"account_name", "Gone Ltd"}}).id;
    model.reload();
    QCOMPARE(model.rowCount(), rows + 1);
    const int row = model.rowOfId(id);
    QVERIFY(row >= 0);
    QCOMPARE(RecordStore(Db).remove(Entity::Account, id), QString());
    // The row is still counted but shows nothing (no stale name, no crash)...
    QCOMPARE(model.index(row, 0).data().toString(), QString());
    // ... until the tab reloads.
    model.reload();
    QCOMPARE(model.rowCount(), rows);
    QCOMPARE(model.rowOfId(id), -1);
}

QTEST_GUILESS_MAIN(TestRecordTableModel)
#include "tst_recordtablemodel.moc"
