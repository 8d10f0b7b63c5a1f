#include "day/nextstepdialog.h"

#include "records/datelineedit.h"
#include "records/recordtypes.h"
#include "storage/clock.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Rapport {

namespace {

QComboBox *picklistCombo(const char *field, QWidget *parent, const QString &objectName)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    for (const QString &v : picklistValues(*findField(Entity::Activity, QLatin1String(field))))
        combo->addItem(picklistLabel(v), v);
    return combo;
}

} // namespace

NextStepDialog::NextStepDialog(Mode mode, const QString &about, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_subject(new QLineEdit(this))
{
    setObjectName(QStringLiteral("nextStepDialog"));
    setWindowTitle(mode == Mode::LogCall ? tr("Log a Call")
                   : mode == Mode::NewStep ? tr("Plan the Next Step") : tr("Next Step"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    intro->setText(mode == Mode::LogCall ? tr("The call about “%1”: what was it about, and how did it go?").arg(about)
                   : mode == Mode::NewStep ? tr("“%1” has no next step. What is it?").arg(about)
                                           : tr("“%1” is done. What is the next step?").arg(about));
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_subject->setObjectName(QStringLiteral("nextSubject"));
    m_subject->setAccessibleName(tr("Subject"));
    m_subject->setAccessibleDescription(tr("What is to be done next."));
    form->addRow(tr("&Subject:"), m_subject);
    if (mode == Mode::LogCall) {
        m_outcome = picklistCombo("outcome", this, QStringLiteral("callOutcome"));
        m_outcome->setAccessibleName(tr("Outcome"));
        m_outcome->setAccessibleDescription(tr("How the call went."));
        form->addRow(tr("&Outcome:"), m_outcome);
    } else {
        m_type = picklistCombo("activity_type", this, QStringLiteral("nextType"));
        m_type->setAccessibleName(tr("Type"));
        m_type->setAccessibleDescription(tr("A task, a call, a meeting or an email."));
        form->addRow(tr("&Type:"), m_type);
        m_due = new DateLineEdit(this, DateLineEdit::Kind::DateTime);
        m_due->setObjectName(QStringLiteral("nextDue"));
        m_due->setAccessibleName(tr("Due"));
        m_due->setAccessibleDescription(tr("When the next step is due; Alt+Down opens a calendar."));
        // Two working days on, at nine: a sensible default to change.
        QDate day = Clock::now().toLocalTime().date().addDays(2);
        while (day.dayOfWeek() > 5)
            day = day.addDays(1);
        m_due->setMoment(QDateTime(day, QTime(9, 0)));
        form->addRow(tr("&Due:"), m_due);
    }
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *ok = buttons->addButton(mode == Mode::LogCall ? tr("&Log Call") : tr("&Schedule"),
                                         QDialogButtonBox::AcceptRole);
    ok->setObjectName(QStringLiteral("scheduleButton"));
    ok->setDefault(true);
    ok->setEnabled(false);
    if (mode == Mode::NextStep) {
        QPushButton *none = buttons->addButton(tr("&No Next Step"), QDialogButtonBox::DestructiveRole);
        none->setObjectName(QStringLiteral("noNextStepButton"));
        none->setToolTip(tr("Complete it without planning anything; an open deal is then flagged"));
        connect(none, &QPushButton::clicked, this, [this] {
            m_none = true;
            done(NoNextStep);
        });
    }
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_subject, &QLineEdit::textChanged, ok,
            [ok](const QString &text) { ok->setEnabled(!text.trimmed().isEmpty()); });
    if (m_due)
        connect(m_due, &QLineEdit::textChanged, ok, [this, ok] {
            ok->setEnabled(!m_subject->text().trimmed().isEmpty()
                           && (m_due->isBlank() || m_due->moment().isValid()));
        });
    layout->addWidget(buttons);
    m_subject->setFocus();
}

std::optional<NextStep> NextStepDialog::step() const
{
    if (m_none || result() != QDialog::Accepted)
        return std::nullopt;
    NextStep s;
    s.subject = m_subject->text().trimmed();
    s.type = m_type ? m_type->currentData().toString() : QStringLiteral("Call");
    s.due = m_due ? m_due->moment() : Clock::now();
    return s;
}

QString NextStepDialog::outcome() const
{
    return m_outcome ? m_outcome->currentData().toString() : QString();
}

QDateTime askMoment(QWidget *parent, const QString &title, const QDateTime &current)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("pickDateDialog"));
    dialog.setWindowTitle(title);
    auto *layout = new QFormLayout(&dialog);
    auto *when = new DateLineEdit(&dialog, DateLineEdit::Kind::DateTime);
    when->setObjectName(QStringLiteral("pickedMoment"));
    when->setAccessibleName(QObject::tr("Due"));
    when->setAccessibleDescription(QObject::tr("The new due date and time; Alt+Down opens a calendar."));
    when->setMoment(current.isValid() ? current : Clock::now());
    layout->addRow(QObject::tr("&Due:"), when);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    QObject::connect(when, &QLineEdit::textChanged, buttons, [when, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(when->moment().isValid());
    });
    layout->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return when->moment();
}

} // namespace Rapport
