#pragma once
// The import's writing pass, inside the transaction the Importer holds: new records through
// BulkInsert (a batch of rows per INSERT, with the defaults a new record gets, the derived
// columns and a converted lead's conversion), updates of only the columns that change (a
// record the file leaves as it is is not written at all: no version, no time stamp, no
// journal entry), the owner written as a user, and each created or updated record in the
// journal so that the import can be undone. The Importer reads the file and decides per
// row; this writes what it decided.

#include "transfer/convertedleads.h"
#include "transfer/importoptions.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantMap>
#include <map>
#include <memory>
#include <vector>

namespace Rapport {

class BulkInsert;
struct FedRow;
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
    // Whether converting a row asks the database (a parent record named, a converted
    // lead's links): then it is done here, in the write's transaction, not by the feed.
    bool convertsWithDatabase() const;
    // Writes the row: creates it (Create) or updates the record `row.decision`.
    // "" or a sentence ending "nothing was imported".
    QString write(FedRow &row);
    // Writes what is still waiting for its batch. "" or why not.
    QString finish();
    // Updates that found the record already as the file has it, and so wrote nothing.
    qint64 unchanged() const { return m_unchanged; }

private:
    QString create(const QVariantMap &values, const QVariantMap &converted, qint64 line);
    struct PendingUpdate {
        qint64 id = 0, line = 0;
        QVariantMap values, converted;
    };
    QString loadAndUpdate();
    QString update(const PendingUpdate &update, const QVariantList &stored);
    QSqlQuery *updateFor(const QStringList &columns, QString *error);

    QString m_connection;
    Entity m_entity;
    RowConverter &m_converter;
    ConvertedLeads m_conversion;
    QStringList m_fields, m_conversionColumns, m_loaded, m_derivedColumns;
    QList<const FieldDef *> m_fieldDefs; // of m_fields
    int m_convertedAt = -1;              // in m_loaded
    QVariantMap m_defaults;
    QString m_stamp;
    bool m_askOwners = false; // reps may change only their own records (storage/rowsecurity.h)
    ImportJournal *m_journal = nullptr;
    std::unique_ptr<BulkInsert> m_insert;
    std::vector<PendingUpdate> m_pendingUpdates; // read together, a query per batch
    // By the columns they set: a re-import changes the same few columns again and again.
    std::map<QStringList, std::unique_ptr<QSqlQuery>> m_updates;
    std::unique_ptr<UserDirectory> m_users;
    QHash<QString, QString> m_knownUsers; // name key -> the user's name
    QHash<QString, QString> m_addRefusals; // owner -> why this rep may not add for them, or ""
    qint64 m_creates = 0, m_unchanged = 0;
    bool m_rowByRow = false;
};

} // namespace Rapport
