#pragma once
// The record of one lead conversion that makes undo possible: what it created (with the
// values it gave them, to tell later edits apart) and, for every field it changed on an
// existing record, the value before and after. One row of the conversions table.

#include "records/fielddef.h"

#include "storage/recordstore.h"

#include <QList>
#include <QString>
#include <QVariantMap>
#include <optional>

namespace Rapport {

struct RecordChange {
    Entity entity = Entity::Account;
    qint64 id = 0;
    QVariantMap before; // changed columns, and modified_at
    QVariantMap after;
};

struct ConversionRecord {
    qint64 id = 0;
    qint64 leadId = 0;
    QString convertedAt;
    qint64 accountId = 0; // 0: none
    bool accountCreated = false;
    qint64 contactId = 0;
    bool contactCreated = false;
    qint64 dealId = 0;    // 0: none (a deal is always created)
    QHash<Entity, QVariantMap> created; // field values the created records were given
    QList<RecordChange> changes;        // existing records the conversion changed
    // The lead's Lead Status before it became "Converted", put back by the undo. Conversions
    // made before Rapport set it have none (leadStatusSet false) and leave it as it is.
    QVariant leadStatus;
    bool leadStatusSet = false;
};

class ConversionJournal
{
public:
    explicit ConversionJournal(const QString &connectionName);
    // The new journal entry (its id), or the error.
    WriteResult write(const ConversionRecord &record) const;
    // The lead's conversion that is not undone yet.
    std::optional<ConversionRecord> current(qint64 leadId) const;
    // "" when done, or the error.
    QString markUndone(qint64 id) const;
    // Who made the lead's latest conversion, as the change log has it ("" when unknown).
    QString convertedBy(qint64 leadId) const;

private:
    QString m_connection;
};

} // namespace Rapport
