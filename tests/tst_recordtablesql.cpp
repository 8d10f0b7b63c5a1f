// The SQL behind the record tables: pages of an indexed sort come off an index, in order.
#include "database.h"
#include "demodata.h"
#include "recordfilter.h"
#include "recordtablesql.h"
#include "recordtypes.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const char *const Db = "tablesql";

int column(Entity e, const char *name)
{
    return fieldIndex(e, QLatin1String(name));
}

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
    QVERIFY(!Database::open(m_dir.filePath("sql.sqlite"), Db).isValid());
    QCOMPARE(DemoData(Db).generate({.leads = 300, .contacts = 100, .accounts = 20,
                                    .deals = 50}), QString());
}

void TestRecordTableSql::indexedSortNeedsNoSort_data()
{
    QTest::addColumn<Entity>("entity");
    QTest::addColumn<int>("sortColumn");
    QTest::addColumn<RecordFilter>("filter");
    for (Entity e : allEntities()) {
        const auto &fields = entityDef(e).fields;
        for (int i = 0; i < fields.size(); ++i) {
            if (!fields[i].indexed || fields[i].type == FieldType::Reference)
                continue; // references sort by the referenced name, which has no index
            QTest::addRow("%s.%s", entityDef(e).table, fields[i].name) << e << i << RecordFilter{};
        }
    }
    QTest::newRow("all leads by company") << Entity::Lead << column(Entity::Lead, "company")
        << RecordFilter{.converted = RecordFilter::Converted::Include};
}

void TestRecordTableSql::indexedSortNeedsNoSort()
{
    // Pages far down a million rows are only fast when they come off an index in order.
    QFETCH(Entity, entity);
    QFETCH(int, sortColumn);
    QFETCH(RecordFilter, filter);
    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        const auto page = RecordTableSql(entity, false).page(filter, sortColumn, order, 500, 128);
        QSqlQuery q(QSqlDatabase::database(Db));
        QVERIFY(q.prepare("EXPLAIN QUERY PLAN " + page.sql));
        for (const QVariant &v : page.binds)
            q.addBindValue(v);
        QVERIFY(q.exec());
        QStringList plan;
        while (q.next())
            plan << q.value(3).toString();
        QVERIFY2(!plan.join(' ').contains("TEMP B-TREE"), qPrintable(plan.join("; ")));
        QVERIFY2(plan.join(' ').contains("USING INDEX"), qPrintable(plan.join("; ")));
    }
}

QTEST_GUILESS_MAIN(TestRecordTableSql)
#include "tst_recordtablesql.moc"
