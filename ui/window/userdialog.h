#pragma once
// Who is working: asked once per database on this machine at the first start (SQLite; on
// PostgreSQL the login role is the user), and again through File › Switch User…. The rep
// picks one of the users or types a new name, with an email if they like; the system
// account's full name is suggested.

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Rapport {

class UserDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Purpose { FirstStart, Switch };
    UserDialog(const QString &connection, Purpose purpose, QWidget *parent = nullptr);

    QString name() const;
    QString email() const; // for a new user only

private:
    void updateState();

    QString m_connection;
    QComboBox *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QLabel *m_emailLabel = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace Rapport
