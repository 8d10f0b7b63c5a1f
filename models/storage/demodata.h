#pragma once
// Generated sample records: realistic names, companies, sources and stages, so that a new
// user sees a working CRM and benchmarks have a million leads to scroll.

#include <QRandomGenerator>
#include <QString>

namespace Rapport {

struct DemoCounts {
    qint64 leads = 0;
    qint64 contacts = 0;
    qint64 accounts = 0;
    qint64 deals = 0;
    qint64 activities = 0; // tasks, calls, meetings and emails on the records above
};

// The generated leads, one after another: the same ones for the same seed. DemoData writes
// them to the database, writeDemoLeadsCsv() (transfer/democsv.h) to a CSV file; both hold
// one lead at a time.
class DemoLeads
{
public:
    struct Lead {
        QString firstName, lastName, company, title, email, phone, city, leadSource,
            leadStatus, industry, description;
    };

    // `seed` as DemoData's; `firstNumber` numbers the first lead, which keeps email
    // addresses unique (a database that has leads goes on after its largest id).
    explicit DemoLeads(quint32 seed = 42, qint64 firstNumber = 1);
    Lead next();

private:
    QRandomGenerator m_rng;
    qint64 m_number;
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
    QString addActivities(qint64 n);

    QString m_connection;
    quint32 m_seed;
};

} // namespace Rapport
