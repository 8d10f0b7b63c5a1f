// What a save finds when a colleague saved the record meanwhile: which fields differ, who
// changed each, what each starts as, and what the choices write. Values are compared as the
// store writes them, so a form's false and the database's 0 are one value.
#include "storage/editconflict.h"

#include <QTest>

using namespace Rapport;

namespace {

const FieldDifference *find(const EditConflict &conflict, const QString &field)
{
    for (const FieldDifference &d : conflict.differences()) {
        if (d.field == field)
            return &d;
    }
    return nullptr;
}

} // namespace

class TestEditConflict : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachFieldStartsAsWhoChangedIt();
    void valuesCompareAsStored();
    void theChoicesWriteOnlyWhatIsChosenMine();
    void fieldsTheRepNeverHadAreNoPart();
};

void TestEditConflict::eachFieldStartsAsWhoChangedIt()
{
    // GIVEN a contact read in Paris at Acme; the rep changed the account and the email, the
    // colleague the email and the city
    const QVariantMap read{{"last_name", "Doe"}, {"account_id", 1}, {"mailing_city", "Paris"},
                           {"email", "jo@acme.example"}};
    const QVariantMap mine{{"account_id", 2}, {"email", "jo@globex.example"}};
    const QVariantMap theirs{{"last_name", "Doe"}, {"account_id", 1}, {"mailing_city", "Lyon"},
                             {"email", "j.doe@acme.example"}, {"version", 2}};
    const EditConflict conflict(Entity::Contact, read, mine, theirs);
    // THEN the fields that differ, in the catalogue's order, each as its changer left it
    QStringList fields;
    for (const FieldDifference &d : conflict.differences())
        fields << d.field;
    QCOMPARE(fields, (QStringList{"account_id", "email", "mailing_city"}));
    const FieldDifference *account = find(conflict, "account_id");
    QVERIFY(account->changedByMe && !account->changedByThem);
    QCOMPARE(account->choice, MergeSide::Mine);
    const FieldDifference *city = find(conflict, "mailing_city");
    QVERIFY(!city->changedByMe && city->changedByThem);
    QCOMPARE(city->choice, MergeSide::Theirs);
    QCOMPARE(city->read.toString(), QString("Paris"));
    QCOMPARE(city->mine.toString(), QString("Paris")); // untouched: the rep's is what was read
    const FieldDifference *email = find(conflict, "email");
    QVERIFY(email->changedByBoth());
    QCOMPARE(email->choice, MergeSide::Mine);
    QCOMPARE(conflict.changedByBoth(), 1);
}

void TestEditConflict::valuesCompareAsStored()
{
    // NULL and "", false and 0, 2.50 and 2.5: one value each, so no difference to choose.
    const QVariantMap read{{"title", ""}, {"email_opt_out", false}, {"annual_revenue", "2.50"}};
    const QVariantMap mine{{"email_opt_out", false}};
    const QVariantMap theirs{{"title", QVariant()}, {"email_opt_out", 0},
                             {"annual_revenue", 2.5}};
    QVERIFY(EditConflict(Entity::Lead, read, mine, theirs).differences().isEmpty());
    // Both made the same change: nothing to choose either.
    QVERIFY(EditConflict(Entity::Lead, {{"city", "Paris"}}, {{"city", "Lyon"}},
                         {{"city", "Lyon"}})
                .differences()
                .isEmpty());
}

void TestEditConflict::theChoicesWriteOnlyWhatIsChosenMine()
{
    const EditConflict conflict(Entity::Lead,
                                {{"city", "Paris"}, {"title", "Buyer"}, {"phone", "1"}},
                                {{"city", "Berlin"}, {"title", "Head of Purchasing"}},
                                {{"city", "Lyon"}, {"title", "Buyer"}, {"phone", "2"}});
    // As it starts: the rep's city and title; the colleague's phone stays as stored.
    QCOMPARE(EditConflict::changes(conflict.differences()),
             (QVariantMap{{"city", "Berlin"}, {"title", "Head of Purchasing"}}));
    QList<FieldDifference> choices = conflict.differences();
    for (FieldDifference &d : choices) {
        if (d.field == "city")
            d.choice = MergeSide::Theirs;
        if (d.field == "phone")
            d.choice = MergeSide::Mine; // back to what the rep read
    }
    QCOMPARE(EditConflict::changes(choices),
             (QVariantMap{{"title", "Head of Purchasing"}, {"phone", "1"}}));
}

void TestEditConflict::fieldsTheRepNeverHadAreNoPart()
{
    // A pane that read only some fields: a colleague's change to another is none of its
    // business (the save leaves it as stored).
    const EditConflict conflict(Entity::Lead, {{"city", "Paris"}}, {{"city", "Berlin"}},
                                {{"city", "Paris"}, {"title", "CEO"}});
    QCOMPARE(conflict.differences().size(), 1);
    QCOMPARE(conflict.differences().first().field, QString("city"));
    QCOMPARE(conflict.changedByBoth(), 0);
}

QTEST_GUILESS_MAIN(TestEditConflict)
#include "tst_editconflict.moc"
