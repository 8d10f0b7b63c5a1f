// The values of a file's picklist columns that are not in their lists: what they most likely
// mean (the same words spelt otherwise, other CRMs' names, German words), how many rows hold
// each, blanks and listed values left out, and a column of free text capped.
#include "files/rowreader.h"
#include "records/recordtypes.h"
#include "transfer/picklistscanner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

// Rows from memory, as any file format's reader gives them.
class ListReader : public RowReader
{
public:
    explicit ListReader(QList<QStringList> rows) : m_rows(std::move(rows)) {}
    bool readRecord(QStringList &fields) override
    {
        if (m_next >= m_rows.size())
            return false;
        fields = m_rows[m_next++];
        return true;
    }
    qint64 recordLine() const override { return m_next + 1; }
    bool hasError() const override { return false; }
    QString errorString() const override { return {}; }
    qint64 bytesRead() const override { return m_next; }

private:
    QList<QStringList> m_rows;
    qsizetype m_next = 0;
};

const UnlistedValue *find(const PicklistScan &scan, const QString &field, const QString &key)
{
    for (const UnlistedValue &v : scan.values) {
        if (v.field == field && v.key == key)
            return &v;
    }
    return nullptr;
}

} // namespace

class TestPicklistScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void foldsCaseAccentsSpacesAndPunctuation();
    void suggestions_data();
    void suggestions();
    void countsUnlistedValuesPerColumn();
    void capsAColumnOfFreeText();
    void readsTheFileWithTheHeaderMatched();
};

void TestPicklistScanner::foldsCaseAccentsSpacesAndPunctuation()
{
    QCOMPARE(PicklistScanner::fold(" Closed-Won "), QString("closedwon"));
    QCOMPARE(PicklistScanner::fold("closed won"), PicklistScanner::fold("CLOSED/WON"));
    QCOMPARE(PicklistScanner::fold("Heiß"), QString("heiss"));
    QCOMPARE(PicklistScanner::fold("Öffentlichkeitsarbeit"), QString("offentlichkeitsarbeit"));
    QCOMPARE(PicklistScanner::fold("1 hour before"), QString("1hourbefore"));
    QVERIFY(PicklistScanner::fold("Won") != PicklistScanner::fold("Lost"));
}

void TestPicklistScanner::suggestions_data()
{
    QTest::addColumn<int>("entity");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const int lead = int(Entity::Lead), deal = int(Entity::Deal);
    // folded
    QTest::newRow("closed-won") << deal << "stage" << "closed-won" << "Closed Won";
    QTest::newRow("CLOSED_LOST") << deal << "stage" << "CLOSED_LOST" << "Closed Lost";
    QTest::newRow("cold-call") << lead << "lead_source" << "cold-call" << "Cold Call";
    QTest::newRow("hot!") << lead << "rating" << "HOT!" << "Hot";
    QTest::newRow("pre qualified") << lead << "lead_status" << "pre qualified" << "Pre-Qualified";
    // other CRMs
    QTest::newRow("Prospecting") << deal << "stage" << "Prospecting" << "Qualification";
    QTest::newRow("Negotiation/Review") << deal << "stage" << "Negotiation/Review" << "Negotiation";
    QTest::newRow("Proposal/Price Quote") << deal << "stage" << "Proposal/Price Quote"
                                          << "Proposal";
    QTest::newRow("closedwon (HubSpot)") << deal << "stage" << "closedwon" << "Closed Won";
    QTest::newRow("Web") << lead << "lead_source" << "Web" << "Web Download";
    QTest::newRow("Open - Not Contacted") << lead << "lead_status" << "Open - Not Contacted"
                                          << "Not Contacted";
    QTest::newRow("Working - Contacted") << lead << "lead_status" << "Working - Contacted"
                                         << "Contacted";
    // German
    QTest::newRow("Gewonnen") << deal << "stage" << "Gewonnen" << "Closed Won";
    QTest::newRow("verloren") << deal << "stage" << "verloren" << "Closed Lost";
    QTest::newRow("Kaltakquise") << lead << "lead_source" << "Kaltakquise" << "Cold Call";
    QTest::newRow("Messe") << lead << "lead_source" << "Messe" << "Trade Show";
    QTest::newRow("Lukewarm") << lead << "rating" << "Lukewarm" << "Warm";
    QTest::newRow("Heiss") << lead << "rating" << "Heiss" << "Hot";
    QTest::newRow("Heiß") << lead << "rating" << "Heiß" << "Hot";
    QTest::newRow("Herr") << lead << "salutation" << "Herr" << "Mr.";
    QTest::newRow("Nicht kontaktiert") << lead << "lead_status" << "Nicht kontaktiert"
                                       << "Not Contacted";
    // a word of one list is not a suggestion for another
    QTest::newRow("Gewonnen as a source") << lead << "lead_source" << "Gewonnen" << "";
    QTest::newRow("nothing fits") << lead << "lead_source" << "Golf club" << "";
    QTest::newRow("punctuation only") << lead << "rating" << "???" << "";
}

void TestPicklistScanner::suggestions()
{
    QFETCH(int, entity);
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const FieldDef *f = findField(Entity(entity), field);
    QVERIFY(f);
    const QString suggestion = PicklistScanner::suggest(*f, text);
    QCOMPARE(suggestion, expected);
    QVERIFY(expected.isEmpty() || picklistValues(*f).contains(suggestion));
}

void TestPicklistScanner::countsUnlistedValuesPerColumn()
{
    // GIVEN a file whose Lead Source and Rating columns hold values outside their lists,
    // listed values in other cases, blanks, and a second Lead Source column
    const QStringList mapping{"last_name", "lead_source", "rating", "lead_source", "city"};
    ListReader reader({
        {"A", "cold-call", "hot", "Zzz", "Wien"},
        {"B", "Cold Call", "Heiß", "Zzz", "Graz"},
        {"C", "COLD-CALL ", "heiss", "", "Linz"},
        {"D", "", "", "", "Wels"},
        {"E", "Kaltakquise", "'Heiß", "", "Bern"},
        {"F", "trade show", "Warm", ""},
        {"G", "cold-call"},
    });
    // WHEN it is scanned
    const PicklistScan scan = PicklistScanner(Entity::Lead, mapping).scan(reader);
    QVERIFY(scan.error.isEmpty());
    QVERIFY(scan.capped.isEmpty());
    // THEN each value outside its list is there once per folded spelling, with its rows,
    // spelt as first seen, the most common first
    QCOMPARE(scan.values.size(), 3);
    QCOMPARE(scan.values[0].field, QString("lead_source"));
    QCOMPARE(scan.values[0].value, QString("cold-call"));
    QCOMPARE(scan.values[0].rows, 3);
    QCOMPARE(scan.values[0].column, 1);
    QCOMPARE(scan.values[0].suggestion, QString("Cold Call"));
    const UnlistedValue *kalt = find(scan, "lead_source", "kaltakquise");
    QVERIFY(kalt);
    QCOMPARE(kalt->rows, 1);
    QCOMPARE(kalt->suggestion, QString("Cold Call"));
    // the formula guard's apostrophe is not part of the value, as in the import
    const UnlistedValue *heiss = find(scan, "rating", "heiss");
    QVERIFY(heiss);
    QCOMPARE(heiss->rows, 3);
    QCOMPARE(heiss->value, QString("Heiß"));
    QCOMPARE(heiss->suggestion, QString("Hot"));
    // AND the second Lead Source column, which the import does not read, is not asked about
    QVERIFY(!find(scan, "lead_source", "zzz"));
}

void TestPicklistScanner::capsAColumnOfFreeText()
{
    // GIVEN a Lead Source column that holds a different text in every row
    QList<QStringList> rows;
    for (int i = 0; i < PicklistScanner::MaxValuesPerColumn + 50; ++i)
        rows.append({QStringLiteral("N%1").arg(i), QStringLiteral("Source %1").arg(i), "Hot"});
    rows.append({"Again", "Source 0", "Cold"});
    ListReader reader(rows);
    const PicklistScan scan =
        PicklistScanner(Entity::Lead, {"last_name", "lead_source", "rating"}).scan(reader);
    // THEN only the first values are listed, still counted, and the column is named
    QCOMPARE(scan.values.size(), PicklistScanner::MaxValuesPerColumn);
    QCOMPARE(scan.capped, QStringList{"lead_source"});
    QCOMPARE(find(scan, "lead_source", "source0")->rows, 2);
    QVERIFY(!find(scan, "lead_source", "source220"));
}

void TestPicklistScanner::readsTheFileWithTheHeaderMatched()
{
    // GIVEN a Salesforce opportunities export, mapped automatically
    QTemporaryDir dir;
    QFile file(dir.filePath("opportunities.csv"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Opportunity Name;Stage\r\nA;Closed Won\r\nB;Prospecting\r\nC;Prospecting\r\n"
               "D;Id. Decision Makers\r\n");
    file.close();
    ImportOptions options;
    options.entity = Entity::Deal;
    options.filePath = file.fileName();
    const PicklistScan scan = PicklistScanner::scanFile(options);
    QVERIFY2(scan.error.isEmpty(), qPrintable(scan.error));
    QCOMPARE(scan.values.size(), 2);
    QCOMPARE(scan.values[0].value, QString("Prospecting"));
    QCOMPARE(scan.values[0].rows, 2);
    QCOMPARE(scan.values[0].suggestion, QString("Qualification"));
    QCOMPARE(scan.values[1].suggestion, QString("Needs Analysis"));
    // AND a file that cannot be read says so
    options.filePath = dir.filePath("missing.csv");
    QVERIFY(!PicklistScanner::scanFile(options).error.isEmpty());
}

QTEST_GUILESS_MAIN(TestPicklistScanner)
#include "tst_picklistscanner.moc"
