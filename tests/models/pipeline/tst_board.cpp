// The pipeline board's columns and cards and the moves between them, on a clock the test
// sets: totals from the database over the whole filter (not the cards read), the stage's
// probability on a move unless the rep set their own, won and lost, the next-activity badge,
// and deals going stale in their stage.
#include "activities/followup.h"
#include "pipeline/board.h"
#include "pipeline/pipeline.h"
#include "records/moments.h"
#include "storage/database.h"
#include "storage/demodata.h"
#include "storage/recordstore.h"
#include "support/testclock.h"
#include "support/engines.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

namespace {
const QString Db = QStringLiteral("board");

const BoardColumn *column(const Board &b, const QString &stage)
{
    for (const BoardColumn &c : b.columns)
        if (c.stage.stage == stage)
            return &c;
    return nullptr;
}
} // namespace

class TestBoard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void totalsAreTheDatabasesOverTheWholeFilter();
    void filteredLikeTheDealsTab();
    void aMoveSetsTheStagesProbabilityUnlessTheRepSetOne();
    void wonAndLost();
    void anyWriteOfANewStageBringsItsProbability();
    void stageSettingsAreValidatedAndShared();
    void theNextActivityBadge();
    void dealsGoStaleInTheirStage();
    void dealsInNoStageOfTheListHaveAColumn();

private:
    qint64 deal(const QString &name, const QString &stage, const QVariant &amount,
                const QVariantMap &more = {});
    QTemporaryDir m_dir;
    TestClock m_clock;
    int m_run = 0;
};

void TestBoard::init()
{
    const QString location =
        Engines::location(m_dir.filePath(QStringLiteral("b%1.sqlite").arg(++m_run)));
    QCOMPARE(Database::open(location, Db), QString());
    m_clock.set(QDateTime(QDate(2026, 12, 2), QTime(10, 0)));
}

void TestBoard::cleanup()
{
    Database::close(Db);
}

qint64 TestBoard::deal(const QString &name, const QString &stage, const QVariant &amount,
                       const QVariantMap &more)
{
    QVariantMap v = more;
    v.insert("deal_name", name);
    v.insert("stage", stage);
    v.insert("amount", amount);
    const WriteResult w = RecordStore(Db).insert(Entity::Deal, v);
    return w.ok() ? w.id : 0;
}

void TestBoard::totalsAreTheDatabasesOverTheWholeFilter()
{
    // GIVEN 600 generated deals, and a board that reads only 5 cards a column
    QVERIFY(DemoData(Db).generate({0, 50, 20, 600}).isEmpty());
    const Board b = BoardReader(Db).read({}, 5);
    QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
    // THEN the columns are the stage list's, in its order
    QStringList stages;
    for (const BoardColumn &c : b.columns)
        stages << c.stage.stage;
    QCOMPARE(stages, (QStringList{"Qualification", "Needs Analysis", "Proposal", "Negotiation",
                                  "Closed Won", "Closed Lost"}));
    // and each header is the SQL sum over all its deals, not over the five cards
    QSqlQuery q(QSqlDatabase::database(Db));
    qint64 all = 0;
    for (const BoardColumn &c : b.columns) {
        QVERIFY(q.prepare("SELECT COUNT(*), SUM(amount), SUM(amount * probability / 100.0) "
                          "FROM deals WHERE stage = ?"));
        q.addBindValue(c.stage.stage);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(c.count, q.value(0).toLongLong());
        QCOMPARE(c.total, q.value(1).toDouble());
        QVERIFY(qAbs(c.weighted - q.value(2).toDouble()) < 0.01);
        QVERIFY(c.cards.size() <= 5);
        QVERIFY(c.count > 5);
        all += c.count;
        // the cards, soonest to close first
        for (qsizetype i = 1; i < c.cards.size(); ++i)
            QVERIFY(c.cards[i - 1].closing <= c.cards[i].closing);
    }
    QCOMPARE(all, 600);
    // A deal without a probability of its own counts at its stage's
    QVERIFY(deal("Engines", "Proposal", 1000) > 0);
    const Board after = BoardReader(Db).read({}, 5);
    QCOMPARE(column(after, "Proposal")->weighted - column(b, "Proposal")->weighted, 500.0);
}

void TestBoard::filteredLikeTheDealsTab()
{
    deal("Engines for Ada", "Proposal", 1000, {{"owner", "Ada"}, {"closing_date", "2026-12-10"}});
    deal("Looms", "Proposal", 2000, {{"owner", "Charles"}, {"closing_date", "2027-03-01"}});
    deal("More engines", "Negotiation", 4000, {{"owner", "Ada"}, {"closing_date", "2027-01-15"}});
    BoardFilter f;
    f.owner = "Ada";
    Board b = BoardReader(Db).read(f);
    QCOMPARE(column(b, "Proposal")->count, 1);
    QCOMPARE(column(b, "Proposal")->total, 1000.0);
    QCOMPARE(column(b, "Negotiation")->count, 1);
    f = {};
    f.search = "engines";
    b = BoardReader(Db).read(f);
    QCOMPARE(column(b, "Proposal")->cards.first().name, QStringLiteral("Engines for Ada"));
    QCOMPARE(column(b, "Proposal")->count + column(b, "Negotiation")->count, 2);
    f = {};
    f.closingFrom = QDate(2027, 1, 1);
    f.closingTo = QDate(2027, 1, 31);
    b = BoardReader(Db).read(f);
    QCOMPARE(column(b, "Proposal")->count, 0);
    QCOMPARE(column(b, "Negotiation")->count, 1);
}

void TestBoard::aMoveSetsTheStagesProbabilityUnlessTheRepSetOne()
{
    const qint64 plain = deal("Plain", "Qualification", 100);
    const qint64 own = deal("Own", "Qualification", 100, {{"probability", 35}});
    Pipeline pipeline(Db);
    // Into Proposal: the stage's 50 % for the deal without a figure of its own
    StageMove m = pipeline.move(plain, "Proposal");
    QVERIFY2(m.write.ok(), qPrintable(m.write.error));
    QCOMPARE(RecordStore(Db).load(Entity::Deal, plain)->value("probability").toInt(), 50);
    QCOMPARE(m.previous.value("stage").toString(), QStringLiteral("Qualification"));
    QVERIFY(m.previous.value("probability").isNull());
    // ... and on to Negotiation: 50 was the stage's, so it becomes Negotiation's 75
    QVERIFY(pipeline.move(plain, "Negotiation").write.ok());
    QCOMPARE(RecordStore(Db).load(Entity::Deal, plain)->value("probability").toInt(), 75);
    // The rep's own 35 % stays
    QVERIFY(pipeline.move(own, "Proposal").write.ok());
    QCOMPARE(RecordStore(Db).load(Entity::Deal, own)->value("probability").toInt(), 35);
    // Undoing a move writes back what it changed
    m = pipeline.move(own, "Negotiation");
    QVERIFY(RecordStore(Db).update(Entity::Deal, own, m.previous, m.write.version).ok());
    QCOMPARE(RecordStore(Db).load(Entity::Deal, own)->value("stage").toString(), QStringLiteral("Proposal"));
    // A move based on an old version is refused
    QVERIFY(pipeline.move(own, "Qualification", {}, 1).write.stale);
    // A probability outside 0–100 is refused like any bad value
    QVERIFY(!RecordStore(Db).update(Entity::Deal, own, {{"probability", 140}}).ok());
    QVERIFY(!RecordStore(Db).update(Entity::Deal, own, {{"probability", -1}}).ok());
}

void TestBoard::wonAndLost()
{
    const qint64 a = deal("A", "Negotiation", 100, {{"probability", 80}});
    const qint64 b = deal("B", "Negotiation", 100);
    Pipeline pipeline(Db);
    QVERIFY(pipeline.move(a, "Closed Won", "Best price").write.ok());
    QVERIFY(pipeline.move(b, "Closed Lost", "Went with a competitor").write.ok());
    RecordStore store(Db);
    QCOMPARE(store.load(Entity::Deal, a)->value("probability").toInt(), 100);
    QCOMPARE(store.load(Entity::Deal, b)->value("probability").toInt(), 0);
    QCOMPARE(store.load(Entity::Deal, b)->value("close_reason").toString(),
             QStringLiteral("Went with a competitor"));
    // Reopened, a lost deal gets the stage's figure again, and keeps why it was lost
    QVERIFY(pipeline.move(b, "Proposal").write.ok());
    QCOMPARE(store.load(Entity::Deal, b)->value("probability").toInt(), 50);
    QCOMPARE(store.load(Entity::Deal, b)->value("close_reason").toString(),
             QStringLiteral("Went with a competitor"));
}

void TestBoard::anyWriteOfANewStageBringsItsProbability()
{
    Pipeline pipeline(Db);
    // A new deal in Proposal: 50 %; with a figure of the rep's own, that one
    QCOMPARE(pipeline.withStageProbability({}, {{"stage", "Proposal"}}).value("probability").toInt(), 50);
    QCOMPARE(pipeline.withStageProbability({}, {{"stage", "Proposal"}, {"probability", "30"}})
                 .value("probability").toInt(), 30);
    QCOMPARE(pipeline.withStageProbability({}, {{"stage", "Proposal"}, {"probability", ""}})
                 .value("probability").toInt(), 50);
    // A form's save that moves a deal on from its stage's figure, and one from the rep's own
    const QVariantMap atDefault{{"stage", "Proposal"}, {"probability", 50}};
    const QVariantMap own{{"stage", "Proposal"}, {"probability", 35}};
    QCOMPARE(pipeline.withStageProbability(atDefault, {{"stage", "Negotiation"}}).value("probability").toInt(), 75);
    QVERIFY(!pipeline.withStageProbability(own, {{"stage", "Negotiation"}}).contains("probability"));
    QCOMPARE(pipeline.withStageProbability(own, {{"stage", "Closed Won"}}).value("probability").toInt(), 100);
    // A save that leaves the stage alone leaves the probability alone
    QVERIFY(!pipeline.withStageProbability(atDefault, {{"amount", 5}}).contains("probability"));
}

void TestBoard::stageSettingsAreValidatedAndShared()
{
    Pipeline pipeline(Db);
    QList<StageSetting> stages = pipeline.stages();
    QCOMPARE(stages, Pipeline::defaults());
    stages[0].probability = 140;
    QVERIFY(!pipeline.save(stages).isEmpty());
    stages[0].probability = 15;
    stages[0].staleDays = -2;
    QVERIFY(!pipeline.save(stages).isEmpty());
    stages[0].staleDays = 7;
    QCOMPARE(pipeline.save(stages), QString());
    // Another connection to the database (another rep) reads the same figures
    QCOMPARE(Database::openClone(Db, "other"), QString());
    QCOMPARE(Pipeline("other").stages().first(), (StageSetting{"Qualification", 15, 7}));
    Database::close("other");
    const qint64 d = deal("Engines", "Needs Analysis", 100);
    QVERIFY(pipeline.move(d, "Qualification").write.ok());
    QCOMPARE(RecordStore(Db).load(Entity::Deal, d)->value("probability").toInt(), 15);
}

void TestBoard::theNextActivityBadge()
{
    const qint64 overdue = deal("Overdue", "Proposal", 1);
    const qint64 today = deal("Today", "Proposal", 1);
    const qint64 later = deal("Later", "Proposal", 1);
    const qint64 none = deal("None", "Proposal", 1);
    FollowUp f(Db);
    const auto add = [&](qint64 id, const QDateTime &due) {
        QVariantMap v = f.regarding(Entity::Deal, id);
        v.insert("subject", "Call");
        v.insert("due_at", Moments::toStored(due));
        QVERIFY(f.add(v).ok());
    };
    add(overdue, QDateTime(QDate(2026, 12, 1), QTime(16, 0)));
    add(today, QDateTime(QDate(2026, 12, 2), QTime(8, 0))); // earlier today: still today's
    add(later, QDateTime(QDate(2026, 12, 9), QTime(9, 0)));
    const Board b = BoardReader(Db).read({});
    QHash<qint64, NextActivity> badges;
    for (const BoardCard &c : column(b, "Proposal")->cards)
        badges.insert(c.id, c.next);
    QCOMPARE(badges.value(overdue), NextActivity::Overdue);
    QCOMPARE(badges.value(today), NextActivity::Today);
    QCOMPARE(badges.value(later), NextActivity::Later);
    QCOMPARE(badges.value(none), NextActivity::None);
}

void TestBoard::dealsGoStaleInTheirStage()
{
    // GIVEN a deal made on 1 October and moved into Negotiation (14 days allowed) on 1 November
    m_clock.set(QDateTime(QDate(2026, 10, 1), QTime(10, 0)));
    const qint64 moved = deal("Moved", "Proposal", 1);
    const qint64 sitting = deal("Sitting", "Qualification", 1);
    m_clock.set(QDateTime(QDate(2026, 11, 1), QTime(10, 0)));
    QVERIFY(Pipeline(Db).move(moved, "Negotiation").write.ok());
    // WHEN the board is read on 10 November
    m_clock.set(QDateTime(QDate(2026, 11, 10), QTime(10, 0)));
    Board b = BoardReader(Db).read({});
    // THEN the moved deal has been 9 days in its stage, fine; the other 40 days in
    // Qualification (30 allowed): going stale
    QCOMPARE(column(b, "Negotiation")->cards.first().daysInStage, 9);
    QVERIFY(!column(b, "Negotiation")->cards.first().stale);
    QCOMPARE(column(b, "Qualification")->cards.first().id, sitting);
    QCOMPARE(column(b, "Qualification")->cards.first().daysInStage, 40);
    QVERIFY(column(b, "Qualification")->cards.first().stale);
    // A week later the moved one is stale too
    m_clock.set(QDateTime(QDate(2026, 11, 17), QTime(10, 0)));
    b = BoardReader(Db).read({});
    QVERIFY(column(b, "Negotiation")->cards.first().stale);
}

void TestBoard::dealsInNoStageOfTheListHaveAColumn()
{
    QVERIFY(BoardReader(Db).read({}).columns.size() == 6); // no extra column when none
    deal("Imported", "Prospecting", 300);
    deal("Blank", QString(), 200);
    const Board b = BoardReader(Db).read({});
    QCOMPARE(b.columns.size(), 7);
    QCOMPARE(b.columns.last().stage.stage, QString());
    QCOMPARE(b.columns.last().count, 2);
    QCOMPARE(b.columns.last().total, 500.0);
    QCOMPARE(b.columns.last().cards.size(), 2);
}

QTEST_GUILESS_MAIN(TestBoard)
#include "tst_board.moc"
