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
#include "storage/picklists.h"
#include "transfer/importwriter.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"
#include "transfer/rowconverter.h"
#include "transfer/rowfeed.h"
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
    const bool checked = check(options, r);
    // The file's keys are the check's alone: freed before the write pass, which holds the
    // database's page cache, so that the two never add up.
    m_seen = {};
    if (!checked)
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
    m_converter->setAddToList(o.addToList);
    if (o.unmappedToDescription || r.mapping.contains(ImportOptions::toDescription()))
        m_converter->setDescriptionColumns(r.headers, o.unmappedToDescription);
    m_converter->setCreateMissing(o.createMissing);
    m_converter->setNameColumns(r.headers);
    // One read transaction: a consistent view for the duplicate checks, and no lock per query.
    Transaction snapshot(m_connection, Transaction::Kind::Read);
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    Lookups lookups{QSqlQuery(db), QSqlQuery(db)};
    lookups.byId.prepare(QStringLiteral("SELECT id FROM %1 WHERE id = ?").arg(table(o.entity)));
    // Emails match whatever their case: SQLite's columns compare so (NOCASE), PostgreSQL's
    // through LOWER, which an index of its own serves (storage/schema.cpp).
    const QString byEmail = Database::isPostgres(m_connection)
        ? QStringLiteral("SELECT id FROM %1 WHERE LOWER(%2) = LOWER(?) ORDER BY id LIMIT 1")
        : QStringLiteral("SELECT id FROM %1 WHERE %2 = ? ORDER BY id LIMIT 1");
    if (const FieldDef *email = fieldWithRole(o.entity, FieldRole::Email))
        lookups.byEmail.prepare(byEmail.arg(table(o.entity), QLatin1String(email->name)));
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
        m_decisions.push_back(decide(o, values, r, lookups));
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

qint64 Importer::decide(const ImportOptions &o, const QVariantMap &values, ImportResult &r,
                        Lookups &db)
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
        m_seen.insert(h);
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
    const BulkWrite bulk(m_connection);
    Transaction tx(m_connection, Transaction::Kind::Write);
    if (!tx.isActive())
        return failed(tx.error());
    const QString stamp = nowUtc();
    ImportJournal journal(m_connection);
    if (!journal.begin(o.entity, o.filePath, stamp))
        return failed(journal.errorString());
    QStringList listNotes;
    if (const QString error = addToLists(o, journal.importId(), listNotes); !error.isEmpty())
        return failed(error);
    ImportWriter writer(m_connection, o, r, *m_converter);
    if (const QString error = writer.prepare(stamp, journal); !error.isEmpty())
        return failed(error);
    // Reading and (where no database is asked) converting on a worker, writing here.
    RowFeed feed(o, r, m_decisions, m_converter.get(), !writer.convertsWithDatabase());
    FedRow row;
    qint64 fed = 0;
    while (feed.next(row)) {
        if (cancelled())
            return failed(tr("The import was cancelled; nothing was imported."),
                          ImportResult::Status::Cancelled);
        if (fed++ % ReportEvery == 0 && m_progress)
            m_progress(Phase::Writing, feed.bytesRead(), feed.bytesTotal());
        if (const QString error = writer.write(row); !error.isEmpty())
            return failed(error);
    }
    if (const QString error = feed.error(); !error.isEmpty())
        return failed(error);
    if (const QString error = writer.finish(); !error.isEmpty())
        return failed(error);
    // Rows whose record already held their values wrote nothing: not counted as updated.
    r.unchanged = writer.unchanged();
    r.updated -= r.unchanged;
    if (!journal.finish(r.created, r.updated, r.skipped, r.rejected))
        return failed(journal.errorString());
    if (const QString error = tx.commit(); !error.isEmpty())
        return failed(error);
    r.importId = journal.importId();
    r.notes << listNotes;
    if (r.unchanged > 0)
        r.notes << tr("%n record(s) already held the file's values and were left as they were.",
                      nullptr, int(r.unchanged));
    r.parentsCreated = m_converter->createdParents();
    r.status = ImportResult::Status::Done;
    return true;
}

QString Importer::addToLists(const ImportOptions &o, qint64 importId, QStringList &notes)
{
    Picklists lists(m_connection);
    for (auto it = o.addToList.cbegin(); it != o.addToList.cend(); ++it) {
        const FieldDef *f = findField(o.entity, it.key());
        if (!f || f->type != FieldType::Picklist)
            continue;
        const QStringList before = lists.values(*f);
        for (const QString &value : *it) {
            if (const QString error = lists.add(*f, value, importId); !error.isEmpty())
                return error;
        }
        const QStringList added = lists.values(*f).mid(before.size());
        if (!added.isEmpty()) {
            notes << tr("%1: %n value(s) added to the list (such as “%2”).", nullptr,
                          int(added.size())).arg(fieldLabel(*f), added.first());
        }
    }
    return {};
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
