// The user's answers for picklist values outside their lists (ImportOptions::valueMap) as
// the importer applies them: mapped to a list value, left empty, or kept as they are, alike
// in the check's counts and in what is written. On SQLite and, with RAPPORT_TEST_POSTGRESQL
// set, on PostgreSQL.
#include "storage/database.h"
#include "storage/recordstore.h"
#include "transfer/importer.h"
#include "transfer/picklistscanner.h"
#include "support/engines.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Rapport;

namespace {

const char *const Db = "valuemap";

QString fold(const char *text)
{
    return PicklistScanner::fold(QString::fromUtf8(text));
}

} // namespace

class TestImportValueMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void answersAreAppliedToLeads();
    void stagesOfAnotherCrm();

private:
    QString file(const QByteArray &bytes);
    QVariantMap record(Entity entity, const QString &column, const QString &value);
    Engines::FreshDatabase m_fresh{QStringLiteral("values")};
    int m_serial = 0;
};

void TestImportValueMap::cleanup()
{
    QVERIFY(m_fresh.drop());
}

QString TestImportValueMap::file(const QByteArray &bytes)
{
    const QString path = m_fresh.path(QStringLiteral("file-%1.csv").arg(++m_serial));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

QVariantMap TestImportValueMap::record(Entity entity, const QString &column, const QString &value)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    q.prepare(QStringLiteral("SELECT id FROM %1 WHERE %2 = ?")
                  .arg(QLatin1String(entityDef(entity).table), column));
    q.addBindValue(value);
    if (!q.exec() || !q.next())
        return {};
    return RecordStore(Db).load(entity, q.value(0).toLongLong()).value_or(QVariantMap());
}

void TestImportValueMap::answersAreAppliedToLeads()
{
    QVERIFY(m_fresh.open(Db));
    // GIVEN leads from another CRM, and the user's answers for the values not in the lists
    ImportOptions o;
    o.entity = Entity::Lead;
    o.filePath = file("Last Name,Email,Rating,Lead Source,Lead Status\r\n"
                      "Alpha,a@x.example,hot,cold call,New\r\n"
                      "Beta,b@x.example,Heiß,Kaltakquise,Nurture\r\n"
                      "Gamma,c@x.example,Lukewarm,Golf Club,NEW\r\n"
                      "Delta,d@x.example,,Messe,\r\n");
    o.valueMap["rating"] = {{fold("Heiß"), "Hot"}, {fold("Lukewarm"), ""}};
    o.valueMap["lead_source"] = {{fold("Kaltakquise"), "Cold Call"},
                                 {fold("Golf Club"), "Golf Club"}, {fold("Messe"), "Trade Show"}};
    o.valueMap["lead_status"] = {{fold("New"), "Not Contacted"}, {fold("Nurture"), "Nurture"}};
    // WHEN it is checked, THEN the counts and notes are those of the answers
    o.dryRun = true;
    const ImportResult checked = Importer(Db).run(o);
    QVERIFY2(checked.ok(), qPrintable(checked.error));
    QCOMPARE(checked.created, 4);
    QCOMPARE(checked.rejected, 0);
    const QString notes = checked.notes.join('\n');
    QVERIFY2(notes.contains("as you chose (such as “Golf Club”)"), qPrintable(notes));
    QVERIFY2(notes.contains("as you chose (such as “Nurture”)"), qPrintable(notes));
    QVERIFY2(!notes.contains("that are not in the list (such"), qPrintable(notes));
    // WHEN it is imported
    o.dryRun = false;
    const ImportResult r = Importer(Db).run(o);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 4);
    // THEN each value is the one the user chose, in the list's spelling
    const QVariantMap alpha = record(Entity::Lead, "email", "a@x.example");
    QCOMPARE(alpha.value("rating").toString(), QString("Hot"));
    QCOMPARE(alpha.value("lead_source").toString(), QString("Cold Call"));
    QCOMPARE(alpha.value("lead_status").toString(), QString("Not Contacted"));
    const QVariantMap beta = record(Entity::Lead, "email", "b@x.example");
    QCOMPARE(beta.value("rating").toString(), QString("Hot"));
    QCOMPARE(beta.value("lead_source").toString(), QString("Cold Call"));
    QCOMPARE(beta.value("lead_status").toString(), QString("Nurture")); // added
    const QVariantMap gamma = record(Entity::Lead, "email", "c@x.example");
    QVERIFY(gamma.value("rating").isNull()); // left empty
    QCOMPARE(gamma.value("lead_source").toString(), QString("Golf Club"));
    QCOMPARE(gamma.value("lead_status").toString(), QString("Not Contacted"));
    QCOMPARE(record(Entity::Lead, "email", "d@x.example").value("lead_source").toString(),
             QString("Trade Show"));
}

void TestImportValueMap::stagesOfAnotherCrm()
{
    QVERIFY(m_fresh.open(Db));
    // GIVEN deals exported from a German CRM and from Salesforce
    ImportOptions o;
    o.entity = Entity::Deal;
    o.filePath = file("Deal Name;Stage\r\nEins;Gewonnen\r\nZwei;Closed/Won\r\nDrei;Prospecting\r\n"
                      "Vier;Verloren\r\n");
    // WITHOUT answers the values are kept as they are, and noted
    o.dryRun = true;
    const ImportResult before = Importer(Db).run(o);
    QVERIFY2(before.ok(), qPrintable(before.error));
    QVERIFY(before.notes.join('\n').contains(
        "4 row(s) have values that are not in the list (such as “Gewonnen”)"));
    // WITH the suggested answers the stages are Rapport's
    for (const char *text : {"Gewonnen", "Closed/Won", "Prospecting", "Verloren"}) {
        o.valueMap["stage"].insert(fold(text), PicklistScanner::suggest(
            *findField(Entity::Deal, "stage"), QString::fromUtf8(text)));
    }
    o.dryRun = false;
    const ImportResult r = Importer(Db).run(o);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 4);
    QVERIFY(r.notes.isEmpty());
    QCOMPARE(record(Entity::Deal, "deal_name", "Eins").value("stage").toString(),
             QString("Closed Won"));
    QCOMPARE(record(Entity::Deal, "deal_name", "Zwei").value("stage").toString(),
             QString("Closed Won"));
    QCOMPARE(record(Entity::Deal, "deal_name", "Drei").value("stage").toString(),
             QString("Qualification"));
    QCOMPARE(record(Entity::Deal, "deal_name", "Vier").value("stage").toString(),
             QString("Closed Lost"));
}

QTEST_GUILESS_MAIN(TestImportValueMap)
#include "tst_importvaluemap.moc"
