#include "importer.h"

#include "csvreader.h"
#include "csvwriter.h"
#include "headermatcher.h"
#include "importjournal.h"
#include "recordstore.h"
#include "recordtypes.h"
#include "rowconverter.h"
#include "searchkey.h"
#include "transaction.h"
#include "validation.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

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

// Opens the file and the reader with the detected or chosen dialect; the header row read.
QString openCsv(const ImportOptions &o, QFile &file, CsvDialect &dialect,
                std::unique_ptr<CsvReader> &reader, QStringList &headers)
{
    const QString name = QFileInfo(o.filePath).fileName();
    file.setFileName(o.filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Importer::tr("Cannot open “%1”: %2").arg(o.filePath, file.errorString());
    if (file.size() == 0)
        return Importer::tr("“%1” is empty.").arg(name);
    dialect = CsvDialect::detect(&file);
    if (!o.encoding.isEmpty())
        dialect.encoding = o.encoding;
    if (!o.delimiter.isNull())
        dialect.delimiter = o.delimiter;
    reader = std::make_unique<CsvReader>(&file, dialect);
    if (!reader->readRecord(headers))
        return reader->hasError() ? reader->errorString()
                                  : Importer::tr("“%1” has nothing in it but blank lines.").arg(name);
    for (QString &h : headers)
        h = h.trimmed().remove(QChar(0xFEFF));
    return {};
}

QVariantMap rowAsMap(const QSqlQuery &q)
{
    QVariantMap m;
    const QSqlRecord rec = q.record();
    for (int i = 0; i < rec.count(); ++i)
        m.insert(rec.fieldName(i), q.value(i));
    return m;
}

} // namespace

Importer::Importer(const QString &connectionName)
    : m_connection(connectionName)
{
}

Importer::~Importer() = default;

void Importer::report(Phase phase, const CsvReader &reader, qint64 total)
{
    if (m_progress)
        m_progress(phase, reader.bytesRead(), total);
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
    QFile file;
    std::unique_ptr<CsvReader> reader;
    r.error = openCsv(o, file, r.dialect, reader, r.headers);
    if (!r.error.isEmpty())
        return false;
    const HeaderMatcher matcher(o.entity);
    r.mapping = o.mapping.isEmpty() ? matcher.matchAll(r.headers) : o.mapping;
    if (r.mapping.size() != r.headers.size()) {
        r.error = tr("The mapping has %1 columns but the file has %2.")
                      .arg(r.mapping.size()).arg(r.headers.size());
        return false;
    }
    for (const FieldDef &f : entityDef(o.entity).fields) {
        if (f.required && !r.mapping.contains(QLatin1String(f.name))) {
            r.error = tr("No column of the file is for “%1”, which every %2 needs.")
                          .arg(fieldLabel(f), entitySingular(o.entity).toLower());
            return false;
        }
    }
    m_trustIds = r.mapping.contains(HeaderMatcher::recordId()) && matcher.isRapportExport(r.headers);
    m_converter = std::make_unique<RowConverter>(m_connection, o.entity, r.mapping,
                                                 r.dialect.delimiter, o.dateOrder);
    QStringList cells;
    while (reader->readRecord(cells)) {
        if (cancelled()) {
            r.status = ImportResult::Status::Cancelled;
            r.error = tr("The import was cancelled; nothing was imported.");
            return false;
        }
        if (m_decisions.size() % ReportEvery == 0)
            report(Phase::Checking, *reader, file.size());
        const qint64 line = reader->recordLine();
        if (cells.size() != r.headers.size()) {
            r.error = tr("Line %1 has %2 values but the header has %3: the file is damaged or "
                         "its delimiter is not “%4”.").arg(line).arg(cells.size())
                          .arg(r.headers.size()).arg(r.dialect.delimiter);
            return false;
        }
        if (isBlankRow(cells)) {
            m_decisions.push_back(Blank);
            continue;
        }
        ++r.rows;
        QStringList errors;
        const QVariantMap values = m_converter->convert(cells, &errors);
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
        m_decisions.push_back(decide(o, values, line, r));
    }
    if (reader->hasError()) {
        r.error = reader->errorString();
        return false;
    }
    if (r.rows == 0) {
        r.error = tr("“%1” has a header but no rows to import.").arg(QFileInfo(o.filePath).fileName());
        return false;
    }
    QString conflict;
    m_converter->decideDateOrder(&conflict);
    if (!conflict.isEmpty()) {
        r.error = conflict;
        return false;
    }
    r.notes = m_converter->notes();
    if (m_inFileDuplicates > 0)
        r.notes << tr("%n row(s) repeat an earlier row of the file (same email or record id).",
                      nullptr, int(m_inFileDuplicates));
    return true;
}

qint64 Importer::decide(const ImportOptions &o, const QVariantMap &values, qint64 line,
                        ImportResult &r)
{
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    qint64 target = 0;
    QStringList keys;
    bool isId = false;
    const qint64 id = values.value(HeaderMatcher::recordId()).toString().toLongLong(&isId);
    if (m_trustIds && isId && id > 0) {
        keys << QStringLiteral("#%1").arg(id);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT id FROM %1 WHERE id = ?").arg(table(o.entity)));
        q.addBindValue(id);
        if (q.exec() && q.next())
            target = id;
    }
    const QString email = values.value(QStringLiteral("email")).toString().trimmed();
    if (!email.isEmpty() && findField(o.entity, QStringLiteral("email"))) {
        keys << QLatin1Char('@') + email.toCaseFolded();
        if (target == 0) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT id FROM %1 WHERE email = ? ORDER BY id LIMIT 1")
                          .arg(table(o.entity)));
            q.addBindValue(email);
            if (q.exec() && q.next())
                target = q.value(0).toLongLong();
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
    QStringList fields;
    for (const QString &name : std::as_const(r.mapping)) {
        if (findField(o.entity, name) && !fields.contains(name))
            fields << name;
    }
    Transaction tx(m_connection);
    if (!tx.isActive())
        return failed(tx.error());
    const QString stamp = nowUtc();
    ImportJournal journal(m_connection);
    if (!journal.begin(o.entity, o.filePath, stamp))
        return failed(journal.errorString());
    const QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery insert(db), update(db), load(db);
    QStringList sets;
    for (const QString &f : std::as_const(fields))
        sets << f + QStringLiteral(" = ?");
    const QString marks = QStringList(fields.size() + 3, QStringLiteral("?")).join(QLatin1Char(','));
    if (!insert.prepare(QStringLiteral("INSERT INTO %1 (%2, created_at, modified_at, search_key) "
                                       "VALUES (%3) RETURNING id")
                            .arg(table(o.entity), fields.join(QLatin1Char(',')), marks))
        || !update.prepare(QStringLiteral("UPDATE %1 SET %2, modified_at = ?, search_key = ? "
                                          "WHERE id = ?").arg(table(o.entity), sets.join(QLatin1Char(','))))
        || !load.prepare(QStringLiteral("SELECT * FROM %1 WHERE id = ?").arg(table(o.entity))))
        return failed(insert.lastError().text() + update.lastError().text() + load.lastError().text());
    QFile file;
    std::unique_ptr<CsvReader> reader;
    CsvDialect dialect;
    QStringList headers, cells;
    ImportOptions again = o;
    again.encoding = r.dialect.encoding;
    again.delimiter = r.dialect.delimiter;
    if (const QString error = openCsv(again, file, dialect, reader, headers); !error.isEmpty())
        return failed(error);
    size_t index = 0;
    while (reader->readRecord(cells)) {
        if (cancelled())
            return failed(tr("The import was cancelled; nothing was imported."),
                          ImportResult::Status::Cancelled);
        if (index % ReportEvery == 0)
            report(Phase::Writing, *reader, file.size());
        if (index >= m_decisions.size())
            return failed(tr("The file changed while it was being imported; nothing was imported."));
        const qint64 decision = m_decisions[index++];
        if (decision < 0)
            continue;
        QStringList errors;
        const QVariantMap values =
            Validation::normalised(o.entity, m_converter->convert(cells, &errors));
        QSqlQuery &q = decision == Create ? insert : update;
        QVariantMap merged = values;
        if (decision != Create) {
            load.addBindValue(decision);
            if (!load.exec() || !load.next())
                return failed(tr("Line %1: %2").arg(reader->recordLine()).arg(load.lastError().text()));
            merged = rowAsMap(load);
            load.finish();
            QVariantMap previous;
            for (const QString &f : std::as_const(fields))
                previous.insert(f, merged.value(f));
            previous.insert(QStringLiteral("modified_at"), merged.value(QStringLiteral("modified_at")));
            previous.insert(QStringLiteral("search_key"), merged.value(QStringLiteral("search_key")));
            if (!journal.addUpdated(decision, previous))
                return failed(journal.errorString());
            merged.insert(values);
        }
        for (int i = 0; i < fields.size(); ++i)
            q.bindValue(i, values.value(fields[i]));
        int next = int(fields.size());
        if (decision == Create)
            q.bindValue(next++, stamp);
        q.bindValue(next++, stamp);
        q.bindValue(next++, SearchKey::compute(o.entity, merged));
        if (decision != Create)
            q.bindValue(next, decision);
        if (!q.exec())
            return failed(tr("Line %1: the database refused the row (%2); nothing was imported.")
                              .arg(reader->recordLine()).arg(q.lastError().text()));
        if (decision == Create) {
            if (!q.next() || !journal.addCreated(q.value(0).toLongLong()))
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
    r.status = ImportResult::Status::Done;
    return true;
}

bool Importer::writeRejected(const ImportOptions &o, const ImportResult &result, QIODevice *out,
                             QString *error)
{
    ImportOptions again = o;
    again.encoding = result.dialect.encoding;
    again.delimiter = result.dialect.delimiter;
    QFile file;
    std::unique_ptr<CsvReader> reader;
    CsvDialect dialect;
    QStringList headers, cells;
    if (QString e = openCsv(again, file, dialect, reader, headers); !e.isEmpty()) {
        *error = e;
        return false;
    }
    CsvWriter writer(out, result.dialect.delimiter == QLatin1Char(';') ? QLatin1Char(';')
                                                                       : QLatin1Char(','));
    writer.writeRow(headers + QStringList{tr("Line"), tr("Problem")});
    qsizetype next = 0;
    while (next < result.problems.size() && reader->readRecord(cells)) {
        if (reader->recordLine() != result.problems[next].line)
            continue;
        QStringList row;
        for (const QString &c : std::as_const(cells))
            row << CsvWriter::guarded(c);
        row << QString::number(result.problems[next].line) << result.problems[next].message;
        writer.writeRow(row);
        ++next;
    }
    if (!writer.flush()) {
        *error = writer.errorString();
        return false;
    }
    return true;
}

ImportPreview Importer::preview(const ImportOptions &options, int maxRows)
{
    ImportPreview p;
    QFile file;
    std::unique_ptr<CsvReader> reader;
    p.error = openCsv(options, file, p.dialect, reader, p.headers);
    if (!p.error.isEmpty())
        return p;
    p.mapping = HeaderMatcher(options.entity).matchAll(p.headers);
    QStringList cells;
    while (p.rows.size() < maxRows && reader->readRecord(cells))
        p.rows.append(cells);
    p.error = reader->errorString();
    return p;
}

} // namespace Rapport
