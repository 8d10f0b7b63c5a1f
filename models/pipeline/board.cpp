#include "pipeline/board.h"

#include "lists/recordfilter.h"
#include "records/moments.h"
#include "records/recordtypes.h"
#include "storage/clock.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

struct Where {
    QString clause; // " WHERE …" or ""
    QVariantList binds;
    void add(const QString &condition, const QVariantList &values = {})
    {
        clause += (clause.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) + condition;
        binds += values;
    }
};

Where whereOf(const QString &connection, const BoardFilter &f)
{
    RecordFilter r;
    r.search = f.search;
    if (!f.owner.isEmpty())
        r.equals.append({QStringLiteral("owner"), f.owner});
    const SqlWhere base = buildWhere(Entity::Deal, r, textSearchFor(connection));
    Where w{base.clause, base.binds};
    if (f.closingFrom.isValid())
        w.add(QStringLiteral("closing_date >= ?"), {f.closingFrom.toString(Qt::ISODate)});
    if (f.closingTo.isValid())
        w.add(QStringLiteral("closing_date <= ?"), {f.closingTo.toString(Qt::ISODate)});
    return w;
}

// The stage's default probability as SQL over the deal's stage, the figures bound.
QString stageProbabilitySql(const QList<StageSetting> &stages, QVariantList *binds)
{
    QString sql = QStringLiteral("CASE stage");
    for (const StageSetting &s : stages) {
        sql += QStringLiteral(" WHEN ? THEN ?");
        *binds << s.stage << s.probability;
    }
    return sql + QStringLiteral(" ELSE 0 END");
}

// Deals whose stage is none of the list's (imported ones, or none).
QString otherStageSql(const QList<StageSetting> &stages, QVariantList *binds)
{
    QStringList marks;
    for (const StageSetting &s : stages) {
        marks << QStringLiteral("?");
        *binds << s.stage;
    }
    return QStringLiteral("(stage IS NULL OR stage NOT IN (%1))").arg(marks.join(QLatin1Char(',')));
}

QString cardSelect()
{
    return QStringLiteral(
        "SELECT t.id, t.version, t.deal_name, (SELECT %1 FROM accounts r WHERE r.id = t.account_id), "
        "t.owner, t.stage, t.amount, t.closing_date, t.probability, "
        "(SELECT MIN(a.due_at) FROM activities a WHERE a.deal_id = t.id AND a.status = 'Open'), "
        "(SELECT COUNT(*) FROM activities a WHERE a.deal_id = t.id AND a.status = 'Open'), "
        "(SELECT MAX(c.at) FROM changes c WHERE c.entity = 'deals' AND c.record_id = t.id "
        "AND c.field = 'stage'), t.created_at, t.close_reason FROM deals t")
        .arg(nameSql(Entity::Account, QStringLiteral("r")));
}

BoardCard readCard(const QSqlQuery &q, const QList<StageSetting> &stages)
{
    BoardCard c;
    c.id = q.value(0).toLongLong();
    c.version = q.value(1).toLongLong();
    c.name = q.value(2).toString();
    c.account = q.value(3).toString();
    c.owner = q.value(4).toString();
    c.stage = q.value(5).toString();
    if (!q.value(6).isNull())
        c.amount = q.value(6).toDouble();
    c.closing = QDate::fromString(q.value(7).toString(), Qt::ISODate);
    int staleDays = 0;
    c.probability = 0;
    for (const StageSetting &s : stages) {
        if (s.stage == c.stage) {
            c.probability = s.probability;
            staleDays = s.staleDays;
        }
    }
    if (!q.value(8).isNull())
        c.probability = q.value(8).toInt();
    const QDateTime now = Clock::now();
    const QDate today = now.toLocalTime().date();
    c.nextDue = Moments::fromStored(q.value(9).toString());
    if (c.nextDue.isValid()) {
        // By local day, as My Day sorts them.
        const QDate day = c.nextDue.toLocalTime().date();
        c.next = day < today ? NextActivity::Overdue
               : day == today ? NextActivity::Today : NextActivity::Later;
    } else {
        // An open activity with no due time is a next step all the same.
        c.next = q.value(10).toLongLong() > 0 ? NextActivity::Later : NextActivity::None;
    }
    QDateTime since = Moments::fromStored(q.value(11).toString());
    if (!since.isValid())
        since = QDateTime::fromString(q.value(12).toString(), Qt::ISODateWithMs);
    if (since.isValid()) {
        since.setTimeSpec(Qt::UTC);
        c.daysInStage = int(since.toLocalTime().date().daysTo(today));
    }
    c.stale = staleDays > 0 && c.daysInStage > staleDays;
    c.closeReason = q.value(13).toString();
    return c;
}

} // namespace

BoardReader::BoardReader(const QString &connectionName)
    : m_connection(connectionName)
{
}

Board BoardReader::read(const BoardFilter &filter, int cardsPerColumn) const
{
    Board board;
    const QList<StageSetting> stages = Pipeline(m_connection).stages();
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    const Where where = whereOf(m_connection, filter);
    // The totals: one pass over the deals the filter shows, grouped by stage.
    QVariantList binds;
    const QString probability = stageProbabilitySql(stages, &binds);
    QSqlQuery totals(db);
    totals.setForwardOnly(true);
    totals.prepare(QStringLiteral("SELECT stage, COUNT(*), COALESCE(SUM(amount), 0), "
                                  "COALESCE(SUM(amount * COALESCE(probability, %1) / 100.0), 0) "
                                  "FROM deals%2 GROUP BY stage").arg(probability, where.clause));
    for (const QVariant &b : std::as_const(binds) + where.binds)
        totals.addBindValue(b);
    if (!totals.exec()) {
        board.error = totals.lastError().text();
        return board;
    }
    for (const StageSetting &s : stages)
        board.columns.append({s, 0, 0, 0, {}});
    BoardColumn other;
    while (totals.next()) {
        const QString stage = totals.value(0).toString();
        auto it = std::find_if(board.columns.begin(), board.columns.end(),
                               [&](const BoardColumn &c) { return c.stage.stage == stage; });
        BoardColumn &column = it != board.columns.end() ? *it : other;
        column.count += totals.value(1).toLongLong();
        column.total += totals.value(2).toDouble();
        column.weighted += totals.value(3).toDouble();
    }
    totals.finish();
    if (other.count > 0)
        board.columns.append(other);
    // The first cards of each column, soonest to close first.
    for (BoardColumn &column : board.columns) {
        if (column.count == 0)
            continue;
        Where w = where;
        if (column.stage.stage.isEmpty()) {
            QVariantList stageBinds;
            w.add(otherStageSql(stages, &stageBinds), stageBinds);
        } else {
            w.add(QStringLiteral("stage = ?"), {column.stage.stage});
        }
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(cardSelect() + w.clause
                  + QStringLiteral(" ORDER BY t.closing_date IS NULL, t.closing_date, t.id LIMIT ?"));
        for (const QVariant &b : std::as_const(w.binds))
            q.addBindValue(b);
        q.addBindValue(cardsPerColumn);
        if (!q.exec()) {
            board.error = q.lastError().text();
            return board;
        }
        while (q.next())
            column.cards.append(readCard(q, stages));
    }
    return board;
}

} // namespace Rapport
