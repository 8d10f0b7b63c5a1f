#pragma once
// Notes attached to any record, newest first.

#include "fielddef.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Rapport {

struct Note {
    qint64 id = 0;
    QString body;
    QDateTime created; // UTC
};

class NoteStore
{
public:
    explicit NoteStore(const QString &connectionName);
    // Returns the new note's id, or 0 (blank text or a database error in *error).
    qint64 add(Entity entity, qint64 recordId, const QString &body, QString *error = nullptr);
    QList<Note> list(Entity entity, qint64 recordId) const;
    bool remove(qint64 noteId);

private:
    QString m_connection;
};

} // namespace Rapport
