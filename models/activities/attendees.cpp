#include "activities/attendees.h"

#include "records/recordtypes.h"
#include "storage/changelog.h"
#include "storage/recordstore.h"
#include "storage/rowsecurity.h"
#include "storage/transaction.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

Attendees::Attendees(const QString &connectionName) : m_connection(connectionName) {}

QList<Attendee> Attendees::of(qint64 activityId, QString *error) const
{
    // The names in the same query, as the lists word them (nameSql), not one lookup each.
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT c.id, %1, c.email FROM activity_attendees a JOIN contacts c "
                             "ON c.id = a.contact_id WHERE a.activity_id = ?")
                  .arg(nameSql(Entity::Contact, QStringLiteral("c"))));
    q.addBindValue(activityId);
    QList<Attendee> out;
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return out;
    }
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()});
    std::sort(out.begin(), out.end(), [](const Attendee &a, const Attendee &b) {
        return a.name.localeAwareCompare(b.name) < 0;
    });
    return out;
}

QString Attendees::add(qint64 activityId, qint64 contactId)
{
    // Written so on both engines: nothing when the pair is there already.
    return write(activityId, contactId,
                 QStringLiteral("INSERT INTO activity_attendees (activity_id, contact_id) "
                                "SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM activity_attendees "
                                "WHERE activity_id = ? AND contact_id = ?)"));
}

QString Attendees::remove(qint64 activityId, qint64 contactId)
{
    return write(activityId, contactId,
                 QStringLiteral("DELETE FROM activity_attendees WHERE activity_id = ? AND "
                                "contact_id = ?"));
}

QString Attendees::write(qint64 activityId, qint64 contactId, const QString &sql)
{
    RecordStore store(m_connection);
    if (!store.exists(Entity::Activity, activityId))
        return tr("Activity #%1 does not exist.").arg(activityId);
    if (!store.exists(Entity::Contact, contactId))
        return tr("Contact #%1 does not exist.").arg(contactId);
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive())
        return tx.error();
    // The attendees are part of the meeting: whoever may not change it may not change them.
    if (const QString refused = RowSecurity(m_connection).refusal(Entity::Activity, activityId);
        !refused.isEmpty())
        return refused;
    QString error;
    const QList<Attendee> before = of(activityId, &error);
    if (!error.isEmpty())
        return error;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(sql);
    q.addBindValue(activityId);
    q.addBindValue(contactId);
    if (sql.startsWith(QLatin1String("INSERT"))) {
        q.addBindValue(activityId);
        q.addBindValue(contactId);
    }
    if (!q.exec())
        return q.lastError().text();
    if (q.numRowsAffected() == 0)
        return {}; // attends already, or did not: nothing changed
    const QList<Attendee> after = of(activityId, &error);
    if (!error.isEmpty())
        return error;
    ChangeLog log(m_connection);
    if (!log.append({QLatin1String(ChangeKind::Change), QStringLiteral("activities"), activityId,
                     QStringLiteral("attendees"), names(before), names(after), {}, 0}))
        return log.error();
    return tx.commit();
}

QString Attendees::names(const QList<Attendee> &list)
{
    QStringList out;
    for (const Attendee &a : list)
        out << a.name;
    return out.join(QLatin1String(", "));
}

} // namespace Rapport
