#include "recordfilter.h"

#include "recordtypes.h"
#include "searchkey.h"

#include <QSqlDatabase>
#include <QRegularExpression>
#include <QSqlQuery>

namespace Rapport {

SqlWhere buildWhere(Entity entity, const RecordFilter &filter)
{
    SqlWhere w;
    QStringList terms;
    if (entity == Entity::Lead) {
        if (filter.converted == RecordFilter::Converted::Exclude)
            terms << QStringLiteral("converted_at IS NULL");
        else if (filter.converted == RecordFilter::Converted::Only)
            terms << QStringLiteral("converted_at IS NOT NULL");
    }
    for (const auto &[column, value] : filter.equals) {
        const FieldDef *f = findField(entity, column);
        if (!f)
            continue; // not a field: ignored rather than pasted into SQL
        terms << QLatin1String(f->name) + QStringLiteral(" = ?");
        w.binds << value;
    }
    // Every word must occur somewhere: "ada acme" finds Ada Lovelace of Acme Inc.
    const QStringList words = filter.search.split(QRegularExpression(QStringLiteral("\\s+")),
                                                  Qt::SkipEmptyParts);
    const bool hasAccount = findField(entity, QStringLiteral("account_id")) != nullptr;
    for (const QString &word : words) {
        const QString pattern = SearchKey::likePattern(word);
        QString term = QStringLiteral("search_key LIKE ? ESCAPE '\\'");
        w.binds << pattern;
        if (hasAccount) {
            // Contacts and deals are also found by their account's name.
            term = QStringLiteral("(%1 OR account_id IN (SELECT id FROM accounts WHERE "
                                  "search_key LIKE ? ESCAPE '\\'))").arg(term);
            w.binds << pattern;
        }
        terms << term;
    }
    if (!terms.isEmpty())
        w.clause = QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
    return w;
}

qint64 countRecords(const QString &connectionName, Entity entity, const RecordFilter &filter)
{
    const SqlWhere w = buildWhere(entity, filter);
    QSqlQuery q(QSqlDatabase::database(connectionName));
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1%2")
                  .arg(QLatin1String(entityDef(entity).table), w.clause));
    for (const QVariant &v : w.binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace Rapport
