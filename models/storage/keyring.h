#pragma once
// The passwords of team servers, kept in the desktop's keyring (the Secret Service of GNOME,
// KDE's wallet, the macOS keychain, Windows' credential store) through QtKeychain, filed
// under ServerLocation::keyringKey(). Never in a settings file: where no keyring answers,
// nothing is kept and the password is asked again next time.
// The calls wait for the keyring (it answers over D-Bus, usually in milliseconds), running
// the caller's event loop meanwhile.

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Rapport {

class Keyring
{
    Q_DECLARE_TR_FUNCTIONS(Rapport::Keyring)

public:
    // The password kept for `key`; nullopt when there is none or no keyring (then `error`
    // says why, "" for "none kept").
    static std::optional<QString> read(const QString &key, QString *error = nullptr);
    // "" when kept, else why not.
    static QString write(const QString &key, const QString &password);
    // Forgets the password of `key`; "" when done or when there was none.
    static QString forget(const QString &key);
    // `location` with the password the keyring keeps for it, when it is a postgresql://
    // address naming none; else `location` as it is.
    static QString withPassword(const QString &location);

private:
    static constexpr const char *Service = "Rapport";
};

} // namespace Rapport
