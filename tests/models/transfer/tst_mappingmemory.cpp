// The import wizard's memory of column mappings, per record type and header set.
#include "transfer/mappingmemory.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Rapport;

class TestMappingMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void remembersPerHeaderSetAndEntity();
    void remembersValueAnswersBesideTheMapping();
    void remembersWhichValuesWereKeptOffTheList();
};

void TestMappingMemory::remembersPerHeaderSetAndEntity()
{
    const QString group = QStringLiteral("test-%1").arg(QCoreApplication::applicationPid());
    MappingMemory memory(group);
    const QStringList headers{"Nom", "Courriel", "Divers"};
    QVERIFY(memory.recall(Entity::Lead, headers).isEmpty());
    // GIVEN the user mapped a French file by hand
    memory.remember(Entity::Lead, headers, {"last_name", "email", ""});
    // THEN the same headers, spelt differently, come back mapped; other sets and types do not
    QCOMPARE(memory.recall(Entity::Lead, {" nom", "COURRIEL", "divers "}),
             (QStringList{"last_name", "email", ""}));
    QVERIFY(memory.recall(Entity::Contact, headers).isEmpty());
    QVERIFY(memory.recall(Entity::Lead, {"Nom", "Courriel"}).isEmpty());
    // AND a remembered field that no longer exists makes the memory void
    memory.remember(Entity::Lead, headers, {"last_name", "gone_field", ""});
    QVERIFY(memory.recall(Entity::Lead, headers).isEmpty());
    const QString stored = group + QLatin1Char('/') + MappingMemory::key(Entity::Lead, headers);
    QVERIFY(QSettings().contains(stored));
    memory.forget(Entity::Lead, headers);
    QVERIFY(!QSettings().contains(stored));
}

void TestMappingMemory::remembersValueAnswersBesideTheMapping()
{
    const QString group = QStringLiteral("values-%1").arg(QCoreApplication::applicationPid());
    MappingMemory memory(group);
    const QStringList headers{"Name", "Quelle", "Bewertung"};
    memory.remember(Entity::Lead, headers, {"last_name", "lead_source", "rating"});
    // GIVEN the user answered for two values of a German file
    memory.rememberValues(Entity::Lead, headers, {{"lead_source", {{"messe", "Trade Show"}}},
                                                  {"rating", {{"lauwarm", ""}}}});
    // AND for another value of the next file from the same source
    memory.rememberValues(Entity::Lead, headers, {{"lead_source", {{"golfclub", "Golf Club"}}}});
    // THEN all answers come back, "leave empty" included, for the same headers only
    const PicklistValueMap answers =
        memory.recallValues(Entity::Lead, {"name", "QUELLE", "Bewertung"});
    QCOMPARE(answers.value("lead_source").value("messe"), QString("Trade Show"));
    QCOMPARE(answers.value("lead_source").value("golfclub"), QString("Golf Club"));
    QVERIFY(answers.value("rating").contains("lauwarm"));
    QVERIFY(answers.value("rating").value("lauwarm").isEmpty());
    QVERIFY(memory.recallValues(Entity::Contact, headers).isEmpty());
    // AND forgetting the mapping forgets them too
    memory.forget(Entity::Lead, headers);
    QVERIFY(memory.recallValues(Entity::Lead, headers).isEmpty());
}

void TestMappingMemory::remembersWhichValuesWereKeptOffTheList()
{
    const QString group = QStringLiteral("kept-%1").arg(QCoreApplication::applicationPid());
    MappingMemory memory(group);
    const QStringList headers{"Name", "Quelle"};
    // GIVEN Golf Club kept on its rows only, Partnerbörse added to the list
    memory.rememberValues(Entity::Lead, headers,
                          {{"lead_source", {{"golfclub", "Golf Club"}, {"boerse", "Börse"}}}},
                          {{"lead_source", {"golfclub"}}});
    // THEN both answers come back, and which of them was kept
    QCOMPARE(memory.recallValues(Entity::Lead, headers).value("lead_source").size(), 2);
    QCOMPARE(memory.recallKept(Entity::Lead, headers),
             (QHash<QString, QStringList>{{"lead_source", {"golfclub"}}}));
    // WHEN the next file's answer for Golf Club is to add it
    memory.rememberValues(Entity::Lead, headers, {{"lead_source", {{"golfclub", "Golf Club"}}}});
    // THEN it is kept no more
    QVERIFY(memory.recallKept(Entity::Lead, headers).isEmpty());
    // AND forgetting forgets what was kept
    memory.rememberValues(Entity::Lead, headers, {{"lead_source", {{"boerse", "Börse"}}}},
                          {{"lead_source", {"boerse"}}});
    QVERIFY(!memory.recallKept(Entity::Lead, headers).isEmpty());
    memory.forget(Entity::Lead, headers);
    QVERIFY(memory.recallKept(Entity::Lead, headers).isEmpty());
}

QTEST_GUILESS_MAIN(TestMappingMemory)
#include "tst_mappingmemory.moc"
