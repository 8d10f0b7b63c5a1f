#pragma once
// Opening a team server's database from the window: with the password the address or the
// desktop keyring holds, else by asking in the Connect to Server dialog, again with the
// server's answer after each failed attempt, until it opens or the user cancels. The keyring
// keeps or forgets the password as the user chose.

#include "storage/serverlocation.h"

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace Rapport {

class ServerLogin
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::ServerLogin)

public:
    // Opens `location` (a postgresql:// address) as `connection`, asking when it must.
    // True when open; `notice` gets what the status bar should say (a keyring that would
    // not keep the password), else "".
    static bool open(QWidget *parent, const QString &location, const QString &connection,
                     QString *notice);
    // File › Connect to Server…: asks from `initial` on, without trying first.
    static bool ask(QWidget *parent, const ServerLocation &initial, const QString &message,
                    const QString &connection, QString *notice);
    // Where the dialog starts when no server was used before: this machine's login name.
    static ServerLocation fresh();
};

} // namespace Rapport
