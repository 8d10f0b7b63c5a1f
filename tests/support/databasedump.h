#pragma once
// Every row of every Rapport table as text, to check that something left the database
// exactly as it was (Cancel, Back, a failed conversion).

#include <QMap>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

inline QMap<QString, QStringList> dumpDatabase(const QString &connection)
{
    QMap<QString, QStringList> dump;
    const QSqlDatabase db = QSqlDatabase::database(connection);
    for (const QString &table : db.tables()) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(table));
        while (q.next()) {
            QStringList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << q.value(i).toString();
            dump[table] << row.join(QLatin1Char('|'));
        }
    }
    return dump;
}
