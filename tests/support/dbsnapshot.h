#pragma once
// Test helper: every row of every table (or of the given tables), in id order, so a test
// can assert that a cancelled, failed or undone import left the database exactly as before.

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QVariantList>

inline QMap<QString, QList<QVariantList>> dbSnapshot(const QString &connection,
                                                     QStringList tables = {})
{
    QSqlDatabase db = QSqlDatabase::database(connection);
    if (tables.isEmpty())
        tables = db.tables();
    QMap<QString, QList<QVariantList>> out;
    for (const QString &t : std::as_const(tables)) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(t));
        QList<QVariantList> rows;
        while (q.next()) {
            QVariantList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << q.value(i);
            rows << row;
        }
        out.insert(t, rows);
    }
    return out;
}

inline const QStringList &recordTables()
{
    static const QStringList t = {"leads", "contacts", "accounts", "deals", "notes"};
    return t;
}
