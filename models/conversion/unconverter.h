#pragma once
// Undoing a lead conversion, from its journal: the lead becomes an ordinary lead again,
// the records the conversion created are deleted and the values it changed on existing
// records are put back. check() first says exactly what blocks or what would be lost
// (records edited, noted or linked since); the caller then picks a mode.

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <functional>

namespace Rapport {

enum class UnconvertMode {
    Refuse,     // do nothing if anything would be lost (the default)
    KeepEdited, // keep created records that were edited, noted or linked since, and the
                // values changed since on existing records; undo the rest
    Discard     // undo everything; later edits and notes on created records are lost,
                // records linked to them since lose that link
};

struct UnconvertIssue {
    enum class Kind {
        CreatedEdited,   // a created record's field changed since (`field`)
        CreatedHasNotes, // a created record got notes since
        LinkedSince,     // `linkedEntity`/`linkedId` was linked to a created record since
        ExistingChanged, // a field the conversion changed on an existing record changed since
        RecordGone       // a record of the conversion was deleted since (nothing to undo)
    };
    Kind kind = Kind::CreatedEdited;
    Entity entity = Entity::Contact; // the record concerned
    qint64 id = 0;
    QString field;
    Entity linkedEntity = Entity::Deal;
    qint64 linkedId = 0;
    QString message; // one sentence for the user
    bool blocking() const { return kind != Kind::RecordGone; }
};

using RecordRef = QPair<Entity, qint64>;

struct UnconvertReport {
    enum class Status { Ok, UnknownLead, NotConverted, Conflicts, Refused, Failed };
    Status status = Status::Failed;
    QString error; // a sentence for the user when not ok
    qint64 leadId = 0;
    qint64 conversionId = 0;
    QList<UnconvertIssue> issues;
    // Filled by unconvert():
    QList<RecordRef> deleted;  // created records removed
    QList<RecordRef> kept;     // created records kept (KeepEdited)
    QList<RecordRef> restored; // existing records whose values were put back
    bool ok() const { return status == Status::Ok; }
    bool hasBlockingIssues() const;
};

class Unconverter
{
    Q_DECLARE_TR_FUNCTIONS(Unconverter)

public:
    // As Converter::StepHook: steps "lead", "restore", "delete", "journal", "commit".
    using StepHook = std::function<QString(const QString &step)>;

    explicit Unconverter(const QString &connectionName);
    void setStepHook(StepHook hook) { m_hook = std::move(hook); }

    // What unconverting the lead would block on or lose; writes nothing.
    UnconvertReport check(qint64 leadId) const;
    // One transaction; with Refuse and blocking issues, status Conflicts and nothing written.
    UnconvertReport unconvert(qint64 leadId, UnconvertMode mode = UnconvertMode::Refuse) const;

private:
    QString m_connection;
    StepHook m_hook;
};

} // namespace Rapport
