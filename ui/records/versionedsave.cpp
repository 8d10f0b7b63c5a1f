#include "records/versionedsave.h"

#include "prompts/prompter.h"
#include "records/mergedialog.h"
#include "records/recordtypes.h"
#include "storage/changelog.h"
#include "storage/connectionwatch.h"
#include "storage/editconflict.h"

namespace Rapport {

VersionedSave::VersionedSave(Entity entity, const QString &connection, Prompter &prompter,
                             QWidget *parent)
    : m_entity(entity)
    , m_connection(connection)
    , m_prompter(prompter)
    , m_parent(parent)
{
}

SaveOutcome VersionedSave::save(qint64 id, qint64 version, const QVariantMap &read,
                                const QVariantMap &changes, const QString &name)
{
    RecordStore store(m_connection);
    SaveOutcome outcome;
    QVariantMap base = read;
    QVariantMap mine = changes;
    for (;;) {
        outcome.result = store.update(m_entity, id, mine, version);
        if (outcome.result.ok()) {
            outcome.status = SaveOutcome::Status::Saved;
            return outcome;
        }
        // Not written because the connection is gone: the record is not "deleted meanwhile"
        // just because it cannot be read now. The caller keeps the rep's edits.
        if (ConnectionWatch::isLost(m_connection)
            || ConnectionWatch::reportFailure(m_connection, QSqlError())) {
            outcome.result.error = ConnectionWatch::lostText(m_connection);
            return outcome;
        }
        const std::optional<QVariantMap> theirs = store.load(m_entity, id);
        if (!theirs) {
            QVariantMap record = base;
            for (auto it = mine.cbegin(); it != mine.cend(); ++it)
                record.insert(it.key(), it.value());
            return deletedMeanwhile(id, record, name);
        }
        if (!outcome.result.stale)
            return outcome; // refused for what the rep wrote: the caller shows why
        const EditConflict conflict(m_entity, base, mine, *theirs);
        if (conflict.changedByBoth() > 0) {
            MergeDialog dialog(conflict, name, ChangeLog(m_connection).latest(m_entity, id),
                               m_connection, m_parent);
            if (dialog.exec() != QDialog::Accepted) {
                outcome.status = SaveOutcome::Status::Cancelled;
                return outcome;
            }
            mine = EditConflict::changes(dialog.choices());
        } else {
            // Each changed other fields (or the same ones alike): nothing to choose, both kept.
            mine = EditConflict::changes(conflict.differences());
        }
        // Against the newer version now: if it changed yet again, the rep is asked again.
        base = *theirs;
        version = theirs->value(QStringLiteral("version")).toLongLong();
        outcome.merged = true;
    }
}

SaveOutcome VersionedSave::deletedMeanwhile(qint64 id, const QVariantMap &record,
                                            const QString &name)
{
    SaveOutcome outcome;
    Question q;
    q.title = tr("Deleted Meanwhile");
    q.text = tr("%1 Your changes to “%2” cannot be saved to it.")
                 .arg(MergeDialog::whoChanged(ChangeLog(m_connection).latest(m_entity, id)),
                      name);
    q.details = tr("Save your version as a new %1, or discard your changes.")
                    .arg(entityNoun(m_entity));
    q.answers = {{tr("Save as &New"), QMessageBox::AcceptRole},
                 {tr("&Discard Changes"), QMessageBox::DestructiveRole},
                 {tr("&Cancel"), QMessageBox::RejectRole}};
    switch (m_prompter.ask(m_parent, q)) {
    case 0: break;
    case 1:
        outcome.status = SaveOutcome::Status::Discarded;
        return outcome;
    default:
        outcome.status = SaveOutcome::Status::Cancelled;
        return outcome;
    }
    // The record's own fields only: its id, version and time stamps are the new record's.
    QVariantMap values;
    for (auto it = record.cbegin(); it != record.cend(); ++it) {
        if (findField(m_entity, it.key()))
            values.insert(it.key(), it.value());
    }
    outcome.result = RecordStore(m_connection).insert(m_entity, values);
    outcome.savedAsNew = outcome.result.ok();
    outcome.status = outcome.savedAsNew ? SaveOutcome::Status::Saved : SaveOutcome::Status::Failed;
    return outcome;
}

} // namespace Rapport
