#pragma once
// The import's writing pass, one row at a time, inside the transaction the Importer holds:
// the prepared INSERT and UPDATE (with the defaults a new record gets, the derived columns,
// and a converted lead's conversion), the owner written as a user, and each created or
// updated record in the journal so that the import can be undone. The Importer reads the
// file and decides per row; this writes what it decided.

#include "transfer/convertedleads.h"
#include "transfer/importoptions.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantMap>
#include <memory>

namespace Rapport {

class ImportJournal;
class RowConverter;
class UserDirectory;

class ImportWriter
{
    // Its sentences are the importer's, and translated as such.
    Q_DECLARE_TR_FUNCTIONS(Importer)

public:
    static constexpr qint64 Create = 0;

    ImportWriter(const QString &connectionName, const ImportOptions &options,
                 const ImportResult &checked, RowConverter &converter);
    ~ImportWriter();

    // Prepares the statements; "" or why not.
    QString prepare(const QString &stamp, ImportJournal &journal);
    // Writes the row at `line`: creates it (Create) or updates the record `decision`.
    // "" or a sentence ending "nothing was imported".
    QString write(const QStringList &cells, qint64 decision, qint64 line);

private:
    QString update(qint64 decision, qint64 line, const QVariantMap &values,
                   const QVariantMap &converted, QVariantMap &merged);

    QString m_connection;
    Entity m_entity;
    RowConverter &m_converter;
    ConvertedLeads m_conversion;
    QStringList m_fields, m_conversionColumns, m_loaded, m_derivedColumns;
    QVariantMap m_defaults;
    QString m_stamp;
    bool m_askOwners = false; // reps may change only their own records (storage/rowsecurity.h)
    ImportJournal *m_journal = nullptr;
    bool m_returning = false;
    QSqlQuery m_insert, m_update, m_load;
    std::unique_ptr<UserDirectory> m_users;
    QHash<QString, QString> m_knownUsers; // name key -> the user's name
};

} // namespace Rapport
