#pragma once
// Turns one CSV row into a record's field values the way a user means them: the formula
// guard's apostrophe removed, decimal commas and thousands separators understood, dates
// in ISO, day.month.year or slashed order (an ambiguous slashed column is flagged and read
// in one order for the whole file), yes/no words, picklist values in their listed spelling,
// and accounts or contacts given by id or by name. Errors are sentences for the user.

#include "transfer/importoptions.h"
#include "transfer/parentrecords.h"

#include <QCoreApplication>
#include <QHash>
#include <QVariantMap>

namespace Rapport {

class ImportJournal;

class RowConverter
{
    Q_DECLARE_TR_FUNCTIONS(RowConverter)

public:
    RowConverter(const QString &connectionName, Entity entity, const QStringList &mapping,
                 QChar delimiter, DateOrder dateOrder);
    // Keep what columns mapped to ImportOptions::toDescription() hold (and, with
    // `allUnmapped`, the columns mapped to nothing) as "Header: value" lines in Description.
    void setDescriptionColumns(const QStringList &headers, bool allUnmapped)
    {
        m_headers = headers;
        m_foldUnmapped = allUnmapped;
    }

    // Whether a record a row names but the database lacks is made (counted while checking,
    // see missingParents(); made once setWriting() was called).
    void setCreateMissing(bool on) { m_createMissing = on; }
    QMap<Entity, qint64> missingParents() const { return m_parents.missing(); }
    QMap<Entity, qint64> createdParents() const { return m_parents.created(); }
    // From now on, missing parents are made with this stamp and journalled.
    void setWriting(const QString &stamp, ImportJournal *journal)
    {
        m_stamp = stamp;
        m_journal = journal;
    }

    // Rapport's own export gives a reference twice: "Account Name Id" (mapped) and "Account
    // Name" beside it (not mapped). The name is used when the id is empty or names no record
    // here (a file from another Rapport database).
    void setNameColumns(const QStringList &headers);

    // The values of the mapped columns (the record id, if mapped, under
    // HeaderMatcher::recordId()); problems are appended to `errors`.
    QVariantMap convert(const QStringList &cells, QStringList *errors);

    // After every row was converted in Auto order: the order to read slashed dates in.
    // Sets `conflict` when one column has both 13/01 and 01/13.
    DateOrder decideDateOrder(QString *conflict);
    void setDateOrder(DateOrder order) { m_dateOrder = order; }
    // The user's answers for picklist values not in their lists (ImportOptions::valueMap).
    void setValueMap(const PicklistValueMap &map) { m_valueMap = map; }
    // Values the import adds to their fields' lists (ImportOptions::addToList): taken as
    // listed, spelt as given.
    void setAddToList(const QHash<QString, QStringList> &values);
    // Sentences about values the user may want to look at (ambiguous dates, picklists).
    QStringList notes() const;

    static std::optional<QString> parseDecimal(QString text, QChar delimiter);

private:
    struct DateEvidence { qint64 dayFirst = 0, monthFirst = 0, ambiguous = 0; QString example; };

    QVariant convertValue(const FieldDef &field, const QString &text, QString *error);
    QVariant convertDate(const FieldDef &field, const QString &text, QString *error);
    QVariant convertReference(const FieldDef &field, const QString &text, QString *error);
    const QStringList &listedValues(const FieldDef &field);
    QString nameCell(const QString &field, const QStringList &cells) const;
    void appendUnmapped(const QStringList &cells, QVariantMap &values) const;

    QString m_connection;
    Entity m_entity;
    QStringList m_mapping;
    QStringList m_headers;  // set when some columns go to Description
    bool m_foldUnmapped = false;
    QChar m_delimiter;
    DateOrder m_dateOrder;
    QHash<QString, DateEvidence> m_dates;        // by field name
    QHash<QString, QPair<qint64, QString>> m_unknownPicks; // field -> (count, first value)
    QHash<QString, QPair<qint64, QString>> m_keptPicks;    // the same, kept as the user chose
    PicklistValueMap m_valueMap;
    QHash<QString, QStringList> m_added;  // picklist name -> values the database added
    QHash<QString, QStringList> m_listed; // field -> every value it takes as listed
    QHash<QString, qsizetype> m_nameColumn; // reference field -> the column with its name
    QHash<QString, qint64> m_refCache;           // "table\nkey" -> id (0: none)
    ParentRecords m_parents;
    bool m_createMissing = false;
    QString m_stamp;
    ImportJournal *m_journal = nullptr;
};

} // namespace Rapport
