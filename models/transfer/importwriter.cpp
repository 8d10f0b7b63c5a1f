#include "transfer/importwriter.h"

#include "records/derivedcolumns.h"
#include "records/recordtypes.h"
#include "records/validation.h"
#include "storage/database.h"
#include "storage/rowsecurity.h"
#include "storage/userdirectory.h"
#include "transfer/bulkinsert.h"
#include "transfer/importjournal.h"
#include "transfer/rowconverter.h"
#include "transfer/rowfeed.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace Rapport {

namespace {

QString table(Entity e) { return QLatin1String(entityDef(e).table); }

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

// Whether a stored value and the file's are the same to the user: numbers as numbers
// ("1000.00" is 1000), an empty text as no text (a form may have saved "", the export
// writes both as an empty cell).
bool sameValue(const FieldDef *field, const QVariant &stored, const QVariant &file)
{
    const bool numeric = field && (field->type == FieldType::Integer
                                   || field->type == FieldType::Decimal
                                   || field->type == FieldType::Bool
                                   || field->type == FieldType::Reference);
    const bool noStored = stored.isNull() || (!numeric && stored.toString().isEmpty());
    const bool noFile = file.isNull() || (!numeric && file.toString().isEmpty());
    if (noStored || noFile)
        return noStored == noFile;
    if (numeric) {
        bool a = false, b = false;
        const double x = stored.toDouble(&a), y = file.toDouble(&b);
        if (a && b)
            return x == y;
    }
    return stored.toString() == file.toString();
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

QVariantMap rowAsMap(const QVariantList &row, const QStringList &columns)
{
    QVariantMap m;
    for (int i = 0; i < columns.size(); ++i)
        m.insert(columns[i], row.at(i));
    return m;
}

// Records an update reads per query: one SELECT per row costs Qt more than SQLite.
constexpr int LoadRows = 100;

} // namespace

ImportWriter::ImportWriter(const QString &connectionName, const ImportOptions &options,
                           const ImportResult &checked, RowConverter &converter)
    : m_connection(connectionName)
    , m_entity(options.entity)
    , m_converter(converter)
    , m_conversion(connectionName, options.entity, checked.headers)
    , m_fields(writtenFields(options, checked.mapping))
    , m_conversionColumns(m_conversion.isActive() ? ConvertedLeads::columns() : QStringList())
    , m_loaded(columnsToLoad(options.entity, m_fields) + m_conversionColumns)
    , m_derivedColumns(DerivedColumns::names(options.entity))
    , m_defaults(defaultValues(options.entity))
    , m_users(std::make_unique<UserDirectory>(connectionName))
    , m_creates(checked.created)
    , m_rowByRow(options.rowByRow)
{
    // A new record gets the defaults of the fields the file has no column for, as the
    // form's ("Not Contacted").
    for (const QString &f : std::as_const(m_fields)) {
        m_defaults.remove(f);
        m_fieldDefs << findField(m_entity, f);
    }
    m_convertedAt = int(m_loaded.indexOf(QStringLiteral("converted_at")));
}

ImportWriter::~ImportWriter() = default;

QString ImportWriter::prepare(const QString &stamp, ImportJournal &journal)
{
    m_stamp = stamp;
    m_journal = &journal;
    m_converter.setWriting(stamp, &journal);
    // Only where the server would skip another rep's rows without a word (an import that
    // updates is then refused whole): one question per updated row, else none.
    const RowSecurity security(m_connection);
    m_askOwners = security.isOn() && !security.isAdmin();
    if (m_creates == 0)
        return {};
    const QStringList columns = m_fields + m_defaults.keys() + m_conversionColumns
        + QStringList{QStringLiteral("created_at"), QStringLiteral("modified_at")}
        + m_derivedColumns;
    m_insert = std::make_unique<BulkInsert>(m_connection, m_entity, columns, m_rowByRow);
    m_insert->setIndexesPausable(!convertsWithDatabase());
    return m_insert->prepare(m_creates, journal);
}

QString ImportWriter::finish()
{
    if (const QString error = loadAndUpdate(); !error.isEmpty())
        return error;
    return m_insert ? m_insert->finish() : QString();
}

bool ImportWriter::convertsWithDatabase() const
{
    if (!m_conversionColumns.isEmpty())
        return true;
    for (const QString &f : std::as_const(m_fields)) {
        if (const FieldDef *field = findField(m_entity, f);
            field && field->type == FieldType::Reference)
            return true;
    }
    return false;
}

QString ImportWriter::write(FedRow &row)
{
    const qint64 line = row.line, decision = row.decision;
    if (!row.converted)
        row.values = Validation::normalised(m_entity, m_converter.convert(row.cells, &row.errors));
    QVariantMap &values = row.values;
    const QStringList &errors = row.errors;
    if (!errors.isEmpty()) // a parent record that could not be made
        return tr("Line %1: %2; nothing was imported.").arg(line).arg(errors.join(QLatin1Char(' ')));
    // The owners as users (storage/userdirectory.h): each name looked up or added once, and
    // written as the user's row spells it.
    if (const auto owner = values.find(QStringLiteral("owner"));
        owner != values.end() && !owner->toString().simplified().isEmpty()) {
        QString &name = m_knownUsers[UserDirectory::nameKey(owner->toString())];
        QString error;
        if (name.isEmpty() && (name = m_users->ensure(owner->toString(), &error)).isEmpty())
            return tr("Line %1: %2; nothing was imported.").arg(line).arg(error);
        *owner = name;
    }
    QString conversionError; // said by the check already
    const QVariantMap converted = m_conversion.read(row.cells, &conversionError);
    if (decision == Create) {
        if (m_askOwners) {
            // Said in Rapport's words before the server refuses the whole load in its own.
            const QString owner = values.value(QStringLiteral("owner"),
                                               m_defaults.value(QStringLiteral("owner")))
                                      .toString();
            auto known = m_addRefusals.find(owner);
            if (known == m_addRefusals.end())
                known = m_addRefusals.insert(
                    owner, RowSecurity(m_connection).refusalToAdd(m_entity, owner));
            if (!known->isEmpty())
                return tr("Line %1: %2 Nothing was imported.").arg(line).arg(*known);
        }
        return create(values, converted, line);
    }
    m_pendingUpdates.push_back({decision, line, std::move(values), converted});
    return m_pendingUpdates.size() == LoadRows ? loadAndUpdate() : QString();
}

QString ImportWriter::create(const QVariantMap &values, const QVariantMap &converted,
                             qint64 line)
{
    if (!m_insert)
        return tr("The file changed while it was being imported; nothing was imported.");
    QVariantList row;
    row.reserve(m_fields.size() + m_defaults.size() + m_conversionColumns.size() + 2
                + m_derivedColumns.size());
    for (const QString &f : std::as_const(m_fields))
        row << values.value(f);
    for (auto it = m_defaults.cbegin(); it != m_defaults.cend(); ++it)
        row << it.value();
    for (const QString &c : std::as_const(m_conversionColumns))
        row << converted.value(c);
    row << m_stamp << m_stamp;
    QVariantMap merged = values;
    merged.insert(m_defaults);
    const QVariantMap derived = DerivedColumns::compute(m_entity, merged);
    for (const QString &c : std::as_const(m_derivedColumns))
        row << derived.value(c);
    return m_insert->add(row, line);
}

// Reads the pending updates' records in one query, then updates each.
QString ImportWriter::loadAndUpdate()
{
    if (m_pendingUpdates.empty())
        return {};
    const QStringList marks(qsizetype(m_pendingUpdates.size()), QStringLiteral("?"));
    QSqlQuery load(QSqlDatabase::database(m_connection));
    load.setForwardOnly(true);
    if (!load.prepare(QStringLiteral("SELECT %2, id FROM %1 WHERE id IN (%3)")
                          .arg(table(m_entity), m_loaded.join(QLatin1Char(',')),
                               marks.join(QLatin1Char(',')))))
        return load.lastError().text();
    for (const PendingUpdate &u : m_pendingUpdates)
        load.addBindValue(u.id);
    if (!load.exec())
        return load.lastError().text();
    QHash<qint64, QVariantList> stored;
    const int columns = int(m_loaded.size());
    while (load.next()) {
        QVariantList row;
        row.reserve(columns);
        for (int i = 0; i < columns; ++i)
            row << load.value(i);
        stored.insert(load.value(columns).toLongLong(), row);
    }
    load.finish();
    const std::vector<PendingUpdate> pending = std::exchange(m_pendingUpdates, {});
    for (const PendingUpdate &u : pending) {
        if (QString error = update(u, stored.value(u.id)); !error.isEmpty())
            return error;
    }
    return {};
}

// Writes only the columns the file changes, journalling what undo puts back; a record the
// file leaves as it is is not written at all.
QString ImportWriter::update(const PendingUpdate &u, const QVariantList &row)
{
    const qint64 decision = u.id, line = u.line;
    const QVariantMap &values = u.values, &converted = u.converted;
    if (m_askOwners) {
        if (const QString refused = RowSecurity(m_connection).refusal(m_entity, decision);
            !refused.isEmpty())
            return tr("Line %1: %2 Nothing was imported.").arg(line).arg(refused);
    }
    if (row.isEmpty())
        return tr("Line %1: %2 %3 was deleted during the import; nothing was imported.")
            .arg(line).arg(entitySingular(m_entity)).arg(decision);
    // The fields first (they lead m_loaded), compared where the query holds them: most rows
    // of a re-imported export change nothing, and then no map is built at all.
    QVariantMap changes; // column -> new value
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const QVariant file = values.value(m_fields.at(i));
        if (!sameValue(m_fieldDefs.at(i), row.at(i), file))
            changes.insert(m_fields.at(i), file);
    }
    // A lead already converted keeps its conversion; one that is not takes the file's.
    if (!converted.isEmpty() && row.at(m_convertedAt).isNull()) {
        for (const QString &c : std::as_const(m_conversionColumns))
            changes.insert(c, converted.value(c));
    }
    if (changes.isEmpty()) {
        ++m_unchanged;
        return {};
    }
    const QVariantMap stored = rowAsMap(row, m_loaded);
    QVariantMap merged = stored;
    merged.insert(changes);
    const QVariantMap derived = DerivedColumns::compute(m_entity, merged);
    for (const QString &c : std::as_const(m_derivedColumns)) {
        if (!sameValue(nullptr, stored.value(c), derived.value(c)))
            changes.insert(c, derived.value(c));
    }
    QVariantMap previous;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it)
        previous.insert(it.key(), stored.value(it.key()));
    previous.insert(QStringLiteral("modified_at"), stored.value(QStringLiteral("modified_at")));
    if (!m_journal->addUpdated(decision, previous))
        return m_journal->errorString();
    QString error;
    QSqlQuery *q = updateFor(changes.keys(), &error);
    if (!q)
        return tr("Line %1: the database refused the row (%2); nothing was imported.")
            .arg(line).arg(error);
    int next = 0;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it)
        q->bindValue(next++, it.value());
    q->bindValue(next++, m_stamp);
    q->bindValue(next, decision);
    if (!q->exec())
        return tr("Line %1: the database refused the row (%2); nothing was imported.")
            .arg(line).arg(q->lastError().text());
    return {};
}

QSqlQuery *ImportWriter::updateFor(const QStringList &columns, QString *error)
{
    auto found = m_updates.find(columns);
    if (found != m_updates.end())
        return found->second.get();
    if (m_updates.size() > 64) // a file that changes every column set: keep memory bounded
        m_updates.clear();
    auto q = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_connection));
    QStringList sets;
    for (const QString &c : columns)
        sets << c + QStringLiteral(" = ?");
    if (!q->prepare(QStringLiteral("UPDATE %1 SET %2, modified_at = ?, version = version + 1 "
                                   "WHERE id = ?")
                        .arg(table(m_entity), sets.join(QLatin1Char(','))))) {
        *error = q->lastError().text();
        return nullptr;
    }
    return m_updates.emplace(columns, std::move(q)).first->second.get();
}

} // namespace Rapport
