// Duplicate matching: normalised keys (pairs that must and must not match) and the ranked
// candidate lists with their reasons, read from a real database.
#include "storage/database.h"
#include "matching/matcher.h"
#include "records/matchkeys.h"
#include "storage/recordstore.h"
#include "support/engines.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void companyNames_data();
    void companyNames();
    void emails_data();
    void emails();
    void phones_data();
    void phones();
    void webDomains_data();
    void webDomains();
    void freeMailIsNoCompanyDomain();
    void keyColumnsFollowEdits();
    void accountCandidatesRankedWithReasons();
    void accountCandidatesNeedSomethingInCommon();
    void contactCandidatesByEmailPhoneName();
    void leadCandidatesAreActiveLeadsByEmailOrWholeName();
    void unambiguousNeedsExactlyOneExact();
    void keysUseIndexes();
    void keysAreBackfilledByMigration();

private:
    qint64 account(const QVariantMap &values);
    qint64 contact(const QVariantMap &values);
    QTemporaryDir m_dir;
    const QString m_conn = QStringLiteral("matcher");
};

void TestMatcher::initTestCase()
{
    MatchKeys::setDefaultRegion("DE");
    QVERIFY(Database::open(Engines::location(m_dir.filePath("m.sqlite")), m_conn).isEmpty());
}

void TestMatcher::cleanupTestCase()
{
    Database::close(m_conn);
}

qint64 TestMatcher::account(const QVariantMap &values)
{
    const WriteResult r = RecordStore(m_conn).insert(Entity::Account, values);
    return r.ok() ? r.id : -1;
}

qint64 TestMatcher::contact(const QVariantMap &values)
{
    const WriteResult r = RecordStore(m_conn).insert(Entity::Contact, values);
    return r.ok() ? r.id : -1;
}

void TestMatcher::companyNames_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("case") << "ACME" << "acme" << true;
    QTest::newRow("Inc.") << "Acme, Inc." << "Acme" << true;
    QTest::newRow("Incorporated") << "Acme Incorporated" << "ACME INC" << true;
    QTest::newRow("Ltd/Limited") << "Acme Ltd" << "Acme Limited" << true;
    QTest::newRow("LLC") << "Acme LLC" << "acme" << true;
    QTest::newRow("GmbH accents") << "Müller GmbH" << "Muller" << true;
    QTest::newRow("GmbH & Co. KG") << "Müller GmbH & Co. KG" << "MÜLLER" << true;
    QTest::newRow("AG") << "Siemens AG" << "Siemens" << true;
    QTest::newRow("S.A.") << "Nestlé S.A." << "Nestle SA" << true;
    QTest::newRow("S. A. spaced") << "Nestlé S. A." << "Nestle" << true;
    QTest::newRow("SAS") << "Dupont SAS" << "Dupont" << true;
    QTest::newRow("SARL") << "Dupont S.A.R.L." << "Dupont" << true;
    QTest::newRow("B.V.") << "Philips B.V." << "Philips BV" << true;
    QTest::newRow("N.V.") << "Philips N.V." << "Philips" << true;
    QTest::newRow("plc") << "Tesco plc" << "Tesco PLC" << true;
    QTest::newRow("Co.") << "Acme Co." << "Acme" << true;
    QTest::newRow("Corp") << "Acme Corp." << "Acme Corporation" << true;
    QTest::newRow("Oy") << "Nokia Oy" << "Nokia" << true;
    QTest::newRow("AB") << "Volvo AB" << "Volvo" << true;
    QTest::newRow("S.p.A.") << "Ferrari S.p.A." << "Ferrari" << true;
    QTest::newRow("Pty Ltd") << "Koala Pty Ltd" << "Koala" << true;
    QTest::newRow("punctuation") << "Smith-Jones & Partners" << "smith jones partners" << true;
    QTest::newRow("and vs &") << "Johnson & Johnson" << "Johnson and Johnson" << true;
    QTest::newRow("apostrophe") << "McDonald's" << "McDonalds" << true;
    QTest::newRow("the") << "The Acme Company" << "Acme" << true;
    QTest::newRow("spaces") << "  Acme   Widgets " << "acme widgets" << true;
    QTest::newRow("different") << "Acme" << "Apex" << false;
    QTest::newRow("extra word") << "Acme Widgets" << "Acme" << false;
    QTest::newRow("suffix only inside") << "Inc Magazine" << "Magazine" << false;
    QTest::newRow("bare suffix kept") << "AG" << "" << false;
    QTest::newRow("different Ltd") << "Apex Ltd" << "Acme Ltd" << false;
}

void TestMatcher::companyNames()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    const QString ka = MatchKeys::companyName(a), kb = MatchKeys::companyName(b);
    QVERIFY2((ka == kb) == same, qPrintable(ka + " | " + kb));
}

void TestMatcher::emails_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("case") << "Ada.Lovelace@Example.COM" << "ada.lovelace@example.com" << true;
    QTest::newRow("spaces") << "  ada@example.com " << "ada@example.com" << true;
    QTest::newRow("mailto") << "mailto:ada@example.com" << "ADA@example.com" << true;
    QTest::newRow("angle brackets") << "<ada@example.com>" << "ada@example.com" << true;
    QTest::newRow("other person") << "ada@example.com" << "bob@example.com" << false;
    QTest::newRow("other domain") << "ada@example.com" << "ada@example.org" << false;
    QTest::newRow("not an email") << "ada" << "" << true; // both have no key
}

void TestMatcher::emails()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(MatchKeys::email(a) == MatchKeys::email(b), same);
}

void TestMatcher::phones_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("e164");
    QTest::newRow("DE national") << "030 1234567" << "DE" << "+49301234567";
    QTest::newRow("DE international") << "+49 (30) 123-4567" << "DE" << "+49301234567";
    QTest::newRow("DE 0049") << "0049 30 1234567" << "DE" << "+49301234567";
    QTest::newRow("DE number read in US") << "+49 30 1234567" << "US" << "+49301234567";
    QTest::newRow("US national") << "(650) 253-0000" << "US" << "+16502530000";
    QTest::newRow("US dotted") << "650.253.0000" << "US" << "+16502530000";
    QTest::newRow("GB") << "020 7946 0018" << "GB" << "+442079460018";
    QTest::newRow("FR") << "01 42 68 53 00" << "FR" << "+33142685300";
    QTest::newRow("default region DE") << "089 1234567" << "" << "+49891234567";
    QTest::newRow("garbage") << "call me" << "DE" << "";
    QTest::newRow("too short") << "12345" << "US" << "";
}

void TestMatcher::phones()
{
    QFETCH(QString, a);
    QFETCH(QString, region);
    QFETCH(QString, e164);
    QCOMPARE(MatchKeys::phone(a, region), e164);
}

void TestMatcher::webDomains_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("domain");
    QTest::newRow("plain") << "acme.com" << "acme.com";
    QTest::newRow("www") << "www.acme.com" << "acme.com";
    QTest::newRow("scheme, path, case") << "HTTPS://www.Acme.com/about/?x=1#top" << "acme.com";
    QTest::newRow("port") << "http://acme.com:8080/" << "acme.com";
    QTest::newRow("subdomain kept") << "shop.acme.com" << "shop.acme.com";
    QTest::newRow("trailing dot") << "acme.com." << "acme.com";
    QTest::newRow("no domain") << "acme" << "";
    QTest::newRow("empty") << "" << "";
}

void TestMatcher::webDomains()
{
    QFETCH(QString, url);
    QFETCH(QString, domain);
    QCOMPARE(MatchKeys::webDomain(url), domain);
}

void TestMatcher::freeMailIsNoCompanyDomain()
{
    for (const char *mail : {"ada@gmail.com", "ada@outlook.com", "ada@yahoo.com", "ada@gmx.de",
                             "ada@web.de", "ADA@GMAIL.COM"})
        QVERIFY2(MatchKeys::companyEmailDomain(mail).isEmpty(), mail);
    QCOMPARE(MatchKeys::companyEmailDomain("Ada@Acme.com"), QString("acme.com"));
    QCOMPARE(MatchKeys::emailDomain("ada@gmail.com"), QString("gmail.com"));
}

void TestMatcher::keyColumnsFollowEdits()
{
    // GIVEN a contact saved through the record store
    const qint64 id = contact({{"last_name", "Key"}, {"email", "Key@Example.com"},
                               {"phone", "030 555 0101"}});
    QVERIFY(id > 0);
    QSqlQuery q(QSqlDatabase::database(m_conn));
    QVERIFY(q.exec(QString("SELECT email_key, phone_key FROM contacts WHERE id = %1").arg(id)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QString("key@example.com"));
    QCOMPARE(q.value(1).toString(), QString("+49305550101"));
    // WHEN the email is edited THEN the key follows
    QVERIFY(RecordStore(m_conn).update(Entity::Contact, id, {{"email", "NEW@example.com"}}).ok());
    QVERIFY(q.exec(QString("SELECT email_key, phone_key FROM contacts WHERE id = %1").arg(id)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QString("new@example.com"));
    QCOMPARE(q.value(1).toString(), QString("+49305550101"));
}

void TestMatcher::accountCandidatesRankedWithReasons()
{
    // GIVEN accounts that match a lead in different ways, and one that does not
    const qint64 exact = account({{"account_name", "Globex GmbH"}});
    const qint64 site = account({{"account_name", "GX Holdings"}, {"website", "https://www.globex.de/"}});
    const qint64 similar = account({{"account_name", "Globex Systems"}});
    const qint64 viaContact = account({{"account_name", "Umbrella Ltd"}});
    QVERIFY(contact({{"last_name", "Worker"}, {"email", "w@globex-mail.de"}, {"account_id", viaContact}}) > 0);
    const qint64 unrelated = account({{"account_name", "Initech"}});
    // WHEN candidates for a lead from "GLOBEX" with the globex.de website are listed
    const QVariantMap lead{{"company", "GLOBEX"}, {"website", "globex.de"},
                           {"email", "x@globex-mail.de"}};
    const QList<AccountCandidate> list = Matcher(m_conn).accountCandidates(lead);
    // THEN every plausible one is there, ranked, with its reasons, the unrelated one is not
    QList<qint64> ids;
    for (const AccountCandidate &c : list)
        ids << c.id;
    QCOMPARE(ids, (QList<qint64>{exact, site, viaContact, similar}));
    QVERIFY(!ids.contains(unrelated));
    QCOMPARE(list[0].reasons, QList<MatchReason>{MatchReason::SameName});
    QVERIFY(list[0].exact);
    QCOMPARE(list[0].name, QString("Globex GmbH"));
    QCOMPARE(list[1].reasons, QList<MatchReason>{MatchReason::SameWebsiteDomain});
    QVERIFY(list[1].exact);
    QCOMPARE(list[2].reasons, QList<MatchReason>{MatchReason::SameEmailDomain});
    QVERIFY(!list[2].exact);
    QCOMPARE(list[3].reasons, QList<MatchReason>{MatchReason::SimilarName});
    QVERIFY(!list[3].exact);
    QVERIFY(!matchReasonText(MatchReason::SimilarName).isEmpty());
}

void TestMatcher::accountCandidatesNeedSomethingInCommon()
{
    // A free-mail address and an unknown company find nothing.
    const QVariantMap lead{{"company", "Zyxxo"}, {"email", "someone@gmail.com"}};
    QVERIFY(Matcher(m_conn).accountCandidates(lead).isEmpty());
    QVERIFY(Matcher(m_conn).accountCandidates({}).isEmpty());
}

void TestMatcher::contactCandidatesByEmailPhoneName()
{
    const qint64 acct = account({{"account_name", "Hooli Inc."}});
    const qint64 byEmail = contact({{"first_name", "Gavin"}, {"last_name", "Belson"},
                                    {"email", "GAVIN@hooli.com"}});
    const qint64 byPhone = contact({{"first_name", "G."}, {"last_name", "Belson"},
                                    {"mobile", "+49 170 1234567"}});
    const qint64 byName = contact({{"first_name", "Gävin"}, {"last_name", "BELSON"},
                                   {"account_id", acct}});
    const qint64 nameOnly = contact({{"first_name", "Gavin"}, {"last_name", "Belson"}});
    const qint64 other = contact({{"first_name", "Gavin"}, {"last_name", "Other"},
                                  {"email", "gavin@other.com"}});
    const QVariantMap lead{{"first_name", "Gavin"}, {"last_name", "Belson"},
                           {"email", "gavin@Hooli.com"}, {"phone", "0170 1234567"},
                           {"company", "Hooli"}};
    const QList<ContactCandidate> list = Matcher(m_conn).contactCandidates(lead);
    QList<qint64> ids;
    for (const ContactCandidate &c : list)
        ids << c.id;
    QCOMPARE(ids, (QList<qint64>{byEmail, byPhone, byName, nameOnly}));
    QVERIFY(!ids.contains(other));
    QVERIFY(list[0].exact);
    QVERIFY(list[0].reasons.contains(MatchReason::SameEmail));
    QCOMPARE(list[1].reasons, QList<MatchReason>{MatchReason::SamePhone});
    QVERIFY(!list[1].exact);
    QCOMPARE(list[2].reasons, QList<MatchReason>{MatchReason::SameNameAndAccount});
    QCOMPARE(list[2].accountId, acct);
    QCOMPARE(list[3].reasons, QList<MatchReason>{MatchReason::SameName});
    // With the account chosen explicitly, the name match follows that account.
    const QList<ContactCandidate> forOther = Matcher(m_conn).contactCandidates(
        {{"first_name", "Gavin"}, {"last_name", "Belson"}}, qint64(0));
    for (const ContactCandidate &c : forOther) {
        if (c.id == byName)
            QCOMPARE(c.reasons, QList<MatchReason>{MatchReason::SameName});
    }
}

void TestMatcher::leadCandidatesAreActiveLeadsByEmailOrWholeName()
{
    RecordStore store(m_conn);
    const qint64 grace = store.insert(Entity::Lead, {{"first_name", "Grace"}, {"last_name", "Hopper"},
                                                     {"email", "grace@navy.example"}}).id;
    const qint64 other = store.insert(Entity::Lead, {{"first_name", "Grace"}, {"last_name", "Kelly"},
                                                     {"email", "grace@monaco.example"}}).id;
    const qint64 gone = store.insert(Entity::Lead, {{"first_name", "Grace"}, {"last_name", "Hopper"},
                                                    {"email", "g.hopper@navy.example"}}).id;
    QVERIFY(grace > 0 && other > 0 && gone > 0);
    QSqlQuery q(QSqlDatabase::database(m_conn));
    QVERIFY(q.exec(QStringLiteral("UPDATE leads SET converted_at = '2026-01-01' WHERE id = %1").arg(gone)));
    const Matcher m(m_conn);
    // The same address, typed in another case: that lead, exact, and why.
    QList<ContactCandidate> found = m.leadCandidates({{"last_name", "X"}, {"email", "GRACE@navy.example"}});
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().id, grace);
    QCOMPARE(found.first().name, QStringLiteral("Grace Hopper"));
    QCOMPARE(found.first().reasons, QList<MatchReason>{MatchReason::SameEmail});
    QVERIFY(found.first().exact);
    // The whole name: the active lead, not the converted one, not a namesake by first name.
    found = m.leadCandidates({{"first_name", "Grace"}, {"last_name", "Hopper"}});
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().id, grace);
    QCOMPARE(found.first().reasons, QList<MatchReason>{MatchReason::SameName});
    QVERIFY(!found.first().exact);
    QVERIFY(m.leadCandidates({{"first_name", "Grace"}}).isEmpty());
    QVERIFY(m.leadCandidates({{"email", "g.hopper@navy.example"}}).isEmpty());
    QVERIFY(m.leadCandidates({{"email", "not an address"}}).isEmpty());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM leads WHERE id IN (%1, %2, %3)").arg(grace).arg(other).arg(gone)));
}

void TestMatcher::unambiguousNeedsExactlyOneExact()
{
    QList<AccountCandidate> list{{.id = 1, .exact = true}, {.id = 2, .exact = false}};
    QCOMPARE(Matcher::unambiguous(list), std::optional<qint64>(1));
    list[1].exact = true;
    QCOMPARE(Matcher::unambiguous(list), std::nullopt);
    QCOMPARE(Matcher::unambiguous(QList<AccountCandidate>{}), std::nullopt);
}

void TestMatcher::keysUseIndexes()
{
    SQLITE_ONLY("SQLite's query plans; PostgreSQL's depend on its statistics");
    // Matching must not scan: every lookup goes through an index.
    QSqlQuery q(QSqlDatabase::database(m_conn));
    const QStringList lookups = {
        "SELECT id FROM accounts WHERE name_key = 'x'",
        "SELECT id FROM accounts WHERE domain_key = 'x'",
        "SELECT id FROM accounts WHERE name_key >= 'x' AND name_key < 'y'",
        "SELECT id FROM contacts WHERE email_key = 'x'",
        "SELECT DISTINCT account_id FROM contacts WHERE email_domain_key = 'x'",
        "SELECT id FROM contacts WHERE phone_key = 'x' OR mobile_key = 'x'",
        "SELECT id FROM contacts WHERE name_key = 'x'",
        "SELECT id FROM leads WHERE email IN ('x', 'y') AND converted_at IS NULL",
        "SELECT id FROM leads WHERE first_name = 'x' AND last_name = 'y' AND converted_at IS NULL"};
    for (const QString &sql : lookups) {
        QVERIFY(q.exec("EXPLAIN QUERY PLAN " + sql));
        QString plan;
        while (q.next())
            plan += q.value(3).toString() + "; ";
        QVERIFY2(plan.contains("INDEX") && !plan.contains("SCAN contacts")
                     && !plan.contains("SCAN accounts") && !plan.contains("SCAN leads"),
                 qPrintable(sql + " -> " + plan));
    }
}

void TestMatcher::keysAreBackfilledByMigration()
{
    // GIVEN a database from before the key columns: one is missing, the others empty
    const QString path = Engines::location(m_dir.filePath("old.sqlite"));
    QVERIFY(Database::open(path, "old").isEmpty());
    QVERIFY(RecordStore("old").insert(Entity::Account, {{"account_name", "Müller GmbH"},
                                                        {"website", "www.mueller.example"}}).ok());
    QVERIFY(RecordStore("old").insert(Entity::Contact, {{"last_name", "M"},
                                                        {"email", "M@Mueller.example"}}).ok());
    QVERIFY(RecordStore("old").insert(Entity::Account, {{"account_name", "Schmidt AG"}}).ok());
    {
        QSqlQuery q(QSqlDatabase::database("old"));
        QVERIFY(q.exec("DROP INDEX idx_accounts_domain_key"));
        QVERIFY(q.exec("ALTER TABLE accounts DROP COLUMN domain_key"));
        QVERIFY(q.exec("UPDATE accounts SET name_key = NULL"));
        QVERIFY(q.exec("UPDATE contacts SET name_key = NULL, email_key = NULL"));
    }
    Database::close("old");
    // WHEN it is opened again THEN the keys are there and matching finds the records
    QVERIFY(Database::open(path, "old").isEmpty());
    const QList<AccountCandidate> accounts = Matcher("old").accountCandidates(
        {{"company", "MULLER"}, {"website", "mueller.example"}});
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts[0].reasons,
             (QList<MatchReason>{MatchReason::SameName, MatchReason::SameWebsiteDomain}));
    QCOMPARE(Matcher("old").contactCandidates({{"email", "m@mueller.example"}}).size(), 1);
    // every row of a table, not only its first
    QCOMPARE(Matcher("old").accountCandidates({{"company", "Schmidt"}}).size(), 1);
    Database::close("old");
}

QTEST_GUILESS_MAIN(TestMatcher)
#include "tst_matcher.moc"
