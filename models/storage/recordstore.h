#pragma once
// Reading and writing single records of any type, with validation, time stamps, the
// search key and the delete rules, each write in one transaction.

#include "records/fielddef.h"
#include "records/validation.h"

#include <QList>
#include <QString>
#include <QVariantMap>
#include <optional>

namespace Rapport {

// What to do with an account's contacts and deals when the account is deleted.
enum class DeleteRule {
    Refuse,          // fail if anything depends on the record
    DetachRelated,   // keep contacts and deals, without an account
    DeleteRelated    // delete the account's contacts and deals too
};

struct Dependents {
    int contacts = 0;
    int deals = 0;
    bool isEmpty() const { return contacts == 0 && deals == 0; }
};

struct WriteResult {
    qint64 id = 0;
    QString error;                 // empty on success
    QList<FieldError> fieldErrors; // validation problems, per field
    bool ok() const { return error.isEmpty() && fieldErrors.isEmpty(); }
};

class RecordStore
{
public:
    explicit RecordStore(const QString &connectionName);

    // All columns of the record (fields, id, created_at, ...), or nullopt if there is none.
    std::optional<QVariantMap> load(Entity entity, qint64 id) const;
    bool exists(Entity entity, qint64 id) const;

    WriteResult insert(Entity entity, const QVariantMap &values);
    // Writes the given fields only; fields not in `values` keep their value.
    WriteResult update(Entity entity, qint64 id, const QVariantMap &values);

    Dependents dependents(Entity entity, qint64 id) const;
    QString remove(Entity entity, qint64 id, DeleteRule rule = DeleteRule::Refuse);
    QString removeMany(Entity entity, const QList<qint64> &ids, DeleteRule rule);

    // (id, display name) pairs for pickers, in name order.
    QList<QPair<qint64, QString>> names(Entity entity) const;
    QString nameOf(Entity entity, qint64 id) const;
    // For pickers over big tables: at most `limit` records whose quick-search text contains
    // `text`, those named exactly `text` (ignoring case) first, then in name order.
    QList<QPair<qint64, QString>> names(Entity entity, const QString &text, int limit) const;
    int count(Entity entity) const;
    // The records of `entity` whose Reference field `field` holds `id` (an account's contacts,
    // a contact's deals), all columns, in name order. Empty if `field` is not a Reference.
    QList<QVariantMap> referencing(Entity entity, const QString &field, qint64 id) const;

private:
    QString removeOne(Entity entity, qint64 id, DeleteRule rule);
    QString m_connection;
};

} // namespace Rapport
