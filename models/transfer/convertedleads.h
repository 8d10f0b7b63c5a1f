#pragma once
// A leads export's conversion columns read back ("Converted", "Converted Account Id", ...,
// which the exporter writes when converted leads are included), so that a converted lead
// comes back converted, not as an active lead: when it
// is created, and when it updates a lead that is not converted. Links are kept only to
// records of this database (ids of another one name other records or none). A lead already
// converted keeps its own conversion, and an empty "Converted" never unconverts one:
// unconverting is its own command with its own journal.

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>
#include <QVariantMap>

namespace Rapport {

class ConvertedLeads
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::ConvertedLeads)

public:
    // Active only for a leads file that is Rapport's own export with a "Converted" column.
    ConvertedLeads(const QString &connectionName, Entity entity, const QStringList &headers);

    bool isActive() const { return m_convertedAt >= 0; }
    // converted_at, then the link columns.
    static QStringList columns();

    // The row's conversion: empty when it is not converted, else every column of columns()
    // (links NULL when they name no record here). A time that does not read sets `error`.
    QVariantMap read(const QStringList &cells, QString *error);

private:
    qint64 existing(Entity entity, const QString &text);

    QString m_connection;
    qsizetype m_convertedAt = -1;
    QHash<QString, qsizetype> m_links; // link column -> the file's column
};

} // namespace Rapport
