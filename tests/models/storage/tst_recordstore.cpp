// RecordStore as every writer meets it (the forms, rapport-cli, conversion): what it
// accepts, what it refuses before anything is written, and how it deletes records.
#include "storage/database.h"
#include "storage/notestore.h"
#include "storage/recordstore.h"
#include "storage/transaction.h"
#include "records/recordtypes.h"
#include "support/dbsnapshot.h"
#include "support/engines.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

Q_DECLARE_METATYPE(Rapport::Entity)

namespace {

const char *const Db = "recordstore";

QString messageFor(const WriteResult &result, const QString &field)
{
    for (const FieldError &e : result.fieldErrors) {
        if (e.field == field)
            return e.message;
    }
    return {};
}

} // namespace

class TestRecordStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void insertRefusesMalformedInput_data();
    void insertRefusesMalformedInput();
    void updateRefusesMalformedInputAndKeepsTheRecord();
    void validInputIsStillNormalised();
    void deletingManyAccountsTakesTheirContactsDealsAndNotes();
    void deletingManyAccountsCanKeepWhatDependsOnThem();
    void deletingManyContactsFollowsTheRule();
    void dependentsOfManyAreCountedTogether();
    void refusingWhileSomethingDependsDeletesNothing();
    void aFailureMidwayDeletesNothing();
    void cancellingMidwayDeletesNothing();
    void activitiesGoWithWhatTheyAreOn();
    void aNewRecordStartsAtTheDefaults();

private:
    struct Accounts {
        QList<qint64> doomed;   // accounts to delete
        QList<qint64> contacts; // their contacts, one each
        qint64 shared = 0;      // a kept account's deal with a doomed account's contact
    };
    // `n` accounts each with a contact, that contact's deal and a note on all three, and
    // one kept account "Kept" (with the same) whose second deal is with the last doomed
    // account's contact.
    Accounts makeAccounts(int n);
    int scalar(const QString &sql);
    int orphans();
    QTemporaryDir m_dir;
    int m_run = 0;
};

void TestRecordStore::init()
{
    const QString path = Engines::location(
        m_dir.filePath(QStringLiteral("store%1.sqlite").arg(++m_run)));
    const QString e = Database::open(path, Db);
    QVERIFY2(e.isEmpty(), qPrintable(e));
}

void TestRecordStore::cleanup()
{
    Database::close(Db);
}

int TestRecordStore::scalar(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

void TestRecordStore::insertRefusesMalformedInput_data()
{
    QTest::addColumn<Rapport::Entity>("entity");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("label"); // what the message must name

    QTest::newRow("whole number with letters")
        << Entity::Lead << "employees" << "12abc" << "Employees";
    QTest::newRow("decimal with commas and a letter")
        << Entity::Lead << "annual_revenue" << "1,2,3x" << "Annual Revenue";
    QTest::newRow("whole number with a fraction")
        << Entity::Deal << "probability" << "12.5" << "Probability";
    QTest::newRow("date that does not exist")
        << Entity::Deal << "closing_date" << "2026-02-30" << "Closing Date";
    QTest::newRow("date in words") << Entity::Deal << "closing_date" << "next week"
                                   << "Closing Date";
    QTest::newRow("email without domain") << Entity::Lead << "email" << "ada@" << "Email";
}

void TestRecordStore::insertRefusesMalformedInput()
{
    QFETCH(Rapport::Entity, entity);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, label);
    // GIVEN a record whose required name is there but one value is malformed
    const QString nameField = entity == Entity::Lead ? "last_name" : "deal_name";
    RecordStore store(Db);
    // WHEN it is written without going through a form (rapport-cli, an importer)
    const WriteResult result = store.insert(entity, {{nameField, "Lovelace"}, {field, value}});
    // THEN the field is refused with its own message and nothing is written
    QVERIFY(!result.ok());
    QCOMPARE(result.id, 0);
    const QString message = messageFor(result, field);
    QVERIFY2(message.contains(label), qPrintable(message));
    QVERIFY2(message.contains(value), qPrintable(message));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1")
                        .arg(QLatin1String(entityDef(entity).table))), 0);
}

void TestRecordStore::updateRefusesMalformedInputAndKeepsTheRecord()
{
    // GIVEN a deal worth 1500 with 40 % probability
    RecordStore store(Db);
    const qint64 id = store.insert(Entity::Deal, {{"deal_name", "Rockets"}, {"amount", "1500"},
                                                  {"probability", "40"}}).id;
    QVERIFY(id > 0);
    // WHEN rapport-cli updates it with a mistyped amount and a valid probability
    const WriteResult result = store.update(Entity::Deal, id, {{"amount", "1,2,3x"},
                                                               {"probability", "60"}});
    // THEN the amount is refused, and neither value changed
    QVERIFY(!result.ok());
    QVERIFY2(messageFor(result, "amount").contains("Amount"),
             qPrintable(messageFor(result, "amount")));
    const QVariantMap deal = store.load(Entity::Deal, id).value();
    QCOMPARE(deal.value("amount").toDouble(), 1500.0);
    QCOMPARE(deal.value("probability").toInt(), 40);
}

void TestRecordStore::validInputIsStillNormalised()
{
    // GIVEN well-formed values with stray spaces, a blank and a yes/no word
    RecordStore store(Db);
    const WriteResult result = store.insert(
        Entity::Lead, {{"last_name", "  Lovelace "}, {"employees", " 12 "},
                       {"annual_revenue", "1234.5"}, {"email", " ada@example.com "},
                       {"city", "   "}, {"email_opt_out", "yes"}});
    // THEN they are stored trimmed, as numbers, NULL and 0/1
    QVERIFY2(result.ok(), qPrintable(result.error + (result.fieldErrors.isEmpty()
                                                         ? QString()
                                                         : result.fieldErrors.first().message)));
    const QVariantMap lead = store.load(Entity::Lead, result.id).value();
    QCOMPARE(lead.value("last_name").toString(), QString("Lovelace"));
    QCOMPARE(lead.value("employees").toLongLong(), 12);
    QCOMPARE(lead.value("annual_revenue").toDouble(), 1234.5);
    QCOMPARE(lead.value("email").toString(), QString("ada@example.com"));
    QVERIFY(lead.value("city").isNull());
    QCOMPARE(lead.value("email_opt_out").toInt(), 1);
    // Stored as numbers, not as the text typed (PostgreSQL's typed columns would refuse text).
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec(Engines::postgres()
                       ? "SELECT pg_typeof(employees)::text LIKE '%int%', "
                         "pg_typeof(annual_revenue)::text IN ('double precision', 'real', "
                         "'numeric') FROM leads"
                       : "SELECT typeof(employees) = 'integer', typeof(annual_revenue) = 'real' "
                         "FROM leads"));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toBool());
    QVERIFY(q.value(1).toBool());
    // AND a deal's date and amount as typed in ISO form
    const WriteResult deal = store.insert(Entity::Deal, {{"deal_name", "Rockets"},
                                                         {"closing_date", "2026-03-31"},
                                                         {"amount", 99}});
    QVERIFY(deal.ok());
    QCOMPARE(store.load(Entity::Deal, deal.id)->value("closing_date").toString(),
             QString("2026-03-31"));
}

TestRecordStore::Accounts TestRecordStore::makeAccounts(int n)
{
    Accounts out;
    RecordStore store(Db);
    NoteStore notes(Db);
    Transaction tx(Db);
    const auto add = [&](const QString &name) {
        const qint64 a = store.insert(Entity::Account, {{"account_name", name}}).id;
        const qint64 c = store.insert(Entity::Contact, {{"last_name", "Of " + name},
                                                        {"account_id", a}}).id;
        const qint64 d = store.insert(Entity::Deal, {{"deal_name", "Deal of " + name},
                                                     {"account_id", a}, {"contact_id", c}}).id;
        notes.add(Entity::Account, a, "On " + name);
        notes.add(Entity::Contact, c, "On the contact of " + name);
        notes.add(Entity::Deal, d, "On the deal of " + name);
        return std::pair{a, c};
    };
    for (int i = 0; i < n; ++i) {
        const auto [a, c] = add(QString("Doomed %1").arg(i));
        out.doomed << a;
        out.contacts << c;
    }
    const qint64 kept = add("Kept").first;
    out.shared = store.insert(Entity::Deal, {{"deal_name", "Shared"}, {"account_id", kept},
                                             {"contact_id", out.contacts.last()}}).id;
    tx.commit();
    return out;
}

int TestRecordStore::orphans()
{
    return scalar("SELECT (SELECT COUNT(*) FROM contacts WHERE account_id IS NOT NULL AND "
                  "account_id NOT IN (SELECT id FROM accounts))"
                  " + (SELECT COUNT(*) FROM deals WHERE (account_id IS NOT NULL AND "
                  "account_id NOT IN (SELECT id FROM accounts)) OR (contact_id IS NOT NULL "
                  "AND contact_id NOT IN (SELECT id FROM contacts)))"
                  " + (SELECT COUNT(*) FROM notes WHERE "
                  "(entity = 'accounts' AND record_id NOT IN (SELECT id FROM accounts)) OR "
                  "(entity = 'contacts' AND record_id NOT IN (SELECT id FROM contacts)) OR "
                  "(entity = 'deals' AND record_id NOT IN (SELECT id FROM deals)))");
}

void TestRecordStore::deletingManyAccountsTakesTheirContactsDealsAndNotes()
{
    // GIVEN 1,200 accounts (more than one batch of ids) with contacts, deals and notes
    const Accounts a = makeAccounts(1200);
    // WHEN they are deleted with what depends on them
    QCOMPARE(RecordStore(Db).removeMany(Entity::Account, a.doomed, DeleteRule::DeleteRelated),
             QString());
    // THEN only the kept account is left, with its contact, its deals and their notes; its
    // deal with a deleted contact stays, without contact
    QCOMPARE(scalar("SELECT COUNT(*) FROM accounts"), 1);
    QCOMPARE(scalar("SELECT COUNT(*) FROM contacts"), 1);
    QCOMPARE(scalar("SELECT COUNT(*) FROM deals"), 2);
    QCOMPARE(scalar(QString("SELECT COUNT(*) FROM deals WHERE id = %1 AND contact_id IS NULL")
                        .arg(a.shared)), 1);
    QCOMPARE(scalar("SELECT COUNT(*) FROM notes"), 3);
    QCOMPARE(orphans(), 0);
    // and the connection keeps no temporary table of the ids
    QCOMPARE(scalar(Engines::postgres()
                        ? "SELECT COUNT(*) FROM pg_tables WHERE schemaname = pg_my_temp_schema()"
                          "::regnamespace::text"
                        : "SELECT COUNT(*) FROM sqlite_temp_master"), 0);
}

void TestRecordStore::deletingManyAccountsCanKeepWhatDependsOnThem()
{
    // GIVEN 600 accounts with contacts, deals and notes
    const Accounts a = makeAccounts(600);
    // WHEN they are deleted keeping their contacts and deals
    QCOMPARE(RecordStore(Db).removeMany(Entity::Account, a.doomed, DeleteRule::DetachRelated),
             QString());
    // THEN those stay, without account, with their notes; the accounts' notes are gone
    QCOMPARE(scalar("SELECT COUNT(*) FROM accounts"), 1);
    QCOMPARE(scalar("SELECT COUNT(*) FROM contacts WHERE account_id IS NULL"), 600);
    QCOMPARE(scalar("SELECT COUNT(*) FROM deals WHERE account_id IS NULL"), 600);
    QCOMPARE(scalar("SELECT COUNT(*) FROM deals WHERE contact_id IS NOT NULL"), 602);
    QCOMPARE(scalar("SELECT COUNT(*) FROM notes WHERE entity = 'accounts'"), 1);
    QCOMPARE(scalar("SELECT COUNT(*) FROM notes"), 1 + 2 * 601);
    QCOMPARE(orphans(), 0);
}

void TestRecordStore::deletingManyContactsFollowsTheRule()
{
    // GIVEN 600 contacts, each with a deal and notes
    const Accounts a = makeAccounts(600);
    const QList<qint64> half = a.contacts.mid(0, 300);
    const QList<qint64> rest = a.contacts.mid(300);
    RecordStore store(Db);
    // WHEN half are deleted keeping their deals, the rest with their deals
    QCOMPARE(store.removeMany(Entity::Contact, half, DeleteRule::DetachRelated), QString());
    QCOMPARE(scalar("SELECT COUNT(*) FROM deals WHERE contact_id IS NULL"), 300);
    QCOMPARE(store.removeMany(Entity::Contact, rest, DeleteRule::DeleteRelated), QString());
    // THEN the first half's deals stay without contact, the rest's deals are gone
    QCOMPARE(scalar("SELECT COUNT(*) FROM contacts"), 1);
    QCOMPARE(scalar("SELECT COUNT(*) FROM deals"), 300 + 1);
    QCOMPARE(scalar("SELECT COUNT(*) FROM deals WHERE contact_id IS NULL"), 300);
    QCOMPARE(scalar(QString("SELECT COUNT(*) FROM deals WHERE id = %1").arg(a.shared)), 0);
    QCOMPARE(scalar("SELECT COUNT(*) FROM accounts"), 601);
    QCOMPARE(orphans(), 0);
}

void TestRecordStore::dependentsOfManyAreCountedTogether()
{
    const Accounts a = makeAccounts(700);
    RecordStore store(Db);
    const Dependents accounts = store.dependents(Entity::Account, a.doomed);
    QCOMPARE(accounts.contacts, 700);
    QCOMPARE(accounts.deals, 700);
    const Dependents contacts = store.dependents(Entity::Contact, a.contacts);
    QCOMPARE(contacts.contacts, 0);
    QCOMPARE(contacts.deals, 701); // with the kept account's shared deal
    QVERIFY(store.dependents(Entity::Lead, {1, 2, 3}).isEmpty());
    // and the connection keeps no temporary table of the ids
    QCOMPARE(scalar(Engines::postgres()
                        ? "SELECT COUNT(*) FROM pg_tables WHERE schemaname = pg_my_temp_schema()"
                          "::regnamespace::text"
                        : "SELECT COUNT(*) FROM sqlite_temp_master"), 0);
}

void TestRecordStore::refusingWhileSomethingDependsDeletesNothing()
{
    const Accounts a = makeAccounts(10);
    const auto before = dbSnapshot(Db, recordTables());
    const QString error = RecordStore(Db).removeMany(Entity::Account, a.doomed,
                                                     DeleteRule::Refuse);
    QVERIFY2(error.contains("10 contact") && error.contains("10 deal"), qPrintable(error));
    COMPARE_SNAPSHOTS(dbSnapshot(Db, recordTables()), before);
}

void TestRecordStore::aFailureMidwayDeletesNothing()
{
    // GIVEN 800 accounts, the last of which the database refuses to delete - which it finds
    // out only after their contacts, deals and notes were deleted
    const Accounts a = makeAccounts(800);
    QSqlQuery q(QSqlDatabase::database(Db));
    if (Engines::postgres()) {
        QVERIFY(q.exec("CREATE FUNCTION hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       "RAISE EXCEPTION 'held for the auditors'; END $$"));
        QVERIFY(q.exec("CREATE TRIGGER hold BEFORE DELETE ON accounts FOR EACH ROW WHEN "
                       "(OLD.account_name = 'Doomed 799') EXECUTE FUNCTION hold()"));
    } else {
        QVERIFY(q.exec("CREATE TRIGGER hold BEFORE DELETE ON accounts WHEN OLD.account_name = "
                       "'Doomed 799' BEGIN SELECT RAISE(ABORT, 'held for the auditors'); END"));
    }
    const auto before = dbSnapshot(Db, recordTables());
    // WHEN they are deleted with what depends on them
    const QString error = RecordStore(Db).removeMany(Entity::Account, a.doomed,
                                                     DeleteRule::DeleteRelated);
    // THEN the reason comes back and everything is as it was
    QVERIFY2(error.contains("held for the auditors"), qPrintable(error));
    COMPARE_SNAPSHOTS(dbSnapshot(Db, recordTables()), before);
    // and the connection keeps no temporary table of the ids
    QCOMPARE(scalar(Engines::postgres()
                        ? "SELECT COUNT(*) FROM pg_tables WHERE schemaname = pg_my_temp_schema()"
                          "::regnamespace::text"
                        : "SELECT COUNT(*) FROM sqlite_temp_master"), 0);
}

void TestRecordStore::cancellingMidwayDeletesNothing()
{
    // GIVEN 1,500 accounts being deleted, each step reported
    const Accounts a = makeAccounts(1500);
    const auto before = dbSnapshot(Db, recordTables());
    std::atomic_bool cancel = false;
    int steps = 0;
    int total = 0;
    RecordStore::Control control;
    control.cancel = &cancel;
    control.progress = [&](int done, int all) {
        steps = done;
        total = all;
        if (done == all - 2) // two delete statements before the end
            cancel = true;
    };
    // WHEN the rep cancels midway
    const QString error = RecordStore(Db).removeMany(Entity::Account, a.doomed,
                                                     DeleteRule::DeleteRelated, control);
    // THEN it stops there, says so, and nothing was deleted
    QVERIFY2(error.contains("cancelled"), qPrintable(error));
    QVERIFY(total > 0);
    QCOMPARE(steps, total - 2);
    COMPARE_SNAPSHOTS(dbSnapshot(Db, recordTables()), before);
}

void TestRecordStore::activitiesGoWithWhatTheyAreOn()
{
    RecordStore store(Db);
    const qint64 acme = store.insert(Entity::Account, {{"account_name", "Acme"}}).id;
    const qint64 ada = store.insert(Entity::Contact, {{"last_name", "Lovelace"}, {"account_id", acme}}).id;
    const qint64 deal = store.insert(Entity::Deal, {{"deal_name", "Engines"}, {"contact_id", ada}}).id;
    const qint64 lead = store.insert(Entity::Lead, {{"last_name", "Byron"}}).id;
    const auto activity = [&](const QVariantMap &on) {
        QVariantMap v = on;
        v.insert("subject", "Call");
        v.insert("activity_type", "Call");
        return store.insert(Entity::Activity, v).id;
    };
    const qint64 onAda = activity({{"contact_id", ada}});
    const qint64 onAdaAndDeal = activity({{"contact_id", ada}, {"deal_id", deal}});
    const qint64 onLead = activity({{"lead_id", lead}});
    const qint64 onAdaAndAcme = activity({{"contact_id", ada}, {"account_id", acme}});
    QVERIFY(onAda > 0 && onAdaAndDeal > 0 && onLead > 0 && onAdaAndAcme > 0);
    QVERIFY(NoteStore(Db).add(Entity::Activity, onAda, "left a voicemail").ok());
    // Counted, and never a reason to refuse a delete.
    QCOMPARE(store.dependents(Entity::Lead, QList<qint64>{lead}).activities, 1);
    QCOMPARE(store.dependents(Entity::Contact, QList<qint64>{ada}).activities, 3);
    QCOMPARE(store.dependents(Entity::Contact, QList<qint64>{ada}).deals, 1);
    QVERIFY(!store.dependents(Entity::Lead, QList<qint64>{lead}).hasRecords());
    QCOMPARE(store.remove(Entity::Lead, lead, DeleteRule::Refuse), QString());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM activities WHERE id = %1").arg(onLead)), 0);
    // A contact deleted, its deal kept: the activity only on her goes (with its note); those
    // also on the deal or the account stay there.
    QCOMPARE(store.remove(Entity::Contact, ada, DeleteRule::DetachRelated), QString());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM activities WHERE id = %1").arg(onAda)), 0);
    QCOMPARE(scalar("SELECT COUNT(*) FROM notes WHERE entity = 'activities'"), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT deal_id FROM activities WHERE id = %1 AND contact_id IS NULL")
                        .arg(onAdaAndDeal)), int(deal));
    QCOMPARE(scalar(QStringLiteral("SELECT account_id FROM activities WHERE id = %1 AND contact_id IS NULL")
                        .arg(onAdaAndAcme)), int(acme));
    // The account deleted with what depends on it: nothing of it is left, no activity on nothing.
    QCOMPARE(store.remove(Entity::Account, acme, DeleteRule::DeleteRelated), QString());
    QCOMPARE(scalar("SELECT COUNT(*) FROM activities WHERE lead_id IS NULL AND contact_id IS NULL "
                    "AND account_id IS NULL AND deal_id IS NULL"), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM activities WHERE id = %1").arg(onAdaAndDeal)), 1);
}

void TestRecordStore::aNewRecordStartsAtTheDefaults()
{
    RecordStore store(Db);
    const qint64 lead = store.insert(Entity::Lead, {{"last_name", "Byron"}}).id;
    QCOMPARE(store.load(Entity::Lead, lead)->value("lead_status").toString(), QString("Not Contacted"));
    // A value given wins, an empty one too (the rep cleared it).
    const qint64 other = store.insert(Entity::Lead, {{"last_name", "Shelley"}, {"lead_status", "Contacted"}}).id;
    QCOMPARE(store.load(Entity::Lead, other)->value("lead_status").toString(), QString("Contacted"));
    // An activity needs only its subject: a task, open, of normal priority.
    const WriteResult task = store.insert(Entity::Activity, {{"subject", "Send the proposal"}});
    QVERIFY2(task.ok(), qPrintable(task.error));
    const QVariantMap t = *store.load(Entity::Activity, task.id);
    QCOMPARE(t.value("activity_type").toString(), QString("Task"));
    QCOMPARE(t.value("status").toString(), QString("Open"));
    QCOMPARE(t.value("priority").toString(), QString("Normal"));
}

QTEST_MAIN(TestRecordStore)
#include "tst_recordstore.moc"
