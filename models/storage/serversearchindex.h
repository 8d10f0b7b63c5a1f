#pragma once
// The quick search's indexes on PostgreSQL, the counterpart of SearchIndex's FTS5 tables:
// per record table a GIN index of pg_trgm trigrams over search_key, which serves
// "search_key LIKE '%word%'" for words of three or more characters, and a GIN index of the
// key's one- and two-character pieces (rapport_short_grams()), which serves the shorter words
// that have no trigram. Both are plain indexes, kept right by the server on every write.
// pg_trgm comes with postgresql-contrib; when the server lacks it or the role may not
// install it, ensure() says so in a sentence an administrator can act on.

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace Rapport {

class ServerSearchIndex
{
    Q_DECLARE_TR_FUNCTIONS(ServerSearchIndex)

public:
    explicit ServerSearchIndex(const QSqlDatabase &db);

    // The SQL function that lists a key's one- and two-character pieces.
    static QString shortGramsFunction() { return QStringLiteral("rapport_short_grams"); }
    // "idx_leads_search_trgm", "idx_leads_search_short".
    static QString trigramIndexFor(Entity entity);
    static QString shortIndexFor(Entity entity);

    bool isComplete() const;
    // Installs pg_trgm if it is missing and creates the missing function and indexes. Run
    // inside the schema transaction, under its advisory lock.
    QSqlError ensure();

private:
    bool hasExtension() const;
    // `current`: with the body this version of Rapport writes.
    bool hasFunction(bool current = false) const;
    int indexCount() const;
    QSqlError installExtension();

    QSqlDatabase m_db;
};

} // namespace Rapport
