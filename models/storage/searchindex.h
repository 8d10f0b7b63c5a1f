#pragma once
// The quick search's index on SQLite: one FTS5 table per record table over its search_key,
// with the trigram tokenizer, so that "any record whose key contains this word" is an index
// lookup instead of a scan of every record. The FTS tables hold no copy of the text
// (external content); triggers on the record tables keep them in step with every INSERT,
// UPDATE of search_key and DELETE, whoever writes. Words of one or two characters have no
// trigram: a second, contentless FTS5 table per record table holds each key's pieces of two
// characters (and its last character alone), each written as the hex of its UTF-8 so that
// the plain ascii tokenizer keeps it whole. A two-character word is one term there, a
// one-character word the prefix of the terms that start with it. On PostgreSQL the same two
// calls look after ServerSearchIndex's pg_trgm indexes instead.

#include "records/fielddef.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace Rapport {

class SearchIndex
{
public:
    explicit SearchIndex(const QSqlDatabase &db);

    // "leads_fts" for leads.
    static QString tableFor(Entity entity);
    // "leads_grams" for leads: the pieces of one and two characters.
    static QString shortTableFor(Entity entity);
    // An FTS5 query for shortTableFor() that finds the records whose key contains the folded
    // word of one or two characters, or "" for any other length.
    static QString shortPhraseFor(const QString &foldedWord);
    // An FTS5 query that finds the records whose search key contains the folded word, or ""
    // when the word is shorter than a trigram (three characters): such words cannot use the
    // index and are searched with LIKE alone.
    static QString phraseFor(const QString &foldedWord);

    // Whether every record table has its FTS table and triggers (its server indexes on
    // PostgreSQL).
    bool isComplete() const;
    // Creates what is missing and fills a new (or possibly stale) FTS table from its record
    // table. Run inside the schema transaction.
    QSqlError ensure();

    // For a bulk load into an SQLite table (transfer/bulkinsert.h), inside its transaction:
    // neither index (the trigram one nor the short pieces') is kept row by row while the rows
    // go in (their insert triggers are dropped), then the rows with ids above `afterId` are
    // indexed in one statement each and the triggers are back. Nothing on PostgreSQL, whose indexes are not triggers.
    QSqlError pauseForLoad(Entity entity);
    // Rows indexed per statement by resumeAfterLoad().
    static constexpr qint64 LoadIndexPiece = 10000;
    QSqlError resumeAfterLoad(Entity entity, qint64 afterId);
    // Both indexes of the table emptied and filled again from its records, in id order: after
    // a write that ran with their triggers dropped (undoing an import that is most of the
    // table). Nothing on PostgreSQL.
    QSqlError rebuild(Entity entity);
    // The names of the triggers that keep both indexes in step on `suffix` ("_insert",
    // "_delete" or "_update"): "leads_fts_delete" and "leads_grams_delete".
    static QStringList triggersFor(Entity entity, const QString &suffix);

private:
    bool exists(const QString &type, const QString &name) const;
    bool isComplete(Entity entity) const;
    // Whether the FTS table and its three triggers are there.
    bool hasTable(const QString &name) const;
    QStringList ddl(Entity entity) const;
    QStringList shortDdl(Entity entity) const;

    QSqlDatabase m_db;
    bool m_pg;
};

} // namespace Rapport
