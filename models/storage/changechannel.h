#pragma once
// The PostgreSQL channel that says "the change log grew": a statement trigger on `changes`
// notifies it, so every client that writes — a desktop app, rapport-cli, a script with psql
// that goes through Rapport's tables — tells every listening window at its commit (the
// server delivers notifications only then, one per transaction and payload). The trigger is
// derived schema, like the search index: made inside the schema transaction when missing,
// without a new schema version, so an older Rapport still opens the database. SQLite has no
// such channel: its windows poll the log (storage/changewatcher.h).

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace Rapport {

class ChangeChannel
{
public:
    explicit ChangeChannel(const QSqlDatabase &db);

    // The channel's name, for QSqlDriver::subscribeToNotification().
    static QString name();

    // Whether the trigger is there (always true on SQLite).
    bool isComplete() const;
    // Makes (or remakes) the function and the trigger. Run inside the schema transaction.
    QSqlError ensure();

private:
    QSqlDatabase m_db;
    bool m_pg;
};

} // namespace Rapport
