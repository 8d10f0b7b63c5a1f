#pragma once
// The sales pipeline: the deal stages in the stage list's order, each with the probability a
// deal in it gets by default and the days after which a deal sitting in it is going stale
// (kept in the database's settings, so the whole team shares them), and moving a deal from
// stage to stage as the board does it.

#include "storage/recordstore.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QVariantMap>

namespace Rapport {

struct StageSetting {
    QString stage;       // as stored ("Closed Won"), untranslated
    int probability = 0; // 0–100, a deal's default in this stage
    int staleDays = 0;   // 0: never stale (the closed stages)
    bool operator==(const StageSetting &) const = default;
};

struct StageMove {
    WriteResult write;     // the deal's update (its version after it)
    QVariantMap previous;  // what the move changed, as it was: what undoing it writes back
    QVariantMap values;    // what it wrote
};

class Pipeline
{
    Q_DECLARE_TR_FUNCTIONS(Pipeline)

public:
    explicit Pipeline(const QString &connectionName);

    // The stages as set for this database, else the defaults; always the stage list's
    // stages, in its order.
    QList<StageSetting> stages() const;
    static QList<StageSetting> defaults();
    // "" or why they were not saved (a probability outside 0–100, a negative limit).
    QString save(const QList<StageSetting> &stages) const;

    static bool isWon(const QString &stage);
    static bool isLost(const QString &stage);
    static bool isClosed(const QString &stage) { return isWon(stage) || isLost(stage); }

    // Moves the deal to `stage`: Closed Won sets the probability to 100, Closed Lost to 0,
    // and the close reason to `reason`; any other stage sets the stage's probability unless
    // the rep has set one of their own (a probability that is not the old stage's default).
    // With `ifVersion`, refused as stale if the deal changed since.
    StageMove move(qint64 dealId, const QString &stage, const QString &reason = {},
                   qint64 ifVersion = 0) const;
    // The same rule for any write of a deal (the form, the command line): `changes` to the
    // deal `before` (empty for a new deal), with the probability its new stage gives, unless
    // the changes set one themselves.
    QVariantMap withStageProbability(const QVariantMap &before, QVariantMap changes) const;

private:
    QString m_connection;
};

} // namespace Rapport
