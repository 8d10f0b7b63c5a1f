#pragma once
// What other clients wrote, as soon as it is committed: another rep's desktop app, a nightly
// rapport-cli import, a second window on the same SQLite file. The watcher remembers the
// newest change log entry (storage/changelog.h) it has seen and reads the entries after it,
// then says which records and record types they were about, so that the window shows them.
//
// The log is the truth; nudges only say when to read it. On PostgreSQL the server's
// notifications on ChangeChannel are the nudge (lost while the connection is down, so a slow
// poll backs them up and a reconnect reads all that was missed); on SQLite a cheap poll by
// sequence number is. Sequence numbers are handed out when an entry is written, not when it
// is committed: on PostgreSQL a long transaction can commit an entry below one already read,
// so the numbers skipped are looked for again for a while before they count as rolled back.
//
// Entries this window wrote itself come back too: the window only reads again what it
// shows, which is harmless. The poll's timer is the watcher's own; tests set the interval to
// 0 and call poll() (or wait for a notification) instead of waiting on the clock.

#include "records/fielddef.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSqlDriver>
#include <QString>

class QTimer;

namespace Rapport {

// One entry of the log, as the watcher read it.
struct SeenChange {
    qint64 seq = 0;
    QString who;
    QString kind;     // a ChangeKind
    QString table;    // the record's table ("deals")
    qint64 recordId = 0; // 0: about many records (an import, its undo)
};

struct ChangeBatch {
    QList<SeenChange> entries;
    // More was written than is worth listing, or the watcher lost track: read all again.
    bool everything = false;

    bool touches(Entity entity) const;
    // Whether the batch says something about the record (or about its whole type).
    bool touchesRecord(Entity entity, qint64 id) const;
    // Who wrote the newest entry about the record; "" when the batch has none.
    QString who(Entity entity, qint64 id) const;
};

class ChangeWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int FilePollMs = 1500;    // SQLite: how other clients' writes are seen
    static constexpr int ServerPollMs = 30000; // PostgreSQL: the net under the notifications
    static constexpr int MaxEntries = 1000;    // a batch larger than that is "everything"
    static constexpr qint64 GapLifeMs = 10 * 60 * 1000; // how long a skipped number may come

    // Starts at the log's newest entry: what was written before is not news.
    explicit ChangeWatcher(const QString &connectionName, QObject *parent = nullptr);

    // Milliseconds between polls; 0: none (poll() and notifications only).
    void setPollInterval(int ms);
    int pollInterval() const;
    // Whether the server's notifications reach this watcher (PostgreSQL only).
    bool isListening() const;
    // The newest entry seen; -1 while the log could not be read yet.
    qint64 lastSeen() const { return m_seen; }
    // The database's message when the last read failed, "" after one that worked.
    QString lastError() const { return m_error; }

    // Reads what was written since the last time; emits changed() if anything was.
    void poll();
    // Reads the log as poll() does, then says "everything" whatever it found: after a lost
    // connection, when what the window shows may have failed to load meanwhile. Kept until a
    // read works.
    void pollEverything();

Q_SIGNALS:
    void changed(const Rapport::ChangeBatch &batch);

private:
    void listen();
    void notified(const QString &name);
    bool readNewest(qint64 *seq);
    bool readAfter(QList<SeenChange> *entries);
    void take(const QList<SeenChange> &read, ChangeBatch *batch);
    void forgetOldGaps();

    QString m_connection;
    QPointer<QSqlDriver> m_driver; // whose notifications are connected
    QTimer *m_timer;
    QTimer *m_soon; // a notification, or a poll put off while a transaction is open
    qint64 m_seen = -1;
    bool m_everything = false; // the next batch that is read says "everything"
    QMap<qint64, QDateTime> m_gaps; // numbers skipped, and since when
    QString m_error;
};

} // namespace Rapport
