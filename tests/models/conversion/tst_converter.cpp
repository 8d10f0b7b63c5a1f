// Lead conversion against a real database: every option of the plan, refusals, failures
// injected at each step (the database must be exactly as before), preview and suggestion.
#include "support/conversionfixture.h"
#include "conversion/conversionjournal.h"
#include "conversion/converter.h"
#include "matching/matcher.h"
#include "storage/notestore.h"
#include "lists/recordfilter.h"
#include "records/recordtypes.h"

using namespace Rapport;

class TestConverter : public ConversionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }
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
    void previewWritesNothing();
    void suggestPreselectsOnlyUnambiguousMatches();
};

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
    // The lead's fields are untouched, but for its status, which says what happened.
    for (const FieldDef &f : entityDef(Entity::Lead).fields) {
        if (f.name != QLatin1String("lead_status"))
            QCOMPARE(after[f.name], lead[f.name]);
    }
    QCOMPARE(after["lead_status"].toString(), QString("Converted"));
}

void TestConverter::notesFollowTheLead()
{
    const qint64 leadId = fullLead();
    NoteStore notes(m_conn);
    QVERIFY(notes.add(Entity::Lead, leadId, "Called, interested.").ok());
    const ConversionResult r = Converter(m_conn).convert(
        ConversionPlan::suggested(leadId, load(Entity::Lead, leadId), ConversionMapping::defaults()));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(notes.add(Entity::Contact, r.contactId, "Sent the demo link.").ok());
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
    const DbSnapshot before = dump();
    const ConversionResult again = Converter(m_conn).convert(plan);
    QCOMPARE(again.status, ConversionResult::Status::AlreadyConverted);
    QVERIFY(again.error.contains("already converted"));
    COMPARE_SNAPSHOTS(dump(), before);
}

void TestConverter::unknownRecordsAreRefused()
{
    const qint64 leadId = fullLead();
    ConversionPlan plan = ConversionPlan::suggested(999, {}, ConversionMapping::defaults());
    QCOMPARE(Converter(m_conn).convert(plan).status, ConversionResult::Status::UnknownLead);
    const DbSnapshot before = dump();
    plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId), ConversionMapping::defaults());
    plan.contact = ConversionPlan::ContactAction::Merge;
    plan.contactId = 4242;
    const ConversionResult r = Converter(m_conn).convert(plan);
    QCOMPARE(r.status, ConversionResult::Status::UnknownRecord);
    COMPARE_SNAPSHOTS(dump(), before); // the account made before the contact step is gone again
}

void TestConverter::invalidDealRollsBack()
{
    const qint64 leadId = fullLead();
    ConversionPlan plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId),
                                                    ConversionMapping::defaults());
    plan.dealName = "  ";
    const DbSnapshot before = dump();
    const ConversionResult r = Converter(m_conn).convert(plan);
    QCOMPARE(r.status, ConversionResult::Status::Invalid);
    QCOMPARE(r.entity, Entity::Deal);
    QCOMPARE(r.fieldErrors.first().field, QString("deal_name"));
    COMPARE_SNAPSHOTS(dump(), before);
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
    QVERIFY(NoteStore(m_conn).add(Entity::Lead, leadId, "A note").ok());
    ConversionPlan plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId),
                                                    ConversionMapping::defaults());
    plan.account = ConversionPlan::AccountAction::Existing;
    plan.accountId = acct;
    plan.contact = ConversionPlan::ContactAction::Merge;
    plan.contactId = existing;
    const DbSnapshot before = dump();
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
    COMPARE_SNAPSHOTS(dump(), before);
    // ... and the lead can still be converted
    converter.setStepHook({});
    QVERIFY(converter.convert(plan).ok());
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
    const DbSnapshot before = dump();
    // WHEN the conversion is previewed
    const ConversionResult r = Converter(m_conn).preview(plan);
    // THEN it tells what would be created and changed, and writes nothing
    QVERIFY2(r.ok(), qPrintable(r.error));
    COMPARE_SNAPSHOTS(dump(), before);
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
    COMPARE_SNAPSHOTS(dump(), before);
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
