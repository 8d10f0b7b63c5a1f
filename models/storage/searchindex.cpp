#include "storage/searchindex.h"

#include "records/recordtypes.h"
#include "storage/serversearchindex.h"

#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace Rapport {

namespace {

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

// The trigger names, in the order ddl() creates them.
const char *const TriggerSuffixes[] = {"_insert", "_delete", "_update"};

// The document shortTableFor() holds for a key: the hex of every piece of two characters
// from each position (the last position gives the last character alone), space-separated.
// SQL rather than a function of Rapport's, so that every writer's triggers can run it; a
// trigger may not hold a WITH, so json_each of "[0,0,…]" counts the positions.
QString shortGrams(const QString &key)
{
    return QStringLiteral("(SELECT group_concat(hex(substr(%1, j.key + 1, 2)), ' ') FROM "
                          "json_each('[' || rtrim(replace(hex(zeroblob(length(%1))), '00', "
                          "'0,'), ',') || ']') j)").arg(key);
}

} // namespace

SearchIndex::SearchIndex(const QSqlDatabase &db)
    : m_db(db)
    , m_pg(db.driverName() == QLatin1String("QPSQL"))
{
}

QString SearchIndex::tableFor(Entity entity)
{
    return table(entity) + QStringLiteral("_fts");
}

QString SearchIndex::shortTableFor(Entity entity)
{
    return table(entity) + QStringLiteral("_grams");
}

QString SearchIndex::shortPhraseFor(const QString &foldedWord)
{
    const qsizetype length = foldedWord.toUcs4().size(); // as SQLite's substr() counts
    if (length < 1 || length > 2)
        return {};
    // Hex digits only: nothing to quote. One character is the start of its pieces.
    const QString hex = QString::fromLatin1(foldedWord.toUtf8().toHex());
    return QLatin1Char('"') + hex + (length == 1 ? QStringLiteral("\"*") : QStringLiteral("\""));
}

QString SearchIndex::phraseFor(const QString &foldedWord)
{
    // Trigrams are counted in code points: an emoji is one character, not two.
    if (foldedWord.toUcs4().size() < 3)
        return {};
    // An FTS5 string: everything inside the quotes is text to find, a quote is doubled.
    QString phrase = foldedWord;
    phrase.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + phrase + QLatin1Char('"');
}

bool SearchIndex::exists(const QString &type, const QString &name) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?"));
    q.addBindValue(type);
    q.addBindValue(name);
    return q.exec() && q.next();
}

bool SearchIndex::hasTable(const QString &name) const
{
    if (!exists(QStringLiteral("table"), name))
        return false;
    for (const char *suffix : TriggerSuffixes) {
        if (!exists(QStringLiteral("trigger"), name + QLatin1String(suffix)))
            return false;
    }
    return true;
}

bool SearchIndex::isComplete(Entity entity) const
{
    return hasTable(tableFor(entity)) && hasTable(shortTableFor(entity));
}

bool SearchIndex::isComplete() const
{
    if (m_pg)
        return ServerSearchIndex(m_db).isComplete();
    for (Entity e : allEntities()) {
        if (!isComplete(e))
            return false;
    }
    return true;
}

QStringList SearchIndex::ddl(Entity entity) const
{
    const QString t = table(entity);
    const QString fts = tableFor(entity);
    // The 'delete' command must be given the values that were indexed, which are old.*;
    // an UPDATE that leaves search_key (and id) alone leaves the index alone too.
    const QString remove = QStringLiteral("INSERT INTO %1 (%1, rowid, search_key) "
                                          "VALUES ('delete', old.id, old.search_key);").arg(fts);
    const QString add = QStringLiteral("INSERT INTO %1 (rowid, search_key) "
                                       "VALUES (new.id, new.search_key);").arg(fts);
    // case_sensitive 0: LIKE ignores case, and the index must find all that LIKE finds.
    return {
        QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS %1 USING fts5(search_key, "
                       "content='%2', content_rowid='id', "
                       "tokenize='trigram case_sensitive 0')").arg(fts, t),
        QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_insert AFTER INSERT ON %2 BEGIN %3 END")
            .arg(fts, t, add),
        QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_delete AFTER DELETE ON %2 BEGIN %3 END")
            .arg(fts, t, remove),
        QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_update AFTER UPDATE OF id, search_key "
                       "ON %2 BEGIN %3 %4 END").arg(fts, t, remove, add),
    };
}

QStringList SearchIndex::shortDdl(Entity entity) const
{
    const QString t = table(entity);
    const QString grams = shortTableFor(entity);
    // Contentless: the 'delete' command must be given the document that was indexed.
    const QString remove = QStringLiteral("INSERT INTO %1 (%1, rowid, grams) "
                                          "VALUES ('delete', old.id, %2);")
                               .arg(grams, shortGrams(QStringLiteral("old.search_key")));
    const QString add = QStringLiteral("INSERT INTO %1 (rowid, grams) VALUES (new.id, %2);")
                            .arg(grams, shortGrams(QStringLiteral("new.search_key")));
    // detail=none: which records hold a piece is all a search asks. prefix='2': one
    // character of ASCII (the common one-letter search) is one list, not a merge of many.
    return {
        QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS %1 USING fts5(grams, content='', "
                       "detail=none, columnsize=0, prefix='2', tokenize='ascii')").arg(grams),
        QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_insert AFTER INSERT ON %2 BEGIN %3 END")
            .arg(grams, t, add),
        QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_delete AFTER DELETE ON %2 BEGIN %3 END")
            .arg(grams, t, remove),
        QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1_update AFTER UPDATE OF id, search_key "
                       "ON %2 BEGIN %3 %4 END").arg(grams, t, remove, add),
        // A contentless table cannot 'rebuild': emptied and filled from the records instead.
        QStringLiteral("INSERT INTO %1 (%1) VALUES ('delete-all')").arg(grams),
        QStringLiteral("INSERT INTO %1 (rowid, grams) SELECT id, %2 FROM %3")
            .arg(grams, shortGrams(QStringLiteral("search_key")), t),
    };
}

QSqlError SearchIndex::ensure()
{
    if (m_pg)
        return ServerSearchIndex(m_db).ensure();
    for (Entity e : allEntities()) {
        const QString fts = tableFor(e);
        QStringList steps;
        if (!hasTable(fts)) {
            steps << ddl(e);
            // Records written while a trigger was missing are not (rightly) in the index.
            steps << QStringLiteral("INSERT INTO %1 (%1) VALUES ('rebuild')").arg(fts);
        }
        if (!hasTable(shortTableFor(e)))
            steps << shortDdl(e);
        QSqlQuery q(m_db);
        for (const QString &sql : std::as_const(steps)) {
            if (!q.exec(sql))
                return q.lastError();
        }
    }
    return {};
}

QSqlError SearchIndex::pauseForLoad(Entity entity)
{
    if (m_pg)
        return {};
    QSqlQuery q(m_db);
    for (const QString &index : {tableFor(entity), shortTableFor(entity)}) {
        if (!q.exec(QStringLiteral("DROP TRIGGER IF EXISTS %1_insert").arg(index)))
            return q.lastError();
    }
    return {};
}

QSqlError SearchIndex::resumeAfterLoad(Entity entity, qint64 afterId)
{
    if (m_pg)
        return {};
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM %1").arg(table(entity)))
        || !q.next())
        return q.lastError();
    const qint64 lastId = q.value(0).toLongLong();
    q.finish();
    // What the trigger would have added, row for row, in id order (FTS5 merges it best so),
    // then the trigger again; the same for the short pieces' index.
    const QString fills[] = {
        QStringLiteral("INSERT INTO %1 (rowid, search_key) SELECT id, search_key FROM %2 "
                       "WHERE id BETWEEN ? AND ? ORDER BY id").arg(tableFor(entity), table(entity)),
        QStringLiteral("INSERT INTO %1 (rowid, grams) SELECT id, %2 FROM %3 "
                       "WHERE id BETWEEN ? AND ? ORDER BY id")
            .arg(shortTableFor(entity), shortGrams(QStringLiteral("search_key")), table(entity)),
    };
    const QString triggers[] = {ddl(entity).at(1), shortDdl(entity).at(1)};
    for (int i = 0; i < 2; ++i) {
        if (!q.prepare(fills[i]))
            return q.lastError();
        // In pieces: SQLite keeps each statement's journal in memory for the bulk write
        // (storage/bulkwrite.h), and one statement over a whole load made the import's peak
        // memory grow with the file.
        for (qint64 from = afterId + 1; from <= lastId; from += LoadIndexPiece) {
            q.bindValue(0, from);
            q.bindValue(1, std::min(lastId, from + LoadIndexPiece - 1));
            if (!q.exec())
                return q.lastError();
        }
        if (!q.exec(triggers[i]))
            return q.lastError();
    }
    return {};
}

QSqlError SearchIndex::rebuild(Entity entity)
{
    if (m_pg)
        return {};
    const QString fts = tableFor(entity);
    // The external-content index reads the records itself; the contentless one is emptied
    // and filled as ensure() fills it (the last two statements of its DDL).
    QStringList steps{QStringLiteral("INSERT INTO %1 (%1) VALUES ('rebuild')").arg(fts)};
    steps << shortDdl(entity).mid(4);
    QSqlQuery q(m_db);
    for (const QString &sql : std::as_const(steps)) {
        if (!q.exec(sql))
            return q.lastError();
    }
    return {};
}

QStringList SearchIndex::triggersFor(Entity entity, const QString &suffix)
{
    return {tableFor(entity) + suffix, shortTableFor(entity) + suffix};
}

} // namespace Rapport
