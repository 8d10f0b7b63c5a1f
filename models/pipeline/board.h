#pragma once
// What the pipeline board shows: a column per stage, in the stage list's order, each with
// its deal count, total amount and weighted total (amount × probability, a deal without a
// probability of its own counted at its stage's) computed by the database over every deal
// the filter shows — never summed from the cards read — and the first cards of each
// column: name, account, amount, close date, owner, the next open activity, and whether the
// deal has sat in its stage longer than the stage allows (from the change log).

#include "pipeline/pipeline.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Rapport {

struct BoardFilter {
    QString search; // the Deals tab's quick search
    QString owner;  // "" for everyone's
    QDate closingFrom, closingTo; // either may be null: open-ended
};

enum class NextActivity { None, Overdue, Today, Later };

struct BoardCard {
    qint64 id = 0;
    qint64 version = 0;
    QString name, account, owner, stage;
    QString closeReason;   // why it was won or lost
    QVariant amount;       // null when the deal has none
    QDate closing;
    int probability = 0;   // its own, else its stage's
    NextActivity next = NextActivity::None;
    QDateTime nextDue;     // UTC, when there is an open activity with a due time
    int daysInStage = 0;
    bool stale = false;
    bool operator==(const BoardCard &) const = default;
};

struct BoardColumn {
    StageSetting stage;    // "" for the deals in no stage of the list
    qint64 count = 0;
    double total = 0;
    double weighted = 0;
    QList<BoardCard> cards; // the first cards, by close date
};

struct Board {
    QList<BoardColumn> columns;
    QString error;
};

class BoardReader
{
public:
    static constexpr int CardsPerColumn = 200;

    explicit BoardReader(const QString &connectionName);
    // The columns of the stage list and, only if any deal is in none of its stages (or in
    // none at all), one more for those.
    Board read(const BoardFilter &filter, int cardsPerColumn = CardsPerColumn) const;

private:
    QString m_connection;
};

} // namespace Rapport
