// The pipeline board and the timeline over a big database:
//   bench_board DATABASE [RUNS]      (QT_QPA_PLATFORM=offscreen)
// - reading the board (every column's figures and first cards, BoardReader::read);
// - opening the Pipeline tab: constructed, shown, read in the background, painted;
// - the column figures checked against plain SQL sums;
// - moving cards: the window thread's time per move, and the longest the window's event
//   loop went without turning while moves and their background re-reads ran;
// - a record's timeline with 10,000 entries (made here, on a copy of one deal): its first page.
// Prints "median (best)" in ms. BENCH_VERBOSE=1 also prints each move, each gap over 8 ms with
// the CPU time the window's thread used in it (little: it waited for a core, the disk or a
// lock), and each event that took the window's thread long.
#include "history/timeline.h"
#include "pipeline/board.h"
#include "pipeline/boardtab.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "storage/transaction.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QListView>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>
#include <QUndoStack>
#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Rapport;

namespace {

QString summary(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return QStringLiteral("%1 ms (%2 ms)").arg(ms.at(ms.size() / 2), 0, 'f', 1).arg(ms.first(), 0, 'f', 1);
}

// The CPU time the calling thread has used: a gap in which the window's thread used little of
// it was spent waiting (for a lock, the disk, or a core), not working.
qint64 threadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// With BENCH_VERBOSE: every event the window's thread took longer than BENCH_EVENT_US
// microseconds (default 4 ms) over, and what it was.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_verbose)
            return QApplication::notify(receiver, event);
        QElapsedTimer t;
        t.start();
        const qint64 cpu = threadCpuNs();
        const int type = int(event->type());
        const bool result = QApplication::notify(receiver, event);
        if (t.nsecsElapsed() > m_threshold)
            std::printf("  event %d to %s \"%s\": %.1f ms (%.1f ms of the thread's CPU)\n", type,
                        receiver->metaObject()->className(), qPrintable(receiver->objectName()),
                        t.nsecsElapsed() / 1e6, (threadCpuNs() - cpu) / 1e6);
        return result;
    }

private:
    const bool m_verbose = qEnvironmentVariableIsSet("BENCH_VERBOSE");
    const qint64 m_threshold = qEnvironmentVariableIsSet("BENCH_EVENT_US")
        ? qEnvironmentVariableIntValue("BENCH_EVENT_US") * 1000LL : 4000000;
};

void waitLoaded(BoardTab &tab)
{
    QEventLoop loop;
    QObject::connect(&tab, &BoardTab::loaded, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
}

// Delivers what the board posted to itself once read (its columns shown, laid out and
// painted): the window as the rep first sees it.
void settle(QApplication &app)
{
    for (int i = 0; i < 3; ++i)
        app.processEvents();
}

} // namespace

int main(int argc, char **argv)
{
    TimedApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_board DATABASE [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const QString db = QStringLiteral("bench");
    if (const QString e = Database::open(QString::fromLocal8Bit(argv[1]), db); !e.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(e));
        return 1;
    }
    // Reading the board.
    QList<double> read;
    Board board;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        board = BoardReader(db).read({});
        read << t.nsecsElapsed() / 1e6;
    }
    qint64 deals = 0, cards = 0;
    for (const BoardColumn &c : board.columns) {
        deals += c.count;
        cards += c.cards.size();
    }
    std::printf("read the board (%lld deals in %lld columns, %lld cards): %s\n", deals,
                qint64(board.columns.size()), cards, qPrintable(summary(read)));
    // Its figures against plain SQL.
    QSqlQuery q(QSqlDatabase::database(db));
    q.exec("SELECT COUNT(*), SUM(amount) FROM deals");
    q.next();
    double total = 0;
    for (const BoardColumn &c : board.columns)
        total += c.total;
    std::printf("columns' counts and totals summed: %lld, %.2f; SQL over all deals: %lld, %.2f: %s\n",
                deals, total, q.value(0).toLongLong(), q.value(1).toDouble(),
                deals == q.value(0).toLongLong() && qAbs(total - q.value(1).toDouble()) < 0.01 ? "equal" : "DIFFERENT");
    q.finish();
    // Opening the tab.
    QList<double> open;
    QUndoStack undo;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        BoardTab tab(db, &undo);
        tab.resize(1600, 900);
        tab.show();
        waitLoaded(tab);
        settle(app); // its first paint: the cards laid out and drawn for the first time
        tab.repaint();
        open << t.nsecsElapsed() / 1e6;
    }
    std::printf("Pipeline tab constructed, shown, read and painted: %s\n", qPrintable(summary(open)));
    // Moving cards while the loop's heartbeat watches for gaps.
    {
        BoardTab tab(db, &undo);
        tab.resize(1600, 900);
        tab.show();
        waitLoaded(tab);
        settle(app); // the first paint belongs to opening the board, not to the first move
        QList<double> paints;
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer t;
            t.start();
            tab.repaint();
            paints << t.nsecsElapsed() / 1e6;
        }
        std::printf("the whole board painted again: %s\n", qPrintable(summary(paints)));
        QElapsedTimer beat;
        beat.start();
        qint64 last = 0, longest = 0, lastCpu = threadCpuNs();
        QTimer heart;
        heart.setInterval(1);
        qint64 moveStart = 0;
        QObject::connect(&heart, &QTimer::timeout, [&] {
            const qint64 now = beat.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            if (qEnvironmentVariableIsSet("BENCH_VERBOSE") && now - last > 8000000)
                std::printf("  gap of %.1f ms (%.1f ms of the thread's CPU), from %.1f ms after "
                            "the move began\n", (now - last) / 1e6, (cpu - lastCpu) / 1e6,
                            (last - moveStart) / 1e6);
            lastCpu = cpu;
            longest = std::max(longest, now - last);
            last = now;
        });
        QList<double> moves;
        heart.start();
        last = beat.nsecsElapsed();
        for (int i = 0; i < 20; ++i) {
            // From Qualification to Needs Analysis and back, as a rep dragging cards about.
            const int from = i % 2 == 0 ? 0 : 1;
            QListView *list = tab.list(from);
            if (!list || list->model()->rowCount() == 0)
                break;
            const qint64 id = list->model()->index(0, 0).data(Qt::UserRole + 1).toLongLong();
            QElapsedTimer t;
            t.start();
            moveStart = beat.nsecsElapsed();
            tab.moveDeal(id, 1 - from);
            moves << t.nsecsElapsed() / 1e6;
            if (qEnvironmentVariableIsSet("BENCH_VERBOSE"))
                std::printf("  move %d: %.1f ms\n", i, moves.last());
            QElapsedTimer wait;
            wait.start();
            while (wait.elapsed() < 50)
                app.processEvents(QEventLoop::AllEvents, 5);
        }
        while (tab.isLoading())
            app.processEvents(QEventLoop::AllEvents, 5);
        heart.stop();
        std::printf("a move on the window thread (20 moves): %s, the longest %.1f ms; longest gap "
                    "of the event loop meanwhile: %.1f ms\n", qPrintable(summary(moves)),
                    *std::max_element(moves.cbegin(), moves.cend()), longest / 1e6);
        // The same heartbeat while the board is only read again in the background, for
        // comparison: what the machine's scheduling alone costs the window's thread.
        longest = 0;
        heart.start();
        last = beat.nsecsElapsed();
        for (int i = 0; i < 10; ++i) {
            tab.refresh();
            while (tab.isLoading())
                app.processEvents(QEventLoop::AllEvents, 5);
        }
        heart.stop();
        std::printf("longest gap of the event loop while the board is read again 10 times, "
                    "no moves: %.1f ms\n", longest / 1e6);
        while (undo.canUndo())
            undo.undo(); // the database as it was, for the next run
        while (tab.isLoading())
            app.processEvents(QEventLoop::AllEvents, 5);
    }
    // A timeline of 10,000 entries: a new deal, changed 10,000 times in one transaction.
    {
        RecordStore store(db);
        qint64 id = 0;
        {
            Transaction tx(db);
            id = store.insert(Entity::Deal, {{"deal_name", "Timeline bench"}, {"stage", "Proposal"}}).id;
            for (int i = 1; i < 10000; ++i)
                store.update(Entity::Deal, id, {{"amount", i}});
            tx.commit();
        }
        QList<double> page;
        int entries = 0;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            const Timeline timeline(db, Entity::Deal, id);
            QStringList lines;
            for (const TimelineEntry &e : timeline.read())
                lines << timeline.describe(e);
            page << t.nsecsElapsed() / 1e6;
            entries = int(lines.size());
        }
        std::printf("timeline of deal %lld (10,000 entries): first page of %d, read and worded: %s\n",
                    id, entries, qPrintable(summary(page)));
        store.remove(Entity::Deal, id);
    }
    Database::close(db);
    return 0;
}
