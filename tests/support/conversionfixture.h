#pragma once
// What the conversion tests share: a fresh database per test function, record helpers,
// a lead with every field filled, and a snapshot of every row of every table, so that
// "nothing changed" and "undo restored everything" are checked exactly.

#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/dbsnapshot.h"
#include "support/engines.h"

#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

namespace Rapport {


class ConversionFixture : public QObject
{
protected:
    // Call from init() and cleanup().
    void openDatabase()
    {
        m_conn = QStringLiteral("conv%1").arg(++m_count);
        const QString location = Engines::location(m_dir.filePath(m_conn + ".sqlite"));
        const QString e = Database::open(location, m_conn);
        QVERIFY2(e.isEmpty(), qPrintable(e));
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
    DbSnapshot dump(const QStringList &skip = {}) const { return dbSnapshot(m_conn, {}, skip); }
    DbSnapshot undoDump(const QStringList &skip = {}) const { return undoSnapshot(m_conn, {}, skip); }

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
