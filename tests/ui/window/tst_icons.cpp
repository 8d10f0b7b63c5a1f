// The window's commands carry icons: the desktop theme's where it has them, Rapport's own
// scalable ones where it does not, sharp at any device pixel ratio.
#include "window/icontheme.h"
#include "window/mainwindow.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QIcon>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>

using namespace Rapport;

class TestIcons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyIconOfTheThemeIsFoundByName();
    void aThemeWithoutTheNameFallsBackToRapports();
    void iconsStaySharpAtHighDpi();
    void everyCommandHasAnIcon();
};

namespace {

// The names Rapport's theme holds, from its files (":/icons/rapport/<dir>/<name>.svg").
QStringList themeNames()
{
    QStringList names;
    QDirIterator it(QStringLiteral(":/icons/rapport"), {QStringLiteral("*.svg")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        names << QFileInfo(it.next()).completeBaseName();
    return names;
}

// Every action of a menu and of its submenus.
QList<QAction *> menuActions(QMenu *menu)
{
    QList<QAction *> out;
    for (QAction *a : menu->actions()) {
        if (a->isSeparator())
            continue;
        out << a;
        if (a->menu())
            out << menuActions(a->menu());
    }
    return out;
}

} // namespace

void TestIcons::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_icons");
    QSettings().clear();
    installIconTheme();
    QCOMPARE(QIcon::fallbackThemeName(), QString::fromLatin1(iconThemeName));
}

void TestIcons::everyIconOfTheThemeIsFoundByName()
{
    QIcon::setThemeName(QString::fromLatin1(iconThemeName));
    const QStringList names = themeNames();
    QVERIFY2(names.size() >= 20, qPrintable(names.join(' ')));
    for (const QString &name : names) {
        QVERIFY2(QIcon::hasThemeIcon(name), qPrintable(name));
        const QImage image = QIcon::fromTheme(name).pixmap(QSize(16, 16)).toImage();
        QCOMPARE(image.size(), QSize(16, 16));
        // Drawn, not blank: some pixel is opaque.
        bool drawn = false;
        for (int y = 0; y < image.height() && !drawn; ++y)
            for (int x = 0; x < image.width() && !drawn; ++x)
                drawn = qAlpha(image.pixel(x, y)) > 128;
        QVERIFY2(drawn, qPrintable(name));
    }
}

void TestIcons::aThemeWithoutTheNameFallsBackToRapports()
{
    // A desktop theme that has none of Rapport's names: the fallback theme answers.
    QIcon::setThemeName(QStringLiteral("a-theme-this-machine-does-not-have"));
    QVERIFY(!QIcon::fromTheme(QStringLiteral("edit-delete")).isNull());
    QVERIFY(!QIcon::fromTheme(QStringLiteral("document-import")).pixmap(22).isNull());
    QVERIFY(QIcon::fromTheme(QStringLiteral("a-name-no-theme-has")).isNull());
    QIcon::setThemeName(QString::fromLatin1(iconThemeName));
}

void TestIcons::iconsStaySharpAtHighDpi()
{
    // Scalable: at twice the pixel density the pixmap has twice the pixels, not an upscale.
    const QIcon icon = QIcon::fromTheme(QStringLiteral("edit-find"));
    for (const qreal ratio : {1.0, 1.5, 2.0, 3.0}) {
        const QPixmap p = icon.pixmap(QSize(16, 16), ratio);
        QCOMPARE(p.devicePixelRatio(), ratio);
        QCOMPARE(p.size(), QSize(qRound(16 * ratio), qRound(16 * ratio)));
    }
    const QPixmap large = icon.pixmap(QSize(256, 256));
    QCOMPARE(large.size(), QSize(256, 256));
}

void TestIcons::everyCommandHasAnIcon()
{
    MainWindow w;
    // The commands a rep gives from the menus (not the lists of recent files or of tabs).
    const QStringList commands = {
        QStringLiteral("newDatabaseAction"),   QStringLiteral("openDatabaseAction"),
        QStringLiteral("importHistoryAction"), QStringLiteral("exportAction"),
        QStringLiteral("newRecordAction"),     QStringLiteral("openRecordAction"),
        QStringLiteral("deleteRecordAction"),  QStringLiteral("findAction"),
        QStringLiteral("undoAction"),          QStringLiteral("redoAction"),
        QStringLiteral("convertLeadAction"),   QStringLiteral("unconvertLeadAction"),
        QStringLiteral("detailPaneAction"),
        QStringLiteral("remindersAction"),
    };
    QList<QAction *> all;
    for (QAction *top : w.menuBar()->actions())
        if (top->menu())
            all << menuActions(top->menu());
    for (const QString &name : commands) {
        QAction *found = nullptr;
        for (QAction *a : all)
            if (a->objectName() == name)
                found = a;
        QVERIFY2(found, qPrintable(name));
        QVERIFY2(!found->icon().isNull(), qPrintable(name));
    }
    // Quit, About and the Import submenu are named by their text.
    for (const QString &text : {QStringLiteral("&Quit"), QStringLiteral("&About Rapport"),
                                QStringLiteral("&Import")}) {
        QAction *found = nullptr;
        for (QAction *a : all)
            if (a->text() == text)
                found = a;
        QVERIFY2(found && !found->icon().isNull(), qPrintable(text));
    }
    // The toolbar shows no text-only button.
    const QList<QToolBar *> bars = w.findChildren<QToolBar *>();
    QVERIFY(!bars.isEmpty());
    for (QToolBar *bar : bars)
        for (QAction *a : bar->actions())
            if (!a->isSeparator() && !a->menu())
                QVERIFY2(!a->icon().isNull(), qPrintable(a->text()));
}

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
