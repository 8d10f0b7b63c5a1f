#include "records/recordlink.h"

#include "records/recordtypes.h"

#include <QStringList>

namespace Rapport {

namespace {
const QLatin1String Scheme("record:");
}

QString recordLink(Entity entity, qint64 id, const QString &text)
{
    return QStringLiteral("<a href=\"%1%2/%3\">%4</a>")
        .arg(Scheme, QLatin1String(entityDef(entity).table))
        .arg(id)
        .arg(text.toHtmlEscaped());
}

std::optional<std::pair<Entity, qint64>> linkedRecord(const QString &link)
{
    if (!link.startsWith(Scheme))
        return std::nullopt;
    const QStringList parts = link.mid(Scheme.size()).split(QLatin1Char('/'));
    const auto entity = entityFromName(parts.value(0));
    bool ok = false;
    const qint64 id = parts.value(1).toLongLong(&ok);
    if (parts.size() != 2 || !entity || !ok || id <= 0)
        return std::nullopt;
    return std::pair{*entity, id};
}

} // namespace Rapport
