#pragma once
// File › Connect to Server…: where the team's PostgreSQL database is (server, port, database,
// login), the password, whether the desktop keyring keeps it, and how the connection is
// secured: TLS off, required, or required with the server's certificate checked against the
// certificate authority's file. Asked again, with the server's answer, when a connection
// fails; what is typed stays.

#include "storage/serverlocation.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Rapport {

class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectDialog(const ServerLocation &initial, QWidget *parent = nullptr);

    ServerLocation location() const;
    QString password() const;
    void setPassword(const QString &password);
    bool keepPassword() const;
    void setKeepPassword(bool keep);
    // Why the last attempt failed (the server's words), shown above the buttons.
    void setMessage(const QString &message);

    void accept() override;

private:
    void updateState();
    void browseCaFile();

    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_keep = nullptr;
    QComboBox *m_tls = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_browse = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_connect = nullptr;
};

} // namespace Rapport
