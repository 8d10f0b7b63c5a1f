#include "transfer/convertedleads.h"

#include "csv/csvwriter.h"
#include "records/moments.h"
#include "records/recordtypes.h"
#include "storage/recordstore.h"
#include "transfer/headermatcher.h"

#include <QLocale>

namespace Rapport {

ConvertedLeads::ConvertedLeads(const QString &connectionName, Entity entity,
                               const QStringList &headers)
    : m_connection(connectionName)
{
    if (entity != Entity::Lead)
        return;
    const HeaderMatcher matcher(entity);
    if (!matcher.isRapportExport(headers))
        return;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const QString column = matcher.linkColumn(headers[i]);
        if (column == QLatin1String("converted_at"))
            m_convertedAt = i;
        else if (!column.isEmpty())
            m_links.insert(column, i);
    }
}

QStringList ConvertedLeads::columns()
{
    QStringList out{QStringLiteral("converted_at")};
    for (const FieldDef &link : entityDef(Entity::Lead).links)
        out << QLatin1String(link.name);
    return out;
}

qint64 ConvertedLeads::existing(Entity entity, const QString &text)
{
    bool isId = false;
    const qint64 id = text.toLongLong(&isId);
    return isId && id > 0 && RecordStore(m_connection).exists(entity, id) ? id : 0;
}

QVariantMap ConvertedLeads::read(const QStringList &cells, QString *error)
{
    if (!isActive() || m_convertedAt >= cells.size())
        return {};
    const QString when = CsvWriter::unguarded(cells[m_convertedAt]).trimmed();
    if (when.isEmpty())
        return {};
    const QDateTime moment = Moments::parse(when, QLocale::c());
    if (!moment.isValid()) {
        *error = tr("Converted: “%1” is not a date and time.").arg(when);
        return {};
    }
    QVariantMap conversion{{QStringLiteral("converted_at"), Moments::toStored(moment)}};
    for (const FieldDef &link : entityDef(Entity::Lead).links) {
        const QString name = QLatin1String(link.name);
        const qsizetype column = m_links.value(name, -1);
        const qint64 id = column >= 0 && column < cells.size()
                              ? existing(link.refEntity, cells[column].trimmed())
                              : 0;
        conversion.insert(name, id > 0 ? QVariant(id) : QVariant());
    }
    return conversion;
}

} // namespace Rapport
