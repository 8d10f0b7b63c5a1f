#pragma once
// Every row of every table (or of the given ones) as text, in id order, so a test can check
// exactly that something left the database as it was (Cancel, a failed or cancelled import,
// a failed conversion) or that an undo restored it. NULL and "" differ.

#include <QMap>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QTest>

#include <algorithm>

using DbSnapshot = QMap<QString, QStringList>;

inline DbSnapshot dbSnapshot(const QString &connection, QStringList tables = {},
                             const QStringList &skip = {}, const QStringList &skipColumns = {})
{
    const QSqlDatabase db = QSqlDatabase::database(connection);
    if (tables.isEmpty()) {
        // The search indexes' shadow tables store segments, not rows: the same content can be
        // laid out differently after a delete and re-insert, or a load indexed at its end.
        // The index itself (the *_fts table) is compared, and tst_searchindex checks the
        // integrity of both.
        static const QRegularExpression shadow("_(fts|grams)_(data|idx|docsize|config|content)$");
        for (const QString &t : db.tables()) {
            if (!t.startsWith("sqlite_") && !shadow.match(t).hasMatch() && !skip.contains(t))
                tables << t;
        }
    }
    DbSnapshot out;
    for (const QString &table : std::as_const(tables)) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(table)))
            qWarning() << "cannot read" << table;
        QStringList rows;
        while (q.next()) {
            QStringList cells;
            const QSqlRecord rec = q.record();
            for (int i = 0; i < rec.count(); ++i)
                if (!skipColumns.contains(rec.fieldName(i)))
                    cells << rec.fieldName(i) + "=" + (q.value(i).isNull() ? "NULL" : q.value(i).toString());
            rows << cells.join('|');
        }
        out.insert(table, rows);
    }
    return out;
}

// What an undo (of a conversion, of an import) must leave as it was: every row of every table
// but the change log, which has the undo now, and each record's version, which an undo moves
// on like any write (so that a save based on the version before the undo is told).
inline DbSnapshot undoSnapshot(const QString &connection, QStringList tables = {},
                               QStringList skip = {})
{
    skip << "changes";
    return dbSnapshot(connection, tables, skip, {"version"});
}

// The tables of records and what hangs on them.
inline const QStringList &recordTables()
{
    static const QStringList t = {"leads", "contacts", "accounts", "deals", "notes"};
    return t;
}

// "" when equal, else the first row that differs (QCOMPARE would cut it short).
inline QString snapshotDifference(const DbSnapshot &actual, const DbSnapshot &expected)
{
    if (actual.keys() != expected.keys())
        return "tables: " + actual.keys().join(',') + " vs " + expected.keys().join(',');
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const QStringList &rows = actual[it.key()];
        for (qsizetype i = 0; i < std::max(rows.size(), it->size()); ++i) {
            if (rows.value(i) != it->value(i))
                return it.key() + ":\n  now " + rows.value(i) + "\n  was " + it->value(i);
        }
    }
    return {};
}

#define COMPARE_SNAPSHOTS(actual, expected)                                          \
    do {                                                                             \
        const QString d = snapshotDifference(actual, expected);                      \
        QVERIFY2(d.isEmpty(), qPrintable(d));                                        \
    } while (false)
