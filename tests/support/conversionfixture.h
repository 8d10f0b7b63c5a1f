#pragma once
// What the conversion tests share: a fresh database per test function, record helpers,
// a lead with every field filled, and a dump of every row of every table, so that
// "nothing changed" and "undo restored everything" are checked exactly.

#include "storage/database.h"
#include "storage/recordstore.h"

#include <QObject>
#include <QSqlDatabase>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

namespace Rapport {

using Dump = QMap<QString, QStringList>;

// "" when equal, else the first row that differs (QCOMPARE would cut it short).
inline QString difference(const Dump &actual, const Dump &expected)
{
    if (actual.keys() != expected.keys())
        return "tables: " + actual.keys().join(',') + " vs " + expected.keys().join(',');
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const QStringList &rows = actual[it.key()];
        for (int i = 0; i < std::max(rows.size(), it->size()); ++i) {
            if (rows.value(i) != it->value(i))
                return it.key() + ":\n  now " + rows.value(i) + "\n  was " + it->value(i);
        }
    }
    return {};
}

#define COMPARE_DUMPS(actual, expected) \
    do { const QString d = difference(actual, expected); QVERIFY2(d.isEmpty(), qPrintable(d)); } while (false)

class ConversionFixture : public QObject
{
protected:
    // Call from init() and cleanup().
    void openDatabase()
    {
        m_conn = QStringLiteral("conv%1").arg(++m_count);
        const QSqlError e = Database::open(m_dir.filePath(m_conn + ".sqlite"), m_conn);
        QVERIFY2(!e.isValid(), qPrintable(e.text()));
    }
    void closeDatabase() { Database::close(m_conn); }

    qint64 insert(Entity e, const QVariantMap &values)
    {
        const WriteResult r = RecordStore(m_conn).insert(e, values);
        if (!r.ok())
            qWarning() << r.error << (r.fieldErrors.isEmpty() ? QString() : r.fieldErrors[0].message);
        return r.ok() ? r.id : -1;
    }

    QVariantMap load(Entity e, qint64 id)
    {
        return RecordStore(m_conn).load(e, id).value_or(QVariantMap());
    }

    // Every row of every table (but `skip`), as text, in id order.
    Dump dump(const QStringList &skip = {})
    {
        Dump out;
        const QSqlDatabase db = QSqlDatabase::database(m_conn);
        for (const QString &table : db.tables()) {
            // The search index's shadow tables store segments, not rows: the same content can
            // be laid out differently after a delete and re-insert. The index itself (the
            // *_fts table) is compared, and tst_searchindex checks its integrity.
            static const QRegularExpression shadow("_fts_(data|idx|docsize|config|content)$");
            if (table.startsWith("sqlite_") || skip.contains(table) || shadow.match(table).hasMatch())
                continue;
            QSqlQuery q(db);
            if (!q.exec(QString("SELECT * FROM %1 ORDER BY 1").arg(table)))
                qWarning() << "cannot dump" << table;
            QStringList rows;
            while (q.next()) {
                QStringList cells;
                const QSqlRecord rec = q.record();
                for (int i = 0; i < rec.count(); ++i)
                    cells << rec.fieldName(i) + "=" + (q.value(i).isNull() ? "NULL" : q.value(i).toString());
                rows << cells.join('|');
            }
            out.insert(table, rows);
        }
        return out;
    }

    qint64 fullLead()
    {
        return insert(Entity::Lead, {
            {"salutation", "Ms."}, {"first_name", "Ada"}, {"last_name", "Lovelace"},
            {"title", "CTO"}, {"company", "Analytical Engines Ltd"}, {"industry", "Software"},
            {"annual_revenue", 2500000.5}, {"employees", 42}, {"website", "https://engines.example"},
            {"email", "ada@engines.example"}, {"secondary_email", "ada@home.example"},
            {"phone", "+44 20 7946 0018"}, {"mobile", "+44 7700 900123"}, {"fax", "+44 20 7946 0019"},
            {"email_opt_out", true}, {"lead_source", "Trade Show"}, {"lead_status", "Pre-Qualified"},
            {"rating", "Hot"}, {"owner", "sam"}, {"street", "12 St James's Square"},
            {"city", "London"}, {"state", "Greater London"}, {"zip", "SW1Y 4JH"},
            {"country", "United Kingdom"}, {"description", "Met at the booth.\nWants a demo."}});
    }

    QTemporaryDir m_dir;
    QString m_conn;
    int m_count = 0;
};

} // namespace Rapport
