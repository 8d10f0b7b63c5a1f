#include "activities/agenda.h"

#include "records/moments.h"
#include "records/recordtypes.h"
#include "storage/clock.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Rapport {

namespace {

// The activity's references, most specific first: the record an item is shown on.
const Entity OnOrder[] = {Entity::Deal, Entity::Contact, Entity::Lead, Entity::Account};

const char *referenceField(Entity e)
{
    for (const FieldDef &f : entityDef(Entity::Activity).fields)
        if (f.type == FieldType::Reference && f.refEntity == e)
            return f.name;
    return "";
}

} // namespace

AgendaReader::AgendaReader(const QString &connectionName)
    : m_connection(connectionName)
{
}

namespace {
const QStringList ClosedStages = {QStringLiteral("Closed Won"), QStringLiteral("Closed Lost")};
} // namespace

bool AgendaReader::isClosedStage(const QString &stage)
{
    return ClosedStages.contains(stage);
}

QString AgendaReader::itemSelect(const QString &moreColumns, const QString &moreJoins)
{
    QStringList columns{QStringLiteral("a.id"), QStringLiteral("a.activity_type"),
                        QStringLiteral("a.subject"), QStringLiteral("a.due_at"),
                        QStringLiteral("a.owner"), QStringLiteral("a.priority")};
    QStringList joins;
    for (Entity e : OnOrder) {
        const QString alias = QStringLiteral("r%1").arg(int(e));
        columns << QStringLiteral("a.%1").arg(QLatin1String(referenceField(e)))
                << nameSql(e, alias);
        joins << QStringLiteral("LEFT JOIN %1 %2 ON %2.id = a.%3")
                     .arg(QLatin1String(entityDef(e).table), alias, QLatin1String(referenceField(e)));
    }
    if (!moreColumns.isEmpty())
        columns << moreColumns;
    if (!moreJoins.isEmpty())
        joins << moreJoins;
    return QStringLiteral("SELECT %1 FROM activities a %2")
        .arg(columns.join(QStringLiteral(", ")), joins.join(QLatin1Char(' ')));
}

int AgendaReader::itemColumns()
{
    return 6 + 2 * int(std::size(OnOrder));
}

AgendaItem AgendaReader::item(const QSqlQuery &q)
{
    AgendaItem item;
    item.id = q.value(0).toLongLong();
    item.type = q.value(1).toString();
    item.subject = q.value(2).toString();
    item.due = Moments::fromStored(q.value(3).toString());
    item.owner = q.value(4).toString();
    item.priority = q.value(5).toString();
    for (int i = 0; i < int(std::size(OnOrder)); ++i) {
        const qint64 id = q.value(6 + 2 * i).toLongLong();
        if (id > 0) {
            item.entity = OnOrder[i];
            item.recordId = id;
            item.recordName = q.value(7 + 2 * i).toString();
            break;
        }
    }
    return item;
}

Agenda AgendaReader::read(const AgendaFilter &filter, int limit) const
{
    Agenda agenda;
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    const QDate today = Clock::now().toLocalTime().date();
    const QString startOfToday = Moments::toStored(QDateTime(today, QTime(0, 0)));
    const QString startOfTomorrow = Moments::toStored(QDateTime(today.addDays(1), QTime(0, 0)));
    const QString end = Moments::toStored(QDateTime(today.addDays(1 + qMax(0, filter.days)), QTime(0, 0)));

    const auto readItems = [&](const QString &from, const QString &to, QList<AgendaItem> &into) {
        QString where = QStringLiteral("a.status <> 'Done' AND a.due_at >= ? AND a.due_at < ?");
        QVariantList binds{from, to};
        if (!filter.owner.isEmpty()) {
            where += filter.unowned ? QStringLiteral(" AND (a.owner = ? OR COALESCE(a.owner, '') = '')")
                                    : QStringLiteral(" AND a.owner = ?");
            binds << filter.owner;
        }
        if (!filter.type.isEmpty()) {
            where += QStringLiteral(" AND a.activity_type = ?");
            binds << filter.type;
        }
        if (filter.on != Entity::Activity) // a column name from the catalogue, not user text
            where += QStringLiteral(" AND a.%1 IS NOT NULL").arg(QLatin1String(referenceField(filter.on)));
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("%1 WHERE %2 ORDER BY a.due_at, a.id LIMIT %3")
                      .arg(itemSelect(), where).arg(limit));
        for (const QVariant &b : binds)
            q.addBindValue(b);
        if (!q.exec()) {
            agenda.error = tr("Could not read the activities: %1").arg(q.lastError().text());
            return;
        }
        while (q.next())
            into << item(q);
    };
    // Overdue reaches back as far as there are open activities.
    readItems(QStringLiteral("0000"), startOfToday, agenda.overdue);
    readItems(startOfToday, startOfTomorrow, agenda.today);
    readItems(startOfTomorrow, end, agenda.upcoming);
    if (!agenda.error.isEmpty() || (filter.on != Entity::Activity && filter.on != Entity::Deal))
        return agenda;

    // Open deals with no open activity on them.
    QString where = QStringLiteral("(d.stage IS NULL OR d.stage NOT IN (?, ?)) "
                                   "AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.deal_id = d.id "
                                   "AND a.status <> 'Done')");
    QVariantList binds{ClosedStages.at(0), ClosedStages.at(1)};
    if (!filter.owner.isEmpty()) {
        where += filter.unowned ? QStringLiteral(" AND (d.owner = ? OR COALESCE(d.owner, '') = '')")
                                : QStringLiteral(" AND d.owner = ?");
        binds << filter.owner;
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT d.id, d.deal_name, d.stage, d.owner FROM deals d WHERE %1 "
                             "ORDER BY d.closing_date IS NULL, d.closing_date, d.id LIMIT %2")
                  .arg(where).arg(limit));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        agenda.error = tr("Could not read the deals: %1").arg(q.lastError().text());
        return agenda;
    }
    while (q.next())
        agenda.noNextStep << StalledDeal{q.value(0).toLongLong(), q.value(1).toString(),
                                         q.value(2).toString(), q.value(3).toString()};
    return agenda;
}

} // namespace Rapport
