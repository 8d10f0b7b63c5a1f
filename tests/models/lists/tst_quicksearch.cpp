// The quick search of every tab, end to end through the table model: what a user types is
// text to find, never SQL or LIKE wildcards, and accents and case do not matter.
#include "storage/database.h"
#include "storage/recordstore.h"
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"
#include "support/engines.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {

const char *const Db = "quicksearch";

QList<qint64> queryIds(const QString &connection, const QString &sql)
{
    QList<qint64> ids;
    QSqlQuery q(QSqlDatabase::database(connection));
    q.exec(sql);
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

int column(Entity e, const char *name)
{
    return fieldIndex(e, QLatin1String(name));
}

QStringList shown(const RecordTableModel &model, int col)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, col).data().toString();
    out.sort();
    return out;
}

} // namespace

class TestQuickSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hostileSearch_data();
    void hostileSearch();
    void contactsAreFoundByTheirAccount();

private:
    QTemporaryDir m_dir;
};

void TestQuickSearch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(Database::open(Engines::location(m_dir.filePath("search.sqlite")), Db).isEmpty());
    RecordStore s(Db);
    const QList<QVariantMap> leads = {
        {{"last_name", "Quote'Smith"}},
        {{"last_name", "Double"}, {"company", "Say \"Hi\" Ltd"}},
        {{"last_name", "Percent"}, {"company", "100% Organic"}},
        {{"last_name", "NoPercent"}, {"company", "100 Organic"}},
        {{"last_name", "Under_Score"}},
        {{"last_name", "UnderXScore"}},
        {{"last_name", "Back\\Slash"}},
        {{"last_name", "BackSlash"}},
        {{"last_name", "Rocket 🚀"}},
        {{"last_name", "Robert'); DROP TABLE leads;--"}},
        {{"last_name", "Müller"}, {"first_name", "Jürgen"}},
        {{"last_name", "MULLER"}},
        {{"last_name", "Mueller"}},
        {{"last_name", "Plain"}, {"email", "plain@example.com"}},
        {{"last_name", "Faßbender"}, {"company", "Ærø Ølbryggeri"}},
    };
    for (const QVariantMap &lead : leads)
        QVERIFY(s.insert(Entity::Lead, lead).ok());
}

void TestQuickSearch::hostileSearch_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("lastNames");
    QTest::newRow("quote") << "'" << QStringList{"Quote'Smith", "Robert'); DROP TABLE leads;--"};
    QTest::newRow("double quote") << "\"" << QStringList{"Double"};
    QTest::newRow("percent") << "%" << QStringList{"Percent"};
    QTest::newRow("underscore") << "_" << QStringList{"Under_Score"};
    QTest::newRow("backslash") << "\\" << QStringList{"Back\\Slash"};
    QTest::newRow("emoji") << "🚀" << QStringList{"Rocket 🚀"};
    QTest::newRow("injection") << "Robert'); DROP TABLE leads;--"
                               << QStringList{"Robert'); DROP TABLE leads;--"};
    QTest::newRow("accents and case") << "muller" << QStringList{"MULLER", "Müller"};
    QTest::newRow("upper case accented") << "  MÜLLER " << QStringList{"MULLER", "Müller"};
    QTest::newRow("first name without accent") << "jurgen" << QStringList{"Müller"};
    QTest::newRow("email") << "PLAIN@example" << QStringList{"Plain"};
    QTest::newRow("nothing") << "%_\\" << QStringList{};
    QTest::newRow("ß typed as ss") << "fassbender" << QStringList{"Faßbender"};
    QTest::newRow("ß typed as ß") << "FASSBENDER" << QStringList{"Faßbender"};
    QTest::newRow("æ and ø typed plainly") << "aero olbrygg" << QStringList{"Faßbender"};
}

void TestQuickSearch::hostileSearch()
{
    QFETCH(QString, text);
    QFETCH(QStringList, lastNames);
    RecordTableModel model(Entity::Lead, Db);
    QCOMPARE(model.rowCount(), 15);
    model.setRecordFilter({.search = text});
    QCOMPARE(model.lastError(), QString());
    QCOMPARE(shown(model, column(Entity::Lead, "last_name")), lastNames);
    // The table is still there, with every lead.
    model.setRecordFilter({});
    QCOMPARE(model.rowCount(), 15);
    QCOMPARE(queryIds(Db, "SELECT COUNT(*) FROM leads"), QList<qint64>{15});
}

void TestQuickSearch::contactsAreFoundByTheirAccount()
{
    RecordStore store(Db);
    const qint64 account = store.insert(Entity::Account, {{"account_name", "Ærøskøbing A/S"}}).id;
    QVERIFY(account > 0);
    QVERIFY(store.insert(Entity::Contact, {{"last_name", "Jensen"}, {"account_id", account}}).ok());
    QVERIFY(store.insert(Entity::Contact, {{"last_name", "Hansen"}}).ok());
    RecordTableModel contacts(Entity::Contact, Db);
    contacts.setRecordFilter({.search = "ærøskøbing"});
    QCOMPARE(shown(contacts, column(Entity::Contact, "last_name")), QStringList{"Jensen"});
    QCOMPARE(contacts.index(0, column(Entity::Contact, "account_id")).data().toString(),
             QString("Ærøskøbing A/S"));
}

QTEST_GUILESS_MAIN(TestQuickSearch)
#include "tst_quicksearch.moc"
