// The columns of an export beyond the fields' own: a reference as the name of the record
// it points at with its id in a "<Label> Id" column after it, which the import links by;
// for leads that may be converted, when each was converted and into what.
#include "conversion/converter.h"
#include "csv/csvreader.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "transfer/exporter.h"
#include "transfer/headermatcher.h"
#include "records/recordtypes.h"
#include "support/engines.h"

#include <QBuffer>
#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestExportColumns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void referencesCarryNamesAndIds();
    void convertedLeadsExportAsConverted();

private:
    QList<QStringList> exportRows(Entity e, const ExportOptions &o);
    QTemporaryDir m_dir;
    QString m_db;
    int m_n = 0;
};

void TestExportColumns::init()
{
    m_db = QStringLiteral("cols%1").arg(++m_n);
    QVERIFY(Database::open(Engines::location(m_dir.filePath(m_db + ".sqlite")), m_db).isEmpty());
}

void TestExportColumns::cleanup()
{
    Database::close(m_db);
}

QList<QStringList> TestExportColumns::exportRows(Entity e, const ExportOptions &o)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    Exporter exporter(m_db);
    if (exporter.write(e, o, &buffer) < 0)
        qWarning() << exporter.errorString();
    buffer.seek(0);
    CsvReader reader(&buffer, CsvDialect{});
    QList<QStringList> rows;
    QStringList cells;
    while (reader.readRecord(cells))
        rows << cells;
    return rows;
}

void TestExportColumns::referencesCarryNamesAndIds()
{
    // GIVEN an account in a group, a contact at it, one without, and a deal with both
    RecordStore store(m_db);
    const qint64 holding = store.insert(Entity::Account, {{"account_name", "Acme Holding"}}).id;
    const qint64 acme = store.insert(Entity::Account, {{"account_name", "Acme"},
                                                       {"parent_account_id", holding}}).id;
    const qint64 ada = store.insert(Entity::Contact, {{"first_name", "Ada"},
                                                      {"last_name", "Lovelace"},
                                                      {"account_id", acme}}).id;
    QVERIFY(store.insert(Entity::Contact, {{"last_name", "Loner"}}).ok());
    QVERIFY(store.insert(Entity::Deal, {{"deal_name", "Engine"}, {"account_id", acme},
                                        {"contact_id", ada}}).ok());
    // WHEN contacts, deals and accounts are exported
    ExportOptions o;
    o.columns = {"last_name", "account_id"};
    const QList<QStringList> contacts = exportRows(Entity::Contact, o);
    o.columns = {"deal_name", "account_id", "contact_id"};
    const QList<QStringList> deals = exportRows(Entity::Deal, o);
    o.columns = {"account_name", "parent_account_id"};
    const QList<QStringList> accounts = exportRows(Entity::Account, o);
    // THEN each reference is the record's name, its id in the "… Id" column after it
    const QString acmeId = QString::number(acme);
    QCOMPARE(contacts[0],
             (QStringList{"Record Id", "Last Name", "Account Name", "Account Name Id"}));
    QCOMPARE(contacts[1].mid(1), (QStringList{"Lovelace", "Acme", acmeId}));
    QCOMPARE(contacts[2].mid(1), (QStringList{"Loner", "", ""}));
    QCOMPARE(deals[0], (QStringList{"Record Id", "Deal Name", "Account Name", "Account Name Id",
                                    "Contact Name", "Contact Name Id"}));
    QCOMPARE(deals[1].mid(1), (QStringList{"Engine", "Acme", acmeId, "Ada Lovelace",
                                           QString::number(ada)}));
    QCOMPARE(accounts[0].mid(2), (QStringList{"Parent Account", "Parent Account Id"}));
    QCOMPARE(accounts[2].mid(1), (QStringList{"Acme", "Acme Holding", QString::number(holding)}));
    // AND the import links by the Id column, the name column beside it left unused
    QCOMPARE(HeaderMatcher(Entity::Deal).matchAll(deals[0]),
             (QStringList{"id", "deal_name", "", "account_id", "", "contact_id"}));
    // AND a name that looks like a formula is guarded like any text
    QVERIFY(store.update(Entity::Account, acme, {{"account_name", "=Acme"}}).ok());
    o.columns = {"account_id"};
    QCOMPARE(exportRows(Entity::Contact, o)[1][1], QString("'=Acme"));
}

void TestExportColumns::convertedLeadsExportAsConverted()
{
    // GIVEN a lead converted into an account, a contact and a deal, and an active lead
    RecordStore store(m_db);
    const qint64 won = store.insert(Entity::Lead, {{"first_name", "Ada"}, {"last_name", "Lovelace"},
                                                   {"company", "Analytical"}}).id;
    QVERIFY(store.insert(Entity::Lead, {{"last_name", "Active"}}).ok());
    Converter converter(m_db);
    const std::optional<ConversionPlan> plan = converter.suggest(won);
    QVERIFY(plan);
    const ConversionResult converted = converter.convert(*plan);
    QVERIFY2(converted.ok(), qPrintable(converted.error));
    ExportOptions o;
    o.columns = {"last_name", "lead_status"};
    // WHEN the leads tab's export leaves converted leads out
    const QList<QStringList> active = exportRows(Entity::Lead, o);
    // THEN neither the lead nor the conversion columns are in it
    QCOMPARE(active.size(), 2);
    QCOMPARE(active[0], (QStringList{"Record Id", "Last Name", "Lead Status"}));
    // WHEN converted leads are included
    o.filter.converted = RecordFilter::Converted::Include;
    const QList<QStringList> all = exportRows(Entity::Lead, o);
    // THEN the lead says it is converted, when, and into what: names and ids
    QCOMPARE(all[0], (QStringList{"Record Id", "Last Name", "Lead Status", "Converted",
                                  "Converted Account", "Converted Account Id",
                                  "Converted Contact", "Converted Contact Id",
                                  "Converted Deal", "Converted Deal Id"}));
    QCOMPARE(all[1][2], QString("Converted"));
    QVERIFY(QDateTime::fromString(all[1][3], Qt::ISODate).isValid());
    QCOMPARE(all[1].mid(4), (QStringList{"Analytical", QString::number(converted.accountId),
                                         "Ada Lovelace", QString::number(converted.contactId),
                                         plan->dealName, QString::number(converted.dealId)}));
    QCOMPARE(all[2].mid(2), (QStringList{"Not Contacted", "", "", "", "", "", "", ""}));
    // AND the import knows the file for Rapport's own, and where each column belongs
    const HeaderMatcher matcher(Entity::Lead);
    QVERIFY(matcher.isRapportExport(all[0]));
    QCOMPARE(matcher.linkColumn("Converted"), QString("converted_at"));
    QCOMPARE(matcher.linkColumn("Converted Deal Id"), QString("converted_deal_id"));
    QCOMPARE(matcher.linkColumn("Converted Deal"), QString());
}

QTEST_GUILESS_MAIN(TestExportColumns)
#include "tst_exportcolumns.moc"
