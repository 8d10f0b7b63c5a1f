#include "storage/demodata.h"

#include "records/moments.h"

#include "storage/clock.h"
#include "records/derivedcolumns.h"
#include "storage/recordstore.h"
#include "records/matchkeys.h"
#include "records/recordtypes.h"
#include "records/searchkey.h"
#include "storage/transaction.h"

#include <QDate>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Rapport {

namespace {

const QStringList First = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Dennis",
    "Barbara", "Edsger", "Donald", "Jürgen", "Françoise", "Søren", "Zoë", "José", "Olga",
    "Raj", "Aiko", "Kwame", "Fatima", "Chen", "Ingrid", "Mateo", "Priya"};
const QStringList Last = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson",
    "Ritchie", "Liskov", "Dijkstra", "Knuth", "Müller", "D'Aubigny", "Kierkegaard", "García",
    "Petrova", "Kumar", "Tanaka", "Mensah", "O'Brien", "Nakamura", "Schmidt", "Rossi"};
const QStringList Companies = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay",
    "Stark", "Wayne", "Wonka", "Cyberdyne", "Soylent", "Tyrell", "Aperture", "Nakatomi",
    "Oscorp", "Pied Piper", "Massive Dynamic", "Gringotts"};
const QStringList Suffixes = {"Inc", "GmbH", "Ltd", "S.A.", "LLC", "AG", "B.V."};
const QStringList Cities = {"Berlin", "Paris", "London", "New York", "São Paulo", "Tokyo",
    "Lagos", "Mumbai", "Toronto", "Sydney", "Madrid", "Zürich"};
const QStringList Titles = {"CEO", "CTO", "Head of Sales", "Purchasing Manager",
    "Office Manager", "IT Director", "Founder", "Marketing Lead"};

// Where a rep met the lead and what the lead said: the descriptions, with the commas,
// quotes and apostrophes that real notes have.
const QStringList Meetings = {"an event", "the trade show in Köln", "a webinar",
    "the Zürich meetup", "a partner's dinner", "the user group, spring edition"};
const QStringList Sayings = {"call me after the holidays", "send the pricing, please",
    "we're comparing three vendors", "can you do it for less?", "c'est parfait, merci",
    "bitte nur per E-Mail", "maybe in Q3, after the budget"};

class Gen
{
public:
    explicit Gen(QRandomGenerator &rng) : m_rng(rng) {}
    const QString &pick(const QStringList &list) { return list[int(m_rng.bounded(quint32(list.size())))]; }
    int between(int lo, int hi) { return lo + int(m_rng.bounded(quint32(hi - lo + 1))); }
    QString phone() { return QStringLiteral("+1 555 %1").arg(between(1000000, 9999999)); }
    QString company(qint64 i) { return QStringLiteral("%1 %2 %3").arg(pick(Companies)).arg(i).arg(pick(Suffixes)); }

private:
    QRandomGenerator &m_rng;
};

// The web domain of a demo company: "Pied Piper 5 Inc" → "piedpiper5.example", so that
// its people's email addresses and its website agree, as they do in real life.
QString domainOf(const QString &company)
{
    QString domain;
    for (QChar c : company.section(QLatin1Char(' '), 0, -2).toLower()) {
        if (c.isLetterOrNumber())
            domain.append(c);
    }
    return domain + QStringLiteral(".example");
}

QString emailOf(const QString &first, const QString &last, const QString &domain,
                const QString &unique = {})
{
    QString local = first.toLower() + QLatin1Char('.') + last.toLower();
    if (!unique.isEmpty())
        local += QLatin1Char('.') + unique;
    return local.remove(QLatin1Char('\'')) + QLatin1Char('@') + domain;
}

QString picked(Gen &g, Entity e, const char *field)
{
    return g.pick(picklistValues(*findField(e, QLatin1String(field))));
}

// Rows go in BatchRows at a time, one multi-row INSERT each, with time stamps and search
// key added. Row by row, each INSERT is a statement of its own, and at each one FTS5 writes
// out the search index's pending data (a small segment per row, merged again later): four
// times the work for a demo database. Call finish() for the last rows.
class Inserter
{
public:
    static constexpr int BatchRows = 100;

    Inserter(const QString &connection, Entity entity, const QStringList &columns)
        : m_connection(connection), m_entity(entity), m_columns(columns)
        , m_batch(QSqlDatabase::database(connection))
    {
        m_batch.prepare(sql(BatchRows));
        m_now = nowUtc();
    }
    QString add(const QVariantList &row)
    {
        QVariantMap values;
        for (int i = 0; i < row.size(); ++i)
            values.insert(m_columns[i], row[i]);
        m_pending << row << m_now << m_now;
        const QVariantMap derived = DerivedColumns::compute(m_entity, values);
        for (const QString &c : DerivedColumns::names(m_entity))
            m_pending << derived.value(c);
        return ++m_rows == BatchRows ? write(m_batch) : QString();
    }
    QString finish()
    {
        if (m_rows == 0)
            return {};
        QSqlQuery last(QSqlDatabase::database(m_connection));
        last.prepare(sql(m_rows));
        return write(last);
    }

private:
    QString sql(int rows) const
    {
        QStringList cols = m_columns;
        cols << "created_at" << "modified_at" << DerivedColumns::names(m_entity);
        QStringList marks;
        marks.fill("?", cols.size());
        const QString tuple = QLatin1Char('(') + marks.join(',') + QLatin1Char(')');
        return QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
            .arg(entityDef(m_entity).table, cols.join(','),
                 QStringList(rows, tuple).join(','));
    }
    QString write(QSqlQuery &q)
    {
        for (int i = 0; i < m_pending.size(); ++i)
            q.bindValue(i, m_pending[i]);
        m_pending.clear();
        m_rows = 0;
        return q.exec() ? QString() : q.lastError().text();
    }

    QString m_connection;
    Entity m_entity;
    QStringList m_columns;
    QSqlQuery m_batch;
    QString m_now;
    QVariantList m_pending; // m_rows rows of values, row after row
    int m_rows = 0;
};

qint64 maxId(const QString &connection, const char *table)
{
    QSqlQuery q(QSqlDatabase::database(connection));
    q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM %1").arg(QLatin1String(table)));
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace

DemoData::DemoData(const QString &connectionName, quint32 seed)
    : m_connection(connectionName), m_seed(seed)
{
}

QString DemoData::generate(const DemoCounts &counts)
{
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive())
        return tx.error();
    QString error = addAccounts(counts.accounts);
    if (error.isEmpty())
        error = addContacts(counts.contacts);
    if (error.isEmpty())
        error = addDeals(counts.deals);
    if (error.isEmpty())
        error = addLeads(counts.leads);
    if (error.isEmpty())
        error = addActivities(counts.activities);
    return error.isEmpty() ? tx.commit() : error;
}

QString DemoData::addAccounts(qint64 n)
{
    QRandomGenerator rng(m_seed + 1);
    Gen g(rng);
    Inserter ins(m_connection, Entity::Account, {"account_name", "website", "phone", "industry",
                 "account_type", "employees", "billing_city", "rating"});
    const qint64 base = maxId(m_connection, "accounts");
    for (qint64 i = 1; i <= n; ++i) {
        const QString name = g.company(base + i);
        const QString error = ins.add({name, QStringLiteral("https://www.%1").arg(domainOf(name)),
            g.phone(), picked(g, Entity::Account, "industry"), picked(g, Entity::Account, "account_type"),
            g.between(5, 5000), g.pick(Cities), picked(g, Entity::Account, "rating")});
        if (!error.isEmpty())
            return error;
    }
    return ins.finish();
}

QString DemoData::addContacts(qint64 n)
{
    QRandomGenerator rng(m_seed + 2);
    Gen g(rng);
    const qint64 accounts = maxId(m_connection, "accounts");
    Inserter ins(m_connection, Entity::Contact, {"first_name", "last_name", "account_id", "title",
                 "email", "phone", "mailing_city", "lead_source"});
    const qint64 base = maxId(m_connection, "contacts");
    QSqlQuery nameOf(QSqlDatabase::database(m_connection));
    nameOf.prepare(QStringLiteral("SELECT account_name FROM accounts WHERE id = ?"));
    for (qint64 i = 1; i <= n; ++i) {
        const QString first = g.pick(First), last = g.pick(Last);
        const QVariant account = accounts > 0 ? QVariant(qint64(g.between(1, int(accounts)))) : QVariant();
        QString domain = QStringLiteral("example.com");
        if (!account.isNull()) {
            nameOf.addBindValue(account);
            if (nameOf.exec() && nameOf.next())
                domain = domainOf(nameOf.value(0).toString());
            nameOf.finish();
        }
        const QString email = emailOf(first, last, domain, QString::number(base + i));
        const QString error = ins.add({first, last, account, g.pick(Titles), email, g.phone(),
            g.pick(Cities), picked(g, Entity::Contact, "lead_source")});
        if (!error.isEmpty())
            return error;
    }
    return ins.finish();
}

QString DemoData::addDeals(qint64 n)
{
    QRandomGenerator rng(m_seed + 3);
    Gen g(rng);
    const qint64 accounts = maxId(m_connection, "accounts");
    const qint64 contacts = maxId(m_connection, "contacts");
    Inserter ins(m_connection, Entity::Deal, {"deal_name", "account_id", "contact_id", "amount",
                 "closing_date", "stage", "probability", "lead_source"});
    // A deal is pursued with a person at its account, as in a real pipeline.
    QSqlQuery accountOf(QSqlDatabase::database(m_connection));
    accountOf.prepare(QStringLiteral("SELECT account_id FROM contacts WHERE id = ?"));
    QSqlQuery nameOf(QSqlDatabase::database(m_connection));
    nameOf.prepare(QStringLiteral("SELECT account_name FROM accounts WHERE id = ?"));
    const QDate today = QDate::currentDate();
    for (qint64 i = 1; i <= n; ++i) {
        QVariant account = accounts > 0 ? QVariant(qint64(g.between(1, int(accounts)))) : QVariant();
        QVariant contact;
        if (contacts > 0) {
            contact = qint64(g.between(1, int(contacts)));
            accountOf.addBindValue(contact);
            if (accountOf.exec() && accountOf.next() && !accountOf.value(0).isNull())
                account = accountOf.value(0);
            accountOf.finish();
        }
        QString company = g.pick(Companies);
        if (!account.isNull()) {
            nameOf.addBindValue(account);
            if (nameOf.exec() && nameOf.next())
                company = nameOf.value(0).toString();
            nameOf.finish();
        }
        const QString name = QStringLiteral("%1 – %2 licences").arg(company).arg(g.between(5, 500));
        const double amount = double(g.between(10, 2000)) * 100.0;
        const QString closing = today.addDays(g.between(-60, 180)).toString(Qt::ISODate);
        const QString stage = picked(g, Entity::Deal, "stage");
        // Won is 100 %, lost 0 %; an open deal has its stage's figure, or now and then the
        // rep's own.
        const int own = g.between(1, 9);
        const StageDefaults figures = stageDefaults(stage);
        const bool closed = figures.staleDays == 0; // the closed stages never go stale
        const int probability = closed || own % 3 != 0 ? figures.probability : own * 10;
        const QString error = ins.add({name, account, contact, amount, closing, stage, probability,
                                       picked(g, Entity::Deal, "lead_source")});
        if (!error.isEmpty())
            return error;
    }
    return ins.finish();
}

QString DemoData::addLeads(qint64 n)
{
    Inserter ins(m_connection, Entity::Lead, {"first_name", "last_name", "company", "title", "email",
                 "phone", "city", "lead_source", "lead_status", "industry", "description"});
    DemoLeads leads(m_seed, maxId(m_connection, "leads") + 1);
    for (qint64 i = 1; i <= n; ++i) {
        const DemoLeads::Lead l = leads.next();
        const QString error = ins.add({l.firstName, l.lastName, l.company, l.title, l.email,
            l.phone, l.city, l.leadSource, l.leadStatus, l.industry, l.description});
        if (!error.isEmpty())
            return error;
    }
    return ins.finish();
}

QString DemoData::addActivities(qint64 n)
{
    QRandomGenerator rng(m_seed + 5);
    Gen g(rng);
    const qint64 leads = maxId(m_connection, "leads");
    const qint64 contacts = maxId(m_connection, "contacts");
    const qint64 deals = maxId(m_connection, "deals");
    if (n > 0 && leads + contacts + deals == 0)
        return QStringLiteral("Sample activities need leads, contacts or deals to be on.");
    Inserter ins(m_connection, Entity::Activity, {"subject", "activity_type", "due_at", "status",
                 "priority", "completed_at", "lead_id", "contact_id", "account_id", "deal_id"});
    // A deal's activity is with its contact at its account, as a contact's is at theirs.
    QSqlQuery dealOf(QSqlDatabase::database(m_connection));
    dealOf.prepare(QStringLiteral("SELECT contact_id, account_id FROM deals WHERE id = ?"));
    QSqlQuery contactOf(QSqlDatabase::database(m_connection));
    contactOf.prepare(QStringLiteral("SELECT account_id FROM contacts WHERE id = ?"));
    static const QStringList tasks = {"Send the proposal", "Prepare the quote", "Follow up on the demo",
                                      "Send the contract", "Check the references"};
    static const QStringList calls = {"Qualification call", "Call about the pricing", "Check-in call",
                                      "Call back as promised"};
    static const QStringList meetings = {"Product demo", "Kick-off meeting", "Contract review",
                                         "Lunch with the buyer"};
    static const QStringList emails = {"Sent the brochure", "Answered the questions", "Sent the price list"};
    // Around today: some overdue, many this week and next, a few done already.
    const QDateTime now = Clock::now();
    const QDateTime nine(now.toLocalTime().date(), QTime(9, 0));
    for (qint64 i = 1; i <= n; ++i) {
        QVariant lead, contact, account, deal;
        const int on = g.between(0, 9);
        if (deals > 0 && (on < 4 || (leads == 0 && contacts == 0))) {
            deal = qint64(g.between(1, int(deals)));
            dealOf.addBindValue(deal);
            if (dealOf.exec() && dealOf.next()) {
                contact = dealOf.value(0);
                account = dealOf.value(1);
            }
            dealOf.finish();
        } else if (contacts > 0 && (on < 7 || leads == 0)) {
            contact = qint64(g.between(1, int(contacts)));
            contactOf.addBindValue(contact);
            if (contactOf.exec() && contactOf.next())
                account = contactOf.value(0);
            contactOf.finish();
        } else {
            lead = qint64(g.between(1, int(leads)));
        }
        const int kind = g.between(0, 9);
        const QString type = kind < 4 ? QStringLiteral("Task") : kind < 7 ? QStringLiteral("Call")
                           : kind < 9 ? QStringLiteral("Meeting") : QStringLiteral("Email");
        const QStringList &subjects = type == QLatin1String("Task") ? tasks
                                    : type == QLatin1String("Call") ? calls
                                    : type == QLatin1String("Meeting") ? meetings : emails;
        const QDateTime due = nine.addDays(g.between(-5, 14)).addSecs(1800 * g.between(0, 16));
        const bool done = type == QLatin1String("Email") || (due < now && g.between(0, 2) == 0);
        const QString error = ins.add({g.pick(subjects), type, Moments::toStored(due),
            done ? QStringLiteral("Done") : QStringLiteral("Open"),
            g.between(0, 3) == 0 ? QStringLiteral("High") : QStringLiteral("Normal"),
            done ? QVariant(Moments::toStored(due)) : QVariant(), lead, contact, account, deal});
        if (!error.isEmpty())
            return error;
    }
    return ins.finish();
}

DemoLeads::DemoLeads(quint32 seed, qint64 firstNumber)
    : m_rng(seed + 4), m_number(firstNumber)
{
}

DemoLeads::Lead DemoLeads::next()
{
    Gen g(m_rng);
    const qint64 number = m_number++;
    Lead l;
    l.firstName = g.pick(First);
    l.lastName = g.pick(Last);
    l.company = g.company(number % 50000);
    l.title = g.pick(Titles);
    l.email = emailOf(l.firstName, l.lastName, domainOf(l.company), QString::number(number));
    l.phone = g.phone();
    l.city = g.pick(Cities);
    l.leadSource = picked(g, Entity::Lead, "lead_source");
    l.leadStatus = picked(g, Entity::Lead, "lead_status");
    l.industry = picked(g, Entity::Lead, "industry");
    const QString plan = QString::number(g.between(1, 9));
    const QString &meeting = g.pick(Meetings);
    l.description = QStringLiteral("Met %1 at %2, interested in plan %3; said \"%4\".")
                        .arg(l.firstName, meeting, plan, g.pick(Sayings));
    return l;
}

} // namespace Rapport
