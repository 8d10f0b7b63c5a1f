#pragma once
// Remembers the column mapping a user chose in the import wizard, per record type and set
// of headers, so the next file from the same source (same headers, in any case or spacing)
// comes up mapped the same way. Stored with QSettings; no database involved.

#include "records/fielddef.h"

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
    void forget(Entity entity, const QStringList &headers);

    static QString key(Entity entity, const QStringList &headers);

private:
    QString m_group;
};

} // namespace Rapport
