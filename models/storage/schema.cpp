#include "storage/schema.h"

#include "records/derivedcolumns.h"
#include "records/matchkeys.h"
#include "records/recordtypes.h"
#include "records/searchkey.h"
#include "storage/changechannel.h"
#include "storage/rowsecurity.h"
#include "storage/searchindex.h"
#include "storage/transaction.h"
#include "storage/userdirectory.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include "storage/database.h"

namespace Rapport {

namespace {

// Columns every record table has besides its fields.
const char *const SystemColumns[] = {"created_at", "modified_at", "search_key"};
// Every record's version: 1 when made, one more with each write that changes it, so that a
// save based on an older one is told instead of overwriting (RecordStore::update).
const char *const VersionColumnType = "BIGINT NOT NULL DEFAULT 1";

// Columns only leads have: when a converted lead was converted, and its links (in the
// catalogue) to where it went.
struct ExtraColumn { QString name; QString refTable; };
QList<ExtraColumn> leadConversionColumns()
{
    QList<ExtraColumn> columns{{QStringLiteral("converted_at"), QString()}};
    for (const FieldDef &f : entityDef(Entity::Lead).links)
        columns.append({QLatin1String(f.name), QLatin1String(entityDef(f.refEntity).table)});
    return columns;
}

// Tables in the order their foreign keys need.
const Entity CreationOrder[] = {Entity::Account, Entity::Contact, Entity::Deal, Entity::Lead,
                                Entity::Activity};

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

} // namespace

Schema::Schema(const QSqlDatabase &db)
    : m_db(db)
    , m_pg(db.driverName() == QLatin1String("QPSQL"))
{
}

QSqlError Schema::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return q.lastError();
    return {};
}

QString Schema::idColumn() const
{
    return m_pg ? QStringLiteral("id BIGSERIAL PRIMARY KEY")
                : QStringLiteral("id INTEGER PRIMARY KEY AUTOINCREMENT");
}

QString Schema::textType() const
{
    // NOCASE makes sorting and the indexes behind it case-insensitive on SQLite.
    return m_pg ? QStringLiteral("TEXT") : QStringLiteral("TEXT COLLATE NOCASE");
}

QString Schema::columnType(int fieldType) const
{
    switch (static_cast<FieldType>(fieldType)) {
    case FieldType::Integer:
    case FieldType::Bool:
    case FieldType::Reference:
        return QStringLiteral("BIGINT");
    case FieldType::Decimal:
        return m_pg ? QStringLiteral("DOUBLE PRECISION") : QStringLiteral("REAL");
    default:
        return textType();
    }
}

QSqlError Schema::lockForUpgrade()
{
    // The key is Rapport's own: "Rapport" in ASCII, so that it meets no other program's.
    // Held until the transaction ends; taken in one, so a crash cannot leave it held.
    if (!m_pg)
        return {};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(?)"));
    q.addBindValue(Q_INT64_C(0x52617070'6f7274));
    if (!q.exec())
        return q.lastError();
    return {};
}

QSqlError Schema::configureConnection()
{
    if (m_pg)
        return {};
    for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL",
                               "PRAGMA busy_timeout = 5000", "PRAGMA synchronous = NORMAL"}) {
        if (QSqlError e = exec(QLatin1String(pragma)); e.isValid())
            return e;
    }
    return {};
}

int Schema::storedVersion() const
{
    if (!m_db.tables().contains(QStringLiteral("meta")))
        return -1;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(QStringLiteral("schema_version"));
    if (!q.exec() || !q.next())
        return -1;
    bool ok = false;
    const int v = q.value(0).toString().toInt(&ok);
    return ok ? v : -1;
}

bool Schema::isEmptyDatabase() const
{
    return m_db.tables().isEmpty();
}

QStringList Schema::missingColumns() const
{
    QStringList missing;
    // Tables that are not record tables, added as Rapport grew: a database made before
    // one of them is upgraded like one that lacks a column.
    const QStringList tables = m_db.tables();
    for (const char *t : {"notes", "settings", "conversions", "imports", "import_records",
                          "changes", "reminder_state", "users", "activity_attendees",
                          "calendar_uids", "picklist_values"}) {
        if (!tables.contains(QLatin1String(t)))
            missing << QLatin1String(t);
    }
    if (tables.contains(QStringLiteral("import_records"))
        && !m_db.record(QStringLiteral("import_records")).contains(QStringLiteral("entity")))
        missing << QStringLiteral("import_records.entity");
    for (Entity e : allEntities()) {
        const QSqlRecord rec = m_db.record(table(e));
        if (rec.isEmpty()) {
            missing << table(e);
            continue;
        }
        QStringList wanted;
        for (const FieldDef &f : entityDef(e).fields)
            wanted << QLatin1String(f.name);
        for (const char *c : SystemColumns)
            wanted << QLatin1String(c);
        wanted << QStringLiteral("version") << MatchKeys::columns(e);
        if (e == Entity::Lead) {
            for (const ExtraColumn &c : leadConversionColumns())
                wanted << c.name;
        }
        for (const QString &c : wanted) {
            if (!rec.contains(c))
                missing << table(e) + QLatin1Char('.') + c;
        }
    }
    return missing;
}

QSqlError Schema::createTables()
{
    const QString ts = textType();
    QStringList ddl;
    ddl << QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)");
    for (Entity e : CreationOrder) {
        QStringList cols{idColumn()};
        for (const FieldDef &f : entityDef(e).fields) {
            QString col = QLatin1String(f.name) + QLatin1Char(' ') + columnType(int(f.type));
            if (f.required)
                col += QStringLiteral(" NOT NULL");
            if (f.type == FieldType::Reference) {
                col += QStringLiteral(" REFERENCES %1(id)").arg(table(f.refEntity));
                if (e == f.refEntity) // a parent account may go away
                    col += QStringLiteral(" ON DELETE SET NULL");
            }
            cols << col;
        }
        for (const char *c : SystemColumns)
            cols << QLatin1String(c) + QLatin1Char(' ') + ts;
        cols << QStringLiteral("version ") + VersionColumnType;
        for (const QString &c : MatchKeys::columns(e))
            cols << c + QLatin1Char(' ') + ts;
        if (e == Entity::Lead) {
            for (const ExtraColumn &c : leadConversionColumns()) {
                cols << (!c.refTable.isEmpty()
                             ? QStringLiteral("%1 BIGINT REFERENCES %2(id) ON DELETE SET NULL")
                                   .arg(c.name, c.refTable)
                             : c.name + QLatin1Char(' ') + ts);
            }
        }
        ddl << QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (%2)").arg(table(e), cols.join(", "));
    }
    ddl << QStringLiteral("CREATE TABLE IF NOT EXISTS notes (%1, entity TEXT NOT NULL, "
                          "record_id BIGINT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL)")
               .arg(idColumn());
    // Lead conversion: the team's default field mapping, and a journal that makes undo possible.
    ddl << QStringLiteral("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT)")
        << QStringLiteral("CREATE TABLE IF NOT EXISTS conversions (%1, lead_id BIGINT NOT NULL, "
                          "converted_at TEXT NOT NULL, undone_at TEXT, account_id BIGINT, "
                          "account_created BIGINT NOT NULL, contact_id BIGINT, "
                          "contact_created BIGINT NOT NULL, deal_id BIGINT, changes TEXT NOT NULL)")
               .arg(idColumn());
    // The import history (models/importjournal.h): what each import created and overwrote;
    // `entity` names the table of a parent record it created (an account a contact's row
    // named), NULL for the import's own records.
    ddl << QStringLiteral("CREATE TABLE IF NOT EXISTS imports (%1, module TEXT NOT NULL, "
                          "file TEXT NOT NULL, time TEXT NOT NULL, stamp TEXT NOT NULL, "
                          "created BIGINT NOT NULL, updated BIGINT NOT NULL, skipped BIGINT "
                          "NOT NULL, rejected BIGINT NOT NULL, undone_at TEXT)").arg(idColumn())
        << QStringLiteral("CREATE TABLE IF NOT EXISTS import_records (%1, import_id BIGINT NOT "
                          "NULL REFERENCES imports(id) ON DELETE CASCADE, first_id BIGINT NOT "
                          "NULL, last_id BIGINT NOT NULL, previous TEXT, entity TEXT)").arg(idColumn());
    // The change log (storage/changelog.h), append-only: the timelines, and what other
    // windows catch up from by sequence number.
    ddl << QStringLiteral("CREATE TABLE IF NOT EXISTS changes (%1, at TEXT NOT NULL, who TEXT, "
                          "kind TEXT NOT NULL, entity TEXT NOT NULL, record_id BIGINT, field TEXT, "
                          "old_value TEXT, new_value TEXT, ref_table TEXT, ref_id BIGINT)")
               .arg(m_pg ? QStringLiteral("seq BIGSERIAL PRIMARY KEY")
                         : QStringLiteral("seq INTEGER PRIMARY KEY AUTOINCREMENT"));
    // Which reminders have been shown (activities/reminders.h), beside the activities so that
    // showing one is not an edit of it.
    ddl << QStringLiteral("CREATE TABLE IF NOT EXISTS reminder_state (activity_id BIGINT "
                          "PRIMARY KEY, fire_at TEXT NOT NULL, snoozed_until TEXT)");
    // Who owns records (storage/userdirectory.h): a name unique whatever its case (name_key
    // is the name case folded), an email, whether still active.
    ddl << QStringLiteral("CREATE TABLE IF NOT EXISTS users (%1, name TEXT NOT NULL, name_key "
                          "TEXT NOT NULL UNIQUE, email TEXT, active BIGINT NOT NULL DEFAULT 1, "
                          "created_at TEXT)").arg(idColumn());
    // A meeting's attendees who are contacts (activities/attendees.h), and the UID a
    // calendar gave an event, so that importing it again updates the meeting it became.
    ddl << QStringLiteral("CREATE TABLE IF NOT EXISTS activity_attendees (activity_id BIGINT "
                          "NOT NULL REFERENCES activities(id) ON DELETE CASCADE, contact_id "
                          "BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE, "
                          "PRIMARY KEY (activity_id, contact_id))")
        << QStringLiteral("CREATE TABLE IF NOT EXISTS calendar_uids (uid TEXT PRIMARY KEY, "
                          "activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE "
                          "CASCADE)");
    // Values added to the built-in picklists (storage/picklists.h); import_id: the import
    // that added one, whose undo takes it off again.
    ddl << QStringLiteral("CREATE TABLE IF NOT EXISTS picklist_values (%1, picklist TEXT NOT "
                          "NULL, value TEXT NOT NULL, import_id BIGINT, added_at TEXT, "
                          "UNIQUE (picklist, value))").arg(idColumn());
    for (const QString &sql : ddl) {
        if (QSqlError e = exec(sql); e.isValid())
            return e;
    }
    return {};
}

QSqlError Schema::createIndexes()
{
    QStringList ddl;
    for (Entity e : allEntities()) {
        for (const FieldDef &f : entityDef(e).fields) {
            if (!f.indexed && f.type != FieldType::Reference)
                continue;
            const QString column = QLatin1String(f.name);
            if (e == Entity::Lead) {
                // The Leads tab hides converted leads. With full indexes SQLite read every
                // active lead and sorted them for each page (seconds at a million); partial
                // indexes hand it the active leads already in order. They replace the full
                // ones (imports pay for each index) except on email, by which duplicates
                // are looked up whether converted or not.
                ddl << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_leads_active_%1 ON leads "
                                      "(%1, id) WHERE converted_at IS NULL").arg(column);
                if (f.type != FieldType::Email) {
                    ddl << QStringLiteral("DROP INDEX IF EXISTS idx_leads_%1").arg(column);
                    continue;
                }
            }
            // (column, id) matches the model's ORDER BY column, id: pages come off the index.
            ddl << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_%1_%2 ON %1 (%2, id)")
                       .arg(table(e), column);
        }
    }
    for (Entity e : allEntities()) {
        for (const QString &c : MatchKeys::columns(e)) // duplicate matching looks these up
            ddl << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_%1_%2 ON %1 (%2)").arg(table(e), c);
        // Imports look duplicates up by email whatever its case: PostgreSQL's text is not NOCASE.
        const FieldDef *email = fieldWithRole(e, FieldRole::Email);
        if (m_pg && email)
            ddl << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_%1_%2_lower ON %1 (LOWER(%2))")
                       .arg(table(e), QLatin1String(email->name));
    }
    // Notes follow converted leads. Partial, like converted_at below: only converted leads.
    for (const ExtraColumn &c : leadConversionColumns()) {
        if (!c.refTable.isEmpty())
            ddl << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_leads_%1 ON leads (%1) "
                                  "WHERE %1 IS NOT NULL").arg(c.name);
    }
    ddl << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_conversions_lead ON conversions (lead_id)");
    // Only the few converted leads are indexed by converted_at: a full index on it is
    // what made SQLite prefer it, and a sort, over the partial indexes above.
    ddl << QStringLiteral("DROP INDEX IF EXISTS idx_leads_converted")
        << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_leads_converted_at ON leads "
                          "(converted_at) WHERE converted_at IS NOT NULL")
        << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_notes_record ON notes "
                          "(entity, record_id, created_at)")
        << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_import_records ON import_records "
                          "(import_id)")
        << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_changes_record ON changes "
                          "(entity, record_id, seq)")
        << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_attendees_contact ON "
                          "activity_attendees (contact_id)")
        << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_calendar_uids_activity ON "
                          "calendar_uids (activity_id)")
        // The reminders to come: only activities with a lead time, by due time.
        << QStringLiteral("CREATE INDEX IF NOT EXISTS idx_activities_reminder ON activities "
                          "(reminder, due_at)");
    for (const QString &sql : ddl) {
        if (QSqlError e = exec(sql); e.isValid())
            return e;
    }
    return {};
}

QSqlError Schema::addMissingColumns()
{
    for (const QString &missing : missingColumns()) {
        const QStringList parts = missing.split(QLatin1Char('.'));
        if (parts.size() != 2)
            continue; // a whole table: createTables() made it
        const auto entity = entityFromName(parts[0]);
        const FieldDef *f = entity ? findField(*entity, parts[1]) : nullptr;
        QString type = f ? columnType(int(f->type)) : textType();
        if (parts[1].endsWith(QLatin1String("_id")) && !f)
            type = QStringLiteral("BIGINT");
        if (parts[1] == QLatin1String("version") && !f)
            type = QLatin1String(VersionColumnType);
        if (QSqlError e = exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 %3")
                                   .arg(parts[0], parts[1], type));
            e.isValid())
            return e;
    }
    return {};
}

QSqlError Schema::clearKeysWithSpelledOutLetters()
{
    // Keys folded before fold() spelled out ß, æ, ø...: only the rows that have one are
    // computed again (by backfillDerivedColumns), not every row.
    const QString letters = SearchKey::spelledOutLetters();
    for (Entity e : allEntities()) {
        QStringList columns{QStringLiteral("search_key")};
        if (!MatchKeys::columns(e).isEmpty())
            columns << QStringLiteral("name_key");
        QStringList any;
        QVariantList binds;
        for (const QString &c : columns) {
            for (QChar letter : letters) {
                any << c + QStringLiteral(" LIKE ?");
                binds << QStringLiteral("%") + letter + QStringLiteral("%");
            }
        }
        QStringList sets;
        for (const QString &c : columns)
            sets << c + QStringLiteral(" = NULL");
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE %3")
                      .arg(table(e), sets.join(QStringLiteral(", ")),
                           any.join(QStringLiteral(" OR "))));
        for (const QVariant &b : std::as_const(binds))
            q.addBindValue(b);
        if (!q.exec())
            return q.lastError();
    }
    return {};
}

QSqlError Schema::backfillDerivedColumns()
{
    for (Entity e : allEntities()) {
        // Rows written before a derived column existed have NULL there.
        QString missing = QStringLiteral("search_key IS NULL");
        if (!MatchKeys::columns(e).isEmpty())
            missing += QStringLiteral(" OR name_key IS NULL");
        QSqlQuery read(m_db);
        // Each row is written back while the rest are read: PostgreSQL's driver would drop the
        // rest of a forward-only (row by row) result then, and leave them without their keys.
        read.setForwardOnly(!m_pg);
        if (!read.exec(QStringLiteral("SELECT * FROM %1 WHERE %2").arg(table(e), missing)))
            return read.lastError();
        const QStringList columns = DerivedColumns::names(e);
        QStringList sets;
        for (const QString &c : columns)
            sets << c + QStringLiteral(" = ?");
        QSqlQuery write(m_db);
        write.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ?")
                          .arg(table(e), sets.join(QStringLiteral(", "))));
        while (read.next()) {
            QVariantMap values;
            const QSqlRecord rec = read.record();
            for (int i = 0; i < rec.count(); ++i)
                values.insert(rec.fieldName(i), rec.value(i));
            const QVariantMap derived = DerivedColumns::compute(e, values);
            for (const QString &c : columns)
                write.addBindValue(derived.value(c));
            write.addBindValue(values.value(QStringLiteral("id")));
            if (!write.exec())
                return write.lastError();
        }
    }
    return {};
}

QSqlError Schema::writeVersion()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM meta WHERE key = ?"));
    q.addBindValue(QStringLiteral("schema_version"));
    if (!q.exec())
        return q.lastError();
    q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"));
    q.addBindValue(QStringLiteral("schema_version"));
    q.addBindValue(QString::number(Database::SchemaVersion));
    if (!q.exec())
        return q.lastError();
    return {};
}

QSqlError Schema::create()
{
    Transaction tx(m_db.connectionName(), Transaction::Kind::Write);
    if (!tx.isActive())
        return QSqlError(tx.error(), QString(), QSqlError::TransactionError);
    QSqlError e = createTables();
    if (!e.isValid())
        e = createIndexes();
    if (!e.isValid())
        e = SearchIndex(m_db).ensure();
    if (!e.isValid() && m_pg)
        e = RowSecurity::install(m_db);
    if (!e.isValid())
        e = ChangeChannel(m_db).ensure();
    if (!e.isValid())
        e = writeVersion();
    if (e.isValid())
        return e; // the transaction rolls back
    if (const QString error = tx.commit(); !error.isEmpty())
        return QSqlError(error, QString(), QSqlError::TransactionError);
    return {};
}

QSqlError Schema::migrate(int fromVersion)
{
    Transaction tx(m_db.connectionName(), Transaction::Kind::Write);
    if (!tx.isActive())
        return QSqlError(tx.error(), QString(), QSqlError::TransactionError);
    QSqlError e = createTables();
    if (!e.isValid())
        e = addMissingColumns();
    if (!e.isValid())
        e = createIndexes();
    if (!e.isValid() && fromVersion < 2)
        e = clearKeysWithSpelledOutLetters();
    if (!e.isValid())
        e = backfillDerivedColumns();
    if (!e.isValid() && fromVersion < 6) {
        // From schema 6 on the owners are users: one for each name the records had.
        if (const QString error = UserDirectory(m_db.connectionName()).addMissingOwners();
            !error.isEmpty())
            e = QSqlError(error, QString(), QSqlError::StatementError);
    }
    if (!e.isValid())
        e = SearchIndex(m_db).ensure(); // after the backfill: one rebuild, no trigger per key
    if (!e.isValid() && m_pg)
        e = RowSecurity::install(m_db); // from schema 10 on
    if (!e.isValid())
        e = ChangeChannel(m_db).ensure();
    if (!e.isValid())
        e = writeVersion();
    if (e.isValid())
        return e; // the transaction rolls back
    if (const QString error = tx.commit(); !error.isEmpty())
        return QSqlError(error, QString(), QSqlError::TransactionError);
    return {};
}

} // namespace Rapport
