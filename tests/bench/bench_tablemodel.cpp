// Times what a user waits for on a big Leads tab: opening it, jumping to the end of the list
// sorted by Last Name, searching, finding a record's row. Not run by ctest; see BENCHMARKS.md.
//   bench_tablemodel /tmp/bench.sqlite
#include "database.h"
#include "recordtablemodel.h"
#include "recordtypes.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <functional>

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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc < 2) {
        out << "usage: bench_tablemodel DATABASE [RUNS]\n";
        return 2;
    }
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 7;
    QElapsedTimer open;
    open.start();
    if (const QSqlError e = Database::open(QString::fromLocal8Bit(argv[1]), Connection);
        e.isValid()) {
        out << e.text() << "\n";
        return 1;
    }
    out << "open database: " << open.elapsed() << " ms\n";
    const int lastName = fieldIndex(Entity::Lead, QStringLiteral("last_name"));
    const auto none = [](RecordTableModel &) {};
    const auto byLastName = [lastName](RecordTableModel &m) { m.sort(lastName); };

    int rows = 0;
    out << "construct model + rowCount(): "
        << summary(measure(runs, none, [&rows](RecordTableModel &m) { rows = m.rowCount(); }))
        << " (" << rows << " rows)\n";

    QString name;
    const auto rowAt = [&name, lastName](int row) {
        return [&name, lastName, row](RecordTableModel &m) {
            name = m.index(row, lastName).data().toString();
        };
    };
    for (int row : {0, 500000, 999900}) {
        out << "page at row " << row << " by Last Name: "
            << summary(measure(runs, byLastName, rowAt(row))) << " (" << name << ")\n";
    }
    out << "page at row 999900 by Last Name, descending: "
        << summary(measure(runs, [lastName](RecordTableModel &m) {
               m.sort(lastName, Qt::DescendingOrder);
           }, rowAt(999900))) << "\n";
    out << "page at row 999900 by Title (not indexed): "
        << summary(measure(3, [](RecordTableModel &m) {
               m.sort(fieldIndex(Entity::Lead, QStringLiteral("title")));
           }, rowAt(999900))) << "\n";
    out << "search \"muller\" (count, then first page): "
        << summary(measure(runs, byLastName, [&rows, lastName](RecordTableModel &m) {
               m.setFilter({.search = QStringLiteral("muller")});
               rows = m.rowCount();
               m.index(0, lastName).data();
           })) << " (" << rows << " rows)\n";
    out << "Lead Status = Contacted (count, then first page): "
        << summary(measure(runs, byLastName, [&rows, lastName](RecordTableModel &m) {
               m.setFilter({.equals = {{QStringLiteral("lead_status"), QStringLiteral("Contacted")}}});
               rows = m.rowCount();
               m.index(0, lastName).data();
           })) << " (" << rows << " rows)\n";
    int found = -1;
    out << "rowOfId(987654) by Last Name: "
        << summary(measure(runs, byLastName, [&found](RecordTableModel &m) {
               found = m.rowOfId(987654);
           })) << " (row " << found << ")\n";
    Database::close(Connection);
    return 0;
}
