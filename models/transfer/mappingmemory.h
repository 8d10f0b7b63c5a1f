#pragma once
// Remembers the column mapping a user chose in the import wizard, per record type and set
// of headers, so the next file from the same source (same headers, in any case or spacing)
// comes up mapped the same way, and with the same answers for picklist values that are not
// in their lists. Stored with QSettings; no database involved.

#include "records/fielddef.h"
#include "transfer/importoptions.h"

#include <QHash>
#include <QStringList>

namespace Rapport {

class MappingMemory
{
public:
    // `settingsGroup` lets tests use a group of their own.
    explicit MappingMemory(const QString &settingsGroup = QStringLiteral("importMappings"));

    // The remembered mapping for these headers, or an empty list.
    QStringList recall(Entity entity, const QStringList &headers) const;
    void remember(Entity entity, const QStringList &headers, const QStringList &mapping);
    // Forgets the mapping and the value answers.
    void forget(Entity entity, const QStringList &headers);

    // The answers for picklist values remembered for these headers (fields that no longer
    // exist or are no picklist left out).
    PicklistValueMap recallValues(Entity entity, const QStringList &headers) const;
    // Adds `answers` to those remembered: the values of the last file stay known too.
    // `kept` names, per field, the values (by key) the user kept on their rows only rather
    // than adding them to the list: both answers import the value itself.
    void rememberValues(Entity entity, const QStringList &headers, const PicklistValueMap &answers,
                        const QHash<QString, QStringList> &kept = {});
    // The keys of the values remembered as kept on their rows only, per field.
    QHash<QString, QStringList> recallKept(Entity entity, const QStringList &headers) const;

    static QString key(Entity entity, const QStringList &headers);

private:
    QString m_group;
};

} // namespace Rapport
