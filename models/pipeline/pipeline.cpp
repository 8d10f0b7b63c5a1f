#include "pipeline/pipeline.h"

#include "records/recordtypes.h"
#include "storage/teamsettings.h"
#include "storage/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

const char *const SettingsKey = "pipeline.stages";

QString stageOf(const QVariant &v)
{
    return v.isNull() ? QString() : v.toString();
}

} // namespace

Pipeline::Pipeline(const QString &connectionName)
    : m_connection(connectionName)
{
}

QList<StageSetting> Pipeline::defaults()
{
    QList<StageSetting> out;
    for (const QString &stage : picklistValues(*findField(Entity::Deal, QStringLiteral("stage")))) {
        const StageDefaults figures = stageDefaults(stage);
        out.append({stage, figures.probability, figures.staleDays});
    }
    return out;
}

QList<StageSetting> Pipeline::stages() const
{
    QList<StageSetting> out = defaults();
    const QJsonArray saved = TeamSettings::read(m_connection, QLatin1String(SettingsKey)).array();
    for (StageSetting &s : out) {
        for (const QJsonValue &v : saved) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("stage")).toString() != s.stage)
                continue;
            s.probability = std::clamp(o.value(QLatin1String("probability")).toInt(s.probability), 0, 100);
            s.staleDays = std::max(0, o.value(QLatin1String("stale_days")).toInt(s.staleDays));
        }
    }
    return out;
}

QString Pipeline::save(const QList<StageSetting> &stages) const
{
    QJsonArray list;
    for (const StageSetting &s : stages) {
        if (s.probability < 0 || s.probability > 100)
            return tr("The probability of %1 must be between 0 and 100.").arg(picklistLabel(s.stage));
        if (s.staleDays < 0)
            return tr("The days a deal may sit in %1 cannot be negative.").arg(picklistLabel(s.stage));
        list.append(QJsonObject{{"stage", s.stage}, {"probability", s.probability},
                                {"stale_days", s.staleDays}});
    }
    return TeamSettings::write(m_connection, QLatin1String(SettingsKey), QJsonDocument(list));
}

bool Pipeline::isWon(const QString &stage)
{
    return stage == QLatin1String("Closed Won");
}

bool Pipeline::isLost(const QString &stage)
{
    return stage == QLatin1String("Closed Lost");
}

QVariantMap Pipeline::withStageProbability(const QVariantMap &before, QVariantMap changes) const
{
    const QString probabilityKey = QStringLiteral("probability");
    const QString stageKey = QStringLiteral("stage");
    if (!changes.contains(stageKey))
        return changes;
    const QString stage = stageOf(changes.value(stageKey));
    const QString from = stageOf(before.value(stageKey));
    if (stage == from && !before.isEmpty())
        return changes;
    if (changes.contains(probabilityKey) && !changes.value(probabilityKey).toString().trimmed().isEmpty())
        return changes; // the rep's own figure
    const QVariant probability = before.value(probabilityKey);
    int fromDefault = -1, toDefault = -1;
    for (const StageSetting &s : stages()) {
        if (s.stage == from)
            fromDefault = s.probability;
        if (s.stage == stage)
            toDefault = s.probability;
    }
    if (isWon(stage))
        changes.insert(probabilityKey, 100);
    else if (isLost(stage))
        changes.insert(probabilityKey, 0);
    else if (toDefault >= 0
             && (probability.isNull() || probability.toString().isEmpty()
                 || probability.toInt() == fromDefault || isClosed(from)))
        changes.insert(probabilityKey, toDefault);
    return changes;
}

StageMove Pipeline::move(qint64 dealId, const QString &stage, const QString &reason,
                         qint64 ifVersion) const
{
    StageMove m;
    RecordStore store(m_connection);
    // Read and written in one transaction: the probability chosen is the one of the deal
    // as it is when written.
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive()) {
        m.write.error = tx.error();
        return m;
    }
    const std::optional<QVariantMap> deal = store.load(Entity::Deal, dealId);
    if (!deal) {
        m.write.error = tr("There is no deal with id %1.").arg(dealId);
        return m;
    }
    m.values.insert(QStringLiteral("stage"), stage);
    m.values = withStageProbability(*deal, m.values);
    if (isClosed(stage) && !reason.trimmed().isEmpty())
        m.values.insert(QStringLiteral("close_reason"), reason.trimmed());
    for (auto it = m.values.cbegin(); it != m.values.cend(); ++it)
        m.previous.insert(it.key(), deal->value(it.key()));
    m.write = store.update(Entity::Deal, dealId, m.values, ifVersion);
    if (!m.write.ok())
        return m;
    if (const QString error = tx.commit(); !error.isEmpty())
        m.write.error = error;
    return m;
}

} // namespace Rapport
