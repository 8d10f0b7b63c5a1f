// My Day over a database with many activities: how long reading the day takes
// (AgendaReader::read, every list), and the tab's first paint (constructed, shown, painted).
//   bench_myday DATABASE [RUNS]      (QT_QPA_PLATFORM=offscreen)
// Prints "median (best)" in ms for each.
#include "activities/agenda.h"
#include "day/mydaytab.h"
#include "storage/database.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTreeWidget>
#include <algorithm>
#include <cstdio>

using namespace Rapport;

namespace {

QString summary(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return QStringLiteral("%1 ms (%2 ms)").arg(ms.at(ms.size() / 2), 0, 'f', 1).arg(ms.first(), 0, 'f', 1);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_myday DATABASE [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    if (const QString e = Database::open(QString::fromLocal8Bit(argv[1]), "bench"); !e.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(e));
        return 1;
    }
    QList<double> read, paint;
    int items = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        AgendaFilter everyone;
        const Agenda a = AgendaReader("bench").read(everyone);
        read << t.nsecsElapsed() / 1e6;
        items = int(a.overdue.size() + a.today.size() + a.upcoming.size() + a.noNextStep.size());
        t.restart();
        MyDayTab tab("bench");
        tab.resize(1280, 800);
        tab.show();
        tab.repaint(); // painted, not only laid out
        paint << t.nsecsElapsed() / 1e6;
    }
    std::printf("read the day (everyone's, %d items): %s\n", items, qPrintable(summary(read)));
    std::printf("My Day tab constructed, shown and painted (mine): %s\n", qPrintable(summary(paint)));
    Database::close("bench");
    return 0;
}
