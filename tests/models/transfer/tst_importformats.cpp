// The files people really have, imported as a user would: an Outlook vCard address book and a
// German Outlook CSV export of contacts whose companies are no accounts yet (the accounts are
// made, matched as conversion matches them, and undo removes them again), deals naming their
// account and contact, and an Excel workbook written the way Excel writes one. On SQLite
// and, with RAPPORT_TEST_POSTGRESQL set, on PostgreSQL.
#include "history/timeline.h"
#include "records/recordtypes.h"
#include "storage/recordstore.h"
#include "support/dbsnapshot.h"
#include "support/engines.h"
#include "support/workbookparts.h"
#include "transfer/exporter.h"
#include "transfer/importer.h"
#include "transfer/importjournal.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Rapport;

namespace {

const QString Db = QStringLiteral("formats");

QString data(const char *path)
{
    return QStringLiteral(RAPPORT_TEST_DATA "/") + QLatin1String(path);
}

// "first last → account name" of every contact, sorted.
QStringList contactsWithAccounts()
{
    QSqlQuery q(QSqlDatabase::database(Db));
    q.exec(QStringLiteral("SELECT c.first_name, c.last_name, a.account_name FROM contacts c "
                          "LEFT JOIN accounts a ON a.id = c.account_id ORDER BY c.last_name"));
    QStringList out;
    while (q.next())
        out << QStringLiteral("%1 %2 → %3").arg(q.value(0).toString(), q.value(1).toString(),
                                                 q.value(2).toString());
    return out;
}

qint64 count(const char *table)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table));
    return q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestImportFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QVERIFY(m_fresh.drop()); }
    void outlookVCardsMakeContactsAndTheirAccounts();
    void germanOutlookContacts();
    void accountsMatchAsConversionMatches();
    void undoKeepsAnAccountUsedSince();
    void dealsFindAccountsAndContacts();
    void convertedLeadsComeBackConverted();
    void excelWorkbook();

private:
    QString file(const QString &name, const QByteArray &bytes);
    ImportResult import(Entity entity, const QString &path, bool createMissing = true);
    Engines::FreshDatabase m_fresh{QStringLiteral("formats")};
    int m_serial = 0;
};

QString TestImportFormats::file(const QString &name, const QByteArray &bytes)
{
    const QString path = m_fresh.path(QString::number(++m_serial) + name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

ImportResult TestImportFormats::import(Entity entity, const QString &path, bool createMissing)
{
    ImportOptions o;
    o.entity = entity;
    o.filePath = path;
    o.createMissing = createMissing;
    return Importer(Db).run(o);
}

void TestImportFormats::outlookVCardsMakeContactsAndTheirAccounts()
{
    QVERIFY(m_fresh.open(Db));
    // WHEN Outlook's vCard 2.1 file (Windows-1252, quoted-printable) is imported as contacts,
    // whose companies are no accounts yet
    const ImportResult r = import(Entity::Contact, data("vcard/outlook_21.vcf"));
    // THEN both cards are contacts, each linked to an account made for its company
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.format, FileFormat::VCard);
    QCOMPARE(r.created, 2);
    QCOMPARE(r.parentsCreated.value(Entity::Account), 2);
    QCOMPARE(contactsWithAccounts(),
             (QStringList{QStringLiteral("Zoë ?ukasiewicz → Café Crème SARL"), // Ł: not in 1252
                          QStringLiteral("Jürgen Müller → Müller & Söhne GmbH")}));
    // AND each account's history says the import made it
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec(QStringLiteral("SELECT MAX(id) FROM accounts")) && q.next());
    const QList<TimelineEntry> history = Timeline(Db, Entity::Account, q.value(0).toLongLong()).read();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().kind, QStringLiteral("import"));
    QCOMPARE(history.first().refId, r.importId);
    // AND undoing the import removes the accounts it made as well
    ImportJournal journal(Db);
    QCOMPARE(journal.undo(r.importId), ImportJournal::UndoResult::Done);
    QCOMPARE(count("contacts"), 0);
    QCOMPARE(count("accounts"), 0);
}

void TestImportFormats::germanOutlookContacts()
{
    QVERIFY(m_fresh.open(Db));
    // WHEN German Outlook's export (German headers, semicolons, Windows-1252) is imported
    const ImportResult r = import(Entity::Contact, data("csv/outlook_de_contacts.csv"));
    // THEN its contacts are in with their companies as accounts, and nothing is rejected
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.rejected, 0);
    QCOMPARE(contactsWithAccounts(),
             (QStringList{QStringLiteral("Jürgen Müller → Bäckerei Müller GmbH"),
                          QStringLiteral("Zoë Weiß → Straßenbau Süd AG")}));
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec(QStringLiteral("SELECT mailing_city, title, email FROM contacts WHERE "
                                  "last_name = 'Müller'")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("München"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("Geschäftsführer"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("j.mueller@baeckerei.example"));
}

void TestImportFormats::accountsMatchAsConversionMatches()
{
    QVERIFY(m_fresh.open(Db));
    // GIVEN an account "Acme"
    const qint64 acme = RecordStore(Db).insert(Entity::Account, {{"account_name", "Acme"}}).id;
    QVERIFY(acme > 0);
    const QString path = file(QStringLiteral("contacts.csv"),
                              "Last Name,Company\nOne,ACME Inc.\nTwo,acme\nThree,Globex Ltd\n"
                              "Four,GLOBEX\n");
    // WHEN the import may not make accounts, the rows naming Globex are rejected alone
    ImportResult r = import(Entity::Contact, path, false);
    QCOMPARE(r.created, 2);
    QCOMPARE(r.rejected, 2);
    QVERIFY2(r.problems.first().message.contains(QStringLiteral("Globex Ltd")),
             qPrintable(r.problems.first().message));
    QCOMPARE(ImportJournal(Db).undo(r.importId), ImportJournal::UndoResult::Done);
    // WHEN it may: "ACME Inc." and "acme" are Acme, "Globex Ltd" and "GLOBEX" one new account
    r = import(Entity::Contact, path);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 4);
    QCOMPARE(r.parentsCreated.value(Entity::Account), 1);
    QCOMPARE(contactsWithAccounts(),
             (QStringList{QStringLiteral(" Four → Globex Ltd"), QStringLiteral(" One → Acme"),
                          QStringLiteral(" Three → Globex Ltd"), QStringLiteral(" Two → Acme")}));
}

void TestImportFormats::undoKeepsAnAccountUsedSince()
{
    QVERIFY(m_fresh.open(Db));
    const ImportResult r = import(Entity::Contact, file(QStringLiteral("c.csv"),
                                                        "Last Name,Account Name\nA,Initech\n"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    // GIVEN a deal added later on the account the import made
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM accounts")) && q.next());
    const qint64 initech = q.value(0).toLongLong();
    QVERIFY(RecordStore(Db).insert(Entity::Deal, {{"deal_name", "Later"}, {"account_id", initech}})
                .ok());
    const auto before = dbSnapshot(Db);
    // WHEN the import is undone THEN it refuses and changes nothing: the deal would lose it
    ImportJournal journal(Db);
    QCOMPARE(journal.undo(r.importId), ImportJournal::UndoResult::Conflict);
    QVERIFY2(journal.errorString().contains(QStringLiteral("Account")),
             qPrintable(journal.errorString()));
    COMPARE_SNAPSHOTS(dbSnapshot(Db), before);
}

void TestImportFormats::dealsFindAccountsAndContacts()
{
    QVERIFY(m_fresh.open(Db));
    // GIVEN a contact Anna with her email
    RecordStore store(Db);
    const qint64 anna = store.insert(Entity::Contact, {{"first_name", "Anna"},
                                                       {"last_name", "Schmidt"},
                                                       {"email", "anna@nordwind.example"}}).id;
    // WHEN deals name her by email or by name, and a contact who does not exist yet
    const ImportResult r = import(Entity::Deal, file(QStringLiteral("deals.csv"),
        "Deal Name,Account Name,Contact Name\nOne,Nordwind AG,ANNA@nordwind.example\n"
        "Two,Nordwind,anna schmidt\nThree,Nordwind AG,Bob Stone\nFour,,nobody@x.example\n"));
    // THEN they link to her, Bob is made, and an unknown email is rejected alone
    QCOMPARE(r.created, 3);
    QCOMPARE(r.rejected, 1);
    QCOMPARE(r.problems.first().line, 5);
    QCOMPARE(r.parentsCreated.value(Entity::Account), 1);
    QCOMPARE(r.parentsCreated.value(Entity::Contact), 1);
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec(QStringLiteral("SELECT d.deal_name, d.contact_id, c.first_name, a.account_name "
                                  "FROM deals d LEFT JOIN contacts c ON c.id = d.contact_id "
                                  "LEFT JOIN accounts a ON a.id = d.account_id ORDER BY d.id")));
    QVERIFY(q.next());
    QCOMPARE(q.value(1).toLongLong(), anna);
    QCOMPARE(q.value(3).toString(), QStringLiteral("Nordwind AG"));
    QVERIFY(q.next());
    QCOMPARE(q.value(1).toLongLong(), anna);
    QCOMPARE(q.value(3).toString(), QStringLiteral("Nordwind AG")); // "Nordwind" is the same
    QVERIFY(q.next());
    QCOMPARE(q.value(2).toString(), QStringLiteral("Bob"));
}

void TestImportFormats::convertedLeadsComeBackConverted()
{
    QVERIFY(m_fresh.open(Db));
    // GIVEN two leads converted to an account and a contact
    RecordStore store(Db);
    const qint64 account = store.insert(Entity::Account, {{"account_name", "Acme"}}).id;
    const qint64 contact = store.insert(Entity::Contact, {{"last_name", "Lovelace"}}).id;
    const qint64 gone = store.insert(Entity::Lead, {{"last_name", "Gone"}}).id;
    const qint64 back = store.insert(Entity::Lead, {{"last_name", "Back"}}).id;
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec(QStringLiteral("UPDATE leads SET converted_at = '2026-11-30T10:00:00Z', "
                                  "converted_account_id = %1, converted_contact_id = %2, "
                                  "lead_status = 'Converted'").arg(account).arg(contact)));
    // AND their export, converted leads included
    ExportOptions e;
    e.filter.converted = RecordFilter::Converted::Include;
    QFile out(m_fresh.path(QStringLiteral("converted.csv")));
    QVERIFY(out.open(QIODevice::WriteOnly));
    QCOMPARE(Exporter(Db).write(Entity::Lead, e, &out), 2);
    out.close();
    // WHEN one lead is no longer in the database and the other is active again, and the
    // file is imported with updates
    QVERIFY(q.exec(QStringLiteral("DELETE FROM leads WHERE id = %1").arg(gone)));
    QVERIFY(q.exec(QStringLiteral("UPDATE leads SET converted_at = NULL, converted_account_id "
                                  "= NULL, converted_contact_id = NULL, lead_status = "
                                  "'Contacted' WHERE id = %1").arg(back)));
    ImportOptions o;
    o.filePath = out.fileName();
    o.onDuplicate = DuplicatePolicy::Update;
    const ImportResult r = Importer(Db).run(o);
    // THEN both are converted leads again, linked to what they became, with no note about
    // "Converted" not being a status one picks
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 1);
    QCOMPARE(r.updated, 1);
    QVERIFY2(r.notes.isEmpty(), qPrintable(r.notes.join('\n')));
    QVERIFY(q.exec(QStringLiteral("SELECT converted_at, converted_account_id, "
                                  "converted_contact_id, lead_status FROM leads ORDER BY id")));
    for (int i = 0; i < 2; ++i) {
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("2026-11-30T10:00:00Z"));
        QCOMPARE(q.value(1).toLongLong(), account);
        QCOMPARE(q.value(2).toLongLong(), contact);
        QCOMPARE(q.value(3).toString(), QStringLiteral("Converted"));
    }
    // AND undoing the import makes the updated one active again
    QCOMPARE(ImportJournal(Db).undo(r.importId), ImportJournal::UndoResult::Done);
    QVERIFY(q.exec(QStringLiteral("SELECT converted_at, converted_account_id, lead_status "
                                  "FROM leads WHERE id = %1").arg(back)) && q.next());
    QVERIFY(q.value(0).isNull());
    QVERIFY(q.value(1).isNull());
    QCOMPARE(q.value(2).toString(), QStringLiteral("Contacted"));
}

void TestImportFormats::excelWorkbook()
{
    QVERIFY(m_fresh.open(Db));
    using namespace WorkbookParts;
    // GIVEN a workbook as Excel writes it: shared strings, a phone number typed as a number,
    // a date cell styled as a date, rows whose empty cells at the end are left out; the
    // leads on its second sheet
    const QByteArray shared = sharedStrings(
        "<si><t>Last Name</t></si><si><t>Company</t></si><si><t>Phone</t></si>"
        "<si><t>Annual Revenue</t></si><si><t>Lovelace</t></si><si><r><t>Analytical</t></r>"
        "<r><rPr><b/></rPr><t xml:space=\"preserve\"> Engines</t></r></si><si><t>Hopper</t></si>");
    const QByteArray sheet = worksheet(
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
        "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>5</v></c>"
        "<c r=\"C2\"><v>4930123456</v></c><c r=\"D2\"><v>1250000.5</v></c></row>"
        "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>6</v></c></row>");
    const QByteArray notes = worksheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Notes"
                                       "</t></is></c></row>");
    const QString path = file(QStringLiteral("leads.xlsx"),
                              packed(workbook({{"Notes", "worksheets/sheet1.xml", notes},
                                               {"Leads", "worksheets/sheet2.xml", sheet}},
                                              shared)));
    ImportOptions o;
    o.filePath = path;
    o.sheet = 1;
    // WHEN it is previewed and imported
    const ImportPreview p = Importer::preview(o);
    QCOMPARE(p.format, FileFormat::Xlsx);
    QCOMPARE(p.sheets, (QStringList{QStringLiteral("Notes"), QStringLiteral("Leads")}));
    const ImportResult r = Importer(Db).run(o);
    // THEN both leads are in, the phone as its digits, the short row filled up
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 2);
    QCOMPARE(r.rejected, 0);
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec(QStringLiteral("SELECT last_name, company, phone, annual_revenue FROM leads "
                                  "ORDER BY id")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Lovelace"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("Analytical Engines"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("4930123456"));
    QCOMPARE(q.value(3).toDouble(), 1250000.5);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Hopper"));
    QVERIFY(q.value(1).isNull());
}

QTEST_GUILESS_MAIN(TestImportFormats)
#include "tst_importformats.moc"
