#pragma once
// Reading and writing single records of any type, with validation, time stamps, the
// search key and the delete rules, each write in one transaction.

#include "records/fielddef.h"
#include "records/recordtypes.h"
#include "records/validation.h"

#include <QList>
#include <QString>
#include <QVariantMap>

#include <atomic>
#include <functional>
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
    // Activities on the records: deleted with them, or kept on the other records they are
    // on too. They never make a delete refuse; the rep is told of them.
    int activities = 0;
    bool isEmpty() const { return contacts == 0 && deals == 0 && activities == 0; }
    // Contacts or deals: what the rep chooses to delete or keep.
    bool hasRecords() const { return contacts != 0 || deals != 0; }
    void add(Entity from, int n)
    {
        (from == Entity::Contact ? contacts : from == Entity::Deal ? deals : activities) += n;
    }
};

struct WriteResult {
    qint64 id = 0;
    QString error;                 // empty on success
    QList<FieldError> fieldErrors; // validation problems, per field
    qint64 version = 0;            // the record's version after the write
    bool stale = false;            // refused: the record had changed since the version given
    bool refused = false;          // refused: not the rep's record (storage/rowsecurity.h)
    bool ok() const { return error.isEmpty() && fieldErrors.isEmpty(); }
};

// For long writes on a worker thread: a flag the window sets to stop (the work is then
// undone), and where the work has got to (steps done of total), called on that thread.
struct WorkControl {
    const std::atomic_bool *cancel = nullptr;
    std::function<void(int done, int total)> progress;
};

class RecordStore
{
public:
    using Control = WorkControl;

    explicit RecordStore(const QString &connectionName);

    // All columns of the record (fields, id, created_at, ...), or nullopt if there is none.
    std::optional<QVariantMap> load(Entity entity, qint64 id) const;
    bool exists(Entity entity, qint64 id) const;

    WriteResult insert(Entity entity, const QVariantMap &values);
    // Writes the given fields only; fields not in `values` keep their value. Fields whose
    // value is unchanged are not written, and a write that changes nothing leaves the record
    // (its version, its modified time) alone. With `ifVersion`, a record whose version is no
    // longer that one is left alone and the result is `stale`.
    WriteResult update(Entity entity, qint64 id, const QVariantMap &values, qint64 ifVersion = 0);

    Dependents dependents(Entity entity, qint64 id) const;
    // The records depending on any of `ids`, counted with one statement per table.
    Dependents dependents(Entity entity, const QList<qint64> &ids) const;
    QString remove(Entity entity, qint64 id, DeleteRule rule = DeleteRule::Refuse);
    // Deletes the records and, by the rule, what depends on them, in one transaction: all
    // or nothing. One statement per table for the whole set, however many ids there are.
    // "" on success, otherwise the reason (also when cancelled through `control`).
    QString removeMany(Entity entity, const QList<qint64> &ids, DeleteRule rule,
                       const Control &control = {});

    // The delete rules: the statements, in order, that delete the records of `entity` whose
    // ids the SQL set `ids` yields ("SELECT id FROM ...") with what refers to them — their
    // notes, and contacts and deals deleted or kept unattached by `rule`. The one place
    // that knows which records refer to which.
    static QStringList deleteSteps(Entity entity, DeleteRule rule, const QString &ids);

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
    // Inside removeMany(): "" or why the rep may not delete the id set's records.
    QString refusal(Entity entity, DeleteRule rule) const;
    Dependents dependentsOfSet(Entity entity, const QString &ids) const;
    // The catalogue's references whose records a delete asks about (not links, not its own kind).
    static QList<Reference> dependentReferences(Entity entity);
    QString m_connection;
};

} // namespace Rapport
