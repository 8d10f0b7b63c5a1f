#include "storage/serversearchindex.h"

#include "records/recordtypes.h"

#include <QSqlQuery>
#include <QVariant>

namespace Rapport {

namespace {

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

// Every distinct piece of one and of two characters (code points) of the key, spaces
// included: a key contains a short word exactly when the word is one of its pieces.
// IMMUTABLE so that an index may be built on it; its body must never change once indexes
// use it (a new body would need a new name and new indexes).
const char *const ShortGramsSql =
    "CREATE FUNCTION rapport_short_grams(key text) RETURNS text[] "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
    "SELECT coalesce(array_agg(DISTINCT g), '{}') FROM ("
    "SELECT substr(key, i, 1) AS g FROM generate_series(1, length(key)) AS i "
    "UNION ALL SELECT substr(key, i, 2) FROM generate_series(1, length(key) - 1) AS i) AS p $$";

} // namespace

ServerSearchIndex::ServerSearchIndex(const QSqlDatabase &db)
    : m_db(db)
{
}

QString ServerSearchIndex::trigramIndexFor(Entity entity)
{
    return QStringLiteral("idx_%1_search_trgm").arg(table(entity));
}

QString ServerSearchIndex::shortIndexFor(Entity entity)
{
    return QStringLiteral("idx_%1_search_short").arg(table(entity));
}

bool ServerSearchIndex::hasExtension() const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM pg_extension WHERE extname = ?"));
    q.addBindValue(QStringLiteral("pg_trgm"));
    return q.exec() && q.next();
}

bool ServerSearchIndex::hasFunction() const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM pg_proc WHERE proname = ? AND pronamespace = "
                             "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"));
    q.addBindValue(shortGramsFunction());
    return q.exec() && q.next();
}

int ServerSearchIndex::indexCount() const
{
    QStringList names;
    for (Entity e : allEntities())
        names << trigramIndexFor(e) << shortIndexFor(e);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM pg_indexes "
                             "WHERE schemaname = current_schema() AND indexname = ANY(?::text[])"));
    q.addBindValue(QLatin1Char('{') + names.join(QLatin1Char(',')) + QLatin1Char('}'));
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool ServerSearchIndex::isComplete() const
{
    return hasExtension() && hasFunction()
        && indexCount() == 2 * int(allEntities().size());
}

QSqlError ServerSearchIndex::installExtension()
{
    // A failed statement spoils the whole transaction on PostgreSQL; the savepoint keeps the
    // failure to this step, so the schema transaction can still end cleanly.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SAVEPOINT rapport_pg_trgm")))
        return q.lastError();
    if (q.exec(QStringLiteral("CREATE EXTENSION IF NOT EXISTS pg_trgm"))) {
        q.exec(QStringLiteral("RELEASE SAVEPOINT rapport_pg_trgm"));
        return {};
    }
    const QString detail = q.lastError().databaseText();
    q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT rapport_pg_trgm"));
    return QSqlError(tr("The server lacks the PostgreSQL extension “pg_trgm”, which Rapport’s "
                        "quick search needs. Ask the server’s administrator to install the "
                        "package postgresql-contrib and to run “CREATE EXTENSION pg_trgm;” in "
                        "database “%1” (server’s reply: %2)")
                         .arg(m_db.databaseName(), detail),
                     QString(), QSqlError::StatementError);
}

QSqlError ServerSearchIndex::ensure()
{
    if (isComplete())
        return {};
    if (!hasExtension()) {
        if (QSqlError e = installExtension(); e.isValid())
            return e;
    }
    QStringList steps;
    if (!hasFunction())
        steps << QLatin1String(ShortGramsSql);
    for (Entity e : allEntities()) {
        steps << QStringLiteral("CREATE INDEX IF NOT EXISTS %1 ON %2 USING gin "
                                "(search_key gin_trgm_ops)").arg(trigramIndexFor(e), table(e))
              << QStringLiteral("CREATE INDEX IF NOT EXISTS %1 ON %2 USING gin (%3(search_key))")
                     .arg(shortIndexFor(e), table(e), shortGramsFunction());
    }
    QSqlQuery q(m_db);
    for (const QString &sql : std::as_const(steps)) {
        if (!q.exec(sql))
            return q.lastError();
    }
    return {};
}

} // namespace Rapport
