// The desktop app: `rapport [PATH|URL]` opens a database file or a team server's postgresql://
// address (or the default database) in the main window.
#include "storage/database.h"
#include "window/icontheme.h"
#include "window/mainwindow.h"
#include "i18n/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <cstdio>

namespace {

void setUpParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Rapport, a desktop CRM for small sales teams."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        "database",
        QCoreApplication::translate("main",
                                    "Database file or postgresql:// address to open (default: %1).")
            .arg(Rapport::Database::defaultLocation()),
        "[PATH|URL]");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName("Rapport");
    QCoreApplication::setApplicationVersion(RAPPORT_VERSION);
    QCoreApplication::setOrganizationName("Rapport");
    QGuiApplication::setDesktopFileName("org.rapportcrm.Rapport");

    // --help and --version must work without a display: answer them before QApplication.
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    setUpParser(parser);
    if (!parser.parse(args)) {
        std::fprintf(stderr, "rapport: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet("help")) {
        // Without an application object Qt cannot know the program's name.
        QString help = parser.helpText();
        help.replace(QLatin1String("<executable_name>"), QLatin1String("rapport"));
        std::fputs(qPrintable(help), stdout);
        return 0;
    }
    if (parser.isSet("version")) {
        std::printf("rapport %s\n", RAPPORT_VERSION);
        return 0;
    }

    QApplication app(argc, argv);
    Rapport::installTranslations(app);
    Rapport::installIconTheme();
    // The installed icon (hicolor, every size) where there is one, else the compiled-in SVG.
    app.setWindowIcon(QIcon::fromTheme(QStringLiteral("org.rapportcrm.Rapport"),
                                       QIcon(QStringLiteral(":/icons/rapport.svg"))));
    Rapport::MainWindow window;
    const QStringList positional = parser.positionalArguments();
    window.openDatabase(positional.isEmpty() ? Rapport::Database::defaultLocation()
                                             : positional.first());
    window.show();
    return app.exec();
}
