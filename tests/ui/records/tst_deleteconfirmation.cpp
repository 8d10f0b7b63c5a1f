// DeleteConfirmation: the question asked, and what the database holds after each answer -
// never an orphaned contact, deal or note.
#include "storage/database.h"
#include "records/deleteconfirmation.h"
#include "storage/notestore.h"
#include "storage/recordstore.h"
#include "support/scriptedprompter.h"
#include "support/engines.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestDeleteConfirmation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void plainDeleteAsksWithTheCount();
    void cancelDeletesNothing();
    void keepingContactsDetachesThem();
    void deletingRelatedLeavesNoOrphans();
    void contactWithDealsAsksAboutTheDeals();
    void storeErrorIsShownAndNothingIsDeleted();

private:
    // Deletes as the window does (counting and deleting on a worker thread) and waits for
    // the end; whether anything was deleted.
    bool deleteRecords(Entity entity, const QList<qint64> &ids);
    int scalar(const QString &sql);
    int orphans();

    QTemporaryDir m_dir;
    QString m_connection;
    std::shared_ptr<ScriptedPrompter> m_prompter;
    qint64 m_acme = 0;
    qint64 m_globex = 0;
    qint64 m_wile = 0;
    int m_run = 0;
};

void TestDeleteConfirmation::init()
{
    m_connection = QStringLiteral("delete%1").arg(++m_run);
    const QString location = Engines::location(m_dir.filePath(m_connection + ".sqlite"));
    const QString e = Database::open(location, m_connection);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    m_prompter = std::make_shared<ScriptedPrompter>();
    // GIVEN Acme with two contacts, a deal and notes; Globex with nothing.
    RecordStore store(m_connection);
    m_acme = store.insert(Entity::Account, {{"account_name", "Acme"}}).id;
    m_globex = store.insert(Entity::Account, {{"account_name", "Globex"}}).id;
    m_wile = store.insert(Entity::Contact, {{"last_name", "Coyote"}, {"account_id", m_acme}}).id;
    const qint64 bunny = store.insert(Entity::Contact, {{"last_name", "Bunny"},
                                                        {"account_id", m_acme}}).id;
    const qint64 deal = store.insert(Entity::Deal, {{"deal_name", "Rockets"},
                                                    {"account_id", m_acme},
                                                    {"contact_id", m_wile}}).id;
    QVERIFY(m_acme && m_globex && m_wile && bunny && deal);
    NoteStore notes(m_connection);
    QVERIFY(notes.add(Entity::Contact, m_wile, "Likes anvils").ok());
    QVERIFY(notes.add(Entity::Deal, deal, "Big order").ok());
    QVERIFY(notes.add(Entity::Account, m_acme, "Key account").ok());
}

void TestDeleteConfirmation::cleanup()
{
    QCOMPARE(m_prompter->unexpected, 0);
    Database::close(m_connection);
}

bool TestDeleteConfirmation::deleteRecords(Entity entity, const QList<qint64> &ids)
{
    DeleteConfirmation deletion(m_connection, m_prompter);
    QSignalSpy finished(&deletion, &DeleteConfirmation::finished);
    if (!deletion.start(entity, ids))
        return false;
    if (finished.isEmpty() && !finished.wait(60000))
        return false;
    return finished.first().first().toBool();
}

int TestDeleteConfirmation::scalar(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

int TestDeleteConfirmation::orphans()
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

void TestDeleteConfirmation::plainDeleteAsksWithTheCount()
{
    RecordStore store(m_connection);
    const qint64 a = store.insert(Entity::Lead, {{"last_name", "A"}}).id;
    const qint64 b = store.insert(Entity::Lead, {{"last_name", "B"}}).id;
    store.insert(Entity::Lead, {{"last_name", "C"}});
    m_prompter->answers << "Delete";
    QVERIFY(deleteRecords(Entity::Lead, {a, b}));
    QCOMPARE(m_prompter->asked.size(), 1);
    const Question &q = m_prompter->asked.first();
    // "%n lead(s)" reads "2 leads" once the English plural forms are loaded.
    QVERIFY2(q.text.startsWith("Delete 2 lead"), qPrintable(q.text));
    QCOMPARE(q.answers.size(), 2);
    QCOMPARE(q.answers.at(q.defaultAnswer).role, QMessageBox::RejectRole); // Enter is safe
    QCOMPARE(scalar("SELECT COUNT(*) FROM leads"), 1);
}

void TestDeleteConfirmation::cancelDeletesNothing()
{
    m_prompter->answers << "Cancel";
    QVERIFY(!deleteRecords(Entity::Account, {m_acme}));
    QCOMPARE(m_prompter->asked.size(), 1);
    QVERIFY2(m_prompter->asked.first().details.contains("2 contact"),
             qPrintable(m_prompter->asked.first().details));
    QCOMPARE(m_prompter->asked.first().answers.size(), 3);
    QCOMPARE(scalar("SELECT COUNT(*) FROM accounts"), 2);
    QCOMPARE(scalar("SELECT COUNT(*) FROM contacts WHERE account_id IS NOT NULL"), 2);
    QCOMPARE(scalar("SELECT COUNT(*) FROM deals"), 1);
    QCOMPARE(scalar("SELECT COUNT(*) FROM notes"), 3);
}

void TestDeleteConfirmation::keepingContactsDetachesThem()
{
    m_prompter->answers << "Keep them, without account";
    QVERIFY(deleteRecords(Entity::Account, {m_acme}));
    QCOMPARE(scalar("SELECT COUNT(*) FROM accounts"), 1);
    QCOMPARE(scalar("SELECT COUNT(*) FROM contacts"), 2);
    QCOMPARE(scalar("SELECT COUNT(*) FROM contacts WHERE account_id IS NULL"), 2);
    QCOMPARE(scalar("SELECT COUNT(*) FROM deals WHERE account_id IS NULL"), 1);
    QCOMPARE(scalar("SELECT COUNT(*) FROM notes"), 2); // the contact's and the deal's
    QCOMPARE(orphans(), 0);
}

void TestDeleteConfirmation::deletingRelatedLeavesNoOrphans()
{
    m_prompter->answers << "Delete with their contacts and deals";
    QVERIFY(deleteRecords(Entity::Account, {m_acme, m_globex}));
    QVERIFY2(m_prompter->asked.first().text.startsWith("Delete 2 account"),
             qPrintable(m_prompter->asked.first().text));
    QCOMPARE(scalar("SELECT COUNT(*) FROM accounts"), 0);
    QCOMPARE(scalar("SELECT COUNT(*) FROM contacts"), 0);
    QCOMPARE(scalar("SELECT COUNT(*) FROM deals"), 0);
    QCOMPARE(scalar("SELECT COUNT(*) FROM notes"), 0);
    QCOMPARE(orphans(), 0);
}

void TestDeleteConfirmation::contactWithDealsAsksAboutTheDeals()
{
    m_prompter->answers << "Keep the deals, without contact";
    QVERIFY(deleteRecords(Entity::Contact, {m_wile}));
    QVERIFY2(m_prompter->asked.first().details.contains("1 deal"),
             qPrintable(m_prompter->asked.first().details));
    QCOMPARE(scalar("SELECT COUNT(*) FROM contacts"), 1);
    QCOMPARE(scalar("SELECT COUNT(*) FROM deals WHERE contact_id IS NULL AND account_id IS "
                    "NOT NULL"), 1);
    QCOMPARE(orphans(), 0);
}

void TestDeleteConfirmation::storeErrorIsShownAndNothingIsDeleted()
{
    // A record that another user deleted meanwhile makes the whole delete fail as one.
    m_prompter->answers << "Delete";
    QVERIFY(!deleteRecords(Entity::Account, {m_globex, 999999}));
    QCOMPARE(m_prompter->warnings.size(), 1);
    QVERIFY2(m_prompter->warnings.first().contains("999999"),
             qPrintable(m_prompter->warnings.first()));
    QCOMPARE(scalar("SELECT COUNT(*) FROM accounts"), 2);
}

QTEST_MAIN(TestDeleteConfirmation)
#include "tst_deleteconfirmation.moc"
