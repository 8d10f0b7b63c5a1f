// RecordStore as every writer meets it (the forms, rapport-cli, conversion): what it
// accepts, what it refuses before anything is written, and how it deletes records.
#include "storage/database.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"

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

private:
    int scalar(const QString &sql);
    QTemporaryDir m_dir;
    int m_run = 0;
};

void TestRecordStore::init()
{
    const QString path = m_dir.filePath(QStringLiteral("store%1.sqlite").arg(++m_run));
    const QSqlError e = Database::open(path, Db);
    QVERIFY2(!e.isValid(), qPrintable(e.text()));
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
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("SELECT typeof(employees), typeof(annual_revenue) FROM leads"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QString("integer"));
    QCOMPARE(q.value(1).toString(), QString("real"));
    // AND a deal's date and amount as typed in ISO form
    const WriteResult deal = store.insert(Entity::Deal, {{"deal_name", "Rockets"},
                                                         {"closing_date", "2026-03-31"},
                                                         {"amount", 99}});
    QVERIFY(deal.ok());
    QCOMPARE(store.load(Entity::Deal, deal.id)->value("closing_date").toString(),
             QString("2026-03-31"));
}

QTEST_MAIN(TestRecordStore)
#include "tst_recordstore.moc"
