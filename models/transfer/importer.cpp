#include "transfer/importer.h"

#include "storage/clock.h"
#include "records/derivedcolumns.h"

#include "files/rowreader.h"
#include "transfer/importsource.h"
#include "storage/bulkwrite.h"
#include "storage/userdirectory.h"
#include "csv/csvwriter.h"
#include "storage/database.h"
#include "transfer/convertedleads.h"
#include "transfer/headermatcher.h"
#include "transfer/importjournal.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"
#include "transfer/rowconverter.h"
#include "records/searchkey.h"
#include "storage/transaction.h"
#include "records/validation.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Rapport {

namespace {

constexpr qint64 ReportEvery = 2000;

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

bool isBlankRow(const QStringList &cells)
{
    for (const QString &c : cells) {
        if (!c.trimmed().isEmpty())
            return false;
    }
    return true;
}

// The columns the write pass sets: mapped fields, and the Description if unmapped columns
// are kept there.
QStringList writtenFields(const ImportOptions &o, const QStringList &mapping)
{
    QStringList fields;
    QStringList wanted = mapping;
    if (o.unmappedToDescription || mapping.contains(ImportOptions::toDescription()))
        wanted << QStringLiteral("description");
    for (const QString &name : std::as_const(wanted)) {
        if (findField(o.entity, name) && !fields.contains(name))
            fields << name;
    }
    return fields;
}

// The owners of the imported rows as users (storage/userdirectory.h): each name looked up or
// added once, inside the import's transaction, and written as the user's row spells it.
class OwnerNames
{
public:
    explicit OwnerNames(const QString &connection) : m_users(connection) {}
    bool asUser(QVariantMap &values, QString *error)
    {
        const auto it = values.find(QStringLiteral("owner"));
        if (it == values.end() || it->toString().simplified().isEmpty())
            return true;
        const QString key = UserDirectory::nameKey(it->toString());
        QString name = m_known.value(key);
        if (name.isEmpty()) {
            name = m_users.ensure(it->toString(), error);
            if (name.isEmpty())
                return false;
            m_known.insert(key, name);
        }
        *it = name;
        return true;
    }

private:
    UserDirectory m_users;
    QHash<QString, QString> m_known; // name key -> the user's name
};

// What undo needs to put an updated record back: the columns the import changes (a
// re-imported export changes few, so the journal stays small).
QVariantMap previousValues(const QVariantMap &row, const QVariantMap &values,
                           const QStringList &fields, const QStringList &derivedColumns)
{
    QVariantMap previous;
    for (const QString &f : fields) {
        const QVariant before = row.value(f), after = values.value(f);
        if (before.isNull() != after.isNull() || before.toString() != after.toString())
            previous.insert(f, before);
    }
    previous.insert(QStringLiteral("modified_at"), row.value(QStringLiteral("modified_at")));
    for (const QString &c : derivedColumns)
        previous.insert(c, row.value(c));
    return previous;
}

// The columns an update reads first: what it overwrites, what the search key is made of,
// and the two system columns undo restores. (Not SELECT *: a million updates feel it.)
QStringList columnsToLoad(Entity entity, const QStringList &fields)
{
    QStringList columns = fields;
    for (const QString &f : DerivedColumns::sourceFields(entity)) {
        if (!columns.contains(f))
            columns << f;
    }
    return columns << QStringLiteral("modified_at") << DerivedColumns::names(entity);
}

QVariantMap rowAsMap(const QSqlQuery &q, const QStringList &columns)
{
    QVariantMap m;
    for (int i = 0; i < columns.size(); ++i)
        m.insert(columns[i], q.value(i));
    return m;
}

} // namespace

// The duplicate lookups of the checking pass, prepared once.
struct Importer::Lookups {
    QSqlQuery byId;
    QSqlQuery byEmail;
};

Importer::Importer(const QString &connectionName)
    : m_connection(connectionName)
{
}

Importer::~Importer() = default;

void Importer::report(Phase phase, const RowReader &reader)
{
    if (m_progress)
        m_progress(phase, reader.bytesRead(), reader.bytesTotal());
}

ImportResult Importer::run(const ImportOptions &options)
{
    ImportResult r;
    if (!check(options, r))
        return r;
    if (options.dryRun || r.created + r.updated == 0) {
        r.status = ImportResult::Status::Done;
        return r;
    }
    write(options, r);
    return r;
}

bool Importer::check(const ImportOptions &o, ImportResult &r)
{
    m_decisions.clear();
    m_seen.clear();
    m_inFileDuplicates = 0;
    ImportSource source;
    r.error = source.open(o);
    if (!r.error.isEmpty())
        return false;
    r.format = source.format();
    r.dialect = source.dialect();
    r.headers = source.headers();
    RowReader *reader = &source.reader();
    const HeaderMatcher matcher(o.entity);
    r.mapping = o.mapping.isEmpty() ? matcher.matchAll(r.headers) : o.mapping;
    if (r.mapping.size() != r.headers.size()) {
        r.error = tr("The mapping has %1 but the file has %2.")
                      .arg(tr("%n column(s)", nullptr, int(r.mapping.size())),
                           tr("%n column(s)", nullptr, int(r.headers.size())));
        return false;
    }
    for (const FieldDef &f : entityDef(o.entity).fields) {
        if (f.required && !r.mapping.contains(QLatin1String(f.name))) {
            r.error = tr("No column of the file is for “%1”, which every %2 needs.")
                          .arg(fieldLabel(f), entityNoun(o.entity));
            return false;
        }
    }
    m_trustIds = r.mapping.contains(HeaderMatcher::recordId()) && matcher.isRapportExport(r.headers);
    m_converter = std::make_unique<RowConverter>(m_connection, o.entity, r.mapping,
                                                 r.dialect.delimiter, o.dateOrder);
    m_converter->setValueMap(o.valueMap);
    if (o.unmappedToDescription || r.mapping.contains(ImportOptions::toDescription()))
        m_converter->setDescriptionColumns(r.headers, o.unmappedToDescription);
    m_converter->setCreateMissing(o.createMissing);
    m_converter->setNameColumns(r.headers);
    // One read transaction: a consistent view for the duplicate checks, and no lock per query.
    Transaction snapshot(m_connection);
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    Lookups lookups{QSqlQuery(db), QSqlQuery(db)};
    lookups.byId.prepare(QStringLiteral("SELECT id FROM %1 WHERE id = ?").arg(table(o.entity)));
    if (const FieldDef *email = fieldWithRole(o.entity, FieldRole::Email))
        lookups.byEmail.prepare(QStringLiteral("SELECT id FROM %1 WHERE %2 = ? ORDER BY id LIMIT 1")
                                    .arg(table(o.entity), QLatin1String(email->name)));
    ConvertedLeads conversion(m_connection, o.entity, r.headers);
    QStringList cells;
    qint64 ragged = 0;
    while (readRecord(*reader, o.edits, cells)) {
        if (cancelled()) {
            r.status = ImportResult::Status::Cancelled;
            r.error = tr("The import was cancelled; nothing was imported.");
            return false;
        }
        if (m_decisions.size() % ReportEvery == 0)
            report(Phase::Checking, *reader);
        const qint64 line = reader->recordLine();
        if (isBlankRow(cells)) {
            m_decisions.push_back(Blank);
            continue;
        }
        ++r.rows;
        // A row with too few or too many cells would put values under the wrong fields:
        // it alone is rejected, with why, and the rest of the file goes on.
        QString problem = reader->recordProblem();
        if (problem.isEmpty() && cells.size() != r.headers.size()) {
            problem = tr("The row has %1 but the header has %2.")
                          .arg(tr("%n value(s)", nullptr, int(cells.size())),
                               tr("%n value(s)", nullptr, int(r.headers.size())));
            ++ragged;
        }
        if (!problem.isEmpty()) {
            ++r.rejected;
            r.problems.append({line, problem});
            m_decisions.push_back(Reject);
            continue;
        }
        QStringList errors;
        const QVariantMap values = m_converter->convert(cells, &errors);
        if (QString error; conversion.read(cells, &error).isEmpty() && !error.isEmpty())
            errors << error;
        if (errors.isEmpty()) {
            for (const FieldError &e : Validation::check(o.entity, Validation::normalised(o.entity, values)))
                errors << e.message;
        }
        if (!errors.isEmpty()) {
            ++r.rejected;
            r.problems.append({line, errors.join(QLatin1Char(' '))});
            m_decisions.push_back(Reject);
            continue;
        }
        m_decisions.push_back(decide(o, values, line, r, lookups));
    }
    if (reader->hasError()) {
        r.error = reader->errorString();
        return false;
    }
    if (r.rows == 0) {
        r.error = tr("“%1” has a header but no rows to import.").arg(QFileInfo(o.filePath).fileName());
        return false;
    }
    if (ragged == r.rows && r.format == FileFormat::Csv) {
        r.error = tr("No row has as many values as the header (%1): the file is damaged or "
                     "its delimiter is not “%2”.")
                      .arg(tr("%n value(s)", nullptr, int(r.headers.size())),
                           QString(r.dialect.delimiter));
        return false;
    }
    for (const QString &note : reader->notes())
        r.notes << note;
    QString conflict;
    m_converter->decideDateOrder(&conflict);
    if (!conflict.isEmpty()) {
        r.error = conflict;
        return false;
    }
    r.notes << m_converter->notes();
    r.parentsCreated = m_converter->missingParents();
    if (m_inFileDuplicates > 0)
        r.notes << tr("%n row(s) repeat an earlier row of the file (same email or record id).",
                      nullptr, int(m_inFileDuplicates));
    return true;
}

qint64 Importer::decide(const ImportOptions &o, const QVariantMap &values, qint64 line,
                        ImportResult &r, Lookups &db)
{
    qint64 target = 0;
    QStringList keys;
    bool isId = false;
    const qint64 id = values.value(HeaderMatcher::recordId()).toString().toLongLong(&isId);
    if (m_trustIds && isId && id > 0) {
        keys << QStringLiteral("#%1").arg(id);
        db.byId.bindValue(0, id);
        if (db.byId.exec() && db.byId.next())
            target = id;
        db.byId.finish();
    }
    const QString email = roleText(o.entity, values, FieldRole::Email);
    if (!email.isEmpty()) {
        keys << QLatin1Char('@') + email.toCaseFolded();
        if (target == 0) {
            db.byEmail.bindValue(0, email);
            if (db.byEmail.exec() && db.byEmail.next())
                target = db.byEmail.value(0).toLongLong();
            db.byEmail.finish();
        }
    }
    bool repeated = false;
    for (const QString &key : keys) {
        const size_t h = qHash(key, size_t(0x52617070)); // 64-bit: collisions negligible
        repeated = repeated || m_seen.contains(h);
        m_seen.insert(h, line);
    }
    if (repeated && o.onDuplicate != DuplicatePolicy::Create) {
        ++m_inFileDuplicates;
        ++r.skipped;
        return Skip;
    }
    if (target > 0 && o.onDuplicate == DuplicatePolicy::Skip) {
        ++r.skipped;
        return Skip;
    }
    if (target > 0 && o.onDuplicate == DuplicatePolicy::Update) {
        ++r.updated;
        return target;
    }
    ++r.created;
    return Create;
}

bool Importer::write(const ImportOptions &o, ImportResult &r)
{
    auto failed = [&r](const QString &message, ImportResult::Status status = ImportResult::Status::Failed) {
        r.status = status;
        r.error = message;
        r.importId = 0;
        r.writeFailed = status == ImportResult::Status::Failed;
        return false;
    };
    const QStringList fields = writtenFields(o, r.mapping);
    ConvertedLeads conversion(m_connection, o.entity, r.headers);
    const QStringList conversionColumns =
        conversion.isActive() ? ConvertedLeads::columns() : QStringList();
    const QStringList loaded = columnsToLoad(o.entity, fields) + conversionColumns;
    const BulkWrite bulk(m_connection);
    Transaction tx(m_connection);
    if (!tx.isActive())
        return failed(tx.error());
    const QString stamp = nowUtc();
    ImportJournal journal(m_connection);
    if (!journal.begin(o.entity, o.filePath, stamp))
        return failed(journal.errorString());
    m_converter->setWriting(stamp, &journal);
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery insert(db), update(db), load(db);
    QStringList sets;
    for (const QString &f : std::as_const(fields))
        sets << f + QStringLiteral(" = ?");
    // A lead already converted keeps its conversion; one that is not takes the file's.
    for (const QString &c : conversionColumns) {
        sets << (c == QLatin1String("converted_at")
                     ? QStringLiteral("converted_at = COALESCE(converted_at, ?)")
                     : QStringLiteral("%1 = CASE WHEN converted_at IS NULL THEN ? ELSE %1 END")
                           .arg(c));
    }
    const QStringList derivedColumns = DerivedColumns::names(o.entity);
    // A new record gets the defaults of the fields the file has no column for, as the form's
    // ("Not Contacted").
    QVariantMap defaults = defaultValues(o.entity);
    for (const QString &f : std::as_const(fields))
        defaults.remove(f);
    const QStringList insertFields = fields + defaults.keys() + conversionColumns;
    const QString marks = QStringList(insertFields.size() + 2 + derivedColumns.size(),
                                      QStringLiteral("?")).join(QLatin1Char(','));
    OwnerNames owners(m_connection);
    QString derivedInsert, derivedSets;
    for (const QString &c : derivedColumns) {
        derivedInsert += QStringLiteral(", ") + c;
        derivedSets += QStringLiteral(", %1 = ?").arg(c);
    }
    // RETURNING costs SQLite a statement journal per row (twice the time); its rowid is free.
    const bool returning = Database::isPostgres(m_connection);
    if (!insert.prepare(QStringLiteral("INSERT INTO %1 (%2, created_at, modified_at%5) "
                                       "VALUES (%3)%4")
                            .arg(table(o.entity), insertFields.join(QLatin1Char(',')), marks,
                                 returning ? QStringLiteral(" RETURNING id") : QString(),
                                 derivedInsert))
        || !update.prepare(QStringLiteral("UPDATE %1 SET %2, modified_at = ?%3, "
                                          "version = version + 1 WHERE id = ?")
                               .arg(table(o.entity), sets.join(QLatin1Char(',')), derivedSets))
        || !load.prepare(QStringLiteral("SELECT %2 FROM %1 WHERE id = ?")
                             .arg(table(o.entity), loaded.join(QLatin1Char(',')))))
        return failed(insert.lastError().text() + update.lastError().text() + load.lastError().text());
    ImportSource source;
    if (const QString error = source.openAsChecked(o, r); !error.isEmpty())
        return failed(error);
    RowReader *reader = &source.reader();
    QStringList cells;
    size_t index = 0;
    while (readRecord(*reader, o.edits, cells)) {
        if (cancelled())
            return failed(tr("The import was cancelled; nothing was imported."),
                          ImportResult::Status::Cancelled);
        if (index % ReportEvery == 0)
            report(Phase::Writing, *reader);
        if (index >= m_decisions.size())
            return failed(tr("The file changed while it was being imported; nothing was imported."));
        const qint64 decision = m_decisions[index++];
        if (decision < 0)
            continue;
        QStringList errors;
        QVariantMap values =
            Validation::normalised(o.entity, m_converter->convert(cells, &errors));
        if (!errors.isEmpty()) // a parent record that could not be made
            return failed(tr("Line %1: %2; nothing was imported.").arg(reader->recordLine())
                              .arg(errors.join(QLatin1Char(' '))));
        if (QString error; !owners.asUser(values, &error))
            return failed(tr("Line %1: %2; nothing was imported.").arg(reader->recordLine())
                              .arg(error));
        QString conversionError; // said by the check already
        const QVariantMap converted = conversion.read(cells, &conversionError);
        QSqlQuery &q = decision == Create ? insert : update;
        QVariantMap merged = values;
        if (decision == Create)
            merged.insert(defaults);
        if (decision != Create) {
            load.addBindValue(decision);
            if (!load.exec() || !load.next())
                return failed(tr("Line %1: %2 %3 was deleted during the import; nothing was "
                                 "imported.").arg(reader->recordLine())
                                  .arg(entitySingular(o.entity)).arg(decision));
            merged = rowAsMap(load, loaded);
            load.finish();
            QVariantMap previous = previousValues(merged, values, fields, derivedColumns);
            if (!converted.isEmpty() && merged.value(QStringLiteral("converted_at")).isNull()) {
                for (const QString &c : conversionColumns)
                    previous.insert(c, QVariant()); // undo makes it an active lead again
            }
            if (!journal.addUpdated(decision, previous))
                return failed(journal.errorString());
            merged.insert(values);
        }
        for (int i = 0; i < fields.size(); ++i)
            q.bindValue(i, values.value(fields[i]));
        int next = int(fields.size());
        if (decision == Create) {
            for (auto it = defaults.cbegin(); it != defaults.cend(); ++it)
                q.bindValue(next++, it.value());
        }
        for (const QString &c : conversionColumns)
            q.bindValue(next++, converted.value(c));
        if (decision == Create)
            q.bindValue(next++, stamp);
        q.bindValue(next++, stamp);
        const QVariantMap derived = DerivedColumns::compute(o.entity, merged);
        for (const QString &c : derivedColumns)
            q.bindValue(next++, derived.value(c));
        if (decision != Create)
            q.bindValue(next, decision);
        if (!q.exec())
            return failed(tr("Line %1: the database refused the row (%2); nothing was imported.")
                              .arg(reader->recordLine()).arg(q.lastError().text()));
        if (decision == Create) {
            const QVariant id = returning ? (q.next() ? q.value(0) : QVariant()) : q.lastInsertId();
            if (id.isNull() || !journal.addCreated(id.toLongLong()))
                return failed(journal.errorString());
            q.finish();
        }
    }
    if (reader->hasError() || index != m_decisions.size())
        return failed(reader->hasError() ? reader->errorString()
                                         : tr("The file changed while it was being imported; "
                                              "nothing was imported."));
    if (!journal.finish(r.created, r.updated, r.skipped, r.rejected))
        return failed(journal.errorString());
    if (const QString error = tx.commit(); !error.isEmpty())
        return failed(error);
    r.importId = journal.importId();
    r.parentsCreated = m_converter->createdParents();
    r.status = ImportResult::Status::Done;
    return true;
}

bool Importer::readRecord(RowReader &reader, const RowEdits &edits, QStringList &cells)
{
    while (reader.readRecord(cells)) {
        const qint64 line = reader.recordLine();
        if (edits.dropped.contains(line))
            continue;
        if (const auto fixed = edits.replaced.constFind(line); fixed != edits.replaced.cend())
            cells = *fixed;
        return true;
    }
    return false;
}

QString Importer::writeRejected(const ImportOptions &o, const ImportResult &result,
                               QIODevice *out)
{
    ImportSource source;
    if (QString e = source.openAsChecked(o, result); !e.isEmpty())
        return e;
    RowReader *reader = &source.reader();
    QStringList cells;
    CsvWriter writer(out, result.dialect.delimiter == QLatin1Char(';') ? QLatin1Char(';')
                                                                       : QLatin1Char(','));
    writer.writeRow(source.headers() + QStringList{tr("Line"), tr("Problem")});
    qsizetype next = 0;
    while (next < result.problems.size() && readRecord(*reader, o.edits, cells)) {
        if (reader->recordLine() != result.problems[next].line)
            continue;
        QStringList row;
        for (const QString &c : std::as_const(cells))
            row << CsvWriter::guarded(c);
        row << QString::number(result.problems[next].line) << result.problems[next].message;
        writer.writeRow(row);
        ++next;
    }
    return writer.flush() ? QString() : writer.errorString();
}

ImportPreview Importer::preview(const ImportOptions &options, int maxRows)
{
    ImportPreview p;
    ImportSource source;
    p.error = source.open(options);
    p.format = source.format();
    p.sheets = source.sheets();
    if (!p.error.isEmpty())
        return p;
    p.dialect = source.dialect();
    p.headers = source.headers();
    RowReader *reader = &source.reader();
    p.mapping = HeaderMatcher(options.entity).matchAll(p.headers);
    QStringList cells;
    while (p.rows.size() < maxRows && reader->readRecord(cells))
        p.rows.append(cells);
    p.error = reader->errorString();
    if (p.error.isEmpty() && p.rows.isEmpty())
        p.error = tr("“%1” has a header but no rows to import.")
                      .arg(QFileInfo(options.filePath).fileName());
    return p;
}

} // namespace Rapport
