#pragma once
// Generated sample records: realistic names, companies, sources and stages, so that a new
// user sees a working CRM and benchmarks have a million leads to scroll.

#include <QString>

namespace Rapport {

struct DemoCounts {
    qint64 leads = 0;
    qint64 contacts = 0;
    qint64 accounts = 0;
    qint64 deals = 0;
};

class DemoData
{
public:
    explicit DemoData(const QString &connectionName, quint32 seed = 42);
    // Adds the records in one transaction; returns an error message or "".
    QString generate(const DemoCounts &counts);

private:
    QString addAccounts(qint64 n);
    QString addContacts(qint64 n);
    QString addDeals(qint64 n);
    QString addLeads(qint64 n);

    QString m_connection;
    quint32 m_seed;
};

} // namespace Rapport
