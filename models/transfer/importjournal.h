#pragma once
// The import history: one row per import (module, file, time, counts) in `imports`, and in
// `import_records` the ids it created (as runs of consecutive ids, so a million-row import
// costs a handful of rows) and, per updated record, the values it overwrote. That is
// enough to undo any import later, in one transaction, as long as nobody changed those
// records since; if somebody did, undo refuses rather than lose their work. The parent
// records an import made (the accounts its contacts named) are journalled with their type
// and removed by undo too, unless something else came to use them. The undo's statements,
// set-based whatever the import's size, are in transfer/importundo.h.

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QVariantMap>
#include <memory>
#include <optional>

class QSqlQuery;

namespace Rapport {

class ImportUndo;

struct ImportEntry {
    qint64 id = 0;
    QString module;   // "leads", ...
    QString file;     // file name as given
    QString time;     // UTC, ISO 8601 ("2026-11-23T12:00:00Z")
    qint64 created = 0, updated = 0, skipped = 0, rejected = 0;
    bool undone = false;
};

class ImportJournal
{
    Q_DECLARE_TR_FUNCTIONS(ImportJournal)

public:
    enum class UndoResult { Done, UnknownImport, AlreadyUndone, Conflict, Failed };

    explicit ImportJournal(const QString &connectionName);
    ~ImportJournal();

    // Writing, inside the importer's transaction. `stamp` is the created_at/modified_at the
    // import gives its records; undo uses it to see whether they were changed since.
    bool begin(Entity entity, const QString &file, const QString &stamp);
    bool addCreated(qint64 recordId);
    bool addUpdated(qint64 recordId, const QVariantMap &previous);
    // A parent record the import made for its rows (an account a contact's row named).
    bool addParent(Entity entity, qint64 recordId);
    bool finish(qint64 created, qint64 updated, qint64 skipped, qint64 rejected);
    qint64 importId() const { return m_importId; }
    QString errorString() const { return m_error; }

    QList<ImportEntry> list() const;   // newest first
    std::optional<ImportEntry> find(qint64 importId) const;

    // Removes what the import created and restores what it updated, in one transaction.
    UndoResult undo(qint64 importId);

private:
    bool flushRun();
    bool fail(const QString &message);
    // `parent`: the runs of the parent records of that type, else the import's own.
    bool checkUnchanged(ImportUndo &undo, Entity entity, const QString &stamp,
                        bool parent = false);
    QList<Entity> parentEntities();

    QString m_connection;
    QString m_error;
    qint64 m_importId = 0;
    QString m_table, m_file; // of the import being written
    qint64 m_runFirst = 0;
    qint64 m_runLast = 0;
    bool m_conflict = false;
    std::unique_ptr<QSqlQuery> m_addUpdated; // only while an import writes
};

} // namespace Rapport
