// The in-process half of the scale benchmark (tests/bench/run_benchmarks.sh, issue 12): what a
// user waits for in the window on a database of many leads, each figure with the longest the
// GUI thread went without turning meanwhile (GuiGapProbe). Not run by ctest.
//   bench_scale columns                      the lead fields, one a line (for the script)
//   bench_scale read DATABASE RUNS PHONE     open, searches, sorts, scrollbar jumps, memory,
//                                            and Qt's own view over as many trivial rows
//   bench_scale convert DATABASE RUNS QUEUE  one conversion with matching, then a queue
// Prints one line per figure, tab-separated: figure, median ms, best ms, longest GUI-thread
// gap ms, a note. Run with QT_QPA_PLATFORM=offscreen.
#include "guigapprobe.h"
#include "../support/scriptedprompter.h"

#include "conversion/conversionqueuedialog.h"
#include "conversion/converter.h"
#include "lists/recordtablemodel.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"
#include "storage/checkpointer.h"
#include "storage/database.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTableWidget>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace Rapport;

namespace {

const QString Connection = QStringLiteral("bench");

// Handles events until `done`, at most `limitMs`; false if it never came.
bool waitFor(const std::function<bool()> &done, int limitMs = 600000)
{
    QElapsedTimer limit;
    limit.start();
    while (!done()) {
        if (limit.elapsed() > limitMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 1);
    }
    return true;
}

void print(const QString &figure, QList<double> ms, double gap, const QString &note = {})
{
    std::sort(ms.begin(), ms.end());
    std::printf("%s\t%.2f\t%.2f\t%.1f\t%s\n", qPrintable(figure), ms.at(ms.size() / 2),
                ms.first(), gap, qPrintable(note));
    std::fflush(stdout);
}

// Whether the rows the view shows are read (none answers LoadingRole).
bool visibleRowsThere(const QTableView &view)
{
    const auto *model = view.model();
    if (!model || model->rowCount() == 0)
        return true;
    const int top = std::max(view.rowAt(0), 0);
    int bottom = view.rowAt(view.viewport()->height() - 1);
    if (bottom < 0)
        bottom = model->rowCount() - 1;
    for (int row : {top, bottom}) {
        if (model->index(row, 0).data(RecordTableModel::LoadingRole).toBool())
            return false;
    }
    return true;
}

// Ms from now until a request made by `ask` has its first page shown and painted in the tab.
double firstPagePainted(RecordTab &tab, const std::function<void()> &ask)
{
    RecordTableModel *model = tab.model();
    bool shown = false;
    const auto reset = QObject::connect(model, &QAbstractItemModel::modelReset,
                                        [&shown] { shown = true; });
    QElapsedTimer t;
    t.start();
    ask();
    waitFor([&] { return (shown || !model->isLoading()) && visibleRowsThere(*tab.view()); });
    tab.view()->viewport()->repaint();
    const double ms = t.nsecsElapsed() / 1e6;
    QObject::disconnect(reset);
    waitFor([model] { return !model->isLoading(); }); // the count, before the next request
    return ms;
}

qint64 statusKb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

std::unique_ptr<RecordTab> shownTab(const QString &connection)
{
    auto tab = std::make_unique<RecordTab>(Entity::Lead, connection);
    tab->resize(1280, 800);
    tab->show();
    return tab;
}

// Launch: the database opened, the Leads tab made, shown and its first page painted. The first
// of the runs is the process's first window ("launch": Qt sets up its style and fonts before
// any frame is shown, so its gap holds no frame up); the others open the database again as
// File › Open does in a running app.
void openFigure(const QString &path, int runs, GuiGapProbe &probe)
{
    QList<double> ms;
    int rows = 0;
    double launchGap = 0, openGap = 0;
    probe.take();
    for (int i = 0; i < runs; ++i) {
        const QString connection = QStringLiteral("open%1").arg(i);
        QElapsedTimer t;
        t.start();
        if (const QString e = Database::open(path, connection); !e.isEmpty())
            qFatal("%s", qPrintable(e));
        {
            auto tab = shownTab(connection);
            waitFor([&] {
                const RecordTableModel *model = tab->model();
                return (model->rowCount() > 0 || !model->isLoading())
                    && visibleRowsThere(*tab->view());
            });
            tab->view()->viewport()->repaint();
            ms << t.nsecsElapsed() / 1e6;
            waitFor([&] { return !tab->model()->isLoading(); });
            rows = tab->model()->rowCount();
        }
        Database::close(connection);
        (i == 0 ? launchGap : openGap) = std::max(i == 0 ? launchGap : openGap, probe.take());
    }
    print(QStringLiteral("launch"), {ms.first()}, launchGap,
          QStringLiteral("the process's first tab, before any frame"));
    print(QStringLiteral("open"), ms, runs > 1 ? openGap : launchGap,
          QStringLiteral("%1 rows").arg(rows));
}

void searchFigures(RecordTab &tab, int runs, const QString &phone, GuiGapProbe &probe)
{
    RecordTableModel *model = tab.model();
    const QStringList terms = {QStringLiteral("m"), QStringLiteral("mu"), QStringLiteral("muller"),
                               phone, QStringLiteral("qzxv")};
    const QStringList keys = {QStringLiteral("search-1"), QStringLiteral("search-2"),
                              QStringLiteral("search-word"), QStringLiteral("search-phone"),
                              QStringLiteral("search-absent")};
    for (int k = 0; k < terms.size(); ++k) {
        QList<double> ms;
        int rows = 0;
        probe.take();
        for (int i = 0; i < runs; ++i) {
            model->setRecordFilter({});
            waitFor([model] { return !model->isLoading(); });
            ms << firstPagePainted(tab, [&] { model->setRecordFilter({.search = terms.at(k)}); });
            rows = model->rowCount();
        }
        print(keys.at(k), ms, probe.take(),
              QStringLiteral("\"%1\": %2 rows").arg(terms.at(k)).arg(rows));
    }
    model->setRecordFilter({});
    waitFor([model] { return !model->isLoading(); });
}

// Every column the tab shows, each sorted ascending; `runs` rounds over all of them.
void sortFigures(RecordTab &tab, int runs, GuiGapProbe &probe)
{
    QHeaderView *header = tab.view()->horizontalHeader();
    for (int c = 0; c < header->count(); ++c) {
        if (header->isSectionHidden(c))
            continue;
        const QString name = entityDef(Entity::Lead).fields.at(c).name;
        QList<double> ms;
        probe.take();
        for (int i = 0; i < runs; ++i) {
            tab.view()->sortByColumn(-1, Qt::AscendingOrder);
            waitFor([&] { return !tab.model()->isLoading(); });
            ms << firstPagePainted(tab, [&] { tab.view()->sortByColumn(c, Qt::AscendingOrder); });
        }
        print(QStringLiteral("sort-") + name, ms, probe.take());
    }
}

// The scrollbar dragged to 5 %, 10 % … 100 % of the list sorted by Last Name, and back to the
// top: each step until the rows shown are read and painted.
void jumpFigure(RecordTab &tab, int runs, GuiGapProbe &probe)
{
    const int lastName = fieldIndex(Entity::Lead, QStringLiteral("last_name"));
    tab.view()->sortByColumn(lastName, Qt::AscendingOrder);
    waitFor([&] { return !tab.model()->isLoading(); });
    QScrollBar *bar = tab.view()->verticalScrollBar();
    QList<double> ms;
    double worst = 0;
    const bool verbose = qEnvironmentVariableIntValue("BENCH_VERBOSE") != 0;
    probe.take();
    for (int i = 0; i < runs; ++i) {
        for (int step = 1; step <= 21; ++step) {
            const int value = step == 21 ? 0 : int(qint64(bar->maximum()) * step / 20);
            QElapsedTimer t;
            t.start();
            bar->setValue(value);
            waitFor([&] { return visibleRowsThere(*tab.view()); });
            tab.view()->viewport()->repaint();
            ms << t.nsecsElapsed() / 1e6;
            const double gap = probe.take();
            worst = std::max(worst, gap);
            if (verbose)
                std::fprintf(stderr, "jump to %d: %.1f ms, gap %.1f ms\n", value, ms.last(), gap);
        }
    }
    print(QStringLiteral("jump"), ms, worst,
          QStringLiteral("%1 steps by the scrollbar").arg(ms.size()));
}

// What Qt's own table view costs the GUI thread for as many rows, Rapport's model aside: a
// model of `rows` trivial rows grown from a page (rowsInserted, as a search's rows grow to its
// count) and reset to them (as a new sort shows them). The view keeps an entry per row in its
// vertical header, hidden or not. Gap column 0: these are the costs, not the probe's.
class TrivialRows : public QAbstractTableModel
{
public:
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : m_rows;
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : 8;
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        return role == Qt::DisplayRole ? QVariant(index.row()) : QVariant();
    }
    void grow(int rows)
    {
        beginInsertRows({}, m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    }
    void reset(int rows)
    {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    }

private:
    int m_rows = RecordTableModel::PageSize;
};

void qtViewFigures(int rows, int runs)
{
    TrivialRows model;
    QTableView view;
    view.setModel(&model);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->hide();
    view.resize(1280, 800);
    view.show();
    QCoreApplication::processEvents();
    QList<double> grown, reset;
    for (int i = 0; i < runs; ++i) {
        model.reset(RecordTableModel::PageSize);
        QElapsedTimer t;
        t.start();
        model.grow(rows);
        grown << t.nsecsElapsed() / 1e6;
        model.reset(RecordTableModel::PageSize);
        t.start();
        model.reset(rows);
        reset << t.nsecsElapsed() / 1e6;
    }
    print(QStringLiteral("qt-grow"), grown, 0,
          QStringLiteral("Qt's QTableView alone: a page's rows grown to %1").arg(rows));
    print(QStringLiteral("qt-reset"), reset, 0,
          QStringLiteral("Qt's QTableView alone: reset to %1 rows").arg(rows));
}

int read(const QString &path, int runs, const QString &phone)
{
    GuiGapProbe probe;
    int rows = 0;
    openFigure(path, runs, probe);
    if (const QString e = Database::open(path, Connection); !e.isEmpty())
        qFatal("%s", qPrintable(e));
    {
        auto tab = shownTab(Connection);
        waitFor([&] { return !tab->model()->isLoading(); });
        searchFigures(*tab, runs, phone, probe);
        sortFigures(*tab, runs, probe);
        jumpFigure(*tab, runs, probe);
        const QString memory = QStringLiteral("resident now %1 MB, peak %2 MB")
                                   .arg(statusKb("VmRSS:") / 1024).arg(statusKb("VmHWM:") / 1024);
        print(QStringLiteral("memory"), {statusKb("VmHWM:") / 1024.0}, probe.take(), memory);
        rows = tab->model()->rowCount();
    }
    print(QStringLiteral("gui-gap"), {probe.longest()}, probe.longest(),
          QStringLiteral("longest over all of the above"));
    Database::close(Connection);
    qtViewFigures(rows, runs);
    return 0;
}

// One lead converted as the wizard's default does (suggest: the exact matches, then convert),
// `runs` times; then a queue of `queue` leads accepted one by one, as Enter does.
int convert(const QString &path, int runs, int queue)
{
    if (const QString e = Database::open(path, Connection); !e.isEmpty())
        qFatal("%s", qPrintable(e));
    // As the main window has it: the window's commits leave the log's checkpoints to a worker.
    const Checkpointer checkpointer(Connection);
    GuiGapProbe probe;
    const RecordTableModel leads(Entity::Lead, Connection);
    const int rows = leads.rowCount();
    QList<double> ms;
    probe.take();
    for (int i = 0; i < runs; ++i) {
        const qint64 id = leads.idAt(rows - 1 - i * 97);
        QElapsedTimer t;
        t.start();
        const Converter converter(Connection);
        const std::optional<ConversionPlan> plan = converter.suggest(id);
        const ConversionResult result = plan ? converter.convert(*plan) : ConversionResult{};
        ms << t.nsecsElapsed() / 1e6;
        if (!result.ok())
            qFatal("converting lead %lld failed: %s", id, qPrintable(result.error));
        QCoreApplication::processEvents();
    }
    print(QStringLiteral("convert-one"), ms, probe.take());

    QList<qint64> ids = leads.idsInRows(0, std::min(queue, rows));
    QElapsedTimer t;
    t.start();
    ConversionQueueDialog dialog(ids, Connection);
    // The report at the end is answered as a click on OK would.
    auto prompter = std::make_shared<ScriptedPrompter>();
    prompter->answers = {QStringLiteral("OK")};
    dialog.setPrompter(prompter);
    dialog.show();
    const double made = t.nsecsElapsed() / 1e6;
    int converted = 0;
    QObject::connect(&dialog, &ConversionQueueDialog::converted, [&converted] { ++converted; });
    for (int i = 0; i < ids.size(); ++i) {
        // Enter on a lead whose suggestion is still being worked out waits for it.
        const int before = converted;
        dialog.acceptCurrent();
        QCoreApplication::processEvents();
        waitFor([&] { return converted > before || !dialog.isVisible(); }, 10000);
    }
    print(QStringLiteral("convert-queue"), {t.nsecsElapsed() / 1e6}, probe.take(),
          QStringLiteral("%1 of %2 converted; the dialog made in %3 ms; the report %4")
              .arg(converted).arg(ids.size()).arg(made, 0, 'f', 0)
              .arg(prompter->asked.size() == 1 ? QStringLiteral("shown")
                                               : QStringLiteral("missing")));
    Database::close(Connection);
    return converted == ids.size() ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString mode = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (mode == QLatin1String("columns")) {
        for (const FieldDef &field : entityDef(Entity::Lead).fields)
            std::printf("%s\n", qPrintable(field.name));
        return 0;
    }
    if ((mode != QLatin1String("read") && mode != QLatin1String("convert")) || argc < 5) {
        std::fprintf(stderr, "usage: bench_scale columns\n"
                             "       bench_scale read DATABASE RUNS PHONE\n"
                             "       bench_scale convert DATABASE RUNS QUEUE\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[2]);
    const int runs = std::max(1, QByteArray(argv[3]).toInt());
    if (mode == QLatin1String("read"))
        return read(path, runs, QString::fromLocal8Bit(argv[4]));
    return convert(path, runs, std::max(1, QByteArray(argv[4]).toInt()));
}
