#pragma once
// Finds the values of a file's picklist columns that are not in their field's list ("cold
// call", "Hot!", another CRM's "Closed/Won" or "Gewonnen"), with how many rows hold each and
// the list value they most likely mean: the same words spelt otherwise (case, accents, spaces
// and punctuation folded), the field's value in the user's language, or a known synonym from
// other CRMs and German files. The import wizard asks the user about these before the check;
// what the user answers goes to ImportOptions::valueMap, which RowConverter applies.

#include "transfer/importoptions.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Rapport {

class RowReader;

struct UnlistedValue {
    int column = 0;       // in the file
    QString field;        // the picklist field the column fills
    QString value;        // as the file spells it first
    QString key;          // PicklistScanner::fold(value): what ImportOptions::valueMap takes
    qint64 rows = 0;      // rows that hold it, in any spelling with the same key
    QString suggestion;   // a value of the field's list, or "" when nothing fits
};

struct PicklistScan {
    QString error;             // the file cannot be read (the check page says it again)
    QList<UnlistedValue> values; // by column, then the most common first
    QStringList capped;        // fields with more distinct values than are listed
    bool isEmpty() const { return values.isEmpty(); }
};

class PicklistScanner
{
public:
    static constexpr int MaxValuesPerColumn = 200;

    // `mapping` as in ImportOptions, one entry per column of the rows `reader` returns after
    // its header. Only the first column of each picklist field counts, as in the import.
    // `added`: by list name (FieldDef::picklist), the values the database added to the
    // built-in lists (Picklists::added()), which count as listed and can be suggested.
    PicklistScanner(Entity entity, const QStringList &mapping,
                    const QHash<QString, QStringList> &added = {});

    // Reads the rest of `reader`; the rows with the user's edits applied are not needed:
    // the wizard asks before the check, where rows are edited.
    PicklistScan scan(RowReader &reader) const;
    // The same for the file the options name, read as the import will read it.
    static PicklistScan scanFile(const ImportOptions &options,
                                 const QHash<QString, QStringList> &added = {});

    // Case, accents, spaces and punctuation taken away: "Closed-Won " and "closed won" are
    // both "closedwon".
    static QString fold(const QString &text);
    // The value of `field`'s list that `text` most likely means, or "".
    static QString suggest(const FieldDef &field, const QString &text,
                           const QStringList &added = {});

private:
    QList<QPair<int, const FieldDef *>> m_columns; // picklist columns, first per field
    QHash<QString, QStringList> m_added;
};

} // namespace Rapport
