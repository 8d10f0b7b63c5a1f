#pragma once
// The values a database adds to Rapport's built-in picklists: a source, an industry or a
// status another CRM's file brought, kept in `picklist_values` so that forms and filters offer
// it beside the built-in values from then on. The built-in values stay in the catalogue
// (records/recordtypes.h), translated; an added value is shown as it is spelt. A value an
// import added remembers that import, and undoing the import takes it off the list again
// unless a record still holds it.

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Rapport {

class Picklists
{
    Q_DECLARE_TR_FUNCTIONS(Picklists)

public:
    explicit Picklists(const QString &connectionName);

    // Whether values may be added to `field`'s list: not to the lists Rapport's own logic
    // reads (a deal's stages are the board's columns, an activity's type, status and
    // reminder drive My Day and the reminders).
    static bool extensible(const FieldDef &field);

    // The built-in values of `field`'s list, then the values added to it, in the order added.
    QStringList values(const FieldDef &field) const;
    // Only the added ones, by list name (FieldDef::picklist) for every list that has some.
    QHash<QString, QStringList> added() const;
    QStringList added(const FieldDef &field) const;

    // Adds `value` to `field`'s list; nothing to do when the list has it already (case
    // ignored). `importId`: the import that adds it (0: none). "" or the database's message.
    // Writes inside the caller's transaction when there is one.
    QString add(const FieldDef &field, const QString &value, qint64 importId = 0);
    // Takes off the list what the import added, except the values a record still holds;
    // inside the undo's transaction. "" or the database's message.
    QString removeAddedBy(qint64 importId);
    // Takes `value` off `field`'s list (a built-in value cannot be taken off). "" or why not.
    QString remove(const FieldDef &field, const QString &value);

private:
    bool inUse(const QString &list, const QString &value, QString *error) const;

    QString m_connection;
};

} // namespace Rapport
