#include "records/fieldeditors.h"

#include "records/valuetext.h"

#include "records/datelineedit.h"
#include "records/moments.h"
#include "records/ownerpicker.h"
#include "records/referencepicker.h"
#include "records/repeateditor.h"
#include "storage/picklists.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleValidator>
#include <QIntValidator>
#include <QLineEdit>
#include <QUrl>
#include <QRegularExpression>
#include <QDesktopServices>
#include <QAction>
#include <QPlainTextEdit>

namespace Rapport::FieldEditors {

namespace {

UrlOpener &urlOpener()
{
    static UrlOpener opener = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    return opener;
}

// An email address or phone number is a link: a button at the end of the field writes the
// email or calls the number, with the desktop's own program.
void addLink(QLineEdit *edit, const FieldDef &f)
{
    const bool email = f.type == FieldType::Email;
    QAction *go = edit->addAction(QIcon::fromTheme(email ? QStringLiteral("mail-send")
                                                          : QStringLiteral("call-start")),
                                  QLineEdit::TrailingPosition);
    go->setObjectName(QLatin1String(f.name) + QStringLiteral("Link"));
    go->setText(email ? QCoreApplication::translate("Rapport::FieldEditors", "Write an Email")
                      : QCoreApplication::translate("Rapport::FieldEditors", "Call"));
    go->setToolTip(email ? QCoreApplication::translate("Rapport::FieldEditors", "Write to this address")
                         : QCoreApplication::translate("Rapport::FieldEditors", "Call this number"));
    go->setEnabled(false);
    QObject::connect(edit, &QLineEdit::textChanged, go,
                     [go](const QString &text) { go->setEnabled(!text.trimmed().isEmpty()); });
    QObject::connect(go, &QAction::triggered, edit, [edit, email] {
        const QString text = edit->text().trimmed();
        if (text.isEmpty())
            return;
        // tel: takes the number without its spaces and punctuation ("+49 30 1234-56").
        QString number = text;
        number.remove(QRegularExpression(QStringLiteral("[^0-9+]")));
        urlOpener()(QUrl(email ? QStringLiteral("mailto:") + text : QStringLiteral("tel:") + number));
    });
}

} // namespace

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rapport::FieldEditors", text);
}

bool isNumber(const FieldDef &f)
{
    return f.type == FieldType::Integer || f.type == FieldType::Decimal;
}

QWidget *createNumber(const FieldDef &f, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    QValidator *validator = nullptr;
    if (f.type == FieldType::Integer) {
        validator = new QIntValidator(edit);
    } else {
        auto *d = new QDoubleValidator(edit);
        d->setNotation(QDoubleValidator::StandardNotation);
        validator = d;
    }
    validator->setLocale(edit->locale());
    edit->setValidator(validator);
    edit->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return edit;
}

QWidget *createPicklist(const FieldDef &f, const QString &connection, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->addItem(QString(), QString());
    // Shown in the user's language, stored as the list's (English) value; then the values
    // this database added, as they are spelt.
    for (const QString &value : Picklists(connection).values(f))
        combo->addItem(picklistLabel(value), value);
    return combo;
}

QString numberText(const QLineEdit *edit, const FieldDef &f, bool *ok)
{
    const QString text = edit->text().trimmed();
    const QLocale locale = edit->locale();
    if (f.type == FieldType::Integer) {
        qlonglong n = locale.toLongLong(text, ok);
        if (!*ok)
            n = QLocale::c().toLongLong(text, ok);
        return QString::number(n);
    }
    double d = locale.toDouble(text, ok);
    // A number typed the C way ("1234.5" in a French form) is read so; but text with the
    // locale's group separator in it ("98.7650" in a German form, whose grouping an edit
    // broke) is the locale's number or an error at the field, never read another way.
    if (!*ok && !text.contains(locale.groupSeparator()))
        d = QLocale::c().toDouble(text, ok);
    return QString::number(d, 'f', QLocale::FloatingPointShortest);
}

void setPicklistValue(QComboBox *combo, const QString &text)
{
    int i = combo->findData(text, Qt::UserRole, Qt::MatchExactly | Qt::MatchCaseSensitive);
    if (i < 0) {
        combo->addItem(picklistLabel(text), text); // from an import or an older list: keep it
        i = combo->count() - 1;
    }
    combo->setCurrentIndex(i);
}

void setNumberValue(QLineEdit *edit, const FieldDef &f, const QVariant &value)
{
    bool ok = false;
    value.toDouble(&ok);
    if (value.isNull() || !ok) {
        edit->setText(value.toString());
    } else if (f.type == FieldType::Decimal) {
        // An amount as the tabs show it ("121,600.00"); group separators typed back are
        // read as long as they are in place.
        edit->setText(valueText(f, value, edit->locale()));
    } else {
        // A count without group separators, so that it stays editable digit by digit.
        QLocale locale = edit->locale();
        locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
        edit->setText(locale.toString(value.toLongLong()));
    }
}

} // namespace

bool isOwner(const FieldDef &f)
{
    return f.name == QLatin1String("owner");
}

QWidget *create(const FieldDef &f, const QString &connection, QWidget *parent)
{
    QWidget *editor = nullptr;
    if (f.recurrence)
        editor = new RepeatEditor(parent);
    else if (isOwner(f)) // one of the users (records/ownerpicker.h)
        editor = new OwnerPicker(connection, parent);
    if (editor) {
        editor->setObjectName(QLatin1String(f.name));
        return editor;
    }
    switch (f.type) {
    case FieldType::LongText: {
        auto *edit = new QPlainTextEdit(parent);
        edit->setTabChangesFocus(true);
        editor = edit;
        break;
    }
    case FieldType::Integer:
    case FieldType::Decimal: editor = createNumber(f, parent); break;
    case FieldType::Date: editor = new DateLineEdit(parent); break;
    case FieldType::DateTime:
        editor = new DateLineEdit(parent, DateLineEdit::Kind::DateTime);
        break;
    case FieldType::Bool: editor = new QCheckBox(parent); break;
    case FieldType::Picklist: editor = createPicklist(f, connection, parent); break;
    case FieldType::Reference:
        editor = new ReferencePicker(f.refEntity, connection, parent);
        break;
    default: {
        auto *edit = new QLineEdit(parent);
        if (f.type == FieldType::Email || f.type == FieldType::Url)
            edit->setInputMethodHints(f.type == FieldType::Email ? Qt::ImhEmailCharactersOnly
                                                                 : Qt::ImhUrlCharactersOnly);
        if (f.type == FieldType::Email || f.role == FieldRole::Phone)
            addLink(edit, f);
        editor = edit;
    }
    }
    editor->setObjectName(QLatin1String(f.name));
    return editor;
}

void setUrlOpener(UrlOpener opener)
{
    urlOpener() = opener ? std::move(opener)
                         : UrlOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
}

void reloadReference(QWidget *editor)
{
    qobject_cast<ReferencePicker *>(editor)->reload();
}

void setValue(QWidget *editor, const FieldDef &f, const QVariant &value)
{
    const QString text = value.isNull() ? QString() : value.toString();
    if (f.recurrence) {
        qobject_cast<RepeatEditor *>(editor)->setRule(text);
        return;
    }
    if (auto *owner = qobject_cast<OwnerPicker *>(editor)) {
        owner->setName(text);
        return;
    }
    switch (f.type) {
    case FieldType::LongText:
        qobject_cast<QPlainTextEdit *>(editor)->setPlainText(text);
        return;
    case FieldType::Bool:
        qobject_cast<QCheckBox *>(editor)->setChecked(value.toInt() != 0);
        return;
    case FieldType::Date: {
        auto *edit = qobject_cast<DateLineEdit *>(editor);
        const QDate d = QDate::fromString(text, Qt::ISODate);
        d.isValid() ? edit->setDate(d) : edit->setText(text);
        return;
    }
    case FieldType::DateTime: {
        auto *edit = qobject_cast<DateLineEdit *>(editor);
        const QDateTime m = Moments::fromStored(text);
        m.isValid() ? edit->setMoment(m) : edit->setText(text);
        return;
    }
    case FieldType::Picklist:
        setPicklistValue(qobject_cast<QComboBox *>(editor), text);
        return;
    case FieldType::Reference:
        qobject_cast<ReferencePicker *>(editor)->setRecordId(value);
        return;
    case FieldType::Integer:
    case FieldType::Decimal:
        setNumberValue(qobject_cast<QLineEdit *>(editor), f, value);
        return;
    default:
        qobject_cast<QLineEdit *>(editor)->setText(text);
    }
}

QVariant value(const QWidget *editor, const FieldDef &f)
{
    if (f.recurrence)
        return qobject_cast<const RepeatEditor *>(editor)->rule();
    if (auto *owner = qobject_cast<const OwnerPicker *>(editor))
        return owner->name();
    switch (f.type) {
    case FieldType::LongText:
        return qobject_cast<const QPlainTextEdit *>(editor)->toPlainText();
    case FieldType::Bool:
        return qobject_cast<const QCheckBox *>(editor)->isChecked() ? 1 : 0;
    case FieldType::Date: {
        auto *edit = qobject_cast<const DateLineEdit *>(editor);
        const QDate d = edit->date();
        return d.isValid() ? d.toString(Qt::ISODate) : edit->text().trimmed();
    }
    case FieldType::DateTime: {
        auto *edit = qobject_cast<const DateLineEdit *>(editor);
        const QDateTime m = edit->moment();
        return m.isValid() ? Moments::toStored(m) : edit->text().trimmed();
    }
    case FieldType::Picklist:
        return qobject_cast<const QComboBox *>(editor)->currentData().toString();
    case FieldType::Reference: {
        auto *picker = qobject_cast<const ReferencePicker *>(editor);
        qint64 id = 0;
        switch (picker->match(&id)) {
        case ReferencePicker::Match::Blank: return QVariant();
        case ReferencePicker::Match::Found: return id;
        default: return picker->currentText().trimmed();
        }
    }
    case FieldType::Integer:
    case FieldType::Decimal: {
        auto *edit = qobject_cast<const QLineEdit *>(editor);
        bool ok = false;
        const QString number = numberText(edit, f, &ok);
        return ok ? number : edit->text().trimmed();
    }
    default:
        return qobject_cast<const QLineEdit *>(editor)->text();
    }
}

QString parseError(const QWidget *editor, const FieldDef &f)
{
    const QString label = fieldLabel(f);
    if (f.type == FieldType::Reference) {
        auto *picker = qobject_cast<const ReferencePicker *>(editor);
        const QString text = picker->currentText().trimmed();
        const ReferencePicker::Match match = picker->match();
        if (match == ReferencePicker::Match::Unknown)
            return tr("%1: there is no %2 named “%3”.")
                .arg(label, entitySingular(f.refEntity), text);
        if (match == ReferencePicker::Match::Ambiguous)
            return tr("%1: more than one %2 is named “%3”; pick one from the list.")
                .arg(label, entitySingular(f.refEntity), text);
    } else if (f.type == FieldType::Date) {
        auto *edit = qobject_cast<const DateLineEdit *>(editor);
        if (!edit->isBlank() && !edit->date().isValid())
            return tr("%1: “%2” is not a date (%3).")
                .arg(label, edit->text().trimmed(), edit->placeholderText());
    } else if (f.type == FieldType::DateTime) {
        auto *edit = qobject_cast<const DateLineEdit *>(editor);
        if (!edit->isBlank() && !edit->moment().isValid())
            return tr("%1: “%2” is not a date and time (%3).")
                .arg(label, edit->text().trimmed(), edit->placeholderText());
    } else if (isNumber(f)) {
        auto *edit = qobject_cast<const QLineEdit *>(editor);
        bool ok = true;
        if (!edit->text().trimmed().isEmpty())
            numberText(edit, f, &ok);
        if (!ok)
            return f.type == FieldType::Integer
                ? tr("%1: “%2” is not a whole number.").arg(label, edit->text().trimmed())
                : tr("%1: “%2” is not a number.").arg(label, edit->text().trimmed());
    }
    return {};
}

void onUserEdit(QWidget *editor, const FieldDef &, QObject *context,
                const std::function<void()> &edited)
{
    if (auto *repeat = qobject_cast<RepeatEditor *>(editor)) {
        QObject::connect(repeat, &RepeatEditor::ruleEdited, context, edited);
        return;
    }
    if (auto *date = qobject_cast<DateLineEdit *>(editor))
        QObject::connect(date, &DateLineEdit::datePicked, context, edited);
    if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        QObject::connect(line, &QLineEdit::textEdited, context, edited);
    } else if (auto *text = qobject_cast<QPlainTextEdit *>(editor)) {
        QObject::connect(text, &QPlainTextEdit::textChanged, context, edited);
    } else if (auto *check = qobject_cast<QCheckBox *>(editor)) {
        QObject::connect(check, &QCheckBox::clicked, context, edited);
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        QObject::connect(combo, &QComboBox::activated, context, edited);
        if (combo->lineEdit()) // a record picker, the owner: typed into too
            QObject::connect(combo->lineEdit(), &QLineEdit::textEdited, context, edited);
    }
}

} // namespace Rapport::FieldEditors
