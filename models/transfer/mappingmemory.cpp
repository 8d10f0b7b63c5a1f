#include "transfer/mappingmemory.h"

#include "transfer/headermatcher.h"
#include "records/recordtypes.h"

#include <QCryptographicHash>
#include <QSettings>

namespace Rapport {

MappingMemory::MappingMemory(const QString &settingsGroup)
    : m_group(settingsGroup)
{
}

QString MappingMemory::key(Entity entity, const QStringList &headers)
{
    QStringList normalised;
    for (const QString &h : headers)
        normalised << HeaderMatcher::normalise(h);
    const QByteArray hash = QCryptographicHash::hash(normalised.join(QLatin1Char('\n')).toUtf8(),
                                                     QCryptographicHash::Sha1);
    return QLatin1String(entityDef(entity).table) + QLatin1Char('/')
         + QString::fromLatin1(hash.toHex());
}

QStringList MappingMemory::recall(Entity entity, const QStringList &headers) const
{
    QSettings settings;
    settings.beginGroup(m_group);
    const QStringList mapping = settings.value(key(entity, headers)).toStringList();
    if (mapping.size() != headers.size())
        return {};
    for (const QString &field : mapping) {
        // a field removed since: the memory is stale
        if (!field.isEmpty() && field != HeaderMatcher::recordId() && !findField(entity, field))
            return {};
    }
    return mapping;
}

void MappingMemory::remember(Entity entity, const QStringList &headers, const QStringList &mapping)
{
    QSettings settings;
    settings.beginGroup(m_group);
    settings.setValue(key(entity, headers), mapping);
}

void MappingMemory::forget(Entity entity, const QStringList &headers)
{
    QSettings settings;
    settings.beginGroup(m_group);
    settings.remove(key(entity, headers));
}

} // namespace Rapport
