// The catalogue's description of how records relate: the references every delete, undo,
// unconvert, related list and note list derives from, and a record's name.
#include "records/matchkeys.h"
#include "records/recordtypes.h"
#include "transfer/headermatcher.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/engines.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestRecordTypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void referencesToAnAccount();
    void conversionLinksAreHiddenReferences();
    void everyReferenceIsAColumn();
    void nameInSqlIsTheDisplayName();
    void tabFiltersArePicklists();
    void matchKeysFollowTheRoles();
    void eachHeaderAliasNamesOneField();
};

namespace {

QStringList describe(const QList<Reference> &refs)
{
    QStringList out;
    for (const Reference &r : refs) {
        out << QStringLiteral("%1.%2%3").arg(QLatin1String(entityDef(r.from).table),
                                             QLatin1String(r.field->name),
                                             r.link ? QStringLiteral(" (link)") : QString());
    }
    return out;
}

} // namespace

void TestRecordTypes::referencesToAnAccount()
{
    // WHEN asked what points at an account THEN the contact's and the deal's account, a
    // subsidiary's parent, a converted lead's link and an activity's account are named, each once
    QCOMPARE(describe(referencesTo(Entity::Account)),
             QStringList({"leads.converted_account_id (link)", "contacts.account_id",
                          "accounts.parent_account_id", "deals.account_id",
                          "activities.account_id"}));
    QCOMPARE(describe(referencesTo(Entity::Contact)),
             QStringList({"leads.converted_contact_id (link)", "deals.contact_id",
                          "activities.contact_id"}));
    QCOMPARE(describe(referencesTo(Entity::Lead)), QStringList({"activities.lead_id"}));
}

void TestRecordTypes::conversionLinksAreHiddenReferences()
{
    // A lead's links are references, but no form, table or file shows them.
    for (Entity target : {Entity::Account, Entity::Contact, Entity::Deal}) {
        const FieldDef *link = conversionLink(target);
        QVERIFY(link);
        QCOMPARE(link->type, FieldType::Reference);
        QCOMPARE(link->refEntity, target);
        QVERIFY(!findField(Entity::Lead, QLatin1String(link->name)));
    }
    QVERIFY(!conversionLink(Entity::Lead));
    // Notes of a converted lead show on its contact and deal, not on its account.
    QVERIFY(conversionLink(Entity::Contact)->sharesNotes);
    QVERIFY(conversionLink(Entity::Deal)->sharesNotes);
    QVERIFY(!conversionLink(Entity::Account)->sharesNotes);
}

void TestRecordTypes::everyReferenceIsAColumn()
{
    // GIVEN a new database
    QTemporaryDir dir;
    QVERIFY(Database::open(Engines::location(dir.filePath("r.sqlite")), "recordtypes").isEmpty());
    // THEN every reference the catalogue describes, links included, is a column there
    for (Entity to : allEntities()) {
        for (const Reference &r : referencesTo(to)) {
            const QSqlRecord columns = QSqlDatabase::database("recordtypes")
                                           .record(QLatin1String(entityDef(r.from).table));
            QVERIFY2(columns.contains(QLatin1String(r.field->name)), r.field->name);
        }
    }
    Database::close("recordtypes");
}

void TestRecordTypes::nameInSqlIsTheDisplayName()
{
    QTemporaryDir dir;
    QVERIFY(Database::open(Engines::location(dir.filePath("n.sqlite")), "names").isEmpty());
    RecordStore store("names");
    const QList<QPair<Entity, QVariantMap>> records = {
        {Entity::Contact, {{"first_name", "Ada"}, {"last_name", "Lovelace"}}},
        {Entity::Lead, {{"last_name", "Turing"}}},
        {Entity::Account, {{"account_name", "Analytical Engines"}}},
        {Entity::Deal, {{"deal_name", "Difference engine"}}},
    };
    for (const auto &[entity, values] : records) {
        const qint64 id = store.insert(entity, values).id;
        QVERIFY(id > 0);
        QSqlQuery q(QSqlDatabase::database("names"));
        QVERIFY(q.exec(QStringLiteral("SELECT %1 FROM %2 WHERE id = %3")
                           .arg(nameSql(entity), QLatin1String(entityDef(entity).table))
                           .arg(id)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), displayName(entity, values));
    }
    QCOMPARE(displayName(Entity::Lead, {{"last_name", "Turing"}}), QString("Turing"));
    Database::close("names");
}

void TestRecordTypes::tabFiltersArePicklists()
{
    // Every filter a tab shows is a picklist field of its record type, with its values.
    for (Entity e : allEntities()) {
        for (const TabFilter &filter : entityDef(e).filters) {
            const FieldDef *f = findField(e, QLatin1String(filter.field));
            QVERIFY2(f, filter.field);
            QCOMPARE(f->type, FieldType::Picklist);
            QVERIFY(!picklistValues(*f).isEmpty());
        }
    }
    QCOMPARE(entityDef(Entity::Lead).filters.size(), 2);
    QCOMPARE(QLatin1String(entityDef(Entity::Deal).filters.first().field), QLatin1String("stage"));
}

void TestRecordTypes::matchKeysFollowTheRoles()
{
    // Accounts and contacts are matched against; their key columns come from the name and
    // the fields with a role.
    QCOMPARE(MatchKeys::columns(Entity::Account), QStringList({"name_key", "domain_key"}));
    QCOMPARE(MatchKeys::columns(Entity::Contact),
             QStringList({"name_key", "email_key", "email_domain_key", "phone_key", "mobile_key"}));
    QVERIFY(MatchKeys::columns(Entity::Lead).isEmpty());
    QVERIFY(MatchKeys::columns(Entity::Deal).isEmpty());
    QCOMPARE(MatchKeys::sourceFields(Entity::Contact),
             QStringList({"first_name", "last_name", "email", "phone", "mobile"}));

    const QVariantMap account = MatchKeys::compute(
        Entity::Account, {{"account_name", "Müller GmbH"}, {"website", "https://www.Mueller.de/x"}});
    QCOMPARE(account.value("name_key").toString(), QString("muller"));
    QCOMPARE(account.value("domain_key").toString(), QString("mueller.de"));
    const QVariantMap contact = MatchKeys::compute(
        Entity::Contact, {{"first_name", " Ada "}, {"last_name", "Lovelace"},
                          {"email", "Ada@Analytical.example"}, {"mobile", ""}});
    QCOMPARE(contact.value("name_key").toString(), QString("ada lovelace"));
    QCOMPARE(contact.value("email_key").toString(), QString("ada@analytical.example"));
    QCOMPARE(contact.value("email_domain_key").toString(), QString("analytical.example"));
    QVERIFY(contact.contains("mobile_key"));
    QVERIFY(contact.value("mobile_key").isNull());

    // A lead's company, email and website are what the matcher reads.
    const QVariantMap lead{{"company", " Acme Inc. "}, {"email", "x@acme.example"}};
    QCOMPARE(roleText(Entity::Lead, lead, FieldRole::Organisation), QString("Acme Inc."));
    QCOMPARE(roleText(Entity::Lead, lead, FieldRole::Email), QString("x@acme.example"));
    QCOMPARE(roleText(Entity::Deal, lead, FieldRole::Email), QString());
    QCOMPARE(fieldsWithRole(Entity::Lead, FieldRole::Phone).size(), 2); // phone and mobile, not fax
}

void TestRecordTypes::eachHeaderAliasNamesOneField()
{
    // An alias that two fields of a type claim, or that is another field's own label or
    // column name, would be matched to the wrong field or never.
    for (Entity e : allEntities()) {
        QHash<QString, QString> own;
        for (const FieldDef &f : entityDef(e).fields) {
            own.insert(HeaderMatcher::normalise(QLatin1String(f.label)), QLatin1String(f.name));
            own.insert(HeaderMatcher::normalise(QLatin1String(f.name)), QLatin1String(f.name));
        }
        QHash<QString, QString> claimed;
        for (const FieldDef &f : entityDef(e).fields) {
            const QString name = QLatin1String(f.name);
            for (const QString &a : QString::fromUtf8(f.aliases).split('|', Qt::SkipEmptyParts)) {
                const QString n = HeaderMatcher::normalise(a);
                const QString where = QStringLiteral("%1.%2: %3").arg(entityDef(e).table, name, a);
                QVERIFY2(!claimed.contains(n) || claimed.value(n) == name, qPrintable(where));
                QVERIFY2(own.value(n, name) == name, qPrintable(where));
                claimed.insert(n, name);
                QCOMPARE(HeaderMatcher(e).match(a), name);
            }
        }
    }
}

QTEST_MAIN(TestRecordTypes)
#include "tst_recordtypes.moc"
