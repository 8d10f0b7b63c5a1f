#pragma once
// Notes attached to any record, newest first. A contact or deal made from a lead also
// shows the lead's notes, so its history stays intact (and goes away again on unconvert).

#include "records/fielddef.h"

#include "storage/recordstore.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Rapport {

struct Note {
    qint64 id = 0;
    QString body;
    QDateTime created; // UTC
    qint64 fromLeadId = 0; // set when the note belongs to the lead the record came from
};

class NoteStore
{
public:
    explicit NoteStore(const QString &connectionName);
    // The new note (its id), or why there is none (blank text, a database error).
    WriteResult add(Entity entity, qint64 recordId, const QString &body);
    QList<Note> list(Entity entity, qint64 recordId) const;
    bool remove(qint64 noteId);

private:
    QString m_connection;
};

} // namespace Rapport
