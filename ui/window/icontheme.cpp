#include "window/icontheme.h"

#include <QIcon>
#include <QString>
#include <QStringList>

namespace Rapport {

void installIconTheme()
{
    // The compiled-in theme lives at :/icons/rapport (see ui/CMakeLists.txt).
    const QString resources = QStringLiteral(":/icons");
    QStringList paths = QIcon::themeSearchPaths();
    if (!paths.contains(resources))
        paths.append(resources);
    QIcon::setThemeSearchPaths(paths);
    const QString ours = QString::fromLatin1(iconThemeName);
    QIcon::setFallbackThemeName(ours);
    // A desktop without a theme of its own (none at all, or only the bare "hicolor" that holds
    // applications' icons but no actions) gets Rapport's theme as its own; "hicolor" is still
    // searched through it, so installed applications' icons are found as before.
    const QString current = QIcon::themeName();
    if (current.isEmpty() || current == QLatin1String("hicolor"))
        QIcon::setThemeName(ours);
}

} // namespace Rapport
