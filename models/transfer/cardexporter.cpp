#include "transfer/cardexporter.h"

#include "records/recordtypes.h"
#include "vcard/vcardwriter.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Rapport {

namespace {

constexpr qint64 ProgressEvery = 500;

} // namespace

CardExporter::CardExporter(const QString &connectionName)
    : m_connection(connectionName)
{
}

void CardExporter::setProgressCallback(std::function<void(qint64)> callback)
{
    m_progress = std::move(callback);
}

qint64 CardExporter::write(const ExportOptions &options, QIODevice *out)
{
    m_error.clear();
    VCardWriter writer(out);
    qint64 cards = 0;
    for (const SqlWhere &w : Exporter::selection(Entity::Contact, options)) {
        if (!writeCards(w, writer, &cards))
            return -1;
    }
    return cards;
}

bool CardExporter::writeCards(const SqlWhere &where, VCardWriter &writer, qint64 *cards)
{
    // The filter names columns unqualified: the contacts it chooses in a table of their own,
    // their accounts' names beside them.
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT t.*, a.account_name AS card_account_name FROM (SELECT * "
                             "FROM contacts%1) t LEFT JOIN accounts a ON a.id = t.account_id "
                             "ORDER BY t.id").arg(where.clause));
    for (const QVariant &v : where.binds)
        q.addBindValue(v);
    if (!q.exec()) {
        m_error = tr("Could not read the contacts: %1").arg(q.lastError().text());
        return false;
    }
    while (q.next()) {
        if (m_cancel && m_cancel->load()) {
            m_error = tr("The export was cancelled.");
            return false;
        }
        QVariantMap values;
        for (const FieldDef &f : entityDef(Entity::Contact).fields)
            values.insert(QLatin1String(f.name), q.value(QLatin1String(f.name)));
        values.insert(QStringLiteral("id"), q.value(QStringLiteral("id")));
        values.insert(QStringLiteral("account_name"), q.value(QStringLiteral("card_account_name")));
        values.insert(QStringLiteral("updated_at"), q.value(QStringLiteral("modified_at")));
        if (!writer.writeCard(values)) {
            m_error = writer.errorString();
            return false;
        }
        if (++*cards % ProgressEvery == 0 && m_progress)
            m_progress(*cards);
    }
    if (q.lastError().isValid()) {
        m_error = tr("Could not read the contacts: %1").arg(q.lastError().text());
        return false;
    }
    return true;
}

} // namespace Rapport
