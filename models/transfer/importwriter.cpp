#include "transfer/importwriter.h"

#include "records/derivedcolumns.h"
#include "records/recordtypes.h"
#include "records/validation.h"
#include "storage/database.h"
#include "storage/rowsecurity.h"
#include "storage/userdirectory.h"
#include "transfer/importjournal.h"
#include "transfer/rowconverter.h"

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
    , m_insert(QSqlDatabase::database(connectionName))
    , m_update(QSqlDatabase::database(connectionName))
    , m_load(QSqlDatabase::database(connectionName))
    , m_users(std::make_unique<UserDirectory>(connectionName))
{
    // A new record gets the defaults of the fields the file has no column for, as the
    // form's ("Not Contacted").
    for (const QString &f : std::as_const(m_fields))
        m_defaults.remove(f);
}

ImportWriter::~ImportWriter() = default;

QString ImportWriter::prepare(const QString &stamp, ImportJournal &journal)
{
    m_stamp = stamp;
    m_journal = &journal;
    m_converter.setWriting(stamp, &journal);
    QStringList sets;
    for (const QString &f : std::as_const(m_fields))
        sets << f + QStringLiteral(" = ?");
    // A lead already converted keeps its conversion; one that is not takes the file's.
    for (const QString &c : std::as_const(m_conversionColumns)) {
        sets << (c == QLatin1String("converted_at")
                     ? QStringLiteral("converted_at = COALESCE(converted_at, ?)")
                     : QStringLiteral("%1 = CASE WHEN converted_at IS NULL THEN ? ELSE %1 END")
                           .arg(c));
    }
    const QStringList insertFields = m_fields + m_defaults.keys() + m_conversionColumns;
    const QString marks = QStringList(insertFields.size() + 2 + m_derivedColumns.size(),
                                      QStringLiteral("?")).join(QLatin1Char(','));
    QString derivedInsert, derivedSets;
    for (const QString &c : std::as_const(m_derivedColumns)) {
        derivedInsert += QStringLiteral(", ") + c;
        derivedSets += QStringLiteral(", %1 = ?").arg(c);
    }
    // Only where the server would skip another rep's rows without a word (an import that
    // updates is then refused whole): one question per updated row, else none.
    const RowSecurity security(m_connection);
    m_askOwners = security.isOn() && !security.isAdmin();
    // RETURNING costs SQLite a statement journal per row (twice the time); its rowid is free.
    m_returning = Database::isPostgres(m_connection);
    if (!m_insert.prepare(QStringLiteral("INSERT INTO %1 (%2, created_at, modified_at%5) "
                                         "VALUES (%3)%4")
                              .arg(table(m_entity), insertFields.join(QLatin1Char(',')), marks,
                                   m_returning ? QStringLiteral(" RETURNING id") : QString(),
                                   derivedInsert))
        || !m_update.prepare(QStringLiteral("UPDATE %1 SET %2, modified_at = ?%3, "
                                            "version = version + 1 WHERE id = ?")
                                 .arg(table(m_entity), sets.join(QLatin1Char(',')), derivedSets))
        || !m_load.prepare(QStringLiteral("SELECT %2 FROM %1 WHERE id = ?")
                               .arg(table(m_entity), m_loaded.join(QLatin1Char(',')))))
        return m_insert.lastError().text() + m_update.lastError().text()
               + m_load.lastError().text();
    return {};
}

QString ImportWriter::write(const QStringList &cells, qint64 decision, qint64 line)
{
    QStringList errors;
    QVariantMap values = Validation::normalised(m_entity, m_converter.convert(cells, &errors));
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
    const QVariantMap converted = m_conversion.read(cells, &conversionError);
    QVariantMap merged = values;
    if (decision == Create) {
        merged.insert(m_defaults);
    } else if (QString error = update(decision, line, values, converted, merged);
               !error.isEmpty()) {
        return error;
    }
    QSqlQuery &q = decision == Create ? m_insert : m_update;
    int next = 0;
    for (const QString &f : std::as_const(m_fields))
        q.bindValue(next++, values.value(f));
    if (decision == Create) {
        for (auto it = m_defaults.cbegin(); it != m_defaults.cend(); ++it)
            q.bindValue(next++, it.value());
    }
    for (const QString &c : std::as_const(m_conversionColumns))
        q.bindValue(next++, converted.value(c));
    if (decision == Create)
        q.bindValue(next++, m_stamp);
    q.bindValue(next++, m_stamp);
    const QVariantMap derived = DerivedColumns::compute(m_entity, merged);
    for (const QString &c : std::as_const(m_derivedColumns))
        q.bindValue(next++, derived.value(c));
    if (decision != Create)
        q.bindValue(next, decision);
    if (!q.exec())
        return tr("Line %1: the database refused the row (%2); nothing was imported.")
            .arg(line).arg(q.lastError().text());
    if (decision != Create)
        return {};
    const QVariant id = m_returning ? (q.next() ? q.value(0) : QVariant()) : q.lastInsertId();
    q.finish();
    if (id.isNull() || !m_journal->addCreated(id.toLongLong()))
        return m_journal->errorString();
    return {};
}

// Reads the record an update overwrites and journals what undo puts back; `merged` becomes
// the record as it will be.
QString ImportWriter::update(qint64 decision, qint64 line, const QVariantMap &values,
                             const QVariantMap &converted, QVariantMap &merged)
{
    if (m_askOwners) {
        if (const QString refused = RowSecurity(m_connection).refusal(m_entity, decision);
            !refused.isEmpty())
            return tr("Line %1: %2 Nothing was imported.").arg(line).arg(refused);
    }
    m_load.addBindValue(decision);
    if (!m_load.exec() || !m_load.next())
        return tr("Line %1: %2 %3 was deleted during the import; nothing was imported.")
            .arg(line).arg(entitySingular(m_entity)).arg(decision);
    merged = rowAsMap(m_load, m_loaded);
    m_load.finish();
    QVariantMap previous = previousValues(merged, values, m_fields, m_derivedColumns);
    if (!converted.isEmpty() && merged.value(QStringLiteral("converted_at")).isNull()) {
        for (const QString &c : std::as_const(m_conversionColumns))
            previous.insert(c, QVariant()); // undo makes it an active lead again
    }
    if (!m_journal->addUpdated(decision, previous))
        return m_journal->errorString();
    merged.insert(values);
    return {};
}

} // namespace Rapport
