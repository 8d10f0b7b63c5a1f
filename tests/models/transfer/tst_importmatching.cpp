// Imported records are found by the duplicate matching of lead conversion, like records
// typed into a form: the importer keeps the match keys, and undo puts them back.
#include "storage/database.h"
#include "transfer/importer.h"
#include "transfer/importjournal.h"
#include "matching/matcher.h"
#include "support/engines.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestImportMatching : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importedContactIsMatchedByEmailAndPhone();
    void updateAndUndoKeepKeysRight();
    void cleanupTestCase() { Database::close("m"); }

private:
    QString writeFile(const QString &name, const QByteArray &content);
    ImportResult import(const QString &file, Entity entity, DuplicatePolicy policy);
    QList<qint64> contactsFor(const QVariantMap &lead) const;
    QTemporaryDir m_dir;
};

void TestImportMatching::initTestCase()
{
    qputenv("RAPPORT_PHONE_REGION", "DE");
    QVERIFY(Database::open(Engines::location(m_dir.filePath("m.sqlite")), "m").isEmpty());
}

QString TestImportMatching::writeFile(const QString &name, const QByteArray &content)
{
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

ImportResult TestImportMatching::import(const QString &file, Entity entity,
                                        DuplicatePolicy policy)
{
    ImportOptions o;
    o.entity = entity;
    o.filePath = file;
    o.onDuplicate = policy;
    return Importer("m").run(o);
}

QList<qint64> TestImportMatching::contactsFor(const QVariantMap &lead) const
{
    QList<qint64> ids;
    for (const ContactCandidate &c : Matcher("m").contactCandidates(lead))
        ids << c.id;
    return ids;
}

void TestImportMatching::importedContactIsMatchedByEmailAndPhone()
{
    // GIVEN contacts imported from a file
    const ImportResult r = import(writeFile("c.csv",
        "First Name,Last Name,Email,Phone\n"
        "Grace,Hopper,Grace.Hopper@Navy.example,+49 30 1234567\n"),
        Entity::Contact, DuplicatePolicy::Skip);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 1);
    // WHEN a lead with the same email (other case) or the same phone (other format) converts
    // THEN the imported contact is offered
    QCOMPARE(contactsFor({{"last_name", "H."}, {"email", "grace.hopper@navy.EXAMPLE"}}).size(), 1);
    QCOMPARE(contactsFor({{"last_name", "X"}, {"phone", "+49 (30) 123 45 67"}}).size(), 1);
    QVERIFY(contactsFor({{"last_name", "X"}, {"email", "someone@else.example"}}).isEmpty());
}

void TestImportMatching::updateAndUndoKeepKeysRight()
{
    // GIVEN the contact re-imported by email with a new phone number
    const ImportResult r = import(writeFile("u.csv",
        "Last Name,Email,Phone\nHopper,grace.hopper@navy.example,+49 89 7654321\n"),
        Entity::Contact, DuplicatePolicy::Update);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.updated, 1);
    // THEN matching follows the new number, not the old one
    QCOMPARE(contactsFor({{"last_name", "X"}, {"phone", "089 7654321"}}).size(), 1);
    QVERIFY(contactsFor({{"last_name", "X"}, {"phone", "030 1234567"}}).isEmpty());
    // WHEN the update is undone THEN the old number matches again
    QCOMPARE(ImportJournal("m").undo(r.importId), ImportJournal::UndoResult::Done);
    QCOMPARE(contactsFor({{"last_name", "X"}, {"phone", "030 1234567"}}).size(), 1);
    QVERIFY(contactsFor({{"last_name", "X"}, {"phone", "089 7654321"}}).isEmpty());
}

QTEST_GUILESS_MAIN(TestImportMatching)
#include "tst_importmatching.moc"
