// Times what a user waits for on a big Leads tab: opening it, jumping to the end of the list
// sorted by Last Name, searching, finding a record's row. Not run by ctest; see BENCHMARKS.md.
//   bench_tablemodel /tmp/bench.sqlite [RUNS] [first-pages]
// With "first-pages" only the first page of each search and sort is timed, on this thread.
#include "storage/database.h"
#include "lists/recordtablemodel.h"
#include "lists/viewrows.h"
#include "records/recordtypes.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QSqlError>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Rapport;

namespace {

const char *const Connection = "bench";

// Milliseconds of each of `runs` runs of `work` (each on a new model, so nothing is cached).
QList<double> measure(int runs, const std::function<void(RecordTableModel &)> &prepare,
                      const std::function<void(RecordTableModel &)> &work)
{
    QList<double> ms;
    for (int i = 0; i < runs; ++i) {
        RecordTableModel model(Entity::Lead, Connection);
        prepare(model);
        QElapsedTimer t;
        t.start();
        work(model);
        ms << t.nsecsElapsed() / 1e6;
    }
    return ms;
}

QString summary(QList<double> ms)
{
    const double first = ms.first();
    std::sort(ms.begin(), ms.end());
    return QStringLiteral("first %1 ms, median %2 ms, best %3 ms")
        .arg(first, 0, 'f', 1).arg(ms.at(ms.size() / 2), 0, 'f', 1).arg(ms.first(), 0, 'f', 1);
}

// Waits (handling events) until `done`, at most a minute.
void waitFor(const std::function<bool()> &done)
{
    QElapsedTimer limit;
    limit.start();
    while (!done() && limit.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
}

// The tab's way (InBackground): how long until the first page of a request is there (its
// model reset), until its count is (loading ends), and the longest gap of a 5 ms GUI timer.
void backgroundFirstPages(QTextStream &out, int runs)
{
    const int lastName = fieldIndex(Entity::Lead, QStringLiteral("last_name"));
    const int title = fieldIndex(Entity::Lead, QStringLiteral("title"));
    const int phone = fieldIndex(Entity::Lead, QStringLiteral("phone"));
    using Ask = std::function<void(RecordTableModel &)>;
    const auto search = [lastName](const char *text) -> Ask {
        return [lastName, text](RecordTableModel &m) {
            m.sort(lastName);
            m.setRecordFilter({.search = QString::fromUtf8(text)});
        };
    };
    const QList<std::pair<QString, Ask>> asks = {
        {"launch (construct, first page)", nullptr},
        {"search \"m\"", search("m")}, {"search \"mu\"", search("mu")},
        {"search \"muller\"", search("muller")}, {"search \"qzxv\" (absent)", search("qzxv")},
        {"search \"qz\" (absent, short)", search("qz")},
        {"search \"9792489\" (a phone number)", search("9792489")},
        {"sort by Title", [title](RecordTableModel &m) { m.sort(title); }},
        {"sort by Phone", [phone](RecordTableModel &m) { m.sort(phone); }},
    };
    for (const auto &[label, ask] : asks) {
        QList<double> first, all, gaps;
        int rows = 0;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            std::unique_ptr<RecordTableModel> model;
            if (ask) {
                model = std::make_unique<RecordTableModel>(Entity::Lead, Connection,
                                                           RecordTableModel::Loading::InBackground);
                waitFor([&] { return !model->isLoading(); });
            }
            qint64 last = 0, gap = 0;
            QTimer ticker;
            QObject::connect(&ticker, &QTimer::timeout, [&] {
                gap = std::max(gap, t.elapsed() - last);
                last = t.elapsed();
            });
            ticker.start(5);
            t.start();
            if (!ask)
                model = std::make_unique<RecordTableModel>(Entity::Lead, Connection,
                                                           RecordTableModel::Loading::InBackground);
            double shown = -1;
            QObject::connect(model.get(), &QAbstractItemModel::modelReset, [&] {
                if (shown < 0)
                    shown = t.nsecsElapsed() / 1e6;
            });
            if (ask)
                ask(*model);
            waitFor([&] { return shown >= 0 || !model->isLoading(); });
            first << (shown < 0 ? t.nsecsElapsed() / 1e6 : shown);
            waitFor([&] { return !model->isLoading(); });
            all << t.nsecsElapsed() / 1e6;
            gaps << gap;
            rows = model->rowCount();
        }
        out << "in the background, " << label << ": first page " << summary(first)
            << "; count " << summary(all) << "; longest GUI-thread gap " << summary(gaps)
            << " (" << rows << " rows)\n";
    }
    // Ctrl+End on the list by Last Name, and by Title: data() answers "loading" at once, the
    // page follows (dataChanged).
    for (const auto &[label, column] : {std::pair{"Last Name", lastName}, {"Title", title}}) {
        QList<double> call, filled;
        for (int i = 0; i < runs; ++i) {
            RecordTableModel model(Entity::Lead, Connection, RecordTableModel::Loading::InBackground);
            model.sort(column);
            waitFor([&] { return !model.isLoading(); });
            bool done = false;
            QObject::connect(&model, &QAbstractItemModel::dataChanged, [&] { done = true; });
            QElapsedTimer t;
            t.start();
            const QModelIndex end = model.index(model.rowCount() - 1, lastName);
            end.data();
            call << t.nsecsElapsed() / 1e6;
            waitFor([&] { return done; });
            filled << t.nsecsElapsed() / 1e6;
        }
        out << "in the background, Ctrl+End sorted by " << label << ": data() returns in "
            << summary(call) << "; the page is there after " << summary(filled) << "\n";
    }
}

// The first page alone, by the statements the tab's page reader and `rapport-cli list` run
// (ViewRows), on this thread: what each class of search term and each sort costs the
// database, without the threads' hand-over.
void firstPagesOnly(QTextStream &out, int runs)
{
    const RecordTableSql sql(Entity::Lead, Database::isPostgres(QLatin1String(Connection)));
    const int lastName = fieldIndex(Entity::Lead, QStringLiteral("last_name"));
    QList<std::pair<QString, ViewRows::View>> views;
    for (const char *text : {"m", "mu", "muller", "ada schmidt", "9792489", "qz", "qzxv"})
        views.append({QStringLiteral("search \"%1\"").arg(QLatin1String(text)),
                      {{.search = QString::fromUtf8(text)}, lastName}});
    for (const char *column : {"last_name", "title", "phone", "email", "city"}) {
        const int c = fieldIndex(Entity::Lead, QLatin1String(column));
        views.append({QStringLiteral("sort by %1").arg(QLatin1String(column)), {{}, c}});
        views.append({QStringLiteral("sort by %1 descending").arg(QLatin1String(column)),
                      {{}, c, Qt::DescendingOrder}});
    }
    for (const auto &[label, view] : views) {
        for (int limit : {128, 50}) {
            QList<double> ms;
            qsizetype rows = 0;
            for (int i = 0; i < runs; ++i) {
                QElapsedTimer t;
                t.start();
                const PageReader::Result r = PageReader::readNow(
                    QLatin1String(Connection), ViewRows::firstPage(sql, view, limit));
                ms << t.nsecsElapsed() / 1e6;
                rows = r.rows.size();
            }
            out << "first page only (" << limit << " rows), " << label << ": " << summary(ms)
                << " (" << rows << " rows)\n";
        }
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc < 2) {
        out << "usage: bench_tablemodel DATABASE [RUNS] [first-pages]\n";
        return 2;
    }
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 7;
    const bool firstPagesAlone = argc > 3 && QByteArray(argv[3]) == "first-pages";
    QElapsedTimer open;
    open.start();
    if (const QString e = Database::open(QString::fromLocal8Bit(argv[1]), Connection);
        !e.isEmpty()) {
        out << e << "\n";
        return 1;
    }
    out << "open database: " << open.elapsed() << " ms\n";
    if (firstPagesAlone) {
        firstPagesOnly(out, runs);
        Database::close(Connection);
        return 0;
    }
    const int lastName = fieldIndex(Entity::Lead, QStringLiteral("last_name"));
    const auto none = [](RecordTableModel &) {};

    int rows = 0;
    QList<double> construct;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        RecordTableModel model(Entity::Lead, Connection);
        rows = model.rowCount();
        construct << t.nsecsElapsed() / 1e6;
    }
    out << "construct model + rowCount(): " << summary(construct) << " (" << rows << " rows)\n";

    // Each figure includes sort() and setRecordFilter(): with a filter or an unindexed column
    // that is where the ordered ids are read.
    QString name;
    const auto pageAt = [&name, lastName](int sortColumn, Qt::SortOrder order, int row) {
        return [&name, lastName, sortColumn, order, row](RecordTableModel &m) {
            m.sort(sortColumn, order);
            name = m.index(row, lastName).data().toString();
        };
    };
    // Rows as on a million leads: the middle and the last page, whatever the size.
    const int middle = rows / 2;
    const int end = std::max(rows - 100, 0);
    for (int row : {0, middle, end}) {
        out << "sort by Last Name, page at row " << row << ": "
            << summary(measure(runs, none, pageAt(lastName, Qt::AscendingOrder, row)))
            << " (" << name << ")\n";
    }
    out << "sort by Last Name descending, page at row " << end << ": "
        << summary(measure(runs, none, pageAt(lastName, Qt::DescendingOrder, end))) << "\n";
    const int title = fieldIndex(Entity::Lead, QStringLiteral("title"));
    out << "sort by Title, page at row " << end << ": "
        << summary(measure(3, none, pageAt(title, Qt::AscendingOrder, end))) << "\n";
    out << "sorted by Title, then page at row " << middle << ": "
        << summary(measure(3, [title](RecordTableModel &m) { m.sort(title); },
                           [&name, lastName, middle](RecordTableModel &m) {
                               name = m.index(middle, lastName).data().toString();
                           })) << "\n";
    out << "search \"muller\" (ids in Last Name order, first page): "
        << summary(measure(runs, none, [&rows, lastName](RecordTableModel &m) {
               m.sort(lastName);
               m.setRecordFilter({.search = QStringLiteral("muller")});
               rows = m.rowCount();
               m.index(0, lastName).data();
           })) << " (" << rows << " rows)\n";
    // More searches: two words, a rare word, a word too short for the trigram index.
    for (const char *text : {"ada schmidt", "9792489", "mu"}) {
        out << "search \"" << text << "\" (ids in Last Name order, first page): "
            << summary(measure(runs, none, [&rows, lastName, text](RecordTableModel &m) {
                   m.sort(lastName);
                   m.setRecordFilter({.search = QString::fromUtf8(text)});
                   rows = m.rowCount();
                   m.index(0, lastName).data();
               })) << " (" << rows << " rows)\n";
    }
    out << "Lead Status = Contacted (ids in Last Name order, first page): "
        << summary(measure(runs, none, [&rows, lastName](RecordTableModel &m) {
               m.sort(lastName);
               m.setRecordFilter({.equals = {{QStringLiteral("lead_status"), QStringLiteral("Contacted")}}});
               rows = m.rowCount();
               m.index(0, lastName).data();
           })) << " (" << rows << " rows)\n";
    int found = -1;
    out << "sorted by Last Name, rowOfId(987654) (not cached): "
        << summary(measure(runs, [lastName](RecordTableModel &m) { m.sort(lastName); },
                           [&found](RecordTableModel &m) { found = m.rowOfId(987654); }))
        << " (row " << found << ")\n";
    // The tab's way: the same reads on the worker thread. How long the GUI thread is held
    // (the call, and the longest gap between ticks of a 5 ms timer) and when the rows come.
    for (const auto &[label, filter, sortColumn] :
         {std::tuple{"search \"muller\"", RecordFilter{.search = QStringLiteral("muller")}, lastName},
          std::tuple{"search \"mu\"", RecordFilter{.search = QStringLiteral("mu")}, lastName},
          std::tuple{"sort by Title", RecordFilter{}, title}}) {
        RecordTableModel model(Entity::Lead, Connection, RecordTableModel::Loading::InBackground);
        QEventLoop loop;
        QObject::connect(&model, &RecordTableModel::loadingChanged, &loop, [&loop](bool busy) {
            if (!busy)
                loop.quit();
        });
        if (model.isLoading())
            loop.exec();
        QElapsedTimer t;
        qint64 last = 0, gap = 0;
        QTimer ticker;
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            gap = std::max(gap, t.elapsed() - last);
            last = t.elapsed();
        });
        ticker.start(5);
        t.start();
        model.sort(sortColumn);
        model.setRecordFilter(filter);
        const double callMs = t.nsecsElapsed() / 1e6;
        if (model.isLoading())
            loop.exec();
        out << "in the background, " << label << ": calls return in " << callMs
            << " ms, rows after " << t.elapsed() << " ms, longest GUI-thread gap " << gap
            << " ms (" << model.rowCount() << " rows)\n";
    }
    backgroundFirstPages(out, runs);
    firstPagesOnly(out, runs);
    Database::close(Connection);
    return 0;
}
