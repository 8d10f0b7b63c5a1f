#include "transfer/mappingmemory.h"

#include "transfer/headermatcher.h"
#include "records/recordtypes.h"

#include <QCryptographicHash>
#include <QSettings>

namespace Rapport {

namespace {

// Beside the mapping's own key: a key cannot be a value and a group at once in every format.
QString valuesKey(Entity entity, const QStringList &headers)
{
    return MappingMemory::key(entity, headers) + QStringLiteral("-values");
}

// Apart from the answers, so that memories from before it read as "added", as they were.
QString keptKey(Entity entity, const QStringList &headers)
{
    return MappingMemory::key(entity, headers) + QStringLiteral("-kept");
}

} // namespace

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
    settings.remove(valuesKey(entity, headers));
    settings.remove(keptKey(entity, headers));
}

PicklistValueMap MappingMemory::recallValues(Entity entity, const QStringList &headers) const
{
    QSettings settings;
    settings.beginGroup(m_group);
    const QVariantMap stored = settings.value(valuesKey(entity, headers)).toMap();
    PicklistValueMap out;
    for (auto field = stored.cbegin(); field != stored.cend(); ++field) {
        const FieldDef *f = findField(entity, field.key());
        if (!f || f->type != FieldType::Picklist)
            continue;
        const QVariantMap answers = field->toMap();
        for (auto it = answers.cbegin(); it != answers.cend(); ++it)
            out[field.key()].insert(it.key(), it->toString());
    }
    return out;
}

void MappingMemory::rememberValues(Entity entity, const QStringList &headers,
                                   const PicklistValueMap &answers,
                                   const QHash<QString, QStringList> &kept)
{
    QSettings settings;
    settings.beginGroup(m_group);
    QVariantMap stored = settings.value(valuesKey(entity, headers)).toMap();
    QVariantMap storedKept = settings.value(keptKey(entity, headers)).toMap();
    for (auto field = answers.cbegin(); field != answers.cend(); ++field) {
        QVariantMap known = stored.value(field.key()).toMap();
        QStringList keptKeys = storedKept.value(field.key()).toStringList();
        for (auto it = field->cbegin(); it != field->cend(); ++it) {
            known.insert(it.key(), it.value());
            // This answer replaces the last one for the value, kept or not.
            keptKeys.removeAll(it.key());
            if (kept.value(field.key()).contains(it.key()))
                keptKeys.append(it.key());
        }
        stored.insert(field.key(), known);
        if (keptKeys.isEmpty())
            storedKept.remove(field.key());
        else
            storedKept.insert(field.key(), keptKeys);
    }
    settings.setValue(valuesKey(entity, headers), stored);
    if (storedKept.isEmpty())
        settings.remove(keptKey(entity, headers));
    else
        settings.setValue(keptKey(entity, headers), storedKept);
}

QHash<QString, QStringList> MappingMemory::recallKept(Entity entity,
                                                      const QStringList &headers) const
{
    QSettings settings;
    settings.beginGroup(m_group);
    const QVariantMap stored = settings.value(keptKey(entity, headers)).toMap();
    QHash<QString, QStringList> out;
    for (auto field = stored.cbegin(); field != stored.cend(); ++field)
        out.insert(field.key(), field->toStringList());
    return out;
}

} // namespace Rapport
