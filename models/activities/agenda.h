#pragma once
// What needs the rep now, as My Day and `rapport-cli today` show it: open activities that are
// overdue (due before today), due today, and due in the next days; and the open deals with no
// next step (no open activity). Days are the user's local days; the clock is Clock::now().

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlQuery>
#include <QString>

namespace Rapport {

struct AgendaItem {
    qint64 id = 0;          // the activity's
    QString type;           // "Task", "Call", "Meeting", "Email" (stored form)
    QString subject;
    QDateTime due;          // UTC
    QString owner;
    QString priority;
    // The record it is on, the most specific one (a deal before its contact before a lead
    // before an account); id 0 when it is on none.
    Entity entity = Entity::Activity;
    qint64 recordId = 0;
    QString recordName;
};

// An open deal nobody has planned anything for.
struct StalledDeal {
    qint64 id = 0;
    QString name;
    QString stage;
    QString owner;
};

struct AgendaFilter {
    QString owner;          // "" for everyone's
    bool unowned = true;    // with `owner`: activities and deals nobody owns count too
    QString type;           // "" for every type
    // Only activities on a record of this type (a lead, contact, account or deal); the deals
    // with no next step only when it is Deal. Activity (the default): on any record or none.
    Entity on = Entity::Activity;
    int days = 7;           // how far "upcoming" reaches after today
};

struct Agenda {
    QList<AgendaItem> overdue, today, upcoming;
    QList<StalledDeal> noNextStep;
    QString error;          // "" when read
};

class AgendaReader
{
    Q_DECLARE_TR_FUNCTIONS(AgendaReader)

public:
    explicit AgendaReader(const QString &connectionName);
    // At most `limit` items in each list, the earliest due first.
    Agenda read(const AgendaFilter &filter, int limit = 500) const;

    // One activity as an item: `SELECT … FROM activities a LEFT JOIN …` (a WHERE may follow;
    // `moreColumns` come after the itemColumns() an item is read from, `moreJoins` after its
    // joins), and the item off a row.
    static QString itemSelect(const QString &moreColumns = {}, const QString &moreJoins = {});
    static int itemColumns();
    static AgendaItem item(const QSqlQuery &query);

    // A deal is open until its stage is one of these.
    static bool isClosedStage(const QString &stage);

private:
    QString m_connection;
};

} // namespace Rapport
