#pragma once
// Imports a file (CSV, a workbook's sheet, vCards: see ImportSource) into one record type, all or nothing. Two passes over the file, so a
// million rows never sit in memory: check() reads and validates every row and decides, per
// row, create / update which record / skip / reject (duplicates by Record Id in Rapport's
// own exports and by email, in the file and against the database); then, unless it is a
// dry run, the file is read again and written in ONE transaction with one prepared INSERT
// (and one UPDATE), recorded in the import journal so that it can be undone.
//
// Threads: create the Importer on a worker thread with a connection of its own, e.g.
//     Database::openClone(mainConnection, "import-worker");   // on the worker thread
//     Importer importer("import-worker");
//     importer.setCancelFlag(&m_cancel);                       // std::atomic_bool, GUI sets it
//     importer.setProgressCallback([&](auto phase, qint64 done, qint64 total) {
//         QMetaObject::invokeMethod(wizard, [=] { ... }, Qt::QueuedConnection); });
//     ImportResult r = importer.run(options);
//     Database::close("import-worker");                         // still on the worker
// Cancelling (or any failure) rolls the transaction back: the database is as before.

#include "transfer/importoptions.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QIODevice;

namespace Rapport {

class RowReader;
class RowConverter;

struct ImportPreview {
    QString error;              // the file cannot be read (the message says why)
    FileFormat format = FileFormat::Csv;
    QStringList sheets;         // a workbook's sheets
    CsvDialect dialect;
    QStringList headers;
    QStringList mapping;        // HeaderMatcher's guess, one entry per column
    QList<QStringList> rows;    // the first rows, as read
};

class Importer
{
    Q_DECLARE_TR_FUNCTIONS(Importer)

public:
    enum class Phase { Checking, Writing };
    using Progress = std::function<void(Phase phase, qint64 bytesDone, qint64 bytesTotal)>;

    explicit Importer(const QString &connectionName);
    ~Importer();

    void setProgressCallback(Progress callback) { m_progress = std::move(callback); }
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }

    // Checks every row; then writes, unless options.dryRun. Counts in the result are what
    // was (or, in a dry run, would be) done.
    ImportResult run(const ImportOptions &options);

    // The rejected rows of `result` as CSV the user can fix and re-import: the original
    // cells, then the line number and the problem.
    // "" when written, or why not.
    QString writeRejected(const ImportOptions &options, const ImportResult &result,
                          QIODevice *out);

    // The next record of `reader` with the user's fixes applied: dropped rows left out,
    // fixed rows replaced. False at the end or on a read error.
    static bool readRecord(RowReader &reader, const RowEdits &edits, QStringList &cells);

    // For the wizard's first pages: dialect, headers, the automatic mapping and some rows.
    static ImportPreview preview(const ImportOptions &options, int maxRows = 20);

private:
    enum Decision : qint64 { Create = 0, Reject = -1, Skip = -2, Blank = -3 };

    struct Lookups;
    bool check(const ImportOptions &options, ImportResult &r);
    bool write(const ImportOptions &options, ImportResult &r);
    // Adds ImportOptions::addToList to the lists, journalled with the import; a note each.
    QString addToLists(const ImportOptions &options, qint64 importId, QStringList &notes);
    qint64 decide(const ImportOptions &options, const QVariantMap &values, ImportResult &r,
                  Lookups &lookups);
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    void report(Phase phase, const RowReader &reader);

    QString m_connection;
    Progress m_progress;
    const std::atomic_bool *m_cancel = nullptr;
    std::vector<qint64> m_decisions;           // per record after the header
    std::unique_ptr<RowConverter> m_converter;
    QSet<size_t> m_seen; // hashed duplicate keys: 8 bytes each, for the check only
    bool m_trustIds = false;
    qint64 m_inFileDuplicates = 0;
};

} // namespace Rapport
