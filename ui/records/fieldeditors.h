#pragma once
// One editor widget per field type, and the conversions between what the rep sees (their
// locale's numbers and dates, account names) and what RecordStore stores (C-locale numbers,
// ISO dates, record ids). RecordForm builds its editors only through these functions, so a
// new field type needs changes here and nowhere else in the UI.

#include "records/fielddef.h"

#include <QVariant>

#include <functional>

class QObject;
class QUrl;
class QWidget;

namespace Rapport::FieldEditors {

// Whether the field is a record's Owner: one of the users, edited with an OwnerPicker.
bool isOwner(const FieldDef &field);

// The editor for `field`; its objectName is the field's name.
QWidget *create(const FieldDef &field, const QString &connection, QWidget *parent);

// Shows a stored value. A picklist value outside its list and a date Rapport cannot read are
// shown as they are, never dropped.
void setValue(QWidget *editor, const FieldDef &field, const QVariant &value);

// The value to store: C-locale number text, ISO date, record id, 0/1 - or, if the text cannot
// be read as the field's type, the text itself so that validation can name it.
QVariant value(const QWidget *editor, const FieldDef &field);

// A sentence for the rep when the editor's text cannot be read as the field's type.
QString parseError(const QWidget *editor, const FieldDef &field);

// Calls `edited` whenever the user (not the program) may have changed the editor.
void onUserEdit(QWidget *editor, const FieldDef &field, QObject *context,
                const std::function<void()> &edited);

// Refills a Reference picker from the database (a record may have been added meanwhile).
void reloadReference(QWidget *editor);

// How an email address or phone number field opens its link (mailto:, tel:): the desktop's
// mail program or phone app through QDesktopServices, unless a test says otherwise.
using UrlOpener = std::function<bool(const QUrl &)>;
void setUrlOpener(UrlOpener opener);

} // namespace Rapport::FieldEditors
