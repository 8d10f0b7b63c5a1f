// Undoing a lead conversion: every row of every table restored exactly, and what blocks
// or would be lost (edits, notes, links made since) reported and handled per mode.
#include "support/conversionfixture.h"
#include "conversion/conversionjournal.h"
#include "conversion/converter.h"
#include "storage/notestore.h"
#include "support/testclock.h"

using namespace Rapport;

class TestUnconverter : public ConversionFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }
    void undoRestoresDatabaseExactly_data();
    void undoRestoresDatabaseExactly();
    void unconvertRefusesWhatIsNotConverted();
    void unconvertReportsConflicts();
    void unconvertKeepEdited();
    void unconvertDiscard();
    void unconvertFailureRollsBack();
    void theLeadStatusReadsConvertedUntilUndone();

private:
    TestClock m_clock;
};

void TestUnconverter::undoRestoresDatabaseExactly_data()
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

void TestUnconverter::undoRestoresDatabaseExactly()
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
    QVERIFY(NoteStore(m_conn).add(Entity::Lead, leadId, "A note").ok());
    QVERIFY(NoteStore(m_conn).add(Entity::Account, acct, "Account note").ok());
    // ... and the lead's activities: one on it alone, one on it and an account already
    const qint64 call = insert(Entity::Activity, {{"subject", "Call Ada"}, {"activity_type", "Call"},
                                                  {"lead_id", leadId}});
    const qint64 visit = insert(Entity::Activity, {{"subject", "Visit"}, {"lead_id", leadId},
                                                   {"account_id", acct}});
    QVERIFY(call > 0 && visit > 0);
    m_clock.advance(); // a later time stamp
    ConversionPlan plan = ConversionPlan::suggested(leadId, load(Entity::Lead, leadId),
                                                    ConversionMapping::defaults());
    plan.account = ConversionPlan::AccountAction(account);
    plan.accountId = acct;
    plan.contact = merge ? ConversionPlan::ContactAction::Merge : ConversionPlan::ContactAction::New;
    plan.contactId = existing;
    plan.contactChoices = {{"title", MergeChoice::Lead}};
    plan.createDeal = deal;
    const DbSnapshot before = undoDump({"conversions"});
    // WHEN it is converted, then unconverted
    Converter converter(m_conn);
    const ConversionResult r = converter.convert(plan);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(dump({"conversions"}) != before);
    // The activities went with the person and the deal, and stayed on the lead
    const QVariantMap movedCall = load(Entity::Activity, call);
    QCOMPARE(movedCall.value("lead_id").toLongLong(), leadId);
    QCOMPARE(movedCall.value("contact_id").toLongLong(), r.contactId);
    QCOMPARE(movedCall.value("deal_id").toLongLong(), r.dealId);
    QCOMPARE(movedCall.value("account_id").toLongLong(), r.accountId);
    QCOMPARE(load(Entity::Activity, visit).value("account_id").toLongLong(), acct); // was set
    const UnconvertReport check = converter.checkUnconvert(leadId);
    QVERIFY(check.ok());
    QVERIFY2(check.issues.isEmpty(), qPrintable(check.issues.value(0).message));
    m_clock.advance(); // a later time stamp
    const UnconvertReport undo = converter.unconvert(leadId);
    QVERIFY2(undo.ok(), qPrintable(undo.error));
    // THEN every row of every table is exactly as before (the journal keeps the undone entry)
    COMPARE_SNAPSHOTS(undoDump({"conversions"}), before);
    QVERIFY(!ConversionJournal(m_conn).current(leadId));
    QSqlQuery q(QSqlDatabase::database(m_conn));
    QVERIFY(q.exec("SELECT COUNT(*) FROM conversions WHERE undone_at IS NOT NULL") && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    // ... and the lead can be converted again
    QVERIFY(converter.convert(plan).ok());
}

void TestUnconverter::unconvertRefusesWhatIsNotConverted()
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
    QVERIFY(NoteStore(m_conn).add(Entity::Account, later.r.accountId, "Big one").ok());      \
    later.babbage = insert(Entity::Contact, {{"last_name", "Babbage"},                      \
                                             {"account_id", later.r.accountId}});           \
    QVERIFY(RecordStore(m_conn).update(Entity::Contact, later.existing, {{"title", "CEO"}}).ok());

void TestUnconverter::unconvertReportsConflicts()
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
    const DbSnapshot before = dump();
    const UnconvertReport refused = Converter(m_conn).unconvert(later.leadId);
    QCOMPARE(refused.status, UnconvertReport::Status::Conflicts);
    QVERIFY(!refused.error.isEmpty());
    COMPARE_SNAPSHOTS(dump(), before);
}

void TestUnconverter::unconvertKeepEdited()
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

void TestUnconverter::unconvertDiscard()
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

void TestUnconverter::unconvertFailureRollsBack()
{
    CONVERT_THEN_EDIT(later);
    for (const char *failAt : {"lead", "restore", "delete", "journal", "commit"}) {
        const DbSnapshot before = dump();
        Converter converter(m_conn);
        converter.setStepHook([failAt](const QString &step) {
            return step == QLatin1String(failAt) ? QString("injected") : QString();
        });
        const UnconvertReport r = converter.unconvert(later.leadId, UnconvertMode::Discard);
        QCOMPARE(r.status, UnconvertReport::Status::Failed);
        QCOMPARE(r.error, QString("injected"));
        QVERIFY(r.deleted.isEmpty());
        COMPARE_SNAPSHOTS(dump(), before);
    }
}

void TestUnconverter::theLeadStatusReadsConvertedUntilUndone()
{
    // GIVEN a pre-qualified lead, and one a rep never gave a status
    const qint64 leadId = fullLead();
    const qint64 bare = insert(Entity::Lead, {{"last_name", "Hopper"}, {"lead_status", QVariant()}});
    Converter converter(m_conn);
    for (qint64 id : {leadId, bare}) {
        ConversionPlan plan = ConversionPlan::suggested(id, load(Entity::Lead, id),
                                                        ConversionMapping::defaults());
        QVERIFY(converter.convert(plan).ok());
        // WHEN converted, its Lead Status reads "Converted"
        QCOMPARE(load(Entity::Lead, id).value("lead_status").toString(), QString("Converted"));
    }
    // THEN the undo gives each the status it had
    QVERIFY(converter.unconvert(leadId).ok());
    QCOMPARE(load(Entity::Lead, leadId).value("lead_status").toString(), QString("Pre-Qualified"));
    QVERIFY(converter.unconvert(bare).ok());
    QVERIFY(load(Entity::Lead, bare).value("lead_status").isNull());
}

QTEST_GUILESS_MAIN(TestUnconverter)
#include "tst_unconverter.moc"
