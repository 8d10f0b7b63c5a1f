// rapport-cli list shows what the Leads tab shows: for a search, a sort either way, a page
// deep in the list, the owner's records, with and without the total, the rows (and their
// order) are the tab's model's rows, on both engines.
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/cliruns.h"
#include "support/engines.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestCliList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listIsTheTabsRows_data();
    void listIsTheTabsRows();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestCliList::initTestCase()
{
    m_path = Engines::location(m_dir.filePath("list.sqlite"));
    QVERIFY(Database::open(m_path, "tab").isEmpty());
    RecordStore store("tab");
    // More leads than a page, names clustered the way real ones are (many Müllers under M),
    // titles and phones with repeats and gaps, two owners.
    const QStringList last{"Müller", "Mueller", "Abbott", "Zimmer", "Muñoz", "Baker", "Moss"};
    const QStringList titles{"CEO", "", "Buyer", "cfo", "Head of IT"};
    for (int i = 0; i < 300; ++i) {
        QVariantMap v{{"last_name", last[i % last.size()]},
                      {"first_name", QStringLiteral("Ann%1").arg(i % 11)},
                      {"title", titles[i % titles.size()]},
                      {"company", i % 9 == 0 ? QStringLiteral("Muller AG") : QStringLiteral("Acme")},
                      {"city", i % 4 == 0 ? QString() : QStringLiteral("City %1").arg(i % 13)},
                      {"owner", i % 3 == 0 ? "Grace Hopper" : "Alan Turing"}};
        if (i % 5 != 0)
            v.insert("phone", QStringLiteral("+49 30 %1").arg((i * 7919) % 1000, 4, 10, QChar('0')));
        QVERIFY2(store.insert(Entity::Lead, v).ok(), qPrintable(QString::number(i)));
    }
}

void TestCliList::cleanupTestCase()
{
    Database::close("tab");
}

void TestCliList::listIsTheTabsRows_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("sort"); // a column name; "" for the tab's own order
    QTest::addColumn<bool>("desc");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("mine");
    QTest::addColumn<bool>("noTotal");
    QTest::newRow("the tab's first page") << "" << "" << false << 0 << 50 << false << false;
    QTest::newRow("a common letter") << "m" << "" << false << 0 << 20 << false << true;
    QTest::newRow("a word under M") << "muller" << "" << false << 0 << 30 << false << false;
    QTest::newRow("two letters, deep") << "mu" << "" << false << 60 << 40 << false << false;
    QTest::newRow("absent") << "qzxv" << "" << false << 0 << 50 << false << true;
    QTest::newRow("by Title, desc") << "" << "title" << true << 0 << 25 << false << true;
    QTest::newRow("by Phone, the end") << "" << "phone" << false << 250 << 100 << false << false;
    QTest::newRow("by Phone desc, the end") << "" << "phone" << true << 270 << 100 << false << false;
    QTest::newRow("by City, offset, no total") << "" << "city" << false << 130 << 30 << false << true;
    QTest::newRow("mine, a search, desc") << "ann1" << "first_name" << true << 5 << 20 << true << false;
    QTest::newRow("mine by Title") << "" << "title" << false << 0 << 200 << true << true;
}

void TestCliList::listIsTheTabsRows()
{
    QFETCH(QString, search);
    QFETCH(QString, sort);
    QFETCH(bool, desc);
    QFETCH(int, offset);
    QFETCH(int, limit);
    QFETCH(bool, mine);
    QFETCH(bool, noTotal);
    // GIVEN the Leads tab's model with the same search, owner and order
    RecordTableModel model(Entity::Lead, "tab");
    RecordFilter filter;
    filter.search = search;
    if (mine)
        filter.equals.append({QStringLiteral("owner"), QStringLiteral("Grace Hopper")});
    model.setRecordFilter(filter);
    const int column = sort.isEmpty() ? RecordTableSql::defaultSortColumn(Entity::Lead)
                                      : fieldIndex(Entity::Lead, sort);
    model.sort(column, desc ? Qt::DescendingOrder : Qt::AscendingOrder);
    // WHEN rapport-cli lists the same
    QStringList args{"--json", "list", "leads", "--offset", QString::number(offset), "--limit",
                     QString::number(limit), "--fields", "Last Name,Title,Phone,City"};
    if (!search.isEmpty())
        args << "--search" << search;
    if (!sort.isEmpty())
        args << "--sort" << sort;
    if (desc)
        args << "--desc";
    if (mine)
        args << "--owner" << "me";
    if (noTotal)
        args << "--no-total";
    const CliRuns::Run r = CliRuns::run(m_path, "Grace Hopper", args);
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject o = r.json();
    // THEN it shows the model's rows from the offset on, in the model's order
    if (noTotal)
        QVERIFY(o["total"].isNull());
    else
        QCOMPARE(o["total"].toInt(), model.rowCount());
    const QJsonArray rows = o["rows"].toArray();
    QCOMPARE(rows.size(), qBound(0, model.rowCount() - offset, limit));
    const int titleColumn = fieldIndex(Entity::Lead, "title");
    for (int i = 0; i < rows.size(); ++i) {
        const QJsonObject row = rows[i].toObject();
        QCOMPARE(row["id"].toInteger(), model.idAt(offset + i));
        QCOMPARE(row["Title"].toString(),
                 model.index(offset + i, titleColumn).data(Qt::UserRole).toString());
    }
}

QTEST_GUILESS_MAIN(TestCliList)
#include "tst_clilist.moc"
