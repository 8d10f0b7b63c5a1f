// The import wizard driven through its buttons as a user would: a Zoho export and a German
// Excel file (semicolons, Windows-1252) become leads with the right values, columns go to
// Description or are skipped, a required field without a column blocks Next, mixed date
// orders wait for the user's choice, bad files are explained, and a problem row fixed in
// the staging table is imported. The import page itself: tst_importrunpage.
#include "transfer/exporter.h"
#include "support/importwizardfixture.h"
#include "support/workbookparts.h"
#include "storage/recordstore.h"
#include "transfer/importjournal.h"
#include "support/bytes.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStringEncoder>
#include <QTableWidget>

using namespace Rapport;

class TestImportWizard : public QObject, private ImportWizardFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }
    void zohoExportBecomesLeads();
    void semicolonWindows1252File();
    void someColumnsToDescriptionOthersSkipped();
    void unmappedRequiredFieldBlocksNext();
    void ambiguousDatesAreFlaggedAndChosen();
    void badFilesAreExplained_data();
    void badFilesAreExplained();
    void problemRowFixedInPlaceIsImported();
    void ownExportReimportsAsUpdates();
    void workbookSheetIsChosen();
    void addressBookNeedsNoEncoding();
};

void TestImportWizard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_importwizard");
    QSettings().clear();
}

void TestImportWizard::zohoExportBecomesLeads()
{
    // GIVEN a Zoho CRM leads export
    const QString path = writeFile("Leads_2026_11_23.csv",
        "\"Record Id\",\"Lead Owner\",\"Company\",\"First Name\",\"Last Name\",\"Email\","
        "\"Annual Revenue\",\"Lead Source\",\"City\",\"Created Time\"\r\n"
        "\"4876876000000123001\",\"Sam Rep\",\"Müller & Söhne GmbH\",\"Jürgen\",\"Müller\","
        "\"jm@mueller.example\",\"1234.50\",\"Trade Show\",\"Köln\",\"2026-01-02 10:00:00\"\r\n"
        "\"4876876000000123002\",\"Sam Rep\",\"Café Zoë\",\"Zoë\",\"Saldaña\","
        "\"zoe@cafe.example\",\"\",\"Web Download\",\"São Paulo\",\"2026-01-03 11:00:00\"\r\n");
    auto wizard = openWizard(path);
    // WHEN the user goes through the wizard without changing anything
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QCOMPARE(wizard->findChild<QTableWidget *>("previewTable")->rowCount(), 2);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->findChild<QComboBox *>("fieldCombo4")->currentData().toString(),
             QString("last_name"));
    runToEnd(wizard.get());
    // THEN both leads are there with their accents, and the page says so
    QCOMPARE(leadCount(), 2);
    const QVariantMap ada = lead("jm@mueller.example");
    QCOMPARE(ada.value("first_name").toString(), QString("Jürgen"));
    QCOMPARE(ada.value("company").toString(), QString("Müller & Söhne GmbH"));
    QCOMPARE(ada.value("annual_revenue").toDouble(), 1234.5);
    QCOMPARE(ada.value("city").toString(), QString("Köln"));
    QCOMPARE(lead("zoe@cafe.example").value("last_name").toString(), QString("Saldaña"));
    QVERIFY(wizard->findChild<QLabel *>("importStatus")->text().contains("2 created"));
}

void TestImportWizard::semicolonWindows1252File()
{
    // GIVEN a file saved by Excel in a German locale: semicolons, Windows-1252, decimal commas
    QStringEncoder toCp1252("windows-1252");
    const QByteArray bytes = toCp1252(QStringLiteral(
        "Vorname;Nachname;Firma;E-Mail;Umsatz;Notiz\r\n"
        "Jürgen;Müller;Bäckerei Müller;jm@baeckerei.example;1.234,56;Preis 5 € pro Stück\r\n"
        "Anna;Schmidt;Straßenbau AG;as@strasse.example;99,5;\r\n"));
    QVERIFY(bytes.contains('\x80')); // the euro sign as Windows-1252 writes it
    auto wizard = openWizard(writeFile("kontakte.csv", bytes));
    // WHEN the file is opened, the dialect is detected
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QCOMPARE(wizard->findChild<QComboBox *>("encodingCombo")->currentData().toByteArray(),
             QByteArray("windows-1252"));
    QCOMPARE(wizard->findChild<QComboBox *>("delimiterCombo")->currentData().value<QChar>(),
             QChar(';'));
    QCOMPARE(wizard->findChild<QTableWidget *>("previewTable")->item(0, 5)->text(),
             QString("Preis 5 € pro Stück"));
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    // AND the user maps the German headers, sending Notiz to Description
    const QStringList targets{"first_name", "last_name", "company", "email", "annual_revenue"};
    for (int i = 0; i < targets.size(); ++i) {
        auto *combo = wizard->findChild<QComboBox *>(QString("fieldCombo%1").arg(i));
        combo->setCurrentIndex(combo->findData(targets[i]));
    }
    auto *notes = wizard->findChild<QComboBox *>("fieldCombo5");
    notes->setCurrentIndex(notes->findText("Add to Description"));
    runToEnd(wizard.get());
    // THEN the values arrive intact: umlauts, the euro sign, decimal commas
    QCOMPARE(leadCount(), 2);
    const QVariantMap j = lead("jm@baeckerei.example");
    QCOMPARE(j.value("last_name").toString(), QString("Müller"));
    QCOMPARE(j.value("company").toString(), QString("Bäckerei Müller"));
    QCOMPARE(j.value("annual_revenue").toDouble(), 1234.56);
    QCOMPARE(j.value("description").toString(), QString("Notiz: Preis 5 € pro Stück"));
    const QVariantMap a = lead("as@strasse.example");
    QCOMPARE(a.value("company").toString(), QString("Straßenbau AG"));
    QCOMPARE(a.value("annual_revenue").toDouble(), 99.5);
    QVERIFY(a.value("description").isNull());

    // AND the next file with the same headers gets the same mapping
    wizard.reset();
    auto again = openWizard(writeFile("kontakte2.csv", bytes));
    QTRY_VERIFY(again->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(again->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(again->findChild<QComboBox *>("fieldCombo1")->currentData().toString(),
             QString("last_name"));
    QCOMPARE(again->findChild<QComboBox *>("fieldCombo5")->currentText(),
             QString("Add to Description"));
}

void TestImportWizard::someColumnsToDescriptionOthersSkipped()
{
    // GIVEN a file with a description, two note columns and an internal column
    auto wizard = openWizard(writeFile("notes.csv",
                                       "Last Name,Description,Hobby,Internal Code,Met At\n"
                                       "Lovelace,Mathematician,Engines,X-17,\"London, 1833\"\n"));
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    // WHEN two columns go to Description and the internal one is skipped
    for (int column : {2, 4}) {
        auto *combo = wizard->findChild<QComboBox *>(QString("fieldCombo%1").arg(column));
        combo->setCurrentIndex(combo->findText("Add to Description"));
    }
    auto *internal = wizard->findChild<QComboBox *>("fieldCombo3");
    internal->setCurrentIndex(internal->findText("Skip this column"));
    runToEnd(wizard.get());
    // THEN Description holds its own text and the two columns, and nothing of the third
    QSqlQuery q(QSqlDatabase::database(m_db));
    QVERIFY(q.exec("SELECT description FROM leads WHERE last_name = 'Lovelace'") && q.next());
    QCOMPARE(q.value(0).toString(), QString("Mathematician\nHobby: Engines\nMet At: London, 1833"));
}

void TestImportWizard::ambiguousDatesAreFlaggedAndChosen()
{
    // GIVEN deals whose closing dates mix 13/01 and 01/13
    auto wizard = std::make_unique<ImportWizard>(Entity::Deal, m_db, m_prompter);
    wizard->show();
    wizard->findChild<QLineEdit *>("filePathEdit")->setText(writeFile("deals.csv",
        "Deal Name,Closing Date\nFirst,13/01/2026\nSecond,01/13/2026\nThird,02/03/2026\n"));
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    // THEN the check stops and asks for the order
    auto *message = wizard->findChild<QLabel *>("checkMessage");
    QTRY_VERIFY(message->text().contains("mixes"));
    QVERIFY(!wizard->button(QWizard::CommitButton)->isEnabled());
    // WHEN the user picks "month first" with the keyboard
    auto *order = wizard->findChild<QComboBox *>("dateOrderCombo");
    QTest::keyClick(order, Qt::Key_Down);
    QTest::keyClick(order, Qt::Key_Down);
    QCOMPARE(order->currentData().toInt(), int(DateOrder::MonthFirst));
    // THEN 13/01 is the one row rejected, and the others are read month first
    QTRY_VERIFY(wizard->button(QWizard::CommitButton)->isEnabled());
    QVERIFY(wizard->findChild<QLabel *>("checkCounts")->text().startsWith("2 to create"));
    QCOMPARE(wizard->findChild<QTableWidget *>("stagingTable")->item(0, 2)->text(),
             QString("First"));
    QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
    QTRY_VERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
    QSqlQuery q(QSqlDatabase::database(m_db));
    QVERIFY(q.exec("SELECT deal_name, closing_date FROM deals ORDER BY deal_name"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString() + " " + q.value(1).toString(), QString("Second 2026-01-13"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString() + " " + q.value(1).toString(), QString("Third 2026-02-03"));
}

void TestImportWizard::badFilesAreExplained_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray() << "is empty";
    QTest::newRow("binary") << rawBytes("PK\x03\x04\x00\x00\x08\x00" "binary")
                            << "not a text file";
    QTest::newRow("blank lines") << QByteArray("\r\n\r\n") << "blank lines";
    QTest::newRow("header only") << QByteArray("Last Name,Email\r\n") << "no rows to import";
}

void TestImportWizard::badFilesAreExplained()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    auto wizard = openWizard(writeFile(QString("bad-%1.csv").arg(QTest::currentDataTag()),
                                       bytes));
    auto *label = wizard->findChild<QLabel *>("fileMessage");
    QTRY_VERIFY(!label->text().isEmpty());
    QVERIFY2(label->text().contains(message), qPrintable(label->text()));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
}

void TestImportWizard::unmappedRequiredFieldBlocksNext()
{
    // GIVEN a file with no column Rapport recognises as the last name
    auto wizard = openWizard(writeFile("names.csv", "Name,Email\nLovelace,ada@example.com\n"));
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    // THEN Next is disabled and the page says which field is missing
    auto *message = wizard->findChild<QLabel *>("mappingMessage");
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains("Last Name"), qPrintable(message->text()));
    // WHEN the user maps the Name column to Last Name, Next is enabled and the message goes
    auto *combo = wizard->findChild<QComboBox *>("fieldCombo0");
    combo->setCurrentIndex(combo->findData(QString("last_name")));
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(message->text().isEmpty());
    runToEnd(wizard.get());
    QCOMPARE(lead("ada@example.com").value("last_name").toString(), QString("Lovelace"));
}

void TestImportWizard::problemRowFixedInPlaceIsImported()
{
    // GIVEN a file whose second row has a broken email and whose third has no last name
    auto wizard = openWizard(writeFile("problems.csv",
                                       "First Name,Last Name,Email\n"
                                       "Ada,Lovelace,ada@example.com\n"
                                       "Alan,Turing,alan(at)example.com\n"
                                       "Grace,,grace@example.com\n"));
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    auto *staging = wizard->findChild<QTableWidget *>("stagingTable");
    QTRY_COMPARE(staging->rowCount(), 2);
    QCOMPARE(staging->item(0, 0)->text(), QString("3"));
    QCOMPARE(staging->item(0, 4)->text(), QString("alan(at)example.com"));
    // WHEN the user fixes the email in place, drops Grace's row and checks again
    staging->item(0, 4)->setText("alan@example.com");
    QVERIFY(!wizard->button(QWizard::CommitButton)->isEnabled()); // not checked yet
    staging->selectRow(1);
    QTest::mouseClick(wizard->findChild<QPushButton *>("dropRowsButton"), Qt::LeftButton);
    QTest::mouseClick(wizard->findChild<QPushButton *>("recheckButton"), Qt::LeftButton);
    QTRY_VERIFY(wizard->button(QWizard::CommitButton)->isEnabled());
    QCOMPARE(staging->rowCount(), 0);
    QVERIFY(wizard->findChild<QLabel *>("checkCounts")->text().startsWith("2 to create"));
    QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
    QTRY_VERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
    // THEN the fixed row is imported and the dropped one is not, and the history names the
    // user's own file (the fixes were applied as it was read, not to a copy)
    QCOMPARE(leadCount(), 2);
    QCOMPARE(lead("alan@example.com").value("last_name").toString(), QString("Turing"));
    QVERIFY(lead("grace@example.com").isEmpty());
    const QList<ImportEntry> history = ImportJournal(m_db).list();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history[0].file, QString("problems.csv"));
}
void TestImportWizard::ownExportReimportsAsUpdates()
{
    // GIVEN two leads exported by Rapport, one city then edited in the file
    RecordStore store(m_db);
    QVERIFY(store.insert(Entity::Lead, {{"last_name", "Lovelace"}, {"city", "London"}}).ok());
    QVERIFY(store.insert(Entity::Lead, {{"last_name", "Turing"}, {"city", "Wilmslow"}}).ok());
    QFile out(m_dir.filePath("own-export.csv"));
    QVERIFY(out.open(QIODevice::WriteOnly));
    QCOMPARE(Exporter(m_db).write(Entity::Lead, {}, &out), 2);
    out.close();
    QVERIFY(out.open(QIODevice::ReadOnly));
    const QByteArray edited = out.readAll().replace("Wilmslow", "Manchester");
    out.close();
    auto wizard = openWizard(writeFile("own-export.csv", edited));
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->findChild<QComboBox *>("fieldCombo0")->currentText(), QString("Record Id"));
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    // WHEN the user chooses to update the existing records
    auto *counts = wizard->findChild<QLabel *>("checkCounts");
    QTRY_VERIFY(counts->text().startsWith("0 to create"));
    QTest::keyClick(wizard->findChild<QComboBox *>("duplicatePolicyCombo"), Qt::Key_Down);
    QTRY_VERIFY(counts->text().startsWith("0 to create · 2 to update"));
    QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
    QTRY_VERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
    // THEN the same two records changed, and no third one appeared
    QCOMPARE(leadCount(), 2);
    QSqlQuery q(QSqlDatabase::database(m_db));
    QVERIFY(q.exec("SELECT city FROM leads WHERE last_name = 'Turing'") && q.next());
    QCOMPARE(q.value(0).toString(), QString("Manchester"));
}

void TestImportWizard::workbookSheetIsChosen()
{
    using namespace WorkbookParts;
    // GIVEN a workbook whose first sheet holds notes and whose second the leads
    const QByteArray notes = worksheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Notes"
                                       "</t></is></c></row>");
    const QByteArray leads = worksheet(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Last Name</t></is></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>Email</t></is></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Lovelace</t></is></c>"
        "<c r=\"B2\" t=\"inlineStr\"><is><t>ada@example.org</t></is></c></row>");
    auto wizard = openWizard(writeFile("book.xlsx",
                                       packed(workbook({{"Notes", "worksheets/sheet1.xml", notes},
                                                        {"Leads", "worksheets/sheet2.xml", leads}}))));
    // THEN the page says it is a workbook, offers its sheets instead of an encoding, and
    // the first sheet, with no rows, cannot be imported
    QCOMPARE(wizard->findChild<QLabel *>("formatLabel")->text(), QString("Excel workbook"));
    auto *sheets = wizard->findChild<QComboBox *>("sheetCombo");
    QVERIFY(sheets->isVisible());
    QVERIFY(!wizard->findChild<QComboBox *>("encodingCombo")->isVisible());
    QCOMPARE(sheets->count(), 2);
    QVERIFY(wizard->findChild<QLabel *>("fileMessage")->text().contains("no rows"));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    // WHEN the user chooses the second sheet THEN its rows are shown and import
    sheets->setFocus();
    QTest::keyClick(sheets, Qt::Key_Down);
    QCOMPARE(sheets->currentText(), QString("Leads"));
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QCOMPARE(wizard->findChild<QTableWidget *>("previewTable")->item(0, 0)->text(),
             QString("Lovelace"));
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    runToEnd(wizard.get());
    QCOMPARE(wizard->lastResult().created, 1);
    QCOMPARE(lead("ada@example.org").value("last_name").toString(), QString("Lovelace"));
}

void TestImportWizard::addressBookNeedsNoEncoding()
{
    // GIVEN Google's vCard export
    auto wizard = openWizard(QStringLiteral(RAPPORT_TEST_DATA "/vcard/google_30.vcf"));
    // THEN it is read as an address book: no encoding, delimiter or sheet to choose, and
    // its cards are the preview's rows
    QCOMPARE(wizard->findChild<QLabel *>("formatLabel")->text(), QString("vCard address book"));
    QVERIFY(!wizard->findChild<QComboBox *>("encodingCombo")->isVisible());
    QVERIFY(!wizard->findChild<QComboBox *>("delimiterCombo")->isVisible());
    QVERIFY(!wizard->findChild<QComboBox *>("sheetCombo")->isVisible());
    QCOMPARE(wizard->findChild<QTableWidget *>("previewTable")->rowCount(), 2);
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
}

QTEST_MAIN(TestImportWizard)
#include "tst_importwizard.moc"
