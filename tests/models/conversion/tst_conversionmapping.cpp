// The lead-to-contact/account/deal field mapping: the documented default, derivation from
// the field descriptions, dropped fields, and the team default saved in the database.
#include "conversion/conversionmapping.h"
#include "storage/database.h"
#include "records/recordtypes.h"
#include "support/engines.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

Q_DECLARE_METATYPE(Rapport::Targets)

class TestConversionMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults_data();
    void defaults();
    void everyLeadFieldHasAnEntry();
    void addressGoesToBillingAndMailing();
    void droppedFieldsAreTheNonEmptyUnmappedOnes();
    void impossibleTargetsAreIgnored();
    void teamDefaultRoundTrip();
};

void TestConversionMapping::defaults_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<Targets>("targets");
    const Targets both = Target::Contact | Target::Account;
    QTest::newRow("company") << "company" << Targets(Target::Account);
    for (const char *f : {"first_name", "last_name", "salutation", "title", "email",
                          "secondary_email", "mobile", "email_opt_out", "description"})
        QTest::newRow(f) << f << Targets(Target::Contact);
    for (const char *f : {"industry", "annual_revenue", "employees", "website"})
        QTest::newRow(f) << f << Targets(Target::Account);
    for (const char *f : {"phone", "fax", "street", "city", "state", "zip", "country"})
        QTest::newRow(f) << f << both;
    QTest::newRow("lead_source") << "lead_source" << (Target::Contact | Target::Deal);
    QTest::newRow("rating") << "rating" << Targets(Target::Deal);
    QTest::newRow("lead_status") << "lead_status" << Targets();
}

void TestConversionMapping::defaults()
{
    QFETCH(QString, field);
    QFETCH(Targets, targets);
    QCOMPARE(ConversionMapping::defaults().targets(field), targets);
}

void TestConversionMapping::everyLeadFieldHasAnEntry()
{
    // A field added to leads is in the mapping without further edits; if contacts,
    // accounts or deals have a column of that name it goes there by default.
    const ConversionMapping m = ConversionMapping::defaults();
    for (const FieldDef &f : entityDef(Entity::Lead).fields) {
        const Targets possible = ConversionMapping::possibleTargets(f.name);
        QVERIFY2((m.targets(f.name) & ~possible) == Targets(), f.name);
        if (findField(Entity::Contact, f.name))
            QVERIFY2(possible.testFlag(Target::Contact), f.name);
    }
    QCOMPARE(ConversionMapping::possibleTargets("owner"),
             Target::Contact | Target::Account | Target::Deal);
}

void TestConversionMapping::addressGoesToBillingAndMailing()
{
    QCOMPARE(ConversionMapping::targetColumn("street", Target::Account), QString("billing_street"));
    QCOMPARE(ConversionMapping::targetColumn("zip", Target::Contact), QString("mailing_zip"));
    QCOMPARE(ConversionMapping::targetColumn("company", Target::Account), QString("account_name"));
    QCOMPARE(ConversionMapping::targetColumn("company", Target::Contact), QString());
    QCOMPARE(ConversionMapping::targetColumn("no_such_field", Target::Contact), QString());
    const QVariantMap lead{{"street", "1 Main St"}, {"city", "Springfield"}, {"email", "a@b.c"},
                           {"phone", "+1 555"}, {"rating", "Hot"}, {"title", ""}};
    const ConversionMapping m = ConversionMapping::defaults();
    QCOMPARE(m.valuesFor(Target::Account, lead),
             (QVariantMap{{"billing_street", "1 Main St"}, {"billing_city", "Springfield"},
                          {"phone", "+1 555"}}));
    QCOMPARE(m.valuesFor(Target::Contact, lead),
             (QVariantMap{{"mailing_street", "1 Main St"}, {"mailing_city", "Springfield"},
                          {"email", "a@b.c"}, {"phone", "+1 555"}}));
    QCOMPARE(m.valuesFor(Target::Deal, lead), (QVariantMap{{"rating", "Hot"}}));
}

void TestConversionMapping::droppedFieldsAreTheNonEmptyUnmappedOnes()
{
    ConversionMapping m = ConversionMapping::defaults();
    const QVariantMap lead{{"lead_status", "Contacted"}, {"industry", "Retail"},
                           {"fax", ""}, {"website", QVariant()}};
    QCOMPARE(m.droppedFields(lead), QStringList{"lead_status"});
    QVERIFY(m.setTargets("industry", Targets()));
    QVERIFY(m.setTargets("fax", Targets()));
    QCOMPARE(m.droppedFields(lead), (QStringList{"industry", "lead_status"}));
}

void TestConversionMapping::impossibleTargetsAreIgnored()
{
    ConversionMapping m = ConversionMapping::defaults();
    QVERIFY(m.setTargets("industry", Target::Deal | Target::Account));
    QCOMPARE(m.targets("industry"), Targets(Target::Account));
    QVERIFY(!m.setTargets("no_such_field", Target::Contact));
}

void TestConversionMapping::teamDefaultRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(Database::open(Engines::location(dir.filePath("m.sqlite")), "map").isEmpty());
    // GIVEN no saved mapping THEN the team default is the built-in one
    QCOMPARE(ConversionMapping::teamDefault("map"), ConversionMapping::defaults());
    // WHEN a changed mapping is saved (twice: the second replaces the first)
    ConversionMapping m = ConversionMapping::defaults();
    m.setTargets("rating", Target::Account | Target::Deal);
    QCOMPARE(ConversionMapping::defaults().saveAsTeamDefault("map"), QString());
    m.setTargets("description", Target::Deal);
    QCOMPARE(m.saveAsTeamDefault("map"), QString());
    // THEN it is what the team gets, and differs from the built-in one
    QCOMPARE(ConversionMapping::teamDefault("map"), m);
    QVERIFY(!(ConversionMapping::teamDefault("map") == ConversionMapping::defaults()));
    // A saved mapping that lacks a (newer) field gives that field its default.
    QJsonObject json = m.toJson();
    json.remove("industry");
    QCOMPARE(ConversionMapping::fromJson(json).targets("industry"), Targets(Target::Account));
    Database::close("map");
}

QTEST_GUILESS_MAIN(TestConversionMapping)
#include "tst_conversionmapping.moc"
