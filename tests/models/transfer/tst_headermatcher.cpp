// Header matching against every real header set in data/csv_headers.txt (Zoho, Salesforce,
// HubSpot, Less Annoying CRM, Google, Outlook) and Rapport's own export header.
#include "csv/csvdialect.h"
#include "csv/csvreader.h"
#include "transfer/headermatcher.h"
#include "records/recordtypes.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace Rapport;

using Expected = QMap<QString, QString>; // header -> field ("" = must stay unmapped)

namespace {

// "## <name>" -> the header line after it, parsed by the CSV reader itself.
QMap<QString, QStringList> headerSets()
{
    QFile f(QStringLiteral(RAPPORT_TEST_DATA "/csv_headers.txt"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QMap<QString, QStringList> sets;
    QString name;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(QLatin1String("## ")) && name.isEmpty()) {
            name = line.mid(3);
        } else if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')) && !name.isEmpty()) {
            QBuffer b;
            b.setData(raw);
            b.open(QIODevice::ReadOnly);
            CsvReader reader(&b, CsvDialect::detect(&b));
            QStringList fields;
            reader.readRecord(fields);
            sets.insert(name, fields);
            name.clear();
        }
    }
    return sets;
}

} // namespace

class TestHeaderMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalise();
    void realHeaderSets_data();
    void realHeaderSets();
    void eachFieldMappedOnce();
    void ownExportIsRecognised();
};

void TestHeaderMatcher::normalise()
{
    QCOMPARE(HeaderMatcher::normalise(QStringLiteral("\uFEFF E-mail Address ")), "emailaddress");
    QCOMPARE(HeaderMatcher::normalise("Zip/Postal Code"), "zippostalcode");
    QCOMPARE(HeaderMatcher::normalise("No. of Employees"), "noofemployees");
    QCOMPARE(HeaderMatcher::normalise("LEAD_SOURCE"), "leadsource");
}

void TestHeaderMatcher::realHeaderSets_data()
{
    QTest::addColumn<QString>("set");
    QTest::addColumn<int>("entity");
    QTest::addColumn<Expected>("expected");
    const int lead = int(Entity::Lead), contact = int(Entity::Contact);

    QTest::newRow("Zoho leads export") << "Zoho CRM - Leads module" << lead << Expected{
        {"Record Id", "id"}, {"Lead Owner", "owner"}, {"Lead Owner.id", ""},
        {"Company", "company"}, {"First Name", "first_name"}, {"Last Name", "last_name"},
        {"Email", "email"}, {"Mobile", "mobile"}, {"Lead Source", "lead_source"},
        {"Lead Status", "lead_status"}, {"Zip Code", "zip"}, {"Email Opt Out", "email_opt_out"},
        {"Salutation", "salutation"}, {"Lead Name", ""}, {"Created By", ""}};
    QTest::newRow("Zoho leads labels") << "Zoho CRM - Leads standard" << lead << Expected{
        {"Title", "title"}, {"Annual Revenue", "annual_revenue"},
        {"No. of Employees", "employees"}, {"Secondary Email", "secondary_email"},
        {"Rating", "rating"}, {"Industry", "industry"}, {"Website", "website"},
        {"Description", "description"}, {"Fax", "fax"}, {"Country", "country"}};
    QTest::newRow("Salesforce API names") << "Salesforce - Lead, API" << lead << Expected{
        {"Id", "id"}, {"LastName", "last_name"}, {"FirstName", "first_name"},
        {"Title", "title"}, {"PostalCode", "zip"}, {"MobilePhone", "mobile"},
        {"LeadSource", "lead_source"}, {"Status", "lead_status"},
        {"NumberOfEmployees", "employees"}, {"AnnualRevenue", "annual_revenue"},
        {"HasOptedOutOfEmail", "email_opt_out"}, {"Name", ""}, {"OwnerId", ""},
        {"MasterRecordId", ""}, {"ConvertedAccountId", ""}};
    QTest::newRow("Salesforce report labels") << "Salesforce - Lead, field" << lead << Expected{
        {"Company / Account", "company"}, {"Lead Owner", "owner"},
        {"State/Province", "state"}, {"Zip/Postal Code", "zip"}, {"Mobile", "mobile"},
        {"Converted Date", ""}, {"Last Activity", ""}};
    QTest::newRow("HubSpot default contacts") << "HubSpot - Contacts export," << contact << Expected{
        {"Record ID", "id"}, {"Email", "email"}, {"Phone Number", "phone"},
        {"Contact owner", "owner"}, {"Associated Company", "account_id"},
        {"Primary Associated Company ID", ""}, {"Lead Status", ""}};
    QTest::newRow("HubSpot all properties as leads") << "HubSpot - Contacts export with" << lead
        << Expected{{"Company Name", "company"}, {"Job Title", "title"},
                    {"Mobile Phone Number", "mobile"}, {"Postal Code", "zip"},
                    {"State/Region", "state"}, {"Country/Region", "country"},
                    {"Street Address", "street"}, {"Website URL", "website"},
                    {"Number of Employees", "employees"}, {"Lead Status", "lead_status"},
                    {"Status", ""}, {"Salutation", "salutation"}, {"Work email", ""},
                    {"Associated Company", ""}, {"Email Domain", ""}};
    QTest::newRow("HubSpot import names") << "HubSpot - import-friendly" << lead << Expected{
        {"Phone Number", "phone"}, {"Mobile Phone Number", "mobile"}, {"Job Title", "title"},
        {"Company Name", "company"}, {"Lifecycle Stage", ""}};
    QTest::newRow("Less Annoying CRM") << "Less Annoying CRM -" << contact << Expected{
        {"Company Name", "account_id"}, {"Job Title", "title"}, {"Primary Email", "email"},
        {"Primary Phone", "phone"}, {"Primary Street 1", "mailing_street"},
        {"Primary Zip", "mailing_zip"}, {"Background Info", "description"},
        {"Assigned To", "owner"}, {"All Email", ""}};
    QTest::newRow("Google current") << "Google Contacts - current" << contact << Expected{
        {"First Name", "first_name"}, {"Name Prefix", "salutation"},
        {"Organization Name", "account_id"}, {"Organization Title", "title"},
        {"Organization Department", "department"}, {"E-mail 1 - Value", "email"},
        {"E-mail 2 - Value", "secondary_email"}, {"Phone 1 - Value", "phone"},
        {"Address 1 - City", "mailing_city"}, {"Notes", "description"},
        {"E-mail 1 - Label", ""}, {"Labels", ""}, {"Middle Name", ""}};
    QTest::newRow("Google legacy") << "Google Contacts - legacy" << lead << Expected{
        {"Given Name", "first_name"}, {"Family Name", "last_name"},
        {"Organization 1 - Name", "company"}, {"Organization 1 - Title", "title"},
        {"E-mail 1 - Value", "email"}, {"Address 1 - Postal Code", "zip"},
        {"Name", ""}, {"Group Membership", ""}};
    QTest::newRow("Outlook classic") << "Outlook (classic desktop" << contact << Expected{
        {"Title", "salutation"}, {"Job Title", "title"}, {"Company", "account_id"},
        {"E-mail Address", "email"}, {"E-mail 2 Address", "secondary_email"},
        {"Business Phone", "phone"}, {"Mobile Phone", "mobile"}, {"Business Fax", "fax"},
        {"Business Street", "mailing_street"}, {"Business Postal Code", "mailing_zip"},
        {"Business Country/Region", "mailing_country"}, {"Notes", "description"},
        {"Department", "department"}, {"Home Street", ""}, {"E-mail Type", ""}};
    QTest::newRow("Outlook.com as leads") << "Outlook.com / new Outlook" << lead << Expected{
        {"Title", "salutation"}, {"Job Title", "title"}, {"Company", "company"},
        {"E-mail Address", "email"}, {"Business City", "city"}, {"Web Page", "website"},
        {"Mobile Phone", "mobile"}, {"Home City", ""}};
}

void TestHeaderMatcher::realHeaderSets()
{
    QFETCH(QString, set);
    QFETCH(int, entity);
    QFETCH(Expected, expected);
    const auto sets = headerSets();
    QStringList headers;
    for (auto it = sets.cbegin(); it != sets.cend(); ++it) {
        if (it.key().startsWith(set))
            headers = it.value();
    }
    QVERIFY2(!headers.isEmpty(), qPrintable(set));
    // WHEN Rapport matches the headers
    const QStringList fields = HeaderMatcher(Entity(entity)).matchAll(headers);
    // THEN each header we know of goes to its field
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const qsizetype i = headers.indexOf(it.key());
        QVERIFY2(i >= 0, qPrintable(it.key()));
        QVERIFY2(fields[i] == it.value(),
                 qPrintable(QStringLiteral("%1 -> “%2”, expected “%3”")
                                .arg(it.key(), fields[i], it.value())));
    }
}

void TestHeaderMatcher::eachFieldMappedOnce()
{
    for (const QStringList &headers : headerSets()) {
        for (Entity e : allEntities()) {
            QStringList fields = HeaderMatcher(e).matchAll(headers);
            fields.removeAll(QString());
            QCOMPARE(fields.size(), QSet<QString>(fields.cbegin(), fields.cend()).size());
        }
    }
}

void TestHeaderMatcher::ownExportIsRecognised()
{
    for (Entity e : allEntities()) {
        QStringList headers{"Record Id"};
        for (const FieldDef &f : entityDef(e).fields)
            headers << fieldLabel(f);
        const HeaderMatcher m(e);
        QVERIFY(m.isRapportExport(headers));
        const QStringList fields = m.matchAll(headers);
        QCOMPARE(fields.first(), HeaderMatcher::recordId());
        for (int i = 0; i < entityDef(e).fields.size(); ++i)
            QCOMPARE(fields[i + 1], QLatin1String(entityDef(e).fields[i].name));
        // A Zoho or HubSpot export starts with a record id too, but is not Rapport's
        QVERIFY(!m.isRapportExport({"Record Id", "Lead Owner.id", "Last Name"}));
    }
}

QTEST_GUILESS_MAIN(TestHeaderMatcher)
#include "tst_headermatcher.moc"
