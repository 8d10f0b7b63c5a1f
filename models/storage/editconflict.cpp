#include "storage/editconflict.h"

#include "records/recordtypes.h"
#include "records/validation.h"
#include "storage/changelog.h"

namespace Rapport {

EditConflict::EditConflict(Entity entity, const QVariantMap &read, const QVariantMap &changes,
                           const QVariantMap &theirs)
    : m_entity(entity)
{
    for (const FieldDef &f : entityDef(entity).fields) {
        const QString name = QLatin1String(f.name);
        // A field the rep's window never showed is no part of the rep's version.
        if (!read.contains(name) && !changes.contains(name))
            continue;
        FieldDifference d;
        d.field = name;
        d.read = read.value(name);
        d.mine = changes.contains(name) ? changes.value(name) : d.read;
        d.theirs = theirs.value(name);
        if (same(entity, f, d.mine, d.theirs))
            continue; // both made it the same, or neither changed it
        d.changedByMe = !same(entity, f, d.read, d.mine);
        d.changedByThem = !same(entity, f, d.read, d.theirs);
        d.choice = d.changedByMe ? MergeSide::Mine : MergeSide::Theirs;
        m_differences.append(d);
    }
}

int EditConflict::changedByBoth() const
{
    int n = 0;
    for (const FieldDifference &d : m_differences)
        n += d.changedByBoth() ? 1 : 0;
    return n;
}

QVariantMap EditConflict::changes(const QList<FieldDifference> &choices)
{
    QVariantMap out;
    for (const FieldDifference &d : choices) {
        if (d.choice == MergeSide::Mine)
            out.insert(d.field, d.mine);
    }
    return out;
}

bool EditConflict::same(Entity entity, const FieldDef &field, const QVariant &a,
                        const QVariant &b)
{
    // As the store would write them: a form's true and the database's 1 are one value.
    const QString name = QLatin1String(field.name);
    const QVariant x = Validation::normalised(entity, {{name, a}}).value(name);
    const QVariant y = Validation::normalised(entity, {{name, b}}).value(name);
    return !ChangeLog::differs(field, x, y);
}

} // namespace Rapport
