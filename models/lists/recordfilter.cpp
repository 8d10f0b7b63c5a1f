#include "lists/recordfilter.h"

#include "storage/database.h"
#include "records/recordtypes.h"
#include "storage/searchindex.h"
#include "storage/serversearchindex.h"
#include "records/searchkey.h"

#include <QSqlDatabase>
#include <QRegularExpression>
#include <QSqlQuery>

namespace Rapport {

namespace {

// On PostgreSQL the pg_trgm index serves the LIKE itself, but only for words with a trigram.
// A word of one or two characters is looked up among the keys' short pieces instead (an
// index lookup, not a scan of every record), and checked by the same LIKE.
QString serverWordTerm(const QString &word, const QString &like, QVariantList *binds)
{
    const QString folded = SearchKey::fold(word);
    const qsizetype length = folded.toUcs4().size(); // PostgreSQL counts code points too
    if (length == 0 || length >= 3) {
        *binds << SearchKey::likePattern(word);
        return like;
    }
    *binds << folded << SearchKey::likePattern(word);
    return QStringLiteral("%1(search_key) @> ARRAY[CAST(? AS text)] AND %2")
        .arg(ServerSearchIndex::shortGramsFunction(), like);
}

// Three characters and more: the trigram table; one or two: the table of short pieces.
bool indexLookup(Entity entity, const QString &word, QString *table, QString *phrase)
{
    const QString folded = SearchKey::fold(word);
    *phrase = SearchIndex::phraseFor(folded);
    *table = SearchIndex::tableFor(entity);
    if (phrase->isEmpty()) {
        *phrase = SearchIndex::shortPhraseFor(folded);
        *table = SearchIndex::shortTableFor(entity);
    }
    return !phrase->isEmpty();
}

QStringList searchWords(const QString &search)
{
    // A NUL is dropped from what is typed, as from what is saved (records/validation.h).
    return QString(search).remove(QChar::Null).split(QRegularExpression(QStringLiteral("\\s+")),
                                                     Qt::SkipEmptyParts);
}

// "search_key contains the word", for the table the enclosing query reads: a LIKE alone, or
// (SearchIndex) the records whose FTS entry holds the word's trigrams, checked by the same
// LIKE. The check keeps the results exactly those of the scan; the index only narrows.
QString wordTerm(Entity entity, const QString &word, TextSearch search, QVariantList *binds)
{
    const QString like = QStringLiteral("search_key LIKE ? ESCAPE '\\'");
    if (search == TextSearch::ServerIndex)
        return serverWordTerm(word, like, binds);
    if (search != TextSearch::TrigramIndex) {
        *binds << SearchKey::likePattern(word);
        return like;
    }
    QString table, phrase;
    if (!indexLookup(entity, word, &table, &phrase)) { // folds to nothing: the LIKE finds it
        *binds << SearchKey::likePattern(word);
        return like;
    }
    // MATCH rather than LIKE on the FTS table: SQLite hands a LIKE with ESCAPE to FTS5 as a
    // plain function call, which reads every row (slower than the scan).
    *binds << phrase << SearchKey::likePattern(word);
    return QStringLiteral("id IN (SELECT rowid FROM %1 WHERE %1 MATCH ?) AND %2")
        .arg(table, like);
}

} // namespace

TextSearch textSearchFor(const QString &connectionName)
{
    return Database::isPostgres(connectionName) ? TextSearch::ServerIndex
                                                : TextSearch::TrigramIndex;
}

SqlWhere buildWhere(Entity entity, const RecordFilter &filter, TextSearch search)
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
    const QStringList words = searchWords(filter.search);
    const bool hasAccount = findField(entity, QStringLiteral("account_id")) != nullptr;
    for (const QString &word : words) {
        QString term = wordTerm(entity, word, search, &w.binds);
        if (hasAccount) {
            // Contacts and deals are also found by their account's name.
            term = QStringLiteral("((%1) OR account_id IN (SELECT id FROM accounts WHERE %2))")
                       .arg(term, wordTerm(Entity::Account, word, search, &w.binds));
        } else {
            term = QLatin1Char('(') + term + QLatin1Char(')');
        }
        terms << term;
    }
    if (!terms.isEmpty())
        w.clause = QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
    return w;
}

SqlWhere fewestIndexMatches(Entity entity, const QString &search, int cap)
{
    SqlWhere w;
    QStringList counts;
    for (const QString &word : searchWords(search)) {
        QString table, phrase;
        if (!indexLookup(entity, word, &table, &phrase))
            return {};
        // The LIMIT stops FTS5 reading a common word's list at `cap` entries.
        counts << QStringLiteral("(SELECT COUNT(*) FROM (SELECT rowid FROM %1 WHERE %1 MATCH ? "
                                 "LIMIT ?))").arg(table);
        w.binds << phrase << cap;
    }
    if (counts.isEmpty())
        return {};
    // MIN of one argument is the aggregate; of several, the smallest of them.
    w.clause = counts.size() == 1 ? QStringLiteral("SELECT ") + counts.first()
                                  : QStringLiteral("SELECT MIN(%1)").arg(counts.join(", "));
    return w;
}

QList<SqlWhere> indexMatchIds(Entity entity, const QString &search)
{
    QList<SqlWhere> statements;
    for (const QString &word : searchWords(search)) {
        QString table, phrase;
        if (!indexLookup(entity, word, &table, &phrase))
            return {};
        // One letter is in most records: its ids would cost more than they narrow.
        if (SearchKey::fold(word).toUcs4().size() < 2)
            continue;
        statements.append({QStringLiteral("SELECT rowid FROM %1 WHERE %1 MATCH ?").arg(table),
                           {phrase}});
    }
    return statements;
}

qint64 countRecords(const QString &connectionName, Entity entity, const RecordFilter &filter)
{
    const SqlWhere w = buildWhere(entity, filter, textSearchFor(connectionName));
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
