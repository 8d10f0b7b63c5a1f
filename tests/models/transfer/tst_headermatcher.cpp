// Header matching against every real header set in data/csv_headers.txt (Zoho, Salesforce,
// HubSpot, Less Annoying CRM, Google, Outlook), German Outlook's and German Excel's files,
// the labels of every translation Rapport ships, and Rapport's own export header with its
// reference Id columns.
#include "csv/csvdialect.h"
#include "csv/csvreader.h"
#include "transfer/importsource.h"
#include "i18n/shippedtranslations.h"
#include "transfer/headermatcher.h"
#include "records/recordtypes.h"

#include <QBuffer>
#include <QFile>
#include <QTest>
#include <thread>
#include <vector>

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
    void matchesOnWorkerThreads();
    void normalise();
    void realHeaderSets_data();
    void realHeaderSets();
    void eachFieldMappedOnce();
    void ownExportIsRecognised();
    void idColumnsOfOwnExportWin();
    void everyShippedLanguagesLabels();
    void accentsAndUmlautsFolded();
    void germanOutlookContacts_data();
    void germanOutlookContacts();
    void germanExcelList();
    void germanNameIsLastNameBesideVorname();
};

void TestHeaderMatcher::matchesOnWorkerThreads()
{
    // GIVEN imports starting at once on workers, before anything was matched in the process
    // and with no translation installed: each reads the shipped translations' labels
    const QStringList german{"Vorname", "Nachname", "Firmenname", "Straße (Postanschrift)"};
    const QStringList expected{"first_name", "last_name", "account_id", "mailing_street"};
    QList<QStringList> results(4);
    std::vector<std::thread> workers;
    for (qsizetype i = 0; i < results.size(); ++i)
        workers.emplace_back([&results, &german, i] {
            results[i] = HeaderMatcher(Entity::Contact).matchAll(german);
        });
    for (std::thread &t : workers)
        t.join();
    // THEN every one of them matched the German labels
    for (const QStringList &fields : std::as_const(results))
        QCOMPARE(fields, expected);
}

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

void TestHeaderMatcher::idColumnsOfOwnExportWin()
{
    // GIVEN Rapport's contacts export: the account's name, then its id
    const HeaderMatcher m(Entity::Contact);
    const QStringList own{"Record Id", "Last Name", "Account Name", "Account Name Id", "Email"};
    QVERIFY(m.isRapportExport(own));
    // THEN the Id column fills the account, the name beside it nothing
    QCOMPARE(m.matchAll(own), (QStringList{"id", "last_name", "", "account_id", "email"}));
    // AND wherever the Id column stands
    QCOMPARE(m.matchAll({"Record Id", "Account Name Id", "Account Name"}),
             (QStringList{"id", "account_id", ""}));
    // AND without it the name links as before
    QCOMPARE(m.matchAll({"Record Id", "Account Name"}), (QStringList{"id", "account_id"}));
    // BUT Zoho's ids are Zoho's: "Account Name.id" of a foreign file is left alone
    QCOMPARE(m.matchAll({"Record Id", "Account Name.id", "Account Name", "Contact Owner"}),
             (QStringList{"id", "", "account_id", "owner"}));
    // AND a text field has no Id column
    QVERIFY(!m.isRapportExport({"Record Id", "Last Name Id"}));
}

void TestHeaderMatcher::everyShippedLanguagesLabels()
{
    // GIVEN the translations Rapport ships, German among them
    QVERIFY(ShippedTranslations::languages().contains("de"));
    QCOMPARE(ShippedTranslations::translations("Rapport::Field", "Mailing City"),
             QStringList{"Ort (Postanschrift)"});
    for (Entity e : allEntities()) {
        // WHEN a file is headed with each field's label in each language (not English)
        QStringList headers{"Record Id"};
        QStringList expected{"id"};
        for (const FieldDef &f : entityDef(e).fields) {
            for (const QString &t : ShippedTranslations::translations("Rapport::Field", f.label)) {
                headers << t;
                expected << QLatin1String(f.name);
            }
        }
        // THEN each goes to its field, although no translator is installed
        const HeaderMatcher m(e);
        QStringList fields = m.matchAll(headers);
        // (a field translated alike in two languages is mapped once)
        for (int i = 0; i < headers.size(); ++i) {
            if (fields[i].isEmpty() && headers.indexOf(headers[i]) < i)
                fields[i] = expected[i];
        }
        QCOMPARE(fields, expected);
        QVERIFY(m.isRapportExport(headers));
    }
}

void TestHeaderMatcher::accentsAndUmlautsFolded()
{
    QCOMPARE(HeaderMatcher::normalise("Straße"), HeaderMatcher::normalise("STRASSE"));
    QCOMPARE(HeaderMatcher::normalise("Telefon geschäftlich"), "telefongeschaftlich");
    QCOMPARE(HeaderMatcher::normalise("Société"), "societe");
    const HeaderMatcher m(Entity::Contact);
    for (const char *street : {"Straße", "Strasse", "STRASSE", "Straße geschäftlich",
                               "Strasse geschaftlich"})
        QCOMPARE(m.match(street), QString("mailing_street"));
    QCOMPARE(m.match("Telefon geschaeftlich"), QString("phone"));
    QCOMPARE(m.match("e-mail-adresse"), QString("email"));
    QCOMPARE(HeaderMatcher(Entity::Lead).match("Straße"), QString("street"));
    QCOMPARE(HeaderMatcher(Entity::Account).match("PLZ"), QString("billing_zip"));
}

void TestHeaderMatcher::germanOutlookContacts_data()
{
    QTest::addColumn<int>("entity");
    QTest::addColumn<Expected>("expected"); // every other column stays unmapped
    const Expected common{
        {"Anrede", "salutation"}, {"Vorname", "first_name"}, {"Nachname", "last_name"},
        {"Position", "title"}, {"Telefon geschäftlich", "phone"}, {"Fax geschäftlich", "fax"},
        {"Mobiltelefon", "mobile"}, {"E-Mail-Adresse", "email"},
        {"E-Mail 2: Adresse", "secondary_email"}, {"Notizen", "description"}};
    Expected contacts = common;
    contacts.insert({{"Firma", "account_id"}, {"Abteilung", "department"},
                     {"Straße geschäftlich", "mailing_street"},
                     {"Ort geschäftlich", "mailing_city"},
                     {"Region geschäftlich", "mailing_state"},
                     {"Postleitzahl geschäftlich", "mailing_zip"},
                     {"Land/Region geschäftlich", "mailing_country"}});
    Expected leads = common;
    leads.insert({{"Firma", "company"}, {"Straße geschäftlich", "street"},
                  {"Ort geschäftlich", "city"}, {"Region geschäftlich", "state"},
                  {"Postleitzahl geschäftlich", "zip"}, {"Land/Region geschäftlich", "country"},
                  {"Webseite", "website"}});
    QTest::newRow("contacts") << int(Entity::Contact) << contacts;
    QTest::newRow("leads") << int(Entity::Lead) << leads;
}

void TestHeaderMatcher::germanOutlookContacts()
{
    QFETCH(int, entity);
    QFETCH(Expected, expected);
    // GIVEN German Outlook's contacts export: Windows-1252, semicolons, every cell quoted
    ImportSource source;
    ImportOptions file;
    file.filePath = QStringLiteral(RAPPORT_TEST_DATA "/csv/outlook_de_contacts.csv");
    QCOMPARE(source.open(file), QString());
    QCOMPARE(source.dialect().delimiter, QChar(';'));
    const QStringList headers = source.headers();
    QCOMPARE(headers.size(), 92);
    QVERIFY(headers.contains("Straße geschäftlich")); // read as Windows-1252
    // WHEN Rapport matches its headers
    const QStringList fields = HeaderMatcher(Entity(entity)).matchAll(headers);
    // THEN every column that has a Rapport field goes to it, and no other column is taken
    for (int i = 0; i < headers.size(); ++i) {
        QVERIFY2(fields[i] == expected.value(headers[i]),
                 qPrintable(QStringLiteral("%1 -> “%2”, expected “%3”")
                                .arg(headers[i], fields[i], expected.value(headers[i]))));
    }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QVERIFY2(headers.contains(it.key()), qPrintable(it.key()));
}

void TestHeaderMatcher::germanExcelList()
{
    ImportSource source;
    ImportOptions file;
    file.filePath = QStringLiteral(RAPPORT_TEST_DATA "/csv/excel_de.csv");
    QCOMPARE(source.open(file), QString());
    const QStringList headers = source.headers();
    QCOMPARE(HeaderMatcher(Entity::Lead).matchAll(headers),
             (QStringList{"first_name", "last_name", "company", "email", "annual_revenue", ""}));
    QCOMPARE(HeaderMatcher(Entity::Contact).matchAll(headers),
             (QStringList{"first_name", "last_name", "account_id", "email", "", ""}));
}

void TestHeaderMatcher::germanNameIsLastNameBesideVorname()
{
    const HeaderMatcher m(Entity::Contact);
    QCOMPARE(m.matchAll({"Vorname", "Name", "Firma"}),
             (QStringList{"first_name", "last_name", "account_id"}));
    // With a Nachname, or without a Vorname, "Name" is the whole name: no field
    QCOMPARE(m.matchAll({"Vorname", "Nachname", "Name"}),
             (QStringList{"first_name", "last_name", ""}));
    QCOMPARE(m.matchAll({"Name", "E-Mail"}), (QStringList{"", "email"}));
}

QTEST_GUILESS_MAIN(TestHeaderMatcher)
#include "tst_headermatcher.moc"
