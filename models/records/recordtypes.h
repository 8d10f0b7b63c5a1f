#pragma once
// Rapport's four record types and their fields: the one place a field is declared.

#include "records/fielddef.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <optional>

namespace Rapport {

// A picklist field the record type's tab filters by, with the combo box's first entry.
struct TabFilter {
    const char *field;
    const char *objectName; // of the combo box
    const char *allText;    // "All statuses"; translate in the Rapport::RecordTab context
};

struct EntityDef {
    Entity entity;
    const char *table;        // also the module name of the command line ("leads", ...)
    const char *singular;     // English, translate with entitySingular()
    const char *plural;       // English, translate with entityPlural()
    QList<FieldDef> fields;
    // The fields a record's name is made of, in order ("first_name", "last_name").
    QList<const char *> nameFields;
    // Reference fields that no form, table or file shows, kept by Rapport itself: a lead's
    // links to the account, contact and deal it was converted into. A column each.
    QList<FieldDef> links;
    // The filters over the record type's tab, in the order shown. (A type with links also
    // filters by them: Active, Converted, All.)
    QList<TabFilter> filters;
    // New records are matched against this type's records (conversion, import, entry), so its
    // table keeps match keys of its name and of the fields with a role (records/matchkeys.h).
    bool matched = false;
};

// One way records point at records of another type: a Reference field, or a link.
struct Reference {
    Entity from;
    const FieldDef *field;
    bool link = false; // one of EntityDef::links
};

const EntityDef &entityDef(Entity entity);
const QList<Entity> &allEntities();
std::optional<Entity> entityFromName(const QString &moduleName);

// The fields of `entity` that have `role`, in catalogue order; the first, or nullptr.
QList<const FieldDef *> fieldsWithRole(Entity entity, FieldRole role);
const FieldDef *fieldWithRole(Entity entity, FieldRole role);
// The value of the first field with `role` in a record's values, trimmed; "" if none.
QString roleText(Entity entity, const QVariantMap &values, FieldRole role);

// Field lookup by column name; nullptr when the entity has no such field.
const FieldDef *findField(Entity entity, const QString &name);
// The index of the field in entityDef(entity).fields, or -1.
int fieldIndex(Entity entity, const QString &name);

QString fieldLabel(const FieldDef &field);
QString groupLabel(const char *group);
QString entitySingular(Entity entity);
QString entityPlural(Entity entity);
// The record type as a word inside a sentence ("no such lead"; German: "kein solcher Lead").
QString entityNoun(Entity entity, bool plural = false);
// The values a new record of `entity` starts with (FieldDef::defaultValue), by column name.
QVariantMap defaultValues(Entity entity);
// The suggested values of a picklist field, in display order (stored untranslated).
QStringList picklistValues(const FieldDef &field);
// What a file may carry for the field: its list, and for a lead's status also the one a
// converted lead has (which no one picks by hand).
QStringList importableValues(const FieldDef &field);
// How a stored picklist value is shown in the user's language ("Contacted" → "Kontaktiert");
// values that are not in a list are shown as stored.
QString picklistLabel(const QString &value);

// The Lead Status a converted lead has ("Converted"), stored untranslated: not one of the
// list's values, which are for the rep to pick; the conversion sets it, its undo takes it back.
QString convertedLeadStatus();

// A deal stage as Rapport ships it: the probability a deal in it gets, and the days it may sit
// there before it is going stale (0: never, the closed stages). A database may set its own
// (pipeline/pipeline.h).
struct StageDefaults {
    int probability = 0;
    int staleDays = 30;
};
StageDefaults stageDefaults(const QString &stage);

// How a record is named in lists, titles and messages ("Ada Lovelace", "Acme Inc").
QString displayName(Entity entity, const QVariantMap &values);
// The same name as an SQL expression over the record's table, and its columns in order.
// With `alias`, over the table as that alias ("r.deal_name").
QString nameSql(Entity entity, const QString &alias = {});
QStringList nameColumns(Entity entity);

// Every field of every record type, links included, that holds the id of a record of `to`:
// what a delete, an undo or an unconvert must look at besides the record itself.
QList<Reference> referencesTo(Entity to);
// The lead's link to what it was converted into of type `target`; nullptr for leads.
const FieldDef *conversionLink(Entity target);

} // namespace Rapport
