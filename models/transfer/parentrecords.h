#pragma once
// The records an import's rows name rather than carry: a contact's company, a deal's account
// and contact. Found the way conversion finds them (an account by its company-name key, so
// "ACME Inc." is "Acme"; a contact by email or by name), and, when the user lets it, made for
// the rows that name one that does not exist yet: inside the import's transaction, each once
// however many rows name it, and journalled so that undoing the import removes them too.

#include "records/fielddef.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QString>

namespace Rapport {

class ImportJournal;

class ParentRecords
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::ParentRecords)

public:
    explicit ParentRecords(const QString &connectionName);

    // The id of the `entity` record `text` names (an id, an email or a name): > 0 found,
    // 0 none, -1 several of that name.
    qint64 find(Entity entity, const QString &text);
    // Whether a missing record can be made from `text` alone (an account from any name, a
    // contact from a person's name but not from an email address).
    static bool canCreate(Entity entity, const QString &text);
    // The key two spellings of one record share ("acme" for "ACME, Inc.").
    static QString key(Entity entity, const QString &text);

    // Counts a missing record the rows name (the checking pass): each key once.
    void noteMissing(Entity entity, const QString &text);
    QMap<Entity, qint64> missing() const;
    // What create() made, per type.
    QMap<Entity, qint64> created() const { return m_created; }

    // Makes the record (the writing pass), stamped and journalled as the import's; 0 and
    // `error` on failure.
    qint64 create(Entity entity, const QString &text, const QString &stamp,
                  ImportJournal &journal, QString *error);

private:
    QString m_connection;
    QHash<Entity, QSet<QString>> m_missing; // keys of missing records, per type
    QMap<Entity, qint64> m_created;
};

} // namespace Rapport
