#pragma once
// What a tab (or `rapport-cli count/export`) shows: quick search text, picklist filters and,
// for leads, whether converted leads are included. Turned into a WHERE clause with bound
// values only; column names come from the field descriptions, never from the user.

#include "records/fielddef.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

namespace Rapport {

struct RecordFilter {
    enum class Converted { Exclude, Only, Include };

    QString search;
    QList<QPair<QString, QString>> equals; // column (a field name) = value
    Converted converted = Converted::Exclude;

    bool operator==(const RecordFilter &) const = default;
};

struct SqlWhere {
    QString clause;      // "" or " WHERE ..."
    QVariantList binds;  // in placeholder order
};

// How the quick search's words are looked up. Scan (a LIKE over every record) works on any
// database; TrigramIndex narrows each word through the FTS5 tables of SearchIndex first
// (trigrams for three or more characters, short pieces for one or two; SQLite only);
// ServerIndex (PostgreSQL only) lets the server's pg_trgm index serve the LIKE of longer
// words and narrows shorter ones through the index of short pieces (ServerSearchIndex).
// All three give the same results.
enum class TextSearch { Scan, TrigramIndex, ServerIndex };

SqlWhere buildWhere(Entity entity, const RecordFilter &filter,
                    TextSearch search = TextSearch::Scan);
// SQLite's search index only: a statement giving how many records hold the search's rarest
// word, counted up to `cap` (a cheap estimate of the match set: the index, not the records,
// and no further than `cap`); clause "" when a word has no index entry to look up.
SqlWhere fewestIndexMatches(Entity entity, const QString &search, int cap);
// SQLite's search index only: for each word of the search, a statement giving the ids of the
// records whose index entry holds it (a superset of those whose key holds the word: check
// them by the words' LIKE), one-letter words left out. Empty when a word has no index entry
// or every word is one letter.
QList<SqlWhere> indexMatchIds(Entity entity, const QString &search);
// TrigramIndex on SQLite, ServerIndex on PostgreSQL.
TextSearch textSearchFor(const QString &connectionName);
// Number of records the filter shows; -1 on a database error.
qint64 countRecords(const QString &connectionName, Entity entity, const RecordFilter &filter);

} // namespace Rapport
