// Lead conversion and its undo, against a real database: every option of the plan, refusals,
// failures injected at each step (the database must be exactly as before), undo restoring
// every row exactly, and the conflicts undo reports.
#include "conversionjournal.h"
#include "converter.h"
#include "database.h"
#include "matcher.h"
#include "notestore.h"
#include "recordfilter.h"
#include "recordstore.h"
#include "recordtypes.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

using Dump = QMap<QString, QStringList>;

// "" when equal, else the first row that differs (QCOMPARE would cut it short).
QString difference(const Dump &actual, const Dump &expected)
{
    if (actual.keys() != expected.keys())
        return "tables: " + actual.keys().join(',') + " vs " + expected.keys().join(',');
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const QStringList &rows = actual[it.key()];
        for (int i = 0; i < std::max(rows.size(), it->size()); ++i) {
            if (rows.value(i) != it->value(i))
                return it.key() + ":\n  now " + rows.value(i) + "\n  was " + it->value(i);
        }
    }
    return {};
}

#define COMPARE_DUMPS(actual, expected) \
    do { const QString d = difference(actual, expected); QVERIFY2(d.isEmpty(), qPrintable(d)); } while (false)

class TestConverter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void newAccountContactAndDeal();
    void notesFollowTheLead();
    void existingAccountFillsEmptyFieldsOnly();
    void existingAccountWithChoices();
    void mergedContactPerFieldChoices();
    void b2cLeadHasNoAccount();
    void noDeal();
    void customMappingAndDroppedFields();
    void alreadyConvertedIsRefused();
    void unknownRecordsAreRefused();
    void invalidDealRollsBack();
    void failureInjectedRollsBackEverything_data();
    void failureInjectedRollsBackEverything();
    void undoRestoresDatabaseExactly_data();
    void undoRestoresDatabaseExactly();
    void unconvertRefusesWhatIsNotConverted();
    void unconvertReportsConflicts();
    void unconvertKeepEdited();
    void unconvertDiscard();
    void unconvertFailureRollsBack();
    void previewWritesNothing();
    void suggestPreselectsOnlyUnambiguousMatches();

private:
    qint64 insert(Entity e, const QVariantMap &values);
    QVariantMap load(Entity e, qint64 id);
    Dump dump(const QStringList &skip = {});
    qint64 fullLead();
    QTemporaryDir m_dir;
    QString m_conn;
    int m_count = 0;
};

void TestConverter::init()
{
    m_conn = QStringLiteral("conv%1").arg(++m_count);
    const QSqlError e = Database::open(m_dir.filePath(m_conn + ".sqlite"), m_conn);
    QVERIFY2(!e.isValid(), qPrintable(e.text()));
}

void TestConverter::cleanup()
{
    Database::close(m_conn);
}

qint64 TestConverter::insert(Entity e, const QVariantMap &values)
{
    const WriteResult r = RecordStore(m_conn).insert(e, values);
    if (!r.ok())
        qWarning() << r.error << (r.fieldErrors.isEmpty() ? QString() : r.fieldErrors[0].message);
    return r.ok() ? r.id : -1;
}

QVariantMap TestConverter::load(Entity e, qint64 id)
{
    return RecordStore(m_conn).load(e, id).value_or(QVariantMap());
}

// Every row of every table (but `skip`), as text, in id order.
Dump TestConverter::dump(const QStringList &skip)
{
    Dump out;
    const QSqlDatabase db = QSqlDatabase::database(m_conn);
    for (const QString &table : db.tables()) {
        if (table.startsWith("sqlite_") || skip.contains(table))
            continue;
        QSqlQuery q(db);
        if (!q.exec(QString("SELECT * FROM %1 ORDER BY 1").arg(table)))
            qWarning() << "cannot dump" << table;
        QStringList rows;
        while (q.next()) {
            QStringList cells;
            const QSqlRecord rec = q.record();
            for (int i = 0; i < rec.count(); ++i)
                cells << rec.fieldName(i) + "=" + (q.value(i).isNull() ? "NULL" : q.value(i).toString());
            rows << cells.join('|');
        }
        out.insert(table, rows);
    }
    return out;
}

qint64 TestConverter::fullLead()
{
    return insert(Entity::Lead, {
        {"salutation", "Ms."}, {"first_name", "Ada"}, {"last_name", "Lovelace"},
        {"title", "CTO"}, {"company", "Analytical Engines Ltd"}, {"industry", "Software"},
        {"annual_revenue", 2500000.5}, {"employees", 42}, {"website", "https://engines.example"},
        {"email", "ada@engines.example"}, {"secondary_email", "ada@home.example"},
        {"phone", "+44 20 7946 0018"}, {"mobile", "+44 7700 900123"}, {"fax", "+44 20 7946 0019"},
        {"email_opt_out", true}, {"lead_source", "Trade Show"}, {"lead_status", "Pre-Qualified"},
        {"rating", "Hot"}, {"owner", "sam"}, {"street", "12 St James's Square"},
        {"city", "London"}, {"state", "Greater London"}, {"zip", "SW1Y 4JH"},
        {"country", "United Kingdom"}, {"description", "Met at the booth.\nWants a demo."}});
}

void TestConverter::newAccountContactAndDeal()
{
    // GIVEN a lead with every field filled
    const qint64 leadId = fullLead();
    const QVariantMap lead = load(Entity::Lead, leadId);
    // WHEN it is converted with the suggested plan
    ConversionPlan plan = ConversionPlan::suggested(leadId, lead, ConversionMapping::defaults());
    const ConversionResult r = Converter(m_conn).convert(plan);
    // THEN an account, a contact and a deal are made from it, as domain.md maps them
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.accountCreated && r.contactCreated && r.dealId > 0 && r.conversionId > 0);
    const QVariantMap account = load(Entity::Account, r.accountId);
    QCOMPARE(account["account_name"].toString(), QString("Analytical Engines Ltd"));
    QCOMPARE(account["website"].toString(), QString("https://engines.example"));
    QCOMPARE(account["industry"].toString(), QString("Software"));
    QCOMPARE(account["employees"].toInt(), 42);
    QCOMPARE(account["annual_revenue"].toDouble(), 2500000.5);
    QCOMPARE(account["phone"].toString(), QString("+44 20 7946 0018"));
    QCOMPARE(account["fax"].toString(), QString("+44 20 7946 0019"));
    QCOMPARE(account["billing_street"].toString(), QString("12 St James's Square"));
    QCOMPARE(account["billing_country"].toString(), QString("United Kingdom"));
    QVERIFY(account["rating"].isNull());      // Rating goes to the deal
    QVERIFY(account["description"].isNull()); // Description goes to the contact
    const QVariantMap contact = load(Entity::Contact, r.contactId);
    QCOMPARE(contact["account_id"].toLongLong(), r.accountId);
    for (const char *f : {"salutation", "first_name", "last_name", "title", "email",
                          "secondary_email", "phone", "mobile", "fax", "lead_source", "description"})
        QCOMPARE(contact[f].toString(), lead[f].toString());
    QCOMPARE(contact["email_opt_out"].toInt(), 1);
    QCOMPARE(contact["mailing_city"].toString(), QString("London"));
    QCOMPARE(contact["mailing_zip"].toString(), QString("SW1Y 4JH"));
    const QVariantMap deal = load(Entity::Deal, r.dealId);
    QCOMPARE(deal["deal_name"].toString(), QString("Analytical Engines Ltd – Lovelace"));
    QCOMPARE(deal["account_id"].toLongLong(), r.accountId);
    QCOMPARE(deal["contact_id"].toLongLong(), r.contactId);
    QCOMPARE(deal["stage"].toString(), QString("Qualification"));
    QCOMPARE(deal["closing_date"].toString(),
             ConversionPlan::endOfQuarter(QDate::currentDate()).toString(Qt::ISODate));
    QCOMPARE(deal["lead_source"].toString(), QString("Trade Show"));
    QCOMPARE(deal["rating"].toString(), QString("Hot"));
    QVERIFY(deal["amount"].isNull());
    // ... and the lead points at them and leaves the default Leads view
    const QVariantMap after = load(Entity::Lead, leadId);
    QVERIFY(!after["converted_at"].isNull());
    QCOMPARE(after["converted_account_id"].toLongLong(), r.accountId);
    QCOMPARE(after["converted_contact_id"].toLongLong(), r.contactId);
    QCOMPARE(after["converted_deal_id"].toLongLong(), r.dealId);
    QCOMPARE(countRecords(m_conn, Entity::Lead, {}), 0);
    RecordFilter converted;
    converted.converted = RecordFilter::Converted::Only;
    QCOMPARE(countRecords(m_conn, Entity::Lead, converted), 1);
    // The lead's fields are untouched.
    for (const FieldDef &f : entityDef(Entity::Lead).fields)
        QCOMPARE(after[f.name], lead[f.name]);
}

void TestConverter::notesFollowTheLead()
{
    const qint64 leadId = fullLead();
    NoteStore notes(m_conn);
    QVERIFY(notes.add(Entity::Lead, leadId, "Called, interested.") > 0);
    const ConversionResult r = Converter(m_conn).convert(
        ConversionPlan::suggested(leadId, load(Entity::Lead, leadId), ConversionMapping::defaults()));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(notes.add(Entity::Contact, r.contactId, "Sent the demo link.") > 0);
    const QList<Note> onContact = notes.list(Entity::Contact, r.contactId);
    QCOMPARE(onContact.size(), 2);
    QCOMPARE(onContact[0].body, QString("Sent the demo link."));
    QCOMPARE(onContact[0].fromLeadId, 0);
    QCOMPARE(onContact[1].body, QString("Called, interested."));
    QCOMPARE(onContact[1].fromLeadId, leadId);
    const QList<Note> onDeal = notes.list(Entity::Deal, r.dealId);
    QCOMPARE(onDeal.size(), 1);
    QCOMPARE(onDeal[0].fromLeadId, leadId);
    QCOMPARE(notes.list(Entity::Lead, leadId).size(), 1);
    // After undo the lead's notes are the lead's alone again.
    QVERIFY(Converter(m_conn).unconvert(leadId, UnconvertMode::Discard).ok());
    QCOMPARE(notes.list(Entity::Lead, leadId).size(), 1);
    QCOMPARE(notes.list(Entity::Contact, r.contactId).size(), 0);
}

void TestConverter::existingAccountFillsEmptyFieldsOnly()
{
    // GIVEN an existing account with a website but no phone
    const qint64 acct = insert(Entity::Account, {{"account_name", "Analytical Engines"},
                                                 {"website", "https://ae.example"}});
    const qint64 leadId = fullLead();
    ConversionPlan plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId),
                                                    ConversionMapping::defaults());
    plan.account = ConversionPlan::AccountAction::Existing;
    plan.accountId = acct;
    // WHEN the lead is converted into it
    const ConversionResult r = Converter(m_conn).convert(plan);
    QVERIFY2(r.ok(), qPrintable(r.error));
    // THEN the account keeps its name and website, and gains what it lacked
    QCOMPARE(r.accountId, acct);
    QVERIFY(!r.accountCreated);
    const QVariantMap account = load(Entity::Account, acct);
    QCOMPARE(account["account_name"].toString(), QString("Analytical Engines"));
    QCOMPARE(account["website"].toString(), QString("https://ae.example"));
    QCOMPARE(account["phone"].toString(), QString("+44 20 7946 0018"));
    QCOMPARE(load(Entity::Contact, r.contactId)["account_id"].toLongLong(), acct);
    // ... and the journal has the value before of every field it changed
    const auto record = ConversionJournal(m_conn).current(leadId);
    QVERIFY(record);
    QCOMPARE(record->changes.size(), 1);
    QCOMPARE(record->changes[0].entity, Entity::Account);
    QVERIFY(record->changes[0].before.contains("phone"));
    QVERIFY(record->changes[0].before["phone"].isNull());
    QVERIFY(!record->changes[0].before.contains("website"));
    QCOMPARE(Matcher::unambiguous(Matcher(m_conn).accountCandidates(load(Entity::Lead, leadId))),
             std::optional<qint64>(acct));
}

void TestConverter::existingAccountWithChoices()
{
    const qint64 acct = insert(Entity::Account, {{"account_name", "AE"}, {"website", "ae.example"},
                                                 {"industry", "Retail"}});
    const qint64 leadId = fullLead();
    ConversionPlan plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId),
                                                    ConversionMapping::defaults());
    plan.account = ConversionPlan::AccountAction::Existing;
    plan.accountId = acct;
    plan.accountChoices = {{"website", MergeChoice::Lead}, {"phone", MergeChoice::Existing}};
    QVERIFY(Converter(m_conn).convert(plan).ok());
    const QVariantMap account = load(Entity::Account, acct);
    QCOMPARE(account["website"].toString(), QString("https://engines.example")); // lead wins
    QCOMPARE(account["industry"].toString(), QString("Retail"));  // fill empty only
    QVERIFY(account["phone"].isNull());                           // kept empty
    QCOMPARE(account["employees"].toInt(), 42);                   // filled
}

void TestConverter::mergedContactPerFieldChoices()
{
    // GIVEN an existing contact (title CTO, no phone, no mobile, own description)
    const qint64 existing = insert(Entity::Contact, {
        {"first_name", "Ada"}, {"last_name", "Lovelace"}, {"email", "ADA@engines.example"},
        {"title", "Chief"}, {"description", "Old notes"}});
    const qint64 leadId = fullLead();
    const QVariantMap lead = load(Entity::Lead, leadId);
    const QList<ContactCandidate> candidates = Matcher(m_conn).contactCandidates(lead);
    QCOMPARE(Matcher::unambiguous(candidates), std::optional<qint64>(existing));
    // WHEN the lead is merged into it: title from the lead, mobile kept as is (empty)
    ConversionPlan plan = ConversionPlan::suggested(leadId, lead, ConversionMapping::defaults());
    plan.contact = ConversionPlan::ContactAction::Merge;
    plan.contactId = existing;
    plan.contactChoices = {{"title", MergeChoice::Lead}, {"mobile", MergeChoice::Existing}};
    const ConversionResult r = Converter(m_conn).convert(plan);
    QVERIFY2(r.ok(), qPrintable(r.error));
    // THEN no contact is created; the existing one has the chosen values
    QCOMPARE(r.contactId, existing);
    QVERIFY(!r.contactCreated);
    QCOMPARE(countRecords(m_conn, Entity::Contact, {}), 1);
    const QVariantMap contact = load(Entity::Contact, existing);
    QCOMPARE(contact["title"].toString(), QString("CTO"));
    QVERIFY(contact["mobile"].isNull());
    QCOMPARE(contact["phone"].toString(), QString("+44 20 7946 0018"));
    QCOMPARE(contact["description"].toString(), QString("Old notes"));
    QCOMPARE(contact["email"].toString(), QString("ADA@engines.example"));
    QCOMPARE(contact["account_id"].toLongLong(), r.accountId); // it had none
    QCOMPARE(load(Entity::Deal, r.dealId)["contact_id"].toLongLong(), existing);
    QCOMPARE(mergedValue("Chief", "CTO", MergeChoice::FillEmpty), QVariant("Chief"));
    QCOMPARE(mergedValue(QVariant(), "CTO", MergeChoice::FillEmpty), QVariant("CTO"));
    QCOMPARE(mergedValue("Chief", QVariant(), MergeChoice::Lead), QVariant("Chief"));
}

void TestConverter::b2cLeadHasNoAccount()
{
    const qint64 leadId = insert(Entity::Lead, {{"first_name", "Bo"}, {"last_name", "Consumer"},
                                                {"email", "bo@gmail.com"}, {"phone", "555"}});
    const QVariantMap lead = load(Entity::Lead, leadId);
    const ConversionPlan plan = ConversionPlan::suggested(leadId, lead, ConversionMapping::defaults());
    QCOMPARE(plan.account, ConversionPlan::AccountAction::None);
    QCOMPARE(plan.dealName, QString("Bo Consumer"));
    const ConversionResult r = Converter(m_conn).convert(plan);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.accountId, 0);
    QCOMPARE(countRecords(m_conn, Entity::Account, {}), 0);
    QVERIFY(load(Entity::Contact, r.contactId)["account_id"].isNull());
    QVERIFY(load(Entity::Deal, r.dealId)["account_id"].isNull());
    QVERIFY(load(Entity::Lead, leadId)["converted_account_id"].isNull());
}

void TestConverter::noDeal()
{
    const qint64 leadId = fullLead();
    ConversionPlan plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId),
                                                    ConversionMapping::defaults());
    plan.createDeal = false;
    const ConversionResult r = Converter(m_conn).convert(plan);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.dealId, 0);
    QCOMPARE(countRecords(m_conn, Entity::Deal, {}), 0);
    QVERIFY(load(Entity::Lead, leadId)["converted_deal_id"].isNull());
}

void TestConverter::customMappingAndDroppedFields()
{
    // GIVEN a team mapping: description to the deal, phone to the contact only, no industry
    ConversionMapping mapping = ConversionMapping::defaults();
    mapping.setTargets("description", Target::Deal);
    mapping.setTargets("phone", Target::Contact);
    mapping.setTargets("industry", Targets());
    QCOMPARE(mapping.saveAsTeamDefault(m_conn), QString());
    const qint64 leadId = fullLead();
    const QVariantMap lead = load(Entity::Lead, leadId);
    const ConversionMapping team = ConversionMapping::teamDefault(m_conn);
    QCOMPARE(team.droppedFields(lead), (QStringList{"industry", "lead_status"}));
    // WHEN converted with it
    const ConversionResult r = Converter(m_conn).convert(ConversionPlan::suggested(leadId, lead, team));
    QVERIFY2(r.ok(), qPrintable(r.error));
    // THEN the values went where the mapping says
    QVERIFY(load(Entity::Contact, r.contactId)["description"].isNull());
    QCOMPARE(load(Entity::Deal, r.dealId)["description"].toString(), lead["description"].toString());
    QVERIFY(load(Entity::Account, r.accountId)["phone"].isNull());
    QVERIFY(load(Entity::Account, r.accountId)["industry"].isNull());
    QCOMPARE(load(Entity::Contact, r.contactId)["phone"].toString(), lead["phone"].toString());
}

void TestConverter::alreadyConvertedIsRefused()
{
    const qint64 leadId = fullLead();
    const ConversionPlan plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId),
                                                          ConversionMapping::defaults());
    QVERIFY(Converter(m_conn).convert(plan).ok());
    const Dump before = dump();
    const ConversionResult again = Converter(m_conn).convert(plan);
    QCOMPARE(again.status, ConversionResult::Status::AlreadyConverted);
    QVERIFY(again.error.contains("already converted"));
    COMPARE_DUMPS(dump(), before);
}

void TestConverter::unknownRecordsAreRefused()
{
    const qint64 leadId = fullLead();
    ConversionPlan plan = ConversionPlan::suggested(999, {}, ConversionMapping::defaults());
    QCOMPARE(Converter(m_conn).convert(plan).status, ConversionResult::Status::UnknownLead);
    const Dump before = dump();
    plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId), ConversionMapping::defaults());
    plan.contact = ConversionPlan::ContactAction::Merge;
    plan.contactId = 4242;
    const ConversionResult r = Converter(m_conn).convert(plan);
    QCOMPARE(r.status, ConversionResult::Status::UnknownRecord);
    COMPARE_DUMPS(dump(), before); // the account made before the contact step is gone again
}

void TestConverter::invalidDealRollsBack()
{
    const qint64 leadId = fullLead();
    ConversionPlan plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId),
                                                    ConversionMapping::defaults());
    plan.dealName = "  ";
    const Dump before = dump();
    const ConversionResult r = Converter(m_conn).convert(plan);
    QCOMPARE(r.status, ConversionResult::Status::Invalid);
    QCOMPARE(r.entity, Entity::Deal);
    QCOMPARE(r.fieldErrors.first().field, QString("deal_name"));
    COMPARE_DUMPS(dump(), before);
}

void TestConverter::failureInjectedRollsBackEverything_data()
{
    QTest::addColumn<QString>("failAt");
    for (const char *step : {"account", "contact", "deal", "lead", "journal", "commit"})
        QTest::newRow(step) << QString(step);
}

void TestConverter::failureInjectedRollsBackEverything()
{
    QFETCH(QString, failAt);
    // GIVEN a conversion that creates, updates and links (existing account, merged contact)
    const qint64 acct = insert(Entity::Account, {{"account_name", "Analytical Engines"}});
    const qint64 existing = insert(Entity::Contact, {{"last_name", "Lovelace"},
                                                     {"email", "ada@engines.example"}});
    const qint64 leadId = fullLead();
    QVERIFY(NoteStore(m_conn).add(Entity::Lead, leadId, "A note") > 0);
    ConversionPlan plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId),
                                                    ConversionMapping::defaults());
    plan.account = ConversionPlan::AccountAction::Existing;
    plan.accountId = acct;
    plan.contact = ConversionPlan::ContactAction::Merge;
    plan.contactId = existing;
    const Dump before = dump();
    // WHEN it fails at one step
    Converter converter(m_conn);
    QStringList seen;
    converter.setStepHook([&](const QString &step) {
        seen << step;
        return step == failAt ? QString("disk on fire") : QString();
    });
    const ConversionResult r = converter.convert(plan);
    // THEN it says why, and every row of every table is as before
    QCOMPARE(r.status, ConversionResult::Status::Failed);
    QCOMPARE(r.error, QString("disk on fire"));
    QCOMPARE(seen.last(), failAt);
    COMPARE_DUMPS(dump(), before);
    // ... and the lead can still be converted
    converter.setStepHook({});
    QVERIFY(converter.convert(plan).ok());
}

void TestConverter::undoRestoresDatabaseExactly_data()
{
    QTest::addColumn<int>("account");
    QTest::addColumn<bool>("merge");
    QTest::addColumn<bool>("deal");
    using A = ConversionPlan::AccountAction;
    QTest::newRow("new account, contact, deal") << int(A::New) << false << true;
    QTest::newRow("existing account, merged contact") << int(A::Existing) << true << true;
    QTest::newRow("existing account, new contact, no deal") << int(A::Existing) << false << false;
    QTest::newRow("no account, merged contact") << int(A::None) << true << false;
}

void TestConverter::undoRestoresDatabaseExactly()
{
    QFETCH(int, account);
    QFETCH(bool, merge);
    QFETCH(bool, deal);
    // GIVEN a database with other records, notes and a lead
    const qint64 acct = insert(Entity::Account, {{"account_name", "Analytical Engines"},
                                                 {"billing_city", "Paris"}});
    insert(Entity::Account, {{"account_name", "Other"}});
    const qint64 existing = insert(Entity::Contact, {{"last_name", "Lovelace"}, {"title", "Boss"},
                                                     {"email", "ada@engines.example"}});
    insert(Entity::Deal, {{"deal_name", "Old deal"}, {"account_id", acct}});
    const qint64 leadId = fullLead();
    insert(Entity::Lead, {{"last_name", "Other lead"}});
    QVERIFY(NoteStore(m_conn).add(Entity::Lead, leadId, "A note") > 0);
    QVERIFY(NoteStore(m_conn).add(Entity::Account, acct, "Account note") > 0);
    QTest::qWait(5); // distinct time stamps
    ConversionPlan plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId),
                                                    ConversionMapping::defaults());
    plan.account = ConversionPlan::AccountAction(account);
    plan.accountId = acct;
    plan.contact = merge ? ConversionPlan::ContactAction::Merge : ConversionPlan::ContactAction::New;
    plan.contactId = existing;
    plan.contactChoices = {{"title", MergeChoice::Lead}};
    plan.createDeal = deal;
    const Dump before = dump({"conversions"});
    // WHEN it is converted, then unconverted
    Converter converter(m_conn);
    const ConversionResult r = converter.convert(plan);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(dump({"conversions"}) != before);
    const UnconvertReport check = converter.checkUnconvert(leadId);
    QVERIFY(check.ok());
    QVERIFY2(check.issues.isEmpty(), qPrintable(check.issues.value(0).message));
    QTest::qWait(5);
    const UnconvertReport undo = converter.unconvert(leadId);
    QVERIFY2(undo.ok(), qPrintable(undo.error));
    // THEN every row of every table is exactly as before (the journal keeps the undone entry)
    COMPARE_DUMPS(dump({"conversions"}), before);
    QVERIFY(!ConversionJournal(m_conn).current(leadId));
    QSqlQuery q(QSqlDatabase::database(m_conn));
    QVERIFY(q.exec("SELECT COUNT(*) FROM conversions WHERE undone_at IS NOT NULL") && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    // ... and the lead can be converted again
    QVERIFY(converter.convert(plan).ok());
}

void TestConverter::unconvertRefusesWhatIsNotConverted()
{
    const qint64 leadId = fullLead();
    QCOMPARE(Converter(m_conn).unconvert(leadId).status, UnconvertReport::Status::NotConverted);
    QCOMPARE(Converter(m_conn).checkUnconvert(777).status, UnconvertReport::Status::UnknownLead);
    // A lead marked converted without a journal (e.g. by an import) cannot be undone.
    QSqlQuery q(QSqlDatabase::database(m_conn));
    QVERIFY(q.exec(QString("UPDATE leads SET converted_at = '2026-01-01' WHERE id = %1").arg(leadId)));
    const UnconvertReport r = Converter(m_conn).unconvert(leadId);
    QCOMPARE(r.status, UnconvertReport::Status::NotConverted);
    QVERIFY(r.error.contains("no record"));
}

namespace {

struct Later {
    qint64 leadId, existing, babbage;
    ConversionResult r;
};

QList<UnconvertIssue::Kind> kinds(const UnconvertReport &report)
{
    QList<UnconvertIssue::Kind> out;
    for (const UnconvertIssue &i : report.issues)
        out << i.kind;
    return out;
}

} // namespace

// A conversion (new account, merged existing contact, new deal) and edits made after it:
// the deal's amount, a note on the account, a new contact at the account, and the
// existing contact's title (which the conversion had changed) changed again.
#define CONVERT_THEN_EDIT(later)                                                            \
    Later later;                                                                            \
    later.existing = insert(Entity::Contact, {{"last_name", "Lovelace"}, {"title", "Boss"}}); \
    later.leadId = fullLead();                                                              \
    {                                                                                       \
        ConversionPlan plan = ConversionPlan::suggested(later.leadId,                       \
            load(Entity::Lead, later.leadId), ConversionMapping::defaults());               \
        plan.contact = ConversionPlan::ContactAction::Merge;                                \
        plan.contactId = later.existing;                                                    \
        plan.contactChoices = {{"title", MergeChoice::Lead}};                               \
        later.r = Converter(m_conn).convert(plan);                                          \
        QVERIFY2(later.r.ok(), qPrintable(later.r.error));                                  \
    }                                                                                       \
    QVERIFY(RecordStore(m_conn).update(Entity::Deal, later.r.dealId, {{"amount", 900}}).ok()); \
    QVERIFY(NoteStore(m_conn).add(Entity::Account, later.r.accountId, "Big one") > 0);      \
    later.babbage = insert(Entity::Contact, {{"last_name", "Babbage"},                      \
                                             {"account_id", later.r.accountId}});           \
    QVERIFY(RecordStore(m_conn).update(Entity::Contact, later.existing, {{"title", "CEO"}}).ok());

void TestConverter::unconvertReportsConflicts()
{
    CONVERT_THEN_EDIT(later);
    // WHEN undo is checked THEN each thing that blocks is named
    const UnconvertReport check = Converter(m_conn).checkUnconvert(later.leadId);
    QVERIFY(check.ok());
    using K = UnconvertIssue::Kind;
    QCOMPARE(kinds(check), (QList<K>{K::CreatedHasNotes, K::LinkedSince, K::CreatedEdited,
                                     K::ExistingChanged}));
    QCOMPARE(check.issues[0].entity, Entity::Account);
    QCOMPARE(check.issues[1].linkedEntity, Entity::Contact);
    QCOMPARE(check.issues[1].linkedId, later.babbage);
    QCOMPARE(check.issues[2].entity, Entity::Deal);
    QCOMPARE(check.issues[2].field, QString("amount"));
    QCOMPARE(check.issues[3].entity, Entity::Contact);
    QCOMPARE(check.issues[3].field, QString("title"));
    QVERIFY2(check.issues[3].message.contains("“Boss”") && check.issues[3].message.contains("“CEO”"),
             qPrintable(check.issues[3].message));
    QVERIFY2(check.issues[1].message.contains("Babbage"), qPrintable(check.issues[1].message));
    // ... and by default unconvert refuses, writing nothing
    const Dump before = dump();
    const UnconvertReport refused = Converter(m_conn).unconvert(later.leadId);
    QCOMPARE(refused.status, UnconvertReport::Status::Conflicts);
    QVERIFY(!refused.error.isEmpty());
    COMPARE_DUMPS(dump(), before);
}

void TestConverter::unconvertKeepEdited()
{
    CONVERT_THEN_EDIT(later);
    const UnconvertReport r = Converter(m_conn).unconvert(later.leadId, UnconvertMode::KeepEdited);
    QVERIFY2(r.ok(), qPrintable(r.error));
    // The edited deal and the noted, linked account stay; the lead is a lead again.
    QCOMPARE(r.deleted, QList<RecordRef>{});
    QCOMPARE(r.kept, (QList<RecordRef>{{Entity::Deal, later.r.dealId},
                                       {Entity::Account, later.r.accountId}}));
    QVERIFY(load(Entity::Lead, later.leadId)["converted_at"].isNull());
    QCOMPARE(load(Entity::Deal, later.r.dealId)["amount"].toInt(), 900);
    // The existing contact keeps the title set since; its account link is undone.
    const QVariantMap contact = load(Entity::Contact, later.existing);
    QCOMPARE(contact["title"].toString(), QString("CEO"));
    QVERIFY(contact["account_id"].isNull());
    QCOMPARE(r.restored, (QList<RecordRef>{{Entity::Contact, later.existing}}));
}

void TestConverter::unconvertDiscard()
{
    CONVERT_THEN_EDIT(later);
    const UnconvertReport r = Converter(m_conn).unconvert(later.leadId, UnconvertMode::Discard);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.deleted, (QList<RecordRef>{{Entity::Deal, later.r.dealId},
                                          {Entity::Account, later.r.accountId}}));
    QVERIFY(!RecordStore(m_conn).exists(Entity::Deal, later.r.dealId));
    QVERIFY(!RecordStore(m_conn).exists(Entity::Account, later.r.accountId));
    QCOMPARE(NoteStore(m_conn).list(Entity::Account, later.r.accountId).size(), 0);
    QSqlQuery q(QSqlDatabase::database(m_conn));
    QVERIFY(q.exec("SELECT COUNT(*) FROM notes WHERE entity = 'accounts'") && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    // Babbage, linked since, stays without the account; the existing contact is put back.
    QVERIFY(load(Entity::Contact, later.babbage)["account_id"].isNull());
    const QVariantMap contact = load(Entity::Contact, later.existing);
    QCOMPARE(contact["title"].toString(), QString("Boss"));
    QVERIFY(contact["account_id"].isNull());
}

void TestConverter::unconvertFailureRollsBack()
{
    CONVERT_THEN_EDIT(later);
    for (const char *failAt : {"lead", "restore", "delete", "journal", "commit"}) {
        const Dump before = dump();
        Converter converter(m_conn);
        converter.setStepHook([failAt](const QString &step) {
            return step == QLatin1String(failAt) ? QString("injected") : QString();
        });
        const UnconvertReport r = converter.unconvert(later.leadId, UnconvertMode::Discard);
        QCOMPARE(r.status, UnconvertReport::Status::Failed);
        QCOMPARE(r.error, QString("injected"));
        QVERIFY(r.deleted.isEmpty());
        COMPARE_DUMPS(dump(), before);
    }
}

void TestConverter::previewWritesNothing()
{
    // GIVEN an existing account lacking a phone, and a lead
    const qint64 acct = insert(Entity::Account, {{"account_name", "Analytical Engines"}});
    const qint64 leadId = fullLead();
    ConversionPlan plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId),
                                                    ConversionMapping::defaults());
    plan.account = ConversionPlan::AccountAction::Existing;
    plan.accountId = acct;
    const Dump before = dump();
    // WHEN the conversion is previewed
    const ConversionResult r = Converter(m_conn).preview(plan);
    // THEN it tells what would be created and changed, and writes nothing
    QVERIFY2(r.ok(), qPrintable(r.error));
    COMPARE_DUMPS(dump(), before);
    QCOMPARE(r.created.keys().size(), 2);
    QCOMPARE(r.created[Entity::Contact]["email"].toString(), QString("ada@engines.example"));
    QCOMPARE(r.created[Entity::Deal]["deal_name"].toString(),
             QString("Analytical Engines Ltd – Lovelace"));
    QCOMPARE(r.changes.size(), 1);
    QCOMPARE(r.changes[0].id, acct);
    QVERIFY(r.changes[0].before["phone"].isNull());
    QCOMPARE(r.changes[0].after["phone"].toString(), QString("+44 20 7946 0018"));
    // An invalid plan is reported by the preview too.
    plan.dealName.clear();
    QCOMPARE(Converter(m_conn).preview(plan).status, ConversionResult::Status::Invalid);
    COMPARE_DUMPS(dump(), before);
}

void TestConverter::suggestPreselectsOnlyUnambiguousMatches()
{
    const qint64 acct = insert(Entity::Account, {{"account_name", "Analytical Engines"}});
    const qint64 contact = insert(Entity::Contact, {{"last_name", "L"}, {"email", "ADA@engines.example"}});
    const qint64 leadId = fullLead();
    std::optional<ConversionPlan> plan = Converter(m_conn).suggest(leadId);
    QVERIFY(plan);
    QCOMPARE(plan->account, ConversionPlan::AccountAction::Existing);
    QCOMPARE(plan->accountId, acct);
    QCOMPARE(plan->contact, ConversionPlan::ContactAction::Merge);
    QCOMPARE(plan->contactId, contact);
    QVERIFY(plan->createDeal);
    // A second exact match makes it ambiguous: a new account is suggested instead.
    insert(Entity::Account, {{"account_name", "ANALYTICAL ENGINES LIMITED"}});
    plan = Converter(m_conn).suggest(leadId);
    QCOMPARE(plan->account, ConversionPlan::AccountAction::New);
    QCOMPARE(plan->accountName, QString("Analytical Engines Ltd"));
    const qint64 b2c = insert(Entity::Lead, {{"last_name", "Solo"}});
    QCOMPARE(Converter(m_conn).suggest(b2c)->account, ConversionPlan::AccountAction::None);
    QCOMPARE(Converter(m_conn).suggest(b2c)->contact, ConversionPlan::ContactAction::New);
    QVERIFY(!Converter(m_conn).suggest(9999));
}

QTEST_GUILESS_MAIN(TestConverter)
#include "tst_converter.moc"
