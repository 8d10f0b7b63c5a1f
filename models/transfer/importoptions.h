#pragma once
// What an import is asked to do and what it did: shared by the importer, the import
// wizard and `rapport-cli import`.

#include "csv/csvdialect.h"
#include "files/fileformat.h"
#include "records/fielddef.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Rapport {

enum class DuplicatePolicy { Skip, Update, Create };

enum class DateOrder { Auto, DayFirst, MonthFirst };

// The user's fixes to single rows of the file, by the line each row starts on. They are
// applied as the file is read (see Importer::readRecord), so the file is never copied.
struct RowEdits {
    QHash<qint64, QStringList> replaced; // line -> the row's new cells
    QSet<qint64> dropped;                // lines left out
    bool isEmpty() const { return replaced.isEmpty() && dropped.isEmpty(); }
    bool operator==(const RowEdits &other) const = default;
};

// What the user chose for picklist values that are not in their field's list, by field name
// and then by the value's folded spelling (PicklistScanner::fold): the list's value to store
// instead, "" to leave the field empty, or the file's own value to keep it as it is (stored in
// the record; ImportOptions::addToList says whether it also joins the field's list).
using PicklistValueMap = QHash<QString, QHash<QString, QString>>;

struct ImportOptions {
    Entity entity = Entity::Lead;
    QString filePath;
    FileFormat format = FileFormat::Auto;
    QByteArray encoding;       // CSV: empty: detected
    QChar delimiter;           // CSV: null: detected
    int sheet = 0;             // a workbook's sheet, 0 the first
    // One entry per column: a field name, HeaderMatcher::recordId(), toDescription() (the
    // column's cells as "Header: value" lines in Description) or "" (skip the column).
    // Empty: matched automatically from the header.
    QStringList mapping;
    bool unmappedToDescription = false; // every column without a field goes to Description
    RowEdits edits;
    PicklistValueMap valueMap;
    // By field name: values of the file the import adds to the field's list (storage/
    // picklists.h), so that forms and filters offer them from then on.
    QHash<QString, QStringList> addToList;
    DuplicatePolicy onDuplicate = DuplicatePolicy::Skip;
    DateOrder dateOrder = DateOrder::Auto;
    // Rows naming an account (or a deal's contact) that does not exist yet: make it.
    bool createMissing = true;
    bool dryRun = false;
    // One INSERT per row, the search index kept by its trigger: the plain path the batched
    // one is compared with (tests, benchmarks).
    bool rowByRow = false;

    static QString toDescription() { return QStringLiteral("+description"); }
};

struct RowProblem {
    qint64 line = 0;   // physical line where the row starts
    QString message;
};

struct ImportResult {
    enum class Status { Done, Failed, Cancelled };
    Status status = Status::Failed;
    QString error;             // Failed/Cancelled: one sentence; nothing was written
    bool writeFailed = false;  // the file was fine but the database refused (not bad input)
    qint64 importId = 0;       // the journal entry (0 after a dry run or a failure)
    qint64 rows = 0;           // data rows in the file (blank ones not counted)
    qint64 created = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;      // duplicates to update that already held the file's values
    qint64 skipped = 0;        // duplicates left alone
    qint64 rejected = 0;       // rows with problems, see `problems`
    // Parent records made for the rows (accounts their company names), per type; after a
    // check or dry run, those that would be made.
    QMap<Entity, qint64> parentsCreated;
    QList<RowProblem> problems;
    QStringList notes;         // warnings: ambiguous dates, unknown picklist values, ...
    FileFormat format = FileFormat::Csv; // as read
    CsvDialect dialect;        // as used
    QStringList headers;
    QStringList mapping;       // as used, one entry per column
    bool ok() const { return status == Status::Done; }
};

} // namespace Rapport
