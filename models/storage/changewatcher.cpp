#include "storage/changewatcher.h"

#include "records/recordtypes.h"
#include "storage/changechannel.h"
#include "storage/clock.h"
#include "storage/transaction.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <utility>

namespace Rapport {

namespace {

// Skipped numbers looked for again at most: a burst of rollbacks cannot grow the query.
constexpr int MaxGaps = 200;
// A poll put off while this window's own transaction is open comes this much later.
constexpr int RetryMs = 250;

bool isPostgres(const QString &connection)
{
    return QSqlDatabase::database(connection, false).driverName() == QLatin1String("QPSQL");
}

} // namespace

bool ChangeBatch::touches(Entity entity) const
{
    if (everything)
        return true;
    const QLatin1String table(entityDef(entity).table);
    for (const SeenChange &c : entries) {
        if (c.table == table)
            return true;
    }
    return false;
}

bool ChangeBatch::touchesRecord(Entity entity, qint64 id) const
{
    if (everything)
        return true;
    const QLatin1String table(entityDef(entity).table);
    for (const SeenChange &c : entries) {
        if (c.table == table && (c.recordId == id || c.recordId == 0))
            return true;
    }
    return false;
}

QString ChangeBatch::who(Entity entity, qint64 id) const
{
    const QLatin1String table(entityDef(entity).table);
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->table == table && it->recordId == id)
            return it->who;
    }
    return {};
}

ChangeWatcher::ChangeWatcher(const QString &connectionName, QObject *parent)
    : QObject(parent)
    , m_connection(connectionName)
    , m_timer(new QTimer(this))
    , m_soon(new QTimer(this))
{
    m_soon->setSingleShot(true);
    connect(m_soon, &QTimer::timeout, this, &ChangeWatcher::poll);
    connect(m_timer, &QTimer::timeout, this, &ChangeWatcher::poll);
    qint64 newest = 0;
    if (readNewest(&newest))
        m_seen = newest;
    listen();
    setPollInterval(isPostgres(m_connection) ? ServerPollMs : FilePollMs);
}

void ChangeWatcher::setPollInterval(int ms)
{
    m_timer->stop();
    m_timer->setInterval(ms);
    if (ms > 0)
        m_timer->start();
}

int ChangeWatcher::pollInterval() const
{
    return m_timer->isActive() ? m_timer->interval() : 0;
}

bool ChangeWatcher::isListening() const
{
    return m_driver && m_driver->subscribedToNotifications().contains(ChangeChannel::name());
}

// Subscribes once per connection: again after a reconnect (a closed driver forgets its
// subscriptions), and to the new driver when the connection was made anew.
void ChangeWatcher::listen()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (db.driverName() != QLatin1String("QPSQL") || !db.isOpen())
        return;
    QSqlDriver *driver = db.driver();
    if (driver != m_driver) {
        if (m_driver)
            disconnect(m_driver, nullptr, this, nullptr);
        m_driver = driver;
        connect(driver, &QSqlDriver::notification, this,
                [this](const QString &name) { notified(name); });
    }
    if (!driver->subscribedToNotifications().contains(ChangeChannel::name()))
        driver->subscribeToNotification(ChangeChannel::name());
}

void ChangeWatcher::notified(const QString &name)
{
    // Several commits in a row are one read, after the events already queued.
    if (name == ChangeChannel::name() && !m_soon->isActive())
        m_soon->start(0);
}

void ChangeWatcher::poll()
{
    // Mid-transaction the connection would read this window's uncommitted work, or fail in
    // an aborted transaction: read once it has ended.
    if (Transaction::isOpen(m_connection)) {
        m_soon->start(RetryMs);
        return;
    }
    listen(); // again after a reconnect: what came meanwhile is read from the log below
    ChangeBatch batch;
    if (m_seen < 0) {
        // The log could not be read before: what came meanwhile is unknown.
        qint64 newest = 0;
        if (!readNewest(&newest))
            return;
        m_seen = newest;
        m_everything = false;
        batch.everything = true;
        Q_EMIT changed(batch);
        return;
    }
    QList<SeenChange> read;
    if (!readAfter(&read))
        return;
    take(read, &batch);
    forgetOldGaps();
    if (std::exchange(m_everything, false))
        batch.everything = true;
    if (batch.everything || !batch.entries.isEmpty())
        Q_EMIT changed(batch);
}

void ChangeWatcher::pollEverything()
{
    m_everything = true;
    poll();
}

bool ChangeWatcher::readNewest(qint64 *seq)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM changes")) || !q.next()) {
        m_error = q.lastError().text();
        return false;
    }
    m_error.clear();
    *seq = q.value(0).toLongLong();
    return true;
}

// The entries after the newest seen, and those of the skipped numbers that came since.
bool ChangeWatcher::readAfter(QList<SeenChange> *entries)
{
    QString sql = QStringLiteral("SELECT seq, who, kind, entity, record_id FROM changes "
                                 "WHERE seq > ?");
    if (!m_gaps.isEmpty()) {
        const QStringList marks(m_gaps.size(), QStringLiteral("?"));
        sql += QStringLiteral(" OR seq IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    sql += QStringLiteral(" ORDER BY seq LIMIT ?");
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(sql);
    q.addBindValue(m_seen);
    for (auto it = m_gaps.cbegin(); it != m_gaps.cend(); ++it)
        q.addBindValue(it.key());
    q.addBindValue(MaxEntries + 1);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    m_error.clear();
    while (q.next()) {
        entries->append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                         q.value(3).toString(), q.value(4).toLongLong()});
    }
    return true;
}

void ChangeWatcher::take(const QList<SeenChange> &read, ChangeBatch *batch)
{
    if (read.size() > MaxEntries) {
        // Too many to say one by one (they go on past what was read): start again from the
        // newest, and everything is read again.
        qint64 newest = read.last().seq;
        readNewest(&newest);
        m_seen = newest;
        m_gaps.clear();
        batch->everything = true;
        return;
    }
    const QDateTime now = Clock::now();
    for (const SeenChange &c : read) {
        if (c.seq <= m_seen) {
            m_gaps.remove(c.seq); // a skipped number committed late
        } else {
            for (qint64 s = std::max(m_seen + 1, c.seq - MaxGaps); s < c.seq; ++s)
                m_gaps.insert(s, now);
            m_seen = c.seq;
        }
        batch->entries << c;
    }
    while (m_gaps.size() > MaxGaps)
        m_gaps.erase(m_gaps.begin());
}

void ChangeWatcher::forgetOldGaps()
{
    const QDateTime now = Clock::now();
    for (auto it = m_gaps.begin(); it != m_gaps.end();) {
        if (it.value().msecsTo(now) > GapLifeMs)
            it = m_gaps.erase(it);
        else
            ++it;
    }
}

} // namespace Rapport
