#include "records/recordform.h"

#include "records/repeateditor.h"
#include "records/datelineedit.h"

#include "records/fieldeditors.h"
#include "records/recordtypes.h"
#include "records/moments.h"
#include "prompts/warningtext.h"

#include <QApplication>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QDate>
#include <QResizeEvent>
#include <QVBoxLayout>

namespace Rapport {

namespace {

// Below this width one column of groups reads better than two cramped ones.
constexpr int TwoColumnWidth = 760;

} // namespace

RecordForm::RecordForm(Entity entity, const QString &connection, QWidget *parent)
    : RecordForm(entity, connection, QStringList(), parent)
{
}

RecordForm::RecordForm(Entity entity, const QString &connection, const QStringList &fields,
                       QWidget *parent)
    : QWidget(parent)
    , m_entity(entity)
    , m_connection(connection)
{
    setObjectName(QStringLiteral("recordForm"));
    m_grid = new QGridLayout(this);
    for (const FieldDef &f : entityDef(entity).fields) {
        if (fields.isEmpty() || fields.contains(QLatin1String(f.name)))
            addField(f);
    }
    linkRepeatToDue();
    alignLabels();
    arrange(1);
    chainTabOrder();
    connect(qApp, &QApplication::focusChanged, this, &RecordForm::focusMoved);
}

RecordForm::~RecordForm()
{
    // QWidget's destructor hides the form, which moves the focus: by then the fields are gone.
    disconnect(qApp, &QApplication::focusChanged, this, &RecordForm::focusMoved);
}

QString RecordForm::fieldProblem(const Field &field) const
{
    if (const QString unreadable = FieldEditors::parseError(field.editor, *field.def);
        !unreadable.isEmpty())
        return unreadable;
    const QString name = QLatin1String(field.def->name);
    QStringList messages;
    for (const FieldError &e : Validation::check(m_entity, {{name, FieldEditors::value(field.editor, *field.def)}},
                                                 Validation::Required::IfGiven)) {
        if (e.field == name)
            messages << e.message;
    }
    return messages.join(QLatin1Char('\n'));
}

void RecordForm::focusMoved(QWidget *from, QWidget *to)
{
    for (Field &f : m_fields) {
        const bool left = from && (from == f.editor || f.editor->isAncestorOf(from));
        const bool within = to && (to == f.editor || f.editor->isAncestorOf(to));
        if (!left || within)
            continue;
        // Only what the rep typed: tabbing past an empty required field says nothing yet.
        if (m_touched.contains(QLatin1String(f.def->name)))
            setFieldError(f, fieldProblem(f));
        return;
    }
}

void RecordForm::alignLabels()
{
    // One label column across the groups: each group's labels as wide as the widest of
    // all, so that every field starts at the same x (the groups share their margins).
    QList<QWidget *> labels;
    for (const Group &g : std::as_const(m_groups)) {
        const auto *form = static_cast<QFormLayout *>(g.box->layout());
        for (int row = 0; row < form->rowCount(); ++row) {
            if (const QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole); item && item->widget())
                labels << item->widget();
        }
    }
    int widest = 0;
    for (const QWidget *label : std::as_const(labels))
        widest = std::max(widest, label->sizeHint().width());
    for (QWidget *label : std::as_const(labels))
        label->setMinimumWidth(widest);
}

RecordForm::Group &RecordForm::groupFor(const FieldDef &field)
{
    const QString name = QLatin1String(field.group);
    for (Group &g : m_groups) {
        if (g.box->objectName() == name + QStringLiteral("_group"))
            return g;
    }
    auto *box = new QGroupBox(groupLabel(field.group), this);
    box->setObjectName(name + QStringLiteral("_group"));
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_groups.append({box, false});
    return m_groups.last();
}

QLabel *RecordForm::makeLabel(const FieldDef &f, QWidget *buddy)
{
    auto *label = new QLabel(f.required ? tr("%1 *").arg(fieldLabel(f)) : fieldLabel(f));
    label->setBuddy(buddy);
    if (f.required) {
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        label->setToolTip(tr("Required"));
    }
    return label;
}

QWidget *RecordForm::makeCell(Field &field, QWidget *parent)
{
    // The message sits right under the editor, where the rep is looking.
    auto *cell = new QWidget(parent);
    auto *layout = new QVBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    field.editor->setParent(cell);
    // A stretched check box would only react to clicks far left of the spot clicked.
    layout->addWidget(field.editor, 0,
                      field.def->type == FieldType::Bool ? Qt::AlignLeft : Qt::Alignment());
    field.error = new QLabel(cell);
    field.error->setObjectName(QLatin1String(field.def->name) + QStringLiteral("_error"));
    showAsWarning(field.error, palette());
    field.error->setWordWrap(true);
    field.error->hide();
    layout->addWidget(field.error);
    return cell;
}

// A repeat is offered on the day the activity is due: the record's first date and time.
void RecordForm::linkRepeatToDue()
{
    DateLineEdit *due = nullptr;
    RepeatEditor *repeat = nullptr;
    for (const Field &f : std::as_const(m_fields)) {
        if (!due && f.def->type == FieldType::DateTime)
            due = qobject_cast<DateLineEdit *>(f.editor);
        if (f.def->recurrence)
            repeat = qobject_cast<RepeatEditor *>(f.editor);
    }
    if (!due || !repeat)
        return;
    auto follow = [due, repeat] {
        const QDateTime moment = due->moment();
        repeat->setDay(moment.isValid() ? moment.toLocalTime().date() : QDate());
    };
    connect(due, &QLineEdit::textChanged, repeat, follow);
    follow();
}

QString RecordForm::fieldHint(const FieldDef &f)
{
    if (f.recurrence)
        return tr("How it repeats; Alt+Down lists the usual repeats, Custom… sets any.");
    QString what;
    switch (f.type) {
    case FieldType::Text: what = tr("A line of text."); break;
    case FieldType::LongText: what = tr("Text of several lines; Tab leaves it."); break;
    case FieldType::Email: what = tr("An email address."); break;
    case FieldType::Phone: what = tr("A phone number, best with its country code."); break;
    case FieldType::Url: what = tr("A web address."); break;
    case FieldType::Integer: what = tr("A whole number."); break;
    case FieldType::Decimal: what = tr("An amount."); break;
    case FieldType::Date:
        what = tr("A date, as %1; Alt+Down opens a calendar.")
                   .arg(QLocale().toString(QDate(2026, 12, 31), QLocale::ShortFormat));
        break;
    case FieldType::DateTime:
        what = tr("A date and time, as %1; Alt+Down opens a calendar.")
                   .arg(Moments::display(QDateTime(QDate(2026, 12, 31), QTime(14, 30))));
        break;
    case FieldType::Bool: what = tr("Yes or no; Space switches it."); break;
    case FieldType::Picklist: what = tr("One of a list of values; Alt+Down opens it."); break;
    case FieldType::Reference:
        what = tr("The %1 it belongs to; type part of its name to find it.")
                   .arg(entityNoun(f.refEntity));
        break;
    }
    if (FieldEditors::isOwner(f))
        what = tr("One of the users; type part of a name to find it.");
    return f.required ? tr("Required. %1").arg(what) : what;
}

void RecordForm::addField(const FieldDef &f)
{
    Group &group = groupFor(f);
    Field field{&f, FieldEditors::create(f, m_connection, group.box), nullptr};
    // Its label is the group's, not a sibling, so a screen reader would not find it as the
    // buddy: the field says its name itself, and as its description what it takes (and its
    // problem, when it has one).
    field.editor->setAccessibleName(fieldLabel(f));
    field.editor->setAccessibleDescription(fieldHint(f));
    QWidget *cell = makeCell(field, group.box);
    auto *form = static_cast<QFormLayout *>(group.box->layout());
    if (f.type == FieldType::LongText) {
        group.fullWidth = true;
        if (groupLabel(f.group) != fieldLabel(f)) // "Description" once is enough
            form->addRow(makeLabel(f, field.editor));
        field.editor->setAccessibleName(fieldLabel(f));
        form->addRow(cell);
    } else {
        form->addRow(makeLabel(f, field.editor), cell);
    }
    const QString name = QLatin1String(f.name);
    FieldEditors::onUserEdit(field.editor, f, this, [this, name] {
        if (m_loading)
            return;
        for (Field &fd : m_fields) {
            if (fd.editor->objectName() == name)
                setFieldError(fd, QString());
        }
        m_touched.insert(name);
        setModified(true);
        Q_EMIT fieldEdited(name);
    });
    m_fields.append(field);
}

void RecordForm::arrange(int columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (const Group &g : std::as_const(m_groups))
        m_grid->removeWidget(g.box);
    int row = 0;
    int column = 0;
    for (const Group &g : std::as_const(m_groups)) {
        if (g.fullWidth || column >= columns) {
            row += column > 0 ? 1 : 0;
            column = 0;
        }
        const int span = g.fullWidth ? columns : 1;
        m_grid->addWidget(g.box, row, column, 1, span, Qt::AlignTop);
        column += span;
    }
    for (int r = 0; r < m_grid->rowCount(); ++r)
        m_grid->setRowStretch(r, 0);
    m_grid->setRowStretch(row + 1, 1);
}

void RecordForm::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange(event->size().width() >= TwoColumnWidth ? 2 : 1);
}

void RecordForm::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        for (const Field &field : std::as_const(m_fields))
            showAsWarning(field.error, palette());
}

void RecordForm::chainTabOrder()
{
    // Field order is reading order: group after group, top to bottom within each.
    for (int i = 1; i < m_fields.size(); ++i)
        setTabOrder(m_fields[i - 1].editor, m_fields[i].editor);
}

void RecordForm::setValues(const QVariantMap &values)
{
    m_loading = true;
    for (const Field &f : std::as_const(m_fields))
        FieldEditors::setValue(f.editor, *f.def, values.value(QLatin1String(f.def->name)));
    m_loading = false;
    m_touched.clear();
    clearErrors();
    setModified(false);
}

QVariantMap RecordForm::values() const
{
    QVariantMap out;
    for (const Field &f : m_fields)
        out.insert(QLatin1String(f.def->name), FieldEditors::value(f.editor, *f.def));
    return out;
}

void RecordForm::setModified(bool modified)
{
    if (modified == m_modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
}

QList<FieldError> RecordForm::validate()
{
    QList<FieldError> errors;
    QStringList unreadable;
    for (const Field &f : std::as_const(m_fields)) {
        const QString message = FieldEditors::parseError(f.editor, *f.def);
        if (!message.isEmpty()) {
            errors.append({QLatin1String(f.def->name), message});
            unreadable << QLatin1String(f.def->name);
        }
    }
    // Text that could not be read was reported above in the rep's terms; don't repeat it.
    for (const FieldError &e : Validation::check(m_entity, values())) {
        if (!unreadable.contains(e.field))
            errors.append(e);
    }
    showErrors(errors);
    return errors;
}

void RecordForm::showErrors(const QList<FieldError> &errors)
{
    clearErrors();
    QWidget *first = nullptr;
    for (Field &f : m_fields) {
        QStringList messages;
        for (const FieldError &e : errors) {
            if (e.field == QLatin1String(f.def->name))
                messages << e.message;
        }
        if (messages.isEmpty())
            continue;
        setFieldError(f, messages.join(QLatin1Char('\n')));
        if (!first)
            first = f.editor;
    }
    if (first)
        first->setFocus(Qt::OtherFocusReason);
}

void RecordForm::clearErrors()
{
    for (Field &f : m_fields)
        setFieldError(f, QString());
}

void RecordForm::setFieldError(Field &field, const QString &message)
{
    field.error->setText(message);
    field.error->setVisible(!message.isEmpty());
    field.editor->setToolTip(message);
    field.editor->setAccessibleDescription(
        message.isEmpty() ? fieldHint(*field.def) : tr("%1 %2").arg(message, fieldHint(*field.def)));
}

QWidget *RecordForm::editor(const QString &field) const
{
    for (const Field &f : m_fields) {
        if (QLatin1String(f.def->name) == field)
            return f.editor;
    }
    return nullptr;
}

void RecordForm::reloadReferences()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    for (const Field &f : std::as_const(m_fields)) {
        if (f.def->type == FieldType::Reference)
            FieldEditors::reloadReference(f.editor);
    }
    m_loading = wasLoading;
}

} // namespace Rapport
