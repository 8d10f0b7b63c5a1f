#include "storage/notestore.h"

#include "storage/changelog.h"
#include "storage/clock.h"
#include "storage/transaction.h"
#include "storage/recordstore.h"
#include "storage/rowsecurity.h"
#include "records/recordtypes.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

NoteStore::NoteStore(const QString &connectionName)
    : m_connection(connectionName)
{
}

WriteResult NoteStore::add(Entity entity, qint64 recordId, const QString &typed)
{
    // A NUL is dropped, as from a record's fields (records/validation.h).
    const QString body = QString(typed).remove(QChar::Null);
    if (body.trimmed().isEmpty())
        return {0, QCoreApplication::translate("Rapport::NoteStore", "A note needs some text."), {}};
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive())
        return {0, tx.error(), {}};
    // A note is part of its record: the server refuses it to a rep who may not change the
    // record; said in words here, before anything is written.
    if (const QString refused = RowSecurity(m_connection).refusalToAddNote(entity, recordId);
        !refused.isEmpty()) {
        WriteResult w;
        w.error = refused;
        w.refused = true;
        return w;
    }
    const QString table = QLatin1String(entityDef(entity).table);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO notes (entity, record_id, body, created_at) "
                             "VALUES (?, ?, ?, ?) RETURNING id"));
    q.addBindValue(table);
    q.addBindValue(recordId);
    q.addBindValue(body.trimmed());
    q.addBindValue(nowUtc());
    if (!q.exec() || !q.next())
        return {0, q.lastError().text(), {}};
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    ChangeLog log(m_connection);
    if (!log.append({QLatin1String(ChangeKind::Note), table, recordId, {}, {}, body.trimmed(),
                     QStringLiteral("notes"), id}))
        return {0, log.error(), {}};
    if (const QString error = tx.commit(); !error.isEmpty())
        return {0, error, {}};
    return {id, {}, {}};
}

QList<Note> NoteStore::list(Entity entity, qint64 recordId) const
{
    // Which lead column points at records of this type, if they show a converted lead's notes.
    const FieldDef *link = conversionLink(entity);
    const QString leadColumn = link && link->sharesNotes ? QLatin1String(link->name) : QString();
    QString sql = QStringLiteral("SELECT id, body, created_at, entity, record_id FROM notes "
                                 "WHERE (entity = ? AND record_id = ?)");
    if (!leadColumn.isEmpty())
        sql += QStringLiteral(" OR (entity = 'leads' AND record_id IN "
                              "(SELECT id FROM leads WHERE %1 = ?))").arg(leadColumn);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(sql + QStringLiteral(" ORDER BY created_at DESC, id DESC"));
    q.addBindValue(QLatin1String(entityDef(entity).table));
    q.addBindValue(recordId);
    if (!leadColumn.isEmpty())
        q.addBindValue(recordId);
    QList<Note> notes;
    if (!q.exec())
        return notes;
    const QString ownTable = QLatin1String(entityDef(entity).table);
    while (q.next()) {
        QDateTime created = QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs);
        created.setTimeSpec(Qt::UTC);
        const bool fromLead = q.value(3).toString() != ownTable;
        notes.append({q.value(0).toLongLong(), q.value(1).toString(), created,
                      fromLead ? q.value(4).toLongLong() : 0});
    }
    return notes;
}

bool NoteStore::remove(qint64 noteId)
{
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT entity, record_id, body FROM notes WHERE id = ?"));
    q.addBindValue(noteId);
    if (!q.exec() || !q.next())
        return false;
    const ChangeEntry entry{QLatin1String(ChangeKind::Note), q.value(0).toString(),
                            q.value(1).toLongLong(), {}, q.value(2), {}, QStringLiteral("notes"),
                            noteId};
    q.finish();
    q.prepare(QStringLiteral("DELETE FROM notes WHERE id = ?"));
    q.addBindValue(noteId);
    ChangeLog log(m_connection);
    return q.exec() && log.append(entry) && tx.commit().isEmpty();
}

} // namespace Rapport
