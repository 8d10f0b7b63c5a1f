// The pipeline board driven as a rep does: columns and headers as the database computes
// them, moving a card with the keyboard and by dropping it on another column, the reason
// asked on Closed Won and Closed Lost, Ctrl+Z undoing a move (and refusing when the deal was
// edited since), moves written off the window's thread (the card moved at once, put back with
// a word when the database refuses), the filters, and the stages' settings.
#include "i18n/translations.h"
#include "pipeline/boardtab.h"
#include "pipeline/cardmodel.h"
#include "pipeline/stagesettingsdialog.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/scriptedprompter.h"
#include "support/testclock.h"
#include "support/threadgate.h"
#include "support/engines.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Rapport;

namespace {
const QString Db = QStringLiteral("boardtab");
}

class TestBoardTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void columnsAndHeadersFromTheDatabase();
    void keyboardMovesAndCtrlZUndoes();
    void dropOnAnotherColumn();
    void closingAsksWhy();
    void undoRefusesWhenTheDealWasEditedSince();
    void theWindowGoesOnWhileAMoveIsWritten();
    void aRefusedMoveGoesBackAndSaysWhy();
    void filtersLikeTheDealsTab();
    void stageSettings();
    void enterOpensTheDeal();

private:
    qint64 deal(const QString &name, const QString &stage, double amount, const QVariantMap &more = {});
    void openBoard();
    QListView *listOf(const QString &stage) const;
    QStringList namesIn(const QString &stage) const;
    QString stageOf(qint64 id) const;
    void waitLoaded();

    QTemporaryDir m_dir;
    TestClock m_clock;
    int m_run = 0;
    std::shared_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<BoardTab> m_board;
};

void TestBoardTab::initTestCase()
{
    installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedKingdom));
}

void TestBoardTab::init()
{
    qputenv("RAPPORT_USER", "Ada Lovelace");
    const QString location =
        Engines::location(m_dir.filePath(QStringLiteral("b%1.sqlite").arg(++m_run)));
    QCOMPARE(Database::open(location, Db), QString());
    m_clock.set(QDateTime(QDate(2026, 12, 2), QTime(10, 0)));
    m_prompter = std::make_shared<ScriptedPrompter>();
    m_undo = std::make_unique<QUndoStack>();
}

void TestBoardTab::cleanup()
{
    m_board.reset();
    m_undo.reset();
    Database::close(Db);
}

qint64 TestBoardTab::deal(const QString &name, const QString &stage, double amount, const QVariantMap &more)
{
    QVariantMap v = more;
    v.insert("deal_name", name);
    v.insert("stage", stage);
    v.insert("amount", amount);
    return RecordStore(Db).insert(Entity::Deal, v).id;
}

void TestBoardTab::waitLoaded()
{
    QTRY_VERIFY(!m_board->isLoading());
}

void TestBoardTab::openBoard()
{
    m_board = std::make_unique<BoardTab>(Db, m_undo.get());
    m_board->setPrompter(m_prompter);
    // The window's Edit › Undo, as the main window has it.
    QAction *undo = m_undo->createUndoAction(m_board.get());
    undo->setShortcut(QKeySequence::Undo);
    m_board->addAction(undo);
    m_board->resize(1400, 700);
    QSignalSpy loaded(m_board.get(), &BoardTab::loaded);
    m_board->show();
    m_board->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_board.get()));
    QTRY_COMPARE(loaded.count(), 1);
}

QListView *TestBoardTab::listOf(const QString &stage) const
{
    for (int i = 0; i < m_board->columnCount(); ++i)
        if (m_board->column(i).stage.stage == stage)
            return m_board->list(i);
    return nullptr;
}

QStringList TestBoardTab::namesIn(const QString &stage) const
{
    QStringList out;
    QAbstractItemModel *model = listOf(stage)->model();
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, 0).data().toString();
    return out;
}

QString TestBoardTab::stageOf(qint64 id) const
{
    return RecordStore(Db).load(Entity::Deal, id)->value("stage").toString();
}

void TestBoardTab::columnsAndHeadersFromTheDatabase()
{
    deal("Engines", "Proposal", 1000);
    deal("Looms", "Proposal", 3000, {{"probability", 10}});
    deal("Lamps", "Negotiation", 500);
    openBoard();
    QCOMPARE(m_board->columnCount(), 6);
    QCOMPARE(m_board->column(0).stage.stage, QStringLiteral("Qualification"));
    QCOMPARE(namesIn("Proposal"), (QStringList{"Engines", "Looms"}));
    // The header: count, total, and weighted (1000 × 50 % + 3000 × 10 %)
    const QString header = m_board->header(2)->text();
    QVERIFY2(header.contains("Proposal") && header.contains("· 2"), qPrintable(header));
    QVERIFY2(header.contains("4,000.00") && header.contains("Weighted 800.00"), qPrintable(header));
    // The card reads out all it shows
    const QString card = listOf("Proposal")->model()->index(0, 0).data(Qt::AccessibleTextRole).toString();
    QVERIFY2(card.contains("Engines") && card.contains("1,000.00") && card.contains("No next step"),
             qPrintable(card));
}

void TestBoardTab::keyboardMovesAndCtrlZUndoes()
{
    const qint64 id = deal("Engines", "Qualification", 1000);
    openBoard();
    QListView *first = listOf("Qualification");
    first->setFocus();
    first->setCurrentIndex(first->model()->index(0, 0));
    // WHEN the rep presses Ctrl+Right twice
    QTest::keyClick(first, Qt::Key_Right, Qt::ControlModifier);
    QCOMPARE(namesIn("Needs Analysis"), QStringList{"Engines"}); // at once, before the re-read
    QVERIFY(namesIn("Qualification").isEmpty());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right, Qt::ControlModifier);
    waitLoaded();
    // THEN the deal is in Proposal with its stage's probability, and the focus went with it
    QCOMPARE(RecordStore(Db).load(Entity::Deal, id)->value("stage").toString(), QStringLiteral("Proposal"));
    QCOMPARE(RecordStore(Db).load(Entity::Deal, id)->value("probability").toInt(), 50);
    QCOMPARE(QApplication::focusWidget(), listOf("Proposal"));
    QTRY_VERIFY(m_board->header(2)->text().contains("· 1"));
    QVERIFY(m_board->header(0)->text().contains("· 0"));
    // WHEN Ctrl+Z is pressed, the last move is undone
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
    waitLoaded();
    QCOMPARE(RecordStore(Db).load(Entity::Deal, id)->value("stage").toString(), QStringLiteral("Needs Analysis"));
    QTRY_COMPARE(namesIn("Needs Analysis"), QStringList{"Engines"});
    QCOMPARE(RecordStore(Db).load(Entity::Deal, id)->value("probability").toInt(), 20);
    // Left and Right alone go from column to column, without moving anything
    QListView *needs = listOf("Needs Analysis");
    needs->setFocus();
    needs->setCurrentIndex(needs->model()->index(0, 0));
    QTest::keyClick(needs, Qt::Key_Left);
    QCOMPARE(QApplication::focusWidget(), listOf("Qualification"));
    QCOMPARE(RecordStore(Db).load(Entity::Deal, id)->value("stage").toString(), QStringLiteral("Needs Analysis"));
    QCOMPARE(m_prompter->unexpected, 0);
}

void TestBoardTab::dropOnAnotherColumn()
{
    const qint64 id = deal("Engines", "Qualification", 1000);
    openBoard();
    // A drag carries the card's deal id; dropping it on Negotiation's list moves it there
    auto *from = qobject_cast<CardModel *>(listOf("Qualification")->model());
    auto *to = qobject_cast<CardModel *>(listOf("Negotiation")->model());
    std::unique_ptr<QMimeData> data(from->mimeData({from->index(0, 0)}));
    QVERIFY(!from->canDropMimeData(data.get(), Qt::MoveAction, 0, 0, {})); // not on its own column
    QVERIFY(to->canDropMimeData(data.get(), Qt::MoveAction, 0, 0, {}));
    QVERIFY(to->dropMimeData(data.get(), Qt::MoveAction, 0, 0, {}));
    from->removeRows(0, 1); // what the view does after a move drop
    QTRY_COMPARE(namesIn("Negotiation"), QStringList{"Engines"});
    waitLoaded();
    QCOMPARE(RecordStore(Db).load(Entity::Deal, id)->value("stage").toString(), QStringLiteral("Negotiation"));
    QCOMPARE(m_undo->count(), 1);
    QVERIFY(namesIn("Qualification").isEmpty());
}

void TestBoardTab::closingAsksWhy()
{
    const qint64 won = deal("Engines", "Negotiation", 1000);
    const qint64 lost = deal("Looms", "Negotiation", 2000);
    openBoard();
    QListView *negotiation = listOf("Negotiation");
    const int closedWon = 4;
    // Cancelled: nothing moves, nothing is on the undo stack
    m_prompter->texts = {QString()};
    QVERIFY(!m_board->moveDeal(won, closedWon));
    QCOMPARE(namesIn("Negotiation"), (QStringList{"Engines", "Looms"}));
    QCOMPARE(m_undo->count(), 0);
    // Given: won at 100 %, with the reason kept
    m_prompter->texts = {"Best price"};
    QVERIFY(m_board->moveDeal(won, closedWon));
    QCOMPARE(m_prompter->textsAsked.last().label, QStringLiteral("What won “Engines”?"));
    waitLoaded();
    QVariantMap d = *RecordStore(Db).load(Entity::Deal, won);
    QCOMPARE(d.value("probability").toInt(), 100);
    QCOMPARE(d.value("close_reason").toString(), QStringLiteral("Best price"));
    // Lost, by the keyboard from Negotiation: two steps right is Closed Lost
    negotiation->setFocus();
    negotiation->setCurrentIndex(negotiation->model()->index(0, 0));
    m_prompter->texts = {"Went with a competitor"};
    QTest::keyClick(negotiation, Qt::Key_Right, Qt::ControlModifier); // to Closed Won: asks
    m_prompter->texts = {QString()};
    waitLoaded();
    QCOMPARE(RecordStore(Db).load(Entity::Deal, lost)->value("stage").toString(), QStringLiteral("Closed Won"));
    QVERIFY(m_prompter->textsAsked.last().label.contains("Looms"));
    // Ctrl+Z, then straight to Closed Lost
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
    waitLoaded();
    m_prompter->texts = {"Went with a competitor"};
    QVERIFY(m_board->moveDeal(lost, 5));
    waitLoaded();
    d = *RecordStore(Db).load(Entity::Deal, lost);
    QCOMPARE(d.value("stage").toString(), QStringLiteral("Closed Lost"));
    QCOMPARE(d.value("probability").toInt(), 0);
    QCOMPARE(d.value("close_reason").toString(), QStringLiteral("Went with a competitor"));
    QTRY_VERIFY(m_board->header(5)->text().contains("Weighted 0.00"));
}

void TestBoardTab::undoRefusesWhenTheDealWasEditedSince()
{
    const qint64 id = deal("Engines", "Qualification", 1000);
    openBoard();
    QVERIFY(m_board->moveDeal(id, 1));
    waitLoaded();
    QVERIFY(m_board->moveDeal(id, 2));
    waitLoaded();
    // Somebody edits the deal's amount in a form meanwhile: undoing the moves keeps it
    QVERIFY(RecordStore(Db).update(Entity::Deal, id, {{"amount", 4000}}).ok());
    m_undo->undo();
    waitLoaded();
    QVariantMap d = *RecordStore(Db).load(Entity::Deal, id);
    QCOMPARE(d.value("stage").toString(), QStringLiteral("Needs Analysis"));
    QCOMPARE(d.value("amount").toDouble(), 4000.0);
    // ... but when they set its stage, the next undo is refused with a word, and their edit stands
    QVERIFY(RecordStore(Db).update(Entity::Deal, id, {{"stage", "Negotiation"}}).ok());
    m_undo->undo();
    waitLoaded();
    QCOMPARE(m_prompter->warnings.size(), 1);
    QVERIFY2(m_prompter->warnings.first().contains("Stage was changed since"), qPrintable(m_prompter->warnings.first()));
    d = *RecordStore(Db).load(Entity::Deal, id);
    QCOMPARE(d.value("stage").toString(), QStringLiteral("Negotiation"));
    QCOMPARE(d.value("amount").toDouble(), 4000.0);
}

void TestBoardTab::theWindowGoesOnWhileAMoveIsWritten()
{
    const qint64 id = deal("Engines", "Qualification", 1000);
    openBoard();
    WorkerGate writes; // the database is slow to write: the move is held as it begins
    QListView *first = listOf("Qualification");
    first->setFocus();
    first->setCurrentIndex(first->model()->index(0, 0));
    // WHEN the rep moves the card
    QTest::keyClick(first, Qt::Key_Right, Qt::ControlModifier);
    QTRY_VERIFY(writes.held());
    // THEN, with its write still waiting, the card is in its new column and has the focus,
    // the database has not got it yet, and the window answers the keyboard
    QCOMPARE(namesIn("Needs Analysis"), QStringList{"Engines"});
    QVERIFY(namesIn("Qualification").isEmpty());
    QCOMPARE(QApplication::focusWidget(), listOf("Needs Analysis"));
    QCOMPARE(stageOf(id), QStringLiteral("Qualification"));
    QVERIFY(m_board->isLoading());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
    QCOMPARE(QApplication::focusWidget(), listOf("Proposal"));
    // AND Ctrl+Z pressed before the move is written undoes it once it is, in that order
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(stageOf(id), QStringLiteral("Qualification"));
    writes.letOneThrough(); // the move
    QTRY_VERIFY(writes.held()); // the undo, after it
    QCOMPARE(stageOf(id), QStringLiteral("Needs Analysis"));
    writes.open();
    waitLoaded();
    QCOMPARE(stageOf(id), QStringLiteral("Qualification"));
    QTRY_COMPARE(namesIn("Qualification"), QStringList{"Engines"});
    QVERIFY(namesIn("Needs Analysis").isEmpty());
    QCOMPARE(m_prompter->warnings, QStringList());
    // and redo moves it again
    m_undo->redo();
    waitLoaded();
    QCOMPARE(stageOf(id), QStringLiteral("Needs Analysis"));
    QTRY_COMPARE(namesIn("Needs Analysis"), QStringList{"Engines"});
}

void TestBoardTab::aRefusedMoveGoesBackAndSaysWhy()
{
    const qint64 id = deal("Engines", "Qualification", 1000);
    deal("Looms", "Proposal", 2000);
    openBoard();
    WorkerGate writes;
    ReaderGate reads; // the board read after the refusal is held too: its card is seen back
    QVERIFY(m_board->moveDeal(id, 1));
    QVERIFY(writes.waitUntilHeld());
    QCOMPARE(namesIn("Needs Analysis"), QStringList{"Engines"});
    // WHEN another rep deletes the deal before the move is written
    QCOMPARE(RecordStore(Db).remove(Entity::Deal, id), QString());
    writes.open();
    // THEN the rep is told why, the card is back where it was, and there is nothing to undo
    QTRY_COMPARE(m_prompter->warnings.size(), 1);
    QVERIFY2(m_prompter->warnings.first().contains("no deal"), qPrintable(m_prompter->warnings.first()));
    QCOMPARE(namesIn("Qualification"), QStringList{"Engines"});
    QVERIFY(namesIn("Needs Analysis").isEmpty());
    QCOMPARE(m_undo->count(), 0);
    // AND the board read again shows the deal gone
    QVERIFY(reads.waitUntilHeld());
    reads.open();
    waitLoaded();
    QTRY_VERIFY(namesIn("Qualification").isEmpty());
    QCOMPARE(namesIn("Proposal"), QStringList{"Looms"});
}

void TestBoardTab::filtersLikeTheDealsTab()
{
    deal("Engines", "Proposal", 1000, {{"owner", "Ada Lovelace"}, {"closing_date", "2026-12-20"}});
    deal("Looms", "Proposal", 2000, {{"owner", "Charles Babbage"}, {"closing_date", "2027-02-01"}});
    openBoard();
    QCOMPARE(namesIn("Proposal").size(), 2);
    auto *owner = m_board->findChild<QComboBox *>("boardOwner");
    owner->setCurrentIndex(1); // My deals
    waitLoaded();
    QTRY_COMPARE(namesIn("Proposal"), QStringList{"Engines"});
    QVERIFY(m_board->header(2)->text().contains("1,000.00"));
    owner->setCurrentIndex(0);
    auto *closing = m_board->findChild<QComboBox *>("boardClosing");
    closing->setCurrentIndex(closing->findText("Closing this month"));
    QTRY_COMPARE(namesIn("Proposal"), QStringList{"Engines"});
    closing->setCurrentIndex(0);
    QTRY_COMPARE(namesIn("Proposal").size(), 2);
    QTest::keyClicks(m_board->searchBox(), "loom");
    QTRY_COMPARE(namesIn("Proposal"), QStringList{"Looms"});
    QVERIFY(m_board->header(2)->text().contains("2,000.00"));
}

void TestBoardTab::stageSettings()
{
    StageSettingsDialog dialog(Db);
    dialog.setPrompter(m_prompter);
    QTableWidget *table = dialog.table();
    QCOMPARE(table->rowCount(), 6);
    auto *probability = qobject_cast<QSpinBox *>(table->cellWidget(0, 1));
    auto *stale = qobject_cast<QSpinBox *>(table->cellWidget(0, 2));
    QCOMPARE(probability->value(), 10);
    QCOMPARE(probability->maximum(), 100); // no more than 100 % can be typed
    probability->setValue(25);
    stale->setValue(5);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(Pipeline(Db).stages().first(), (StageSetting{"Qualification", 25, 5}));
    // The board's header shows the new figure
    openBoard();
    QVERIFY(m_board->header(0)->text().contains("25 %"));
}

void TestBoardTab::enterOpensTheDeal()
{
    const qint64 id = deal("Engines", "Proposal", 1000);
    openBoard();
    QSignalSpy open(m_board.get(), &BoardTab::openRequested);
    QListView *list = listOf("Proposal");
    list->setFocus();
    list->setCurrentIndex(list->model()->index(0, 0));
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.first().at(1).toLongLong(), id);
}

QTEST_MAIN(TestBoardTab)
#include "tst_boardtab.moc"
