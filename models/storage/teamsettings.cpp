#include "storage/teamsettings.h"

#include "storage/transaction.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport::TeamSettings {

QJsonDocument read(const QString &connectionName, const QString &key)
{
    QSqlQuery q(QSqlDatabase::database(connectionName));
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return {};
    return QJsonDocument::fromJson(q.value(0).toString().toUtf8());
}

QString write(const QString &connectionName, const QString &key, const QJsonDocument &value)
{
    Transaction tx(connectionName, Transaction::Kind::Write);
    if (!tx.isActive())
        return tx.error();
    QSqlQuery q(QSqlDatabase::database(connectionName));
    q.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return q.lastError().text();
    q.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"));
    q.addBindValue(key);
    q.addBindValue(QString::fromUtf8(value.toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return q.lastError().text();
    return tx.commit();
}

} // namespace Rapport::TeamSettings
