// The catalogue's description of how records relate: the references every delete, undo,
// unconvert, related list and note list derives from, and a record's name.
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/recordstore.h"

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
    // subsidiary's parent and a converted lead's link are named, each once
    QCOMPARE(describe(referencesTo(Entity::Account)),
             QStringList({"leads.converted_account_id (link)", "contacts.account_id",
                          "accounts.parent_account_id", "deals.account_id"}));
    QCOMPARE(describe(referencesTo(Entity::Contact)),
             QStringList({"leads.converted_contact_id (link)", "deals.contact_id"}));
    QCOMPARE(describe(referencesTo(Entity::Lead)), QStringList());
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
    QVERIFY(!Database::open(dir.filePath("r.sqlite"), "recordtypes").isValid());
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
    QVERIFY(!Database::open(dir.filePath("n.sqlite"), "names").isValid());
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

QTEST_MAIN(TestRecordTypes)
#include "tst_recordtypes.moc"
