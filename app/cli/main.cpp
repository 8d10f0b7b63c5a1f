#include "cli/cli.h"
#include "i18n/translations.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // Messages and help in the user's language (LANG, LC_ALL, LC_MESSAGES, LANGUAGE).
    Rapport::installTranslations(app);
    return Rapport::Cli::run(QCoreApplication::arguments());
}
