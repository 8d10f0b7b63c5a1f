// The tabs' background reads under load: counts and searches on several readers at once
// (each overtaking the others' requests), the tabs' own models, and imports and undos on a
// worker of their own, all on one database. Every result is checked against what its reader
// asked for, and the data must end as the imports and undos left it. Pass or fail does not
// depend on how the threads interleave, only on every interleaving being right.
// Run in the ThreadSanitizer build (.ci/setup) it also checks how each result reaches the
// window's thread: a worker's answer handed over only through Qt's event queue (which that
// build cannot see into) is reported there as a race, and the test fails.
#include "lists/backgroundidreader.h"
#include "lists/recordfilter.h"
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"
#include "storage/dbworker.h"
#include "storage/recordstore.h"
#include "transfer/importer.h"
#include "transfer/importjournal.h"
#include "support/engines.h"

#include <QFile>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Rapport;

namespace {

constexpr int BaseLeads = 40;
constexpr int Imports = 6;
constexpr int LeadsPerImport = 25;
constexpr int RequestsPerReader = 40;

QString importName(int import)
{
    return QStringLiteral("Stress%1").arg(import);
}

// A count or a search, tagged: the first value of its answer is the tag it was sent with, so
// an answer that reaches the wrong reader, or the right reader for another request, shows.
BackgroundIdReader::Request tagged(quint64 generation, qint64 tag, int search)
{
    BackgroundIdReader::Request r;
    r.generation = generation;
    if (search < 0) {
        r.sql = QStringLiteral("SELECT v FROM (SELECT CAST(? AS BIGINT) AS v, 0 AS k UNION ALL "
                               "SELECT COUNT(*), 1 FROM leads) t ORDER BY k");
        r.binds = {tag};
    } else {
        r.sql = QStringLiteral("SELECT v FROM (SELECT CAST(? AS BIGINT) AS v, 0 AS k UNION ALL "
                               "SELECT id, 1 FROM leads WHERE last_name = ?) t ORDER BY k, v");
        r.binds = {tag, importName(search)};
    }
    return r;
}

} // namespace

class TestBackgroundIdReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { m_fresh.drop(); }
    void readsImportsAndUndosAtOnce();

private:
    QString leadsFile(int import);
    Engines::FreshDatabase m_fresh{QStringLiteral("bgreads")};
};

QString TestBackgroundIdReader::leadsFile(int import)
{
    const QString path = m_fresh.path(QStringLiteral("%1.csv").arg(importName(import)));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("First Name,Last Name,Email\n");
    for (int i = 0; i < LeadsPerImport; ++i)
        f.write(QStringLiteral("P%1,%2,p%1.%3@example.com\n")
                    .arg(i).arg(importName(import)).arg(import).toUtf8());
    return path;
}

void TestBackgroundIdReader::readsImportsAndUndosAtOnce()
{
    // GIVEN a database with some leads, and the files of the imports to come
    QVERIFY(m_fresh.open(QStringLiteral("bgreads")));
    const QString db = QStringLiteral("bgreads");
    for (int i = 0; i < BaseLeads; ++i)
        QVERIFY(RecordStore(db).insert(Entity::Lead, {{"last_name", "Base"}}).ok());
    QStringList files;
    for (int i = 0; i < Imports; ++i) {
        files << leadsFile(i);
        QVERIFY(!files.last().isEmpty());
    }

    // The imports run one after the other on a worker; every other one is undone as soon as
    // it is done. A lead count any statement can see is one of these (each import and each
    // undo is one transaction).
    auto imported = std::make_shared<QList<qint64>>(); // journal ids, by import
    QList<bool> undone(Imports, false);
    QList<bool> undoing(Imports, false); // its undo has started: its rows may go any moment
    int writes = 0;
    QString writeError;
    DbWorker writer(db);
    std::function<void()> nextWrite = [&] {
        if (writes == Imports * 3 / 2)
            return;
        const int step = writes++;
        // 0: import 0, 1: import 1, 2: undo 1, 3: import 2, 4: import 3, 5: undo 3, ...
        const int import = step / 3 * 2 + (step % 3 == 0 ? 0 : 1);
        const bool undo = step % 3 == 2;
        auto outcome = std::make_shared<QString>();
        auto id = std::make_shared<qint64>(0);
        const qint64 undoId = undo ? imported->value(import) : 0;
        const QString file = files.value(import);
        if (undo)
            undoing[import] = true;
        writer.start(
            [=](const QString &connection) {
                if (undo) {
                    ImportJournal journal(connection);
                    if (journal.undo(undoId) != ImportJournal::UndoResult::Done)
                        *outcome = QStringLiteral("undo: ") + journal.errorString();
                    return;
                }
                ImportOptions options;
                options.filePath = file;
                const ImportResult r = Importer(connection).run(options);
                if (r.status != ImportResult::Status::Done || r.created != LeadsPerImport)
                    *outcome = QStringLiteral("import: ") + r.error;
                *id = r.importId;
            },
            [&, outcome, id, import, undo](const QString &error) {
                if (!error.isEmpty() || !outcome->isEmpty())
                    writeError += error + *outcome + QLatin1Char('\n');
                if (undo)
                    undone[import] = true;
                else
                    (*imported) << *id;
                nextWrite();
            });
    };

    // Readers: counts and searches for the imports' leads, tagged, each new request
    // overtaking the reader's running one now and then.
    constexpr int Readers = 4;
    std::vector<std::unique_ptr<BackgroundIdReader>> readers;
    QList<quint64> generation(Readers, 0);
    QList<int> search(Readers, -1); // what the latest request asked: -1 the count, else import
    QList<int> sent(Readers, 0), delivered(Readers, 0);
    QStringList wrong;
    const auto ask = [&](int r) {
        if (sent[r] == RequestsPerReader)
            return;
        ++sent[r];
        search[r] = r % 2 == 0 ? -1 : (sent[r] % Imports);
        const qint64 tag = qint64(r) * 1000000 + qint64(++generation[r]);
        readers[r]->read(tagged(generation[r], tag, search[r]));
    };
    for (int r = 0; r < Readers; ++r) {
        readers.push_back(std::make_unique<BackgroundIdReader>(db));
        connect(readers.back().get(), &BackgroundIdReader::finished, this,
                [&, r](const BackgroundIdReader::Result &result) {
                    ++delivered[r];
                    const QString who = QStringLiteral("reader %1, request %2: ").arg(r)
                                            .arg(result.generation);
                    const qint64 tag = qint64(r) * 1000000 + qint64(generation[r]);
                    if (result.generation != generation[r])
                        wrong << who + QStringLiteral("not the latest (%1)").arg(generation[r]);
                    else if (!result.error.isEmpty())
                        wrong << who + result.error;
                    else if (result.values.value(0) != tag)
                        wrong << who + QStringLiteral("tagged %1").arg(result.values.value(0));
                    else if (search[r] < 0 && (result.values.size() != 2
                                               || (result.values[1] - BaseLeads)
                                                          % LeadsPerImport != 0))
                        wrong << who + QStringLiteral("a count of %1 values, %2 leads")
                                           .arg(result.values.size())
                                           .arg(result.values.value(1));
                    else if (search[r] >= 0 && result.values.size() != 1
                             && result.values.size() != 1 + LeadsPerImport)
                        wrong << who + QStringLiteral("%1 leads found")
                                           .arg(result.values.size() - 1);
                    ask(r);
                    ask((r + 1) % Readers); // overtakes the next reader's request
                });
    }
    // ... and the tabs' own models, searching and counting as the user types.
    RecordTableModel all(Entity::Lead, db, RecordTableModel::Loading::InBackground);
    RecordTableModel found(Entity::Lead, db, RecordTableModel::Loading::InBackground);
    int modelChecks = 0;
    const auto checkModels = [&] {
        ++modelChecks;
        if (!all.isLoading() && (all.rowCount() - BaseLeads) % LeadsPerImport != 0)
            wrong << QStringLiteral("the list shows %1 leads").arg(all.rowCount());
        if (!found.isLoading() && found.rowCount() != 0 && found.rowCount() != LeadsPerImport)
            wrong << QStringLiteral("the search shows %1 leads").arg(found.rowCount());
        for (const ImportEntry &e : ImportJournal(db).list())
            if (!e.file.endsWith(QLatin1String(".csv")) || e.module != QLatin1String("leads"))
                wrong << QStringLiteral("the history lists %1 %2").arg(e.file, e.module);
        if (found.isLoading() || found.rowCount() == 0)
            return;
        // A row is empty only when its lead was removed after the ids were read: an undo.
        const QString name =
            found.data(found.index(0, fieldIndex(Entity::Lead, "last_name"))).toString();
        const int import = int(found.filter().search.mid(6).toInt());
        if (name != found.filter().search && !(name.isEmpty() && undoing[import]))
            wrong << QStringLiteral("the search for %1 shows “%2”")
                         .arg(found.filter().search, name);
    };
    connect(&all, &QAbstractItemModel::modelReset, this, checkModels);
    connect(&found, &QAbstractItemModel::modelReset, this, checkModels);
    connect(&all, &RecordTableModel::loadingChanged, this, [&](bool loading) {
        if (!loading && writes < Imports * 3 / 2)
            all.reload();
    });
    connect(&found, &RecordTableModel::loadingChanged, this, [&](bool loading) {
        if (!loading && writes < Imports * 3 / 2)
            found.setRecordFilter({.search = importName(modelChecks % Imports)});
    });

    // WHEN all of them run at once
    nextWrite();
    for (int r = 0; r < Readers; ++r)
        ask(r);

    // THEN every reader got answers to its own requests only, and the last of each
    QTRY_VERIFY_WITH_TIMEOUT(writes == Imports * 3 / 2 && !writer.isRunning(), 300000);
    QTRY_VERIFY_WITH_TIMEOUT(sent == QList<int>(Readers, RequestsPerReader)
                                 && !all.isLoading() && !found.isLoading(), 300000);
    for (int r = 0; r < Readers; ++r)
        QTRY_VERIFY_WITH_TIMEOUT(delivered[r] > 0, 300000);
    QCOMPARE(writeError, QString());
    if (!wrong.isEmpty())
        qWarning().noquote() << wrong.join(QLatin1Char('\n'));
    QCOMPARE(wrong, QStringList());
    // ... the last answer of each reader is what the database holds now
    readers.clear();
    qint64 kept = 0;
    for (int i = 0; i < Imports; ++i)
        kept += undone[i] ? 0 : LeadsPerImport;
    RecordFilter every;
    every.converted = RecordFilter::Converted::Include;
    QCOMPARE(countRecords(db, Entity::Lead, every), BaseLeads + kept);
    all.reload();
    QTRY_VERIFY_WITH_TIMEOUT(!all.isLoading(), 300000);
    QCOMPARE(all.rowCount(), BaseLeads + kept);
    // ... and the data is as the imports and undos left it
    for (int i = 0; i < Imports; ++i) {
        RecordFilter one = every;
        one.search = importName(i);
        QCOMPARE(countRecords(db, Entity::Lead, one), undone[i] ? 0 : LeadsPerImport);
    }
    const QList<ImportEntry> journal = ImportJournal(db).list();
    QCOMPARE(journal.size(), Imports);
    for (const ImportEntry &e : journal)
        QCOMPARE(e.undone, undone[imported->indexOf(e.id)]);
}

QTEST_MAIN(TestBackgroundIdReader)
#include "tst_backgroundidreader.moc"
