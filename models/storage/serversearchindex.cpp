#include "storage/serversearchindex.h"

#include "records/recordtypes.h"

#include <QSqlQuery>
#include <QVariant>

namespace Rapport {

namespace {

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

// Every piece of one and of two characters (code points) of the key, spaces included: a key
// contains a short word exactly when the word is one of its pieces. IMMUTABLE so that an
// index may be built on it. Its body may change only to one that gives the same set of
// pieces for every key (order and repeats do not matter: GIN keeps each key of a row once,
// and "@>" asks for containment); any other change needs a new name and new indexes.
// The first body's array_agg(DISTINCT …) sorted the pieces by collation, about half of what
// an import into a server cost; string_to_array() gives the single characters in C, and the
// pairs need no sorting: 20,000 leads inserted in 13.1 s instead of 18.7 s (both GIN indexes,
// on a loaded machine).
const char *const ShortGramsBody =
    " SELECT string_to_array(key, NULL) || ARRAY(SELECT substr(key, i, 2) "
    "FROM generate_series(1, length(key) - 1) AS i) ";

QString shortGramsSql()
{
    return QStringLiteral("CREATE OR REPLACE FUNCTION %1(key text) RETURNS text[] "
                          "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$%2$$")
        .arg(ServerSearchIndex::shortGramsFunction(), QLatin1String(ShortGramsBody));
}

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

bool ServerSearchIndex::hasFunction(bool current) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT prosrc FROM pg_proc WHERE proname = ? AND pronamespace = "
                             "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"));
    q.addBindValue(shortGramsFunction());
    return q.exec() && q.next()
        && (!current || q.value(0).toString() == QLatin1String(ShortGramsBody));
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
    // A database made with the first body gets the faster one (the same pieces, so its
    // indexes stay as they are) at its next schema step.
    if (isComplete() && hasFunction(true))
        return {};
    if (!hasExtension()) {
        if (QSqlError e = installExtension(); e.isValid())
            return e;
    }
    QStringList steps;
    if (!hasFunction(true))
        steps << shortGramsSql();
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
