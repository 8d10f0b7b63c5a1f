#pragma once
// Saving a rep's edits to a record with the version they read, so that a colleague's newer
// save is never overwritten unseen. When the record changed meanwhile, the rep's changes are
// saved against the newer version: at once where the two changed different fields, else
// after the merge dialog has shown both versions of the fields both changed and the rep has
// chosen (and again if it changed yet again meanwhile). When it was deleted meanwhile, the
// rep saves theirs as a new record or discards it. The record window and the detail pane both
// save through it.

#include "records/fielddef.h"
#include "storage/recordstore.h"

#include <QCoreApplication>
#include <QVariantMap>

class QWidget;

namespace Rapport {

class Prompter;

struct SaveOutcome {
    enum class Status {
        Saved,     // written (result.id: a new record's when it was saved as new)
        Cancelled, // the rep went back to their edits: nothing written, nothing lost
        Discarded, // the record was deleted meanwhile and the rep dropped their edits
        Failed     // refused: result says why (fieldErrors, error)
    };
    Status status = Status::Failed;
    WriteResult result;
    bool merged = false;     // the record now holds a colleague's values too: show it again
    bool savedAsNew = false; // deleted meanwhile, saved again as result.id
};

class VersionedSave
{
    Q_DECLARE_TR_FUNCTIONS(VersionedSave)

public:
    VersionedSave(Entity entity, const QString &connection, Prompter &prompter,
                  QWidget *parent);

    // Writes `changes` over record `id`, which the rep read as `read` at `version`.
    // `name` is the record as the rep knows it, for the questions.
    SaveOutcome save(qint64 id, qint64 version, const QVariantMap &read,
                     const QVariantMap &changes, const QString &name);

private:
    SaveOutcome deletedMeanwhile(qint64 id, const QVariantMap &record, const QString &name);

    Entity m_entity;
    QString m_connection;
    Prompter &m_prompter;
    QWidget *m_parent;
};

} // namespace Rapport
