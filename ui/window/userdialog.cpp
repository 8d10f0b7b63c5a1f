#include "window/userdialog.h"

#include "storage/owner.h"
#include "storage/userdirectory.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Rapport {

UserDialog::UserDialog(const QString &connection, Purpose purpose, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
{
    setObjectName(QStringLiteral("userDialog"));
    setWindowTitle(purpose == Purpose::FirstStart ? tr("Welcome to Rapport") : tr("Switch User"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(purpose == Purpose::FirstStart
        ? tr("Who are you? Records you add are yours, and “Mine” shows them. Pick your name "
             "if it is listed, or type it.")
        : tr("Work as another user: new records are theirs, and “Mine” shows their records."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_name = new QComboBox(this);
    m_name->setObjectName(QStringLiteral("userNameCombo"));
    m_name->setEditable(true);
    m_name->setInsertPolicy(QComboBox::NoInsert);
    m_name->addItems(UserDirectory(connection).names());
    m_name->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_name->completer()->setFilterMode(Qt::MatchContains);
    m_name->setAccessibleName(tr("Your name"));
    const QString suggested = purpose == Purpose::FirstStart ? systemUserName()
                                                             : currentUserName();
    const int known = m_name->findText(suggested, Qt::MatchFixedString);
    m_name->setCurrentIndex(known);
    m_name->setEditText(known >= 0 ? m_name->itemText(known) : suggested);
    form->addRow(tr("&Name:"), m_name);
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("userEmailEdit"));
    m_email->setPlaceholderText(tr("optional"));
    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly);
    m_email->setAccessibleName(tr("Your email address"));
    form->addRow(tr("&Email:"), m_email);
    m_emailLabel = qobject_cast<QLabel *>(form->labelForField(m_email));
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("okButton"));
    m_ok->setText(purpose == Purpose::FirstStart ? tr("&Continue") : tr("&Switch"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_name, &QComboBox::editTextChanged, this, &UserDialog::updateState);
    updateState();
}

QString UserDialog::name() const
{
    return m_name->currentText().simplified();
}

QString UserDialog::email() const
{
    return m_email->isEnabled() ? m_email->text().trimmed() : QString();
}

void UserDialog::updateState()
{
    // An email is asked of a new user only; a listed one has theirs already.
    const bool isNew = !name().isEmpty() && !UserDirectory(m_connection).findByName(name());
    m_email->setEnabled(isNew);
    if (m_emailLabel)
        m_emailLabel->setEnabled(isNew);
    m_ok->setEnabled(!name().isEmpty());
}

} // namespace Rapport
