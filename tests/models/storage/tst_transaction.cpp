// Transaction kinds as two Rapports on one database see them (two connections here): a Write
// holds the write lock from its first moment, so a second writer waits or is told in words; a
// Read locks nothing and keeps its own view; a Write cannot hide in a Read; lockRow() makes a
// PostgreSQL row the transaction's own. Each runs on SQLite and, with RAPPORT_TEST_POSTGRESQL
// set, on PostgreSQL where the engine has the behaviour.

#include "storage/database.h"
#include "storage/recordstore.h"
#include "storage/transaction.h"
#include "support/engines.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace Rapport;

namespace {

const QString First = QStringLiteral("first");
const QString Second = QStringLiteral("second");

bool exec(const QString &connection, const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(connection));
    return q.exec(sql);
}

QString lastName(const QString &connection, qint64 id)
{
    const std::optional<QVariantMap> lead = RecordStore(connection).load(Entity::Lead, id);
    return lead ? lead->value(QStringLiteral("last_name")).toString() : QString();
}

} // namespace

class TestTransaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aWriteHoldsTheWriteLockFromItsStart();
    void aReadLocksNothingAndKeepsItsView();
    void aWriteInsideAReadIsRefused();
    void lockRowMakesTheRowTheTransactions();
    void cleanup();

private:
    // The fresh database as "first", and a second connection to it as "second".
    bool openBoth(bool postgres);
    Engines::FreshDatabase m_fresh{QStringLiteral("transaction")};
};

bool TestTransaction::openBoth(bool postgres)
{
    return postgres == Engines::postgres() && m_fresh.open(First) && Database::open(m_fresh.location(), Second).isEmpty();
}

void TestTransaction::cleanup()
{
    Database::close(Second);
    m_fresh.drop();
}

void TestTransaction::aWriteHoldsTheWriteLockFromItsStart()
{
    SQLITE_ONLY("SQLite's one write lock; PostgreSQL locks rows (lockRow below)");
    // GIVEN a Write begun on one connection, before it has touched anything
    QVERIFY(openBoth(false));
    QVERIFY(exec(Second, QStringLiteral("PRAGMA busy_timeout = 0"))); // told at once, no wait
    auto first = std::make_unique<Transaction>(First, Transaction::Kind::Write);
    QVERIFY(first->isActive());
    // WHEN another connection begins a Write
    {
        Transaction second(Second, Transaction::Kind::Write);
        // THEN it is refused in words, not with SQLite's "database is locked"
        QVERIFY(!second.isActive());
        QCOMPARE(second.error(), QStringLiteral("Another Rapport is writing to this database; "
                                                "please try again in a moment."));
    }
    // AND it goes once the first has ended
    QCOMPARE(first->commit(), QString());
    first.reset();
    Transaction second(Second, Transaction::Kind::Write);
    QVERIFY2(second.isActive(), qPrintable(second.error()));
    QVERIFY(RecordStore(Second).insert(Entity::Lead, {{"last_name", "After"}}).ok());
    QCOMPARE(second.commit(), QString());
}

void TestTransaction::aReadLocksNothingAndKeepsItsView()
{
    QVERIFY(openBoth(Engines::postgres()));
    const WriteResult lead = RecordStore(First).insert(Entity::Lead, {{"last_name", "Before"}});
    QVERIFY(lead.ok());
    // GIVEN a Read that has read the lead
    Transaction read(First, Transaction::Kind::Read);
    QVERIFY(read.isActive());
    QCOMPARE(lastName(First, lead.id), QStringLiteral("Before"));
    // WHEN another connection changes it meanwhile
    const WriteResult changed = RecordStore(Second).update(Entity::Lead, lead.id,
                                                           {{"last_name", "After"}});
    // THEN that write was not held up, and the Read still sees the lead as it was
    QVERIFY2(changed.ok(), qPrintable(changed.error));
    QCOMPARE(lastName(First, lead.id), QStringLiteral("Before"));
    read.rollback();
    QCOMPARE(lastName(First, lead.id), QStringLiteral("After"));
}

void TestTransaction::aWriteInsideAReadIsRefused()
{
    QVERIFY(openBoth(Engines::postgres()));
    Transaction read(First, Transaction::Kind::Read);
    QVERIFY(read.isActive());
    // WHEN a save is attempted inside a Read
    const WriteResult saved = RecordStore(First).insert(Entity::Lead, {{"last_name", "Hidden"}});
    // THEN it is refused and nothing is written, while the Read goes on
    QVERIFY(!saved.ok());
    QVERIFY(!saved.error.isEmpty());
    QCOMPARE(lastName(First, 1), QString());
    read.rollback();
    QVERIFY(RecordStore(First).insert(Entity::Lead, {{"last_name", "Shown"}}).ok());
}

void TestTransaction::lockRowMakesTheRowTheTransactions()
{
    POSTGRESQL_ONLY("SQLite locks the whole file (the first test)");
    QVERIFY(openBoth(true));
    const WriteResult lead = RecordStore(First).insert(Entity::Lead, {{"last_name", "Mine"}});
    QVERIFY(lead.ok());
    // GIVEN a Write that has locked the lead's row
    auto first = std::make_unique<Transaction>(First, Transaction::Kind::Write);
    QCOMPARE(first->lockRow(QStringLiteral("leads"), lead.id), QString());
    // WHEN another Write wants the same row, and will not wait for it
    QVERIFY(exec(Second, QStringLiteral("SET lock_timeout = 1")));
    {
        Transaction second(Second, Transaction::Kind::Write);
        QVERIFY(second.isActive());
        // THEN it does not get it while the first holds it
        QVERIFY(!second.lockRow(QStringLiteral("leads"), lead.id).isEmpty());
    }
    // AND gets it once the first has ended
    QCOMPARE(first->commit(), QString());
    first.reset();
    Transaction second(Second, Transaction::Kind::Write);
    QCOMPARE(second.lockRow(QStringLiteral("leads"), lead.id), QString());
}

QTEST_GUILESS_MAIN(TestTransaction)
#include "tst_transaction.moc"
