// The SQL behind the record tables: pages of an indexed sort come off an index, in order.
// SQLite only: these are its query plans (PostgreSQL plans by statistics; the model itself runs
// on both engines in tst_recordtablemodel).
#include "storage/database.h"
#include "storage/demodata.h"
#include "lists/recordfilter.h"
#include "lists/recordtablesql.h"
#include "records/recordtypes.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const char *const Db = "tablesql";

} // namespace

class TestRecordTableSql : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void indexedSortNeedsNoSort_data();
    void indexedSortNeedsNoSort();

private:
    QTemporaryDir m_dir;
};

void TestRecordTableSql::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(Database::open(m_dir.filePath("sql.sqlite"), Db).isEmpty());
    QCOMPARE(DemoData(Db).generate({.leads = 300, .contacts = 100, .accounts = 20,
                                    .deals = 50}), QString());
}

void TestRecordTableSql::indexedSortNeedsNoSort_data()
{
    QTest::addColumn<Entity>("entity");
    QTest::addColumn<int>("sortColumn");
    QTest::addColumn<RecordFilter>("filter");
    using C = RecordFilter::Converted;
    for (Entity e : allEntities()) {
        const auto &fields = entityDef(e).fields;
        for (int i = 0; i < fields.size(); ++i) {
            if (!fields[i].indexed || fields[i].type == FieldType::Reference)
                continue; // references sort by the referenced name, which has no index
            QTest::addRow("%s.%s", entityDef(e).table, fields[i].name) << e << i << RecordFilter{};
            if (e != Entity::Lead)
                continue;
            for (const auto &[name, converted] : {std::pair{"all", C::Include},
                                                  std::pair{"converted", C::Only}}) {
                QTest::addRow("%s leads.%s", name, fields[i].name)
                    << e << i << RecordFilter{.converted = converted};
            }
        }
    }
}

void TestRecordTableSql::indexedSortNeedsNoSort()
{
    // Pages far down a million rows are only fast when they come off an index in order.
    // Where no index does that, the model reads the ordered ids once instead.
    QFETCH(Entity, entity);
    QFETCH(int, sortColumn);
    QFETCH(RecordFilter, filter);
    const RecordTableSql sql(entity, false);
    const bool activeLeads = entity == Entity::Lead
                          && filter.converted == RecordFilter::Converted::Exclude;
    if (filter == RecordFilter{})
        QVERIFY(sql.sortUsesIndex(sortColumn, filter)); // every tab's default view
    if (!sql.sortUsesIndex(sortColumn, filter))
        return;
    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        const auto page = sql.page(filter, sortColumn, order, 500, 128);
        QSqlQuery q(QSqlDatabase::database(Db));
        QVERIFY(q.prepare("EXPLAIN QUERY PLAN " + page.sql));
        for (const QVariant &v : page.binds)
            q.addBindValue(v);
        QVERIFY(q.exec());
        QStringList lines;
        while (q.next())
            lines << q.value(3).toString();
        const QString plan = lines.join("; ");
        QVERIFY2(!plan.contains("TEMP B-TREE"), qPrintable(plan));
        QVERIFY2(plan.contains("USING INDEX"), qPrintable(plan));
        // Skipped rows cost no table lookups: the index holds only the rows shown.
        if (activeLeads)
            QVERIFY2(plan.contains("idx_leads_active_"), qPrintable(plan));
    }
}

QTEST_GUILESS_MAIN(TestRecordTableSql)
#include "tst_recordtablesql.moc"
