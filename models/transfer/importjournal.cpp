#include "transfer/importjournal.h"

#include "storage/changelog.h"
#include "storage/picklists.h"

#include "storage/clock.h"

#include "storage/bulkwrite.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"
#include "storage/transaction.h"
#include "transfer/importundo.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

} // namespace

ImportJournal::ImportJournal(const QString &connectionName)
    : m_connection(connectionName)
{
}

ImportJournal::~ImportJournal() = default;

bool ImportJournal::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool ImportJournal::begin(Entity entity, const QString &file, const QString &stamp)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO imports (module, file, time, stamp, created, updated, "
                             "skipped, rejected) VALUES (?, ?, ?, ?, 0, 0, 0, 0) RETURNING id"));
    q.addBindValue(table(entity));
    q.addBindValue(QFileInfo(file).fileName());
    q.addBindValue(Clock::now().toString(Qt::ISODate));
    q.addBindValue(stamp);
    if (!q.exec() || !q.next())
        return fail(q.lastError().text());
    m_importId = q.value(0).toLongLong();
    m_runFirst = m_runLast = 0;
    m_table = table(entity);
    m_file = QFileInfo(file).fileName();
    return true;
}

bool ImportJournal::flushRun()
{
    if (m_runFirst == 0)
        return true;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO import_records (import_id, first_id, last_id) "
                             "VALUES (?, ?, ?)"));
    q.addBindValue(m_importId);
    q.addBindValue(m_runFirst);
    q.addBindValue(m_runLast);
    m_runFirst = m_runLast = 0;
    return q.exec() || fail(q.lastError().text());
}

bool ImportJournal::addCreated(qint64 recordId)
{
    if (m_runFirst != 0 && recordId == m_runLast + 1) {
        m_runLast = recordId;
        return true;
    }
    if (!flushRun())
        return false;
    m_runFirst = m_runLast = recordId;
    return true;
}

namespace {

// A record's previous values as JSON, and back. NULL stays NULL both ways: a typed null
// (an empty decimal, say) would otherwise come back as "" and undo would not be exact.
QString previousToJson(const QVariantMap &previous)
{
    QJsonObject json;
    for (auto it = previous.cbegin(); it != previous.cend(); ++it)
        json.insert(it.key(), it->isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue::fromVariant(*it));
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

} // namespace

bool ImportJournal::addUpdated(qint64 recordId, const QVariantMap &previous)
{
    if (!m_addUpdated) { // prepared once: an import may update a million records
        m_addUpdated = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_connection));
        m_addUpdated->prepare(QStringLiteral("INSERT INTO import_records (import_id, first_id, "
                                             "last_id, previous) VALUES (?, ?, ?, ?)"));
    }
    QSqlQuery &q = *m_addUpdated;
    q.bindValue(0, m_importId);
    q.bindValue(1, recordId);
    q.bindValue(2, recordId);
    q.bindValue(3, previousToJson(previous));
    return q.exec() || fail(q.lastError().text());
}

bool ImportJournal::addParent(Entity entity, qint64 recordId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO import_records (import_id, first_id, last_id, entity) "
                             "VALUES (?, ?, ?, ?)"));
    q.addBindValue(m_importId);
    q.addBindValue(recordId);
    q.addBindValue(recordId);
    q.addBindValue(table(entity));
    return q.exec() || fail(q.lastError().text());
}

QList<Entity> ImportJournal::parentEntities()
{
    QList<Entity> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT DISTINCT entity FROM import_records WHERE import_id = ? "
                             "AND entity IS NOT NULL"));
    q.addBindValue(m_importId);
    if (q.exec()) {
        while (q.next()) {
            if (const auto e = entityFromName(q.value(0).toString()))
                out << *e;
        }
    }
    return out;
}

bool ImportJournal::finish(qint64 created, qint64 updated, qint64 skipped, qint64 rejected)
{
    if (!flushRun())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE imports SET created = ?, updated = ?, skipped = ?, "
                             "rejected = ? WHERE id = ?"));
    for (const QVariant &v : {QVariant(created), QVariant(updated), QVariant(skipped),
                              QVariant(rejected), QVariant(m_importId)})
        q.addBindValue(v);
    if (!q.exec())
        return fail(q.lastError().text());
    // One entry in the change log for the whole import: each record's timeline finds it
    // through the id runs above.
    ChangeLog log(m_connection);
    return log.append({QLatin1String(ChangeKind::Import), m_table, 0, {}, {}, m_file,
                       QStringLiteral("imports"), m_importId})
        || fail(log.error());
}

QList<ImportEntry> ImportJournal::list() const
{
    QList<ImportEntry> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT id, module, file, time, created, updated, skipped, rejected, "
                          "undone_at FROM imports ORDER BY id DESC"));
    while (q.next()) {
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toLongLong(),
                    q.value(6).toLongLong(), q.value(7).toLongLong(), !q.value(8).isNull()});
    }
    return out;
}

std::optional<ImportEntry> ImportJournal::find(qint64 importId) const
{
    for (const ImportEntry &e : list()) {
        if (e.id == importId)
            return e;
    }
    return std::nullopt;
}

// Refuses (Conflict) when a record of the import was edited after it, or when a record it
// created gained notes or references from other records since.
bool ImportJournal::checkUnchanged(ImportUndo &undo, Entity entity, const QString &stamp,
                                   bool parent)
{
    const qint64 id = undo.firstConflict(entity, stamp, parent);
    if (id < 0)
        return fail(undo.error());
    if (id == 0)
        return true;
    m_conflict = true;
    return fail(tr("%1 %2 was changed, or linked to other records, after the "
                   "import; undoing it would lose that work.")
                    .arg(entitySingular(entity)).arg(id));
}

ImportJournal::UndoResult ImportJournal::undo(qint64 importId)
{
    m_error.clear();
    m_conflict = false;
    const std::optional<ImportEntry> entry = find(importId);
    if (!entry) {
        fail(tr("There is no import %1.").arg(importId));
        return UndoResult::UnknownImport;
    }
    if (entry->undone) {
        fail(tr("Import %1 was already undone.").arg(importId));
        return UndoResult::AlreadyUndone;
    }
    const Entity entity = *entityFromName(entry->module);
    m_importId = importId;
    const BulkWrite bulk(m_connection);
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive()) {
        fail(tx.error());
        return UndoResult::Failed;
    }
    // Another client undoing the same import at the same moment waits for this one (the
    // import's row locked on PostgreSQL, SQLite's write lock), then finds it undone.
    if (const QString error = tx.lockRow(QStringLiteral("imports"), importId); !error.isEmpty()) {
        fail(error);
        return UndoResult::Failed;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT stamp, undone_at FROM imports WHERE id = ?"));
    q.addBindValue(importId);
    if (!q.exec() || !q.next()) {
        fail(q.lastError().text());
        return UndoResult::Failed;
    }
    if (!q.value(1).isNull()) {
        fail(tr("Import %1 was already undone.").arg(importId));
        return UndoResult::AlreadyUndone;
    }
    const QString stamp = q.value(0).toString();
    q.finish(); // SQLite drops and creates indexes only with no statement of it still reading
    ImportUndo undo(m_connection, importId);
    if (!checkUnchanged(undo, entity, stamp))
        return m_conflict ? UndoResult::Conflict : UndoResult::Failed;
    if (!undo.revert(entity, false)) {
        fail(undo.error());
        return UndoResult::Failed;
    }
    // The parents it made, once its own records are gone: what still uses them came since.
    for (const Entity parent : parentEntities()) {
        if (!checkUnchanged(undo, parent, stamp, true))
            return m_conflict ? UndoResult::Conflict : UndoResult::Failed;
        if (!undo.revert(parent, true)) {
            fail(undo.error());
            return UndoResult::Failed;
        }
    }
    if (const QString error = Picklists(m_connection).removeAddedBy(importId); !error.isEmpty()) {
        fail(error);
        return UndoResult::Failed;
    }
    q.prepare(QStringLiteral("UPDATE imports SET undone_at = ? WHERE id = ?"));
    q.addBindValue(nowUtc());
    q.addBindValue(importId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return UndoResult::Failed;
    }
    ChangeLog log(m_connection);
    if (!log.append({QLatin1String(ChangeKind::Undo), entry->module, 0, {}, {}, entry->file,
                     QStringLiteral("imports"), importId})) {
        fail(log.error());
        return UndoResult::Failed;
    }
    if (const QString error = tx.commit(); !error.isEmpty()) {
        fail(error);
        return UndoResult::Failed;
    }
    return UndoResult::Done;
}

} // namespace Rapport
