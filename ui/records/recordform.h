#pragma once
// The form a rep edits one record in, built entirely from entityDef(entity).fields: one group
// box per field group, an editor per field type, the required fields marked, validation
// messages shown at the field they concern. Adding a field to recordtypes.cpp adds it here.

#include "records/fielddef.h"
#include "records/validation.h"

#include <QList>
#include <QSet>
#include <QStringList>
#include <QVariantMap>
#include <QWidget>

class QGridLayout;
class QGroupBox;
class QLabel;

namespace Rapport {

class RecordForm : public QWidget
{
    Q_OBJECT

public:
    // `connection` names the database the Reference pickers list their records from.
    RecordForm(Entity entity, const QString &connection, QWidget *parent = nullptr);
    // Only the fields named in `fields`, in the catalogue's order (the detail pane's key
    // fields); every field when it is empty.
    RecordForm(Entity entity, const QString &connection, const QStringList &fields,
               QWidget *parent = nullptr);
    ~RecordForm() override;

    Entity entity() const { return m_entity; }

    // Shows the record's values (keys other than field names are ignored); not a modification.
    void setValues(const QVariantMap &values);
    // Every field's value in the form RecordStore takes (C-locale numbers, ISO dates, ids).
    QVariantMap values() const;

    bool isModified() const { return m_modified; }
    void setModified(bool modified);

    // Checks the values, shows each problem under its field and focuses the first bad field.
    QList<FieldError> validate();
    void showErrors(const QList<FieldError> &errors);
    void clearErrors();

    QWidget *editor(const QString &field) const;
    // Refills the record pickers, e.g. after an account was added in another window.
    void reloadReferences();

Q_SIGNALS:
    void modifiedChanged(bool modified);
    void fieldEdited(const QString &field);

protected:
    void resizeEvent(QResizeEvent *event) override;
    // The desktop switched between light and dark: the errors' red follows.
    void changeEvent(QEvent *event) override;

private:
    // What a field takes, for a screen reader (its accessible description).
    static QString fieldHint(const FieldDef &f);
    struct Field {
        const FieldDef *def = nullptr;
        QWidget *editor = nullptr;
        QLabel *error = nullptr;
    };
    struct Group {
        QGroupBox *box = nullptr;
        bool fullWidth = false;
    };

    Group &groupFor(const FieldDef &field);
    void addField(const FieldDef &field);
    void linkRepeatToDue();
    QLabel *makeLabel(const FieldDef &field, QWidget *buddy);
    QWidget *makeCell(Field &field, QWidget *parent);
    void setFieldError(Field &field, const QString &message);
    void arrange(int columns);
    void chainTabOrder();
    void alignLabels();
    // The problem with one field's value as it stands, "" if none.
    QString fieldProblem(const Field &field) const;
    // When focus leaves a field the rep edited: its problem, shown under it at once.
    void focusMoved(QWidget *from, QWidget *to);

    Entity m_entity;
    QString m_connection;
    QList<Field> m_fields;
    QList<Group> m_groups;
    QGridLayout *m_grid = nullptr;
    int m_columns = 0;
    bool m_modified = false;
    bool m_loading = false;
    QSet<QString> m_touched; // fields edited since the values were set
};

} // namespace Rapport
