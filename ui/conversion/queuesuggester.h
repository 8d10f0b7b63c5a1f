#pragma once
// Works out the conversion queue's suggestions (the lead's name, the plan Rapport suggests
// with its exact matches, and whether the lead is still there to convert) on a DbWorker of its
// own, so that the queue shows at once and a thousand leads never hold the window. Leads are
// done in order, the one the rep is on first: prefer() puts a lead next.

#include "conversion/conversionplan.h"
#include "storage/dbworker.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace Rapport {

class QueueSuggester : public QObject
{
    Q_OBJECT

public:
    struct Suggestion {
        int row = -1;
        QString name;
        std::optional<ConversionPlan> plan; // nullopt: the lead no longer exists
        bool converted = false;             // the lead was converted already
        QString text;                       // the plan in words, for the queue's row
    };

    QueueSuggester(const QList<qint64> &leadIds, const QString &connection,
                   QObject *parent = nullptr);
    ~QueueSuggester() override;

    // Starts the work; suggestions then arrive one by one through ready().
    void start();
    // The lead of `row` is worked out next (if it is not done or under way already).
    void prefer(int row);
    bool isDone() const { return m_done; }

Q_SIGNALS:
    void ready(const Rapport::QueueSuggester::Suggestion &suggestion);
    // Every lead has its suggestion, or the worker could not open its connection (`error`).
    void finished(const QString &error);

private:
    struct Order;
    std::shared_ptr<Order> m_order; // shared with the worker thread
    bool m_done = false;
    DbWorker m_worker; // last: it goes first, and its thread reads the members above
};

} // namespace Rapport
