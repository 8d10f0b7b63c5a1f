#include "storage/changechannel.h"

#include <QSqlQuery>

namespace Rapport {

namespace {

const char TriggerName[] = "rapport_changes_notify";

} // namespace

ChangeChannel::ChangeChannel(const QSqlDatabase &db)
    : m_db(db)
    , m_pg(db.driverName() == QLatin1String("QPSQL"))
{
}

QString ChangeChannel::name()
{
    return QStringLiteral("rapport_changes");
}

bool ChangeChannel::isComplete() const
{
    if (!m_pg)
        return true;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                             "WHERE t.tgname = ? AND c.relname = ? "
                             "AND c.relnamespace = to_regnamespace(current_schema())"));
    q.addBindValue(QLatin1String(TriggerName));
    q.addBindValue(QStringLiteral("changes"));
    return q.exec() && q.next();
}

QSqlError ChangeChannel::ensure()
{
    if (!m_pg)
        return {};
    // Per statement, not per row: an import's thousand entries are one notification. The
    // payload stays empty: a listener reads the log itself, notifications are only a hint.
    const QString statements[] = {
        QStringLiteral("CREATE OR REPLACE FUNCTION rapport_notify_changes() RETURNS trigger "
                       "LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('%1', ''); RETURN NULL; "
                       "END $$").arg(name()),
        QStringLiteral("DROP TRIGGER IF EXISTS %1 ON changes").arg(QLatin1String(TriggerName)),
        QStringLiteral("CREATE TRIGGER %1 AFTER INSERT ON changes FOR EACH STATEMENT "
                       "EXECUTE FUNCTION rapport_notify_changes()")
            .arg(QLatin1String(TriggerName)),
    };
    for (const QString &sql : statements) {
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            return q.lastError();
    }
    return {};
}

} // namespace Rapport
