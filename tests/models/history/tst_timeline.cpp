// The change log and each record's timeline: every write adds to the log in its own
// transaction (a failed or unchanged write adds nothing), and a record's timeline tells
// its story newest first — field changes with old and new values, notes, activities,
// conversion and its undo, imports — in the user's words.
#include "activities/followup.h"
#include "conversion/conversionmapping.h"
#include "conversion/conversionplan.h"
#include "conversion/converter.h"
#include "storage/changelog.h"
#include "history/timeline.h"
#include "storage/database.h"
#include "storage/notestore.h"
#include "storage/recordstore.h"
#include "storage/transaction.h"
#include "transfer/importer.h"
#include "transfer/importjournal.h"
#include "support/dbsnapshot.h"
#include "support/testclock.h"
#include "support/engines.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {
const QString Db = QStringLiteral("timeline");

QStringList texts(const Timeline &t, int limit = Timeline::PageSize)
{
    QStringList out;
    for (const TimelineEntry &e : t.read(limit))
        out << t.describe(e);
    return out;
}
} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void fieldChangesWithOldAndNewValues();
    void anUnchangedSaveWritesNothing();
    void aStaleVersionIsRefused();
    void aRefusedWriteLogsNothing();
    void aSavepointRollsBackOnlyItsOwnPart();
    void notesAndActivities();
    void conversionAndItsUndo();
    void anImportIsOneEntry();
    void deletesAreLogged();
    void pagesFollowEachOther();

private:
    qint64 count(const QString &where = QStringLiteral("1 = 1")) const;
    QTemporaryDir m_dir;
    TestClock m_clock;
    int m_run = 0;
};

void TestTimeline::init()
{
    qputenv("RAPPORT_USER", "Ada Lovelace");
    const QString location =
        Engines::location(m_dir.filePath(QStringLiteral("t%1.sqlite").arg(++m_run)));
    QCOMPARE(Database::open(location, Db), QString());
}

void TestTimeline::cleanup()
{
    Database::close(Db);
}

qint64 TestTimeline::count(const QString &where) const
{
    QSqlQuery q(QSqlDatabase::database(Db));
    return q.exec("SELECT COUNT(*) FROM changes WHERE " + where) && q.next() ? q.value(0).toLongLong() : -1;
}

void TestTimeline::fieldChangesWithOldAndNewValues()
{
    // GIVEN a deal, made and then moved on by a rep
    RecordStore store(Db);
    const WriteResult made = store.insert(Entity::Deal, {{"deal_name", "Engines"},
                                                         {"stage", "Qualification"}, {"amount", 1000}});
    QVERIFY(made.ok());
    QCOMPARE(made.version, 1);
    m_clock.advance();
    const WriteResult moved = store.update(Entity::Deal, made.id, {{"stage", "Proposal/Price Quote"},
                                                                   {"amount", "2500.5"},
                                                                   {"deal_name", "Engines"}});
    QVERIFY2(moved.ok(), qPrintable(moved.error));
    QCOMPARE(moved.version, 2);
    // THEN its timeline says what changed, newest first, and who did it; the name, given
    // again unchanged, is no change
    const Timeline timeline(Db, Entity::Deal, made.id);
    const QList<TimelineEntry> entries = timeline.read();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries[0].kind, QStringLiteral("change"));
    QCOMPARE(entries[0].who, QStringLiteral("Ada Lovelace"));
    QCOMPARE(entries[0].time, m_clock.now());
    QCOMPARE(entries[2].kind, QStringLiteral("create"));
    const QStringList lines = texts(timeline);
    QVERIFY2(lines.contains("Stage: Qualification → Proposal/Price Quote"), qPrintable(lines.join('\n')));
    QVERIFY2(lines.contains("Amount: 1,000.00 → 2,500.50"), qPrintable(lines.join('\n')));
    QCOMPARE(lines.last(), QStringLiteral("Created"));
    // An emptied field reads as emptied
    QVERIFY(store.update(Entity::Deal, made.id, {{"amount", QVariant()}}).ok());
    QCOMPARE(texts(timeline).first(), QStringLiteral("Amount: 2,500.50 → (empty)"));
}

void TestTimeline::anUnchangedSaveWritesNothing()
{
    RecordStore store(Db);
    const qint64 id = store.insert(Entity::Contact, {{"last_name", "Lovelace"}, {"email", "ada@example.com"}}).id;
    const QVariantMap before = *store.load(Entity::Contact, id);
    const qint64 logged = count();
    m_clock.advance();
    // WHEN the form is saved with the same values
    const WriteResult w = store.update(Entity::Contact, id, {{"last_name", "Lovelace"},
                                                             {"email", "ada@example.com"},
                                                             {"phone", ""}});
    QVERIFY(w.ok());
    // THEN the record, its version and its modified time are as they were, and the log too
    QCOMPARE(w.version, 1);
    QCOMPARE(*store.load(Entity::Contact, id), before);
    QCOMPARE(count(), logged);
}

void TestTimeline::aStaleVersionIsRefused()
{
    RecordStore store(Db);
    const qint64 id = store.insert(Entity::Contact, {{"last_name", "Lovelace"}}).id;
    QCOMPARE(store.update(Entity::Contact, id, {{"title", "Countess"}}, 1).version, 2);
    // A second writer that read version 1 is refused, and nothing of it is written
    const WriteResult late = store.update(Entity::Contact, id, {{"title", "Analyst"}}, 1);
    QVERIFY(late.stale);
    QVERIFY(!late.ok());
    QCOMPARE(late.version, 2);
    QCOMPARE(store.load(Entity::Contact, id)->value("title").toString(), QStringLiteral("Countess"));
    QCOMPARE(count("kind = 'change'"), 1);
}

void TestTimeline::aRefusedWriteLogsNothing()
{
    RecordStore store(Db);
    const qint64 id = store.insert(Entity::Deal, {{"deal_name", "Engines"}}).id;
    const DbSnapshot before = dbSnapshot(Db);
    QVERIFY(!store.update(Entity::Deal, id, {{"amount", "12abc"}}).ok());
    QVERIFY(!store.insert(Entity::Deal, {{"amount", "5"}}).ok()); // no name
    COMPARE_SNAPSHOTS(dbSnapshot(Db), before);
}

void TestTimeline::aSavepointRollsBackOnlyItsOwnPart()
{
    RecordStore store(Db);
    Transaction outer(Db);
    QVERIFY(outer.isActive());
    const qint64 kept = store.insert(Entity::Account, {{"account_name", "Kept"}}).id;
    {
        Transaction inner(Db);
        QVERIFY(inner.isActive());
        QVERIFY(store.insert(Entity::Account, {{"account_name", "Dropped"}}).ok());
        inner.rollback();
    }
    QCOMPARE(outer.commit(), QString());
    QCOMPARE(store.count(Entity::Account), 1);
    QVERIFY(store.exists(Entity::Account, kept));
    QCOMPARE(count("kind = 'create'"), 1);
}

void TestTimeline::notesAndActivities()
{
    RecordStore store(Db);
    const qint64 deal = store.insert(Entity::Deal, {{"deal_name", "Engines"}, {"stage", "Qualification"}}).id;
    m_clock.advance();
    NoteStore notes(Db);
    const WriteResult note = notes.add(Entity::Deal, deal, "Wants a demo in January");
    QVERIFY(note.ok());
    m_clock.advance();
    FollowUp followUp(Db);
    QVariantMap call = followUp.regarding(Entity::Deal, deal);
    call.insert("subject", "Discuss pricing");
    call.insert("activity_type", "Call");
    const FollowUpResult added = followUp.add(call);
    QVERIFY2(added.ok(), qPrintable(added.error));
    m_clock.advance();
    Completion done;
    done.outcome = "Connected";
    QVERIFY(followUp.complete(added.nextId, done).ok());
    m_clock.advance();
    QVERIFY(notes.remove(note.id));
    const Timeline timeline(Db, Entity::Deal, deal);
    const QStringList lines = texts(timeline);
    QCOMPARE(lines, (QStringList{"Note deleted: Wants a demo in January",
                                 "Call done: Discuss pricing (Connected)",
                                 "Call scheduled: Discuss pricing",
                                 "Note: Wants a demo in January", "Created"}));
    // The activity's own timeline has its changes
    const QStringList own = texts(Timeline(Db, Entity::Activity, added.nextId));
    QVERIFY2(own.contains("Status: Open → Done"), qPrintable(own.join('\n')));
}

void TestTimeline::conversionAndItsUndo()
{
    RecordStore store(Db);
    const qint64 lead = store.insert(Entity::Lead, {{"first_name", "Ada"}, {"last_name", "Byron"},
                                                    {"company", "Engines Ltd"}}).id;
    NoteStore(Db).add(Entity::Lead, lead, "Met at the fair");
    FollowUp followUp(Db);
    QVariantMap call = followUp.regarding(Entity::Lead, lead);
    call.insert("subject", "Call back");
    QVERIFY(followUp.add(call).ok());
    m_clock.advance();
    Converter converter(Db);
    const ConversionPlan plan = *converter.suggest(lead);
    const ConversionResult r = converter.convert(plan);
    QVERIFY2(r.ok(), qPrintable(r.error));
    // THEN the lead says it was converted; the contact that came of it, where it came from,
    // with the lead's note and the activity that moved to it
    QCOMPARE(texts(Timeline(Db, Entity::Lead, lead)).first(), QStringLiteral("Converted"));
    const QStringList contact = texts(Timeline(Db, Entity::Contact, r.contactId));
    QVERIFY2(contact.contains("Made from a converted lead"), qPrintable(contact.join('\n')));
    QVERIFY2(contact.contains("Note: Met at the fair"), qPrintable(contact.join('\n')));
    QVERIFY2(contact.contains("Task scheduled: Call back"), qPrintable(contact.join('\n')));
    // WHEN it is undone, the lead says so, and the deal it had made is logged as deleted
    m_clock.advance();
    QVERIFY(converter.unconvert(lead, UnconvertMode::Refuse).ok());
    QCOMPARE(texts(Timeline(Db, Entity::Lead, lead)).first(), QStringLiteral("Conversion undone"));
    QCOMPARE(count(QStringLiteral("kind = 'delete' AND entity = 'deals' AND record_id = %1").arg(r.dealId)), 1);
}

void TestTimeline::anImportIsOneEntry()
{
    // GIVEN a file of 500 leads
    QByteArray csv = "First Name,Last Name,Email\n";
    for (int i = 0; i < 500; ++i)
        csv += "Ada,Lovelace" + QByteArray::number(i) + ",ada" + QByteArray::number(i) + "@example.com\n";
    const QString path = m_dir.filePath("leads.csv");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(csv);
    f.close();
    ImportOptions o;
    o.entity = Entity::Lead;
    o.filePath = path;
    const ImportResult r = Importer(Db).run(o);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 500);
    // THEN the log holds one entry for the import, not one a row
    QCOMPARE(count(), 1);
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec("SELECT id FROM leads ORDER BY id LIMIT 1 OFFSET 250") && q.next());
    const qint64 lead = q.value(0).toLongLong();
    q.finish();
    // and each record's timeline finds it
    QCOMPARE(texts(Timeline(Db, Entity::Lead, lead)), QStringList{"Imported from leads.csv"});
    // WHEN the import is undone, that is one entry more
    QCOMPARE(ImportJournal(Db).undo(r.importId), ImportJournal::UndoResult::Done);
    QCOMPARE(count(), 2);
    QCOMPARE(count("kind = 'undo'"), 1);
}

void TestTimeline::deletesAreLogged()
{
    RecordStore store(Db);
    const qint64 account = store.insert(Entity::Account, {{"account_name", "Engines"}}).id;
    const qint64 contact = store.insert(Entity::Contact, {{"last_name", "Byron"}, {"account_id", account}}).id;
    QCOMPARE(store.remove(Entity::Account, account, DeleteRule::DeleteRelated), QString());
    QCOMPARE(count(QStringLiteral("kind = 'delete' AND entity = 'accounts' AND record_id = %1").arg(account)), 1);
    QCOMPARE(count(QStringLiteral("kind = 'delete' AND entity = 'contacts' AND record_id = %1").arg(contact)), 1);
}

void TestTimeline::pagesFollowEachOther()
{
    RecordStore store(Db);
    const qint64 id = store.insert(Entity::Contact, {{"last_name", "Lovelace"}}).id;
    for (int i = 1; i <= 120; ++i)
        QVERIFY(store.update(Entity::Contact, id, {{"title", QString::number(i)}}).ok());
    const Timeline timeline(Db, Entity::Contact, id);
    const QList<TimelineEntry> first = timeline.read(50);
    QCOMPARE(first.size(), 50);
    QCOMPARE(first.first().newValue.toString(), QStringLiteral("120"));
    const QList<TimelineEntry> second = timeline.read(50, first.last().seq);
    QCOMPARE(second.first().newValue.toString(), QStringLiteral("70"));
    const QList<TimelineEntry> last = timeline.read(50, timeline.read(100).last().seq);
    QCOMPARE(last.size(), 21); // 20 changes and the creation
    QCOMPARE(last.last().kind, QStringLiteral("create"));
}

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
