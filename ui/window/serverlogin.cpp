#include "window/serverlogin.h"

#include "storage/database.h"
#include "storage/keyring.h"
#include "window/connectdialog.h"

#include <QUrl>

namespace Rapport {

ServerLocation ServerLogin::fresh()
{
    ServerLocation location;
    location.user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return location;
}

bool ServerLogin::open(QWidget *parent, const QString &location, const QString &connection,
                       QString *notice)
{
    notice->clear();
    QString error;
    const std::optional<ServerLocation> server = ServerLocation::fromUrl(QUrl(location), &error);
    if (!server)
        return ask(parent, fresh(), error, connection, notice);
    error = Database::open(Keyring::withPassword(location), connection);
    if (error.isEmpty())
        return true;
    return ask(parent, *server, error, connection, notice);
}

bool ServerLogin::ask(QWidget *parent, const ServerLocation &initial, const QString &message,
                      const QString &connection, QString *notice)
{
    notice->clear();
    ConnectDialog dialog(initial, parent);
    dialog.setMessage(message);
    while (dialog.exec() == QDialog::Accepted) {
        const ServerLocation location = dialog.location();
        QUrl url = location.url();
        if (!dialog.password().isEmpty())
            url.setPassword(dialog.password());
        if (const QString error = Database::open(url.toString(), connection); !error.isEmpty()) {
            dialog.setMessage(error);
            continue;
        }
        // Kept only once the server took it: a mistyped password is not remembered.
        const QString key = location.keyringKey();
        if (dialog.keepPassword() && !dialog.password().isEmpty())
            *notice = Keyring::write(key, dialog.password());
        else if (!dialog.keepPassword())
            Keyring::forget(key); // fails only where nothing could have been kept

        return true;
    }
    return false;
}

} // namespace Rapport
