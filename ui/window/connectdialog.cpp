#include "window/connectdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Rapport {

namespace {

QLineEdit *lineEdit(QWidget *parent, const char *name, const QString &text,
                    const QString &accessibleName)
{
    auto *edit = new QLineEdit(text, parent);
    edit->setObjectName(QLatin1String(name));
    edit->setAccessibleName(accessibleName);
    return edit;
}

} // namespace

ConnectDialog::ConnectDialog(const ServerLocation &initial, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to Server"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Work on your team's database on a PostgreSQL server. Rapport "
                                "sets the database up the first time."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_host = lineEdit(this, "hostEdit", initial.host, tr("Server"));
    m_host->setPlaceholderText(tr("crm.example.com"));
    form->addRow(tr("&Server:"), m_host);
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(1, 65535);
    m_port->setValue(initial.port);
    m_port->setAccessibleName(tr("Port"));
    form->addRow(tr("&Port:"), m_port);
    m_database = lineEdit(this, "databaseEdit", initial.database, tr("Database"));
    form->addRow(tr("&Database:"), m_database);
    m_user = lineEdit(this, "userEdit", initial.user, tr("Login name"));
    form->addRow(tr("&Login:"), m_user);
    m_password = lineEdit(this, "passwordEdit", QString(), tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Pass&word:"), m_password);
    m_keep = new QCheckBox(tr("&Keep the password in the desktop keyring"), this);
    m_keep->setObjectName(QStringLiteral("keepPasswordCheck"));
    m_keep->setChecked(true);
    form->addRow(QString(), m_keep);

    m_tls = new QComboBox(this);
    m_tls->setObjectName(QStringLiteral("tlsCombo"));
    m_tls->setAccessibleName(tr("Secure connection"));
    m_tls->addItem(tr("Required (TLS)"), int(ServerLocation::Tls::Require));
    m_tls->addItem(tr("Required, and the server's certificate checked"),
                   int(ServerLocation::Tls::VerifyFull));
    m_tls->addItem(tr("Off (only on a network you trust)"), int(ServerLocation::Tls::Disable));
    // An address naming no mode (libpq's "prefer") is offered as required: TLS or nothing.
    m_tls->setCurrentIndex(std::max(0, m_tls->findData(int(initial.tls))));
    form->addRow(tr("Se&cure connection:"), m_tls);
    auto *caRow = new QHBoxLayout;
    m_caFile = lineEdit(this, "caFileEdit", initial.caFile, tr("Certificate authority file"));
    m_caFile->setPlaceholderText(tr("the CA certificate, e.g. root.crt"));
    caRow->addWidget(m_caFile, 1);
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_browse->setObjectName(QStringLiteral("browseCaButton"));
    m_browse->setAccessibleName(tr("Choose the certificate authority file"));
    caRow->addWidget(m_browse);
    auto *caLabel = new QLabel(tr("Certificate &authority:"), this);
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);
    layout->addLayout(form);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("connectMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_connect = buttons->button(QDialogButtonBox::Ok);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setText(tr("&Connect"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    for (QLineEdit *edit : {m_host, m_database, m_user})
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::updateState);
    connect(m_tls, &QComboBox::currentIndexChanged, this, &ConnectDialog::updateState);
    connect(m_browse, &QPushButton::clicked, this, &ConnectDialog::browseCaFile);
    updateState();
    // Where the user most likely types next: the first empty field, else the password.
    for (QLineEdit *edit : {m_host, m_database, m_user, m_password}) {
        if (edit->text().isEmpty()) {
            edit->setFocus();
            break;
        }
    }
}

ServerLocation ConnectDialog::location() const
{
    ServerLocation out;
    out.host = m_host->text().trimmed();
    out.port = m_port->value();
    out.database = m_database->text().trimmed();
    out.user = m_user->text().trimmed();
    out.tls = ServerLocation::Tls(m_tls->currentData().toInt());
    if (out.tls == ServerLocation::Tls::VerifyFull)
        out.caFile = m_caFile->text().trimmed();
    return out;
}

QString ConnectDialog::password() const
{
    return m_password->text();
}

void ConnectDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

bool ConnectDialog::keepPassword() const
{
    return m_keep->isChecked();
}

void ConnectDialog::setKeepPassword(bool keep)
{
    m_keep->setChecked(keep);
}

void ConnectDialog::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_message->setAccessibleDescription(message);
}

void ConnectDialog::accept()
{
    if (const QString problem = location().check(); !problem.isEmpty()) {
        setMessage(problem);
        return;
    }
    QDialog::accept();
}

void ConnectDialog::updateState()
{
    const bool verify = m_tls->currentData().toInt() == int(ServerLocation::Tls::VerifyFull);
    m_caFile->setEnabled(verify);
    m_browse->setEnabled(verify);
    m_connect->setEnabled(!m_host->text().trimmed().isEmpty()
                          && !m_database->text().trimmed().isEmpty()
                          && !m_user->text().trimmed().isEmpty());
}

void ConnectDialog::browseCaFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Certificate Authority"), m_caFile->text(),
        tr("Certificates (*.crt *.pem *.cer);;All files (*)"));
    if (!path.isEmpty())
        m_caFile->setText(path);
}

} // namespace Rapport
