// Reps saving records at the same moment, in one process as ten desktop apps would (each a
// connection of its own on a thread of its own), against one database:
//   bench_saves DATABASE [CLIENTS [SECONDS [RECORDS]]]      (defaults 10, 60, 20)
// DATABASE is a file or a postgresql:// URL; the benchmark adds RECORDS leads of its own
// (last name "Bench Save N") and leaves the rest alone. Each client, for SECONDS: picks one of
// those leads at random (so clients collide), reads it, and saves a new Description with the
// version it read (RecordStore::update with ifVersion, as the form saves). A save refused as
// stale is a reported conflict; any other failure is an error. Afterwards each lead's version
// must have grown by exactly the saves that landed on it, and its Description must be the one
// the last of them wrote: otherwise an update was lost.
// Prints saves, conflicts, errors, lost updates, and the time of a save (read + write)
// as median, 90th percentile and worst, in ms.
#include "storage/database.h"
#include "storage/recordstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Rapport;

namespace {

struct Landed {
    int saves = 0;
    qint64 lastVersion = 0;
    QString lastText;
};

struct Tally {
    QMutex mutex;
    QList<double> ms;
    int conflicts = 0;
    QStringList errors;
    QHash<qint64, Landed> landed;
};

void client(int number, const QString &location, const QList<qint64> &ids, int seconds,
            Tally *tally)
{
    const QString connection = QStringLiteral("bench-save-%1").arg(number);
    if (const QString error = Database::open(location, connection); !error.isEmpty()) {
        QMutexLocker lock(&tally->mutex);
        tally->errors << QStringLiteral("client %1 opening: %2").arg(number).arg(error);
        return;
    }
    {
        RecordStore store(connection);
        QRandomGenerator random(quint32(number) + 1);
        QElapsedTimer run;
        run.start();
        for (int n = 0; run.elapsed() < seconds * 1000; ++n) {
            const qint64 id = ids.at(int(random.bounded(qsizetype(ids.size()))));
            const QString text = QStringLiteral("client %1 save %2").arg(number).arg(n);
            QElapsedTimer t;
            t.start();
            const std::optional<QVariantMap> read = store.load(Entity::Lead, id);
            const qint64 version = read ? read->value(QStringLiteral("version")).toLongLong() : -1;
            const WriteResult r =
                store.update(Entity::Lead, id, {{QStringLiteral("description"), text}}, version);
            const double ms = double(t.nsecsElapsed()) / 1e6;
            QMutexLocker lock(&tally->mutex);
            if (r.stale) {
                ++tally->conflicts;
            } else if (!r.ok()) {
                tally->errors << QStringLiteral("client %1, save %2 after %3 ms: %4")
                                     .arg(number).arg(n).arg(ms, 0, 'f', 1).arg(r.error);
            } else {
                tally->ms << ms;
                Landed &l = tally->landed[id];
                ++l.saves;
                if (r.version > l.lastVersion) {
                    l.lastVersion = r.version;
                    l.lastText = text;
                }
            }
        }
    }
    Database::close(connection);
}

double percentile(QList<double> ms, double p)
{
    if (ms.isEmpty())
        return 0;
    std::sort(ms.begin(), ms.end());
    return ms.at(std::min(qsizetype(ms.size() * p), ms.size() - 1));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_saves DATABASE [CLIENTS [SECONDS [RECORDS]]]\n");
        return 2;
    }
    const QString location = args.at(1);
    const int clients = args.size() > 2 ? args.at(2).toInt() : 10;
    const int seconds = args.size() > 3 ? args.at(3).toInt() : 60;
    const int records = args.size() > 4 ? args.at(4).toInt() : 20;
    const QString main = QStringLiteral("bench-main");
    if (const QString error = Database::open(location, main); !error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QList<qint64> ids;
    QHash<qint64, qint64> startVersion;
    {
        RecordStore store(main);
        for (int i = 0; i < records; ++i) {
            const WriteResult r = store.insert(
                Entity::Lead, {{QStringLiteral("last_name"), QStringLiteral("Bench Save %1").arg(i)}});
            if (!r.ok()) {
                std::fprintf(stderr, "%s\n", qPrintable(r.error));
                return 1;
            }
            ids << r.id;
            startVersion.insert(r.id, r.version);
        }
    }
    Tally tally;
    std::vector<QThread *> threads;
    for (int c = 0; c < clients; ++c) {
        threads.push_back(QThread::create(client, c, location, ids, seconds, &tally));
        threads.back()->start();
    }
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
    int lost = 0;
    {
        RecordStore store(main);
        for (const qint64 id : std::as_const(ids)) {
            const std::optional<QVariantMap> lead = store.load(Entity::Lead, id);
            const Landed l = tally.landed.value(id);
            const qint64 version = lead ? lead->value(QStringLiteral("version")).toLongLong() : -1;
            if (version != startVersion.value(id) + l.saves
                || (l.saves > 0 && lead->value(QStringLiteral("description")).toString() != l.lastText))
                ++lost;
        }
    }
    Database::close(main);
    std::printf("clients %d, %d s, %d leads\n", clients, seconds, records);
    std::printf("saves %lld, conflicts %d, errors %lld, lost updates %d\n",
                static_cast<long long>(tally.ms.size()), tally.conflicts,
                static_cast<long long>(tally.errors.size()), lost);
    std::printf("save (read + write): median %.1f ms, 90th percentile %.1f ms, worst %.1f ms\n",
                percentile(tally.ms, 0.5), percentile(tally.ms, 0.9), percentile(tally.ms, 1.0));
    for (const QString &e : std::as_const(tally.errors).mid(0, 5))
        std::printf("error: %s\n", qPrintable(e));
    return lost == 0 && tally.errors.isEmpty() ? 0 : 1;
}
