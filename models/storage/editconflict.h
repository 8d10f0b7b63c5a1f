#pragma once
// What a save finds when the record changed since the rep read it (a colleague saved it
// meanwhile): the fields on which the rep's version and the stored one now differ, each with
// what it held when read and who changed it, so that the rep chooses field by field and
// nothing of either version is lost unseen. Each field starts with the rep's value where the
// rep changed it and the stored one where only the colleague did. UI-free: the merge dialog
// shows it, the window that saves writes what the choices make.

#include "records/fielddef.h"

#include <QList>
#include <QString>
#include <QVariantMap>

namespace Rapport {

enum class MergeSide { Mine, Theirs };

struct FieldDifference {
    QString field;
    QVariant read;   // when the rep read the record
    QVariant mine;   // as the rep left it
    QVariant theirs; // as stored now
    bool changedByMe = false;
    bool changedByThem = false;
    // What the record gets: the rep's value for what the rep changed, else the stored one.
    MergeSide choice = MergeSide::Theirs;
    bool changedByBoth() const { return changedByMe && changedByThem; }
};

class EditConflict
{
public:
    // `read`: the record as the rep read it; `changes`: what the rep changed of it;
    // `theirs`: the record as stored now. Only the fields `read` or `changes` hold count.
    EditConflict(Entity entity, const QVariantMap &read, const QVariantMap &changes,
                 const QVariantMap &theirs);

    Entity entity() const { return m_entity; }
    // The fields on which the two versions differ, in the catalogue's order, each with its
    // default: mine where the rep changed it, theirs where only the colleague did.
    const QList<FieldDifference> &differences() const { return m_differences; }
    // How many of them both changed: those the rep should look at before saving.
    int changedByBoth() const;

    // What to write over the stored record so that it holds each field's choice: the fields
    // chosen mine. The others are not written: they keep their stored value.
    static QVariantMap changes(const QList<FieldDifference> &choices);
    // Whether two values of `field` are one value (NULL and "", 1 and true, 2.50 and 2.5).
    static bool same(Entity entity, const FieldDef &field, const QVariant &a, const QVariant &b);

private:
    Entity m_entity;
    QList<FieldDifference> m_differences;
};

} // namespace Rapport
