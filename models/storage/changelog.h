#pragma once
// The change log: one append-only table, `changes`, that every write adds to in its own
// transaction — a record made, each field changed (old and new value), a record deleted, a
// note, a conversion and its undo, an import and its undo. Each record's timeline is read
// from it (history/timeline.h), and other windows catch up from it by sequence number.
//
// It stays compact: an import's created rows are one entry, found through the import's id
// runs (transfer/importjournal.h), not one entry a row.

#include "records/fielddef.h"

#include <QDateTime>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace Rapport {

// What an entry says happened. Stored as these words.
namespace ChangeKind {
inline constexpr char Create[] = "create";
inline constexpr char Change[] = "change";
inline constexpr char Delete[] = "delete";
inline constexpr char Note[] = "note";
inline constexpr char Conversion[] = "conversion";
inline constexpr char Unconversion[] = "unconversion";
inline constexpr char Import[] = "import";
inline constexpr char Undo[] = "undo";
} // namespace ChangeKind

struct ChangeEntry {
    QString kind;        // a ChangeKind
    QString table;       // the record's table ("deals")
    qint64 recordId = 0; // 0: the entry is about many records (an import's)
    QString field;       // a change: the column
    QVariant oldValue;   // a change: before; a deleted note: its text
    QVariant newValue;   // a change: after; a note: its text; an import: the file name
    QString refTable;    // what the entry is about besides the record: "conversions", "imports",
    qint64 refId = 0;    //   "notes", the lead a contact was converted from ("leads")
};

// Who wrote an entry and when: what a rep is told of a colleague's newer save.
struct LoggedChange {
    QString who;
    QDateTime at;  // UTC
    QString kind;  // a ChangeKind
};

class ChangeLog
{
public:
    explicit ChangeLog(const QString &connectionName);

    // Each appends inside the caller's transaction; false (with error()) when the database
    // refused, and the caller rolls back.
    bool append(const ChangeEntry &entry);
    bool created(Entity entity, qint64 id);
    // One entry per field whose value differs between `before` and `after` (only the
    // catalogue's fields of `entity`; time stamps and keys are not changes).
    bool changed(Entity entity, qint64 id, const QVariantMap &before, const QVariantMap &after);
    // A delete entry for each record of `entity` whose id the SQL set `ids` yields.
    bool deleted(Entity entity, const QString &ids);
    // A change of `field` from `before` to `after` on each record of `entity` whose id the
    // SQL set `ids` (with `binds` for its placeholders) yields: one statement for them all.
    bool changedSet(Entity entity, const QString &ids, const QVariantList &binds,
                    const QString &field, const QVariant &before, const QVariant &after);
    QString error() const { return m_error; }

    // The newest entry about record `id` of `entity` (its last change, or its delete).
    std::optional<LoggedChange> latest(Entity entity, qint64 id) const;

    // Whether a field's value differs, as the log and the store see it (NULL and "" are one).
    static bool differs(const FieldDef &field, const QVariant &before, const QVariant &after);
    // Who the entries are by: the current user.
    static QString who();

private:
    QString m_connection;
    QString m_who;
    QString m_error;
};

} // namespace Rapport
