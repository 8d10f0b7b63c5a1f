// Rapport follows the desktop's palette, light or dark: no widget fixes its own colours, and
// the one colour Rapport chooses itself (the red of warnings) reads on either background.
#include "lists/recordtablemodel.h"
#include "prompts/warningtext.h"
#include "records/recorddialog.h"
#include "records/recordform.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/demodata.h"
#include "window/mainwindow.h"
#include "support/engines.h"

#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestTheme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void contrastRatioIsWcags();
    void warningsReadOnLightAndDark();
    void fieldErrorsFollowAPaletteSwitch();
    void noWidgetFixesItsColours();

private:
    QTemporaryDir m_dir;
};

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ToolTipText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Link, QColor(0x7a, 0xb8, 0xff));
    return p;
}

// The palette the application started with: the light one of the offscreen platform.
QPalette lightPalette()
{
    static const QPalette light = QApplication::palette();
    return light;
}

// Widgets under `root` that set colours of their own: a style sheet, or a palette that is not
// a warning's.
QStringList fixedColours(QWidget *root)
{
    QStringList out;
    QList<QWidget *> all = root->findChildren<QWidget *>();
    all.prepend(root);
    for (QWidget *w : all) {
        const QString name = QStringLiteral("%1 %2").arg(
            QLatin1String(w->metaObject()->className()), w->objectName());
        if (!w->styleSheet().isEmpty())
            out << name + QStringLiteral(": style sheet ") + w->styleSheet();
        else if (w->testAttribute(Qt::WA_SetPalette) && !w->objectName().endsWith("_error"))
            out << name + QStringLiteral(": palette of its own");
    }
    return out;
}

} // namespace

void TestTheme::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_theme");
    QSettings().clear();
    QVERIFY(lightPalette().color(QPalette::Window).lightness() > 128);
}

void TestTheme::cleanup()
{
    QApplication::setPalette(lightPalette());
}

void TestTheme::contrastRatioIsWcags()
{
    QCOMPARE(qRound(contrastRatio(Qt::black, Qt::white)), 21);
    QCOMPARE(contrastRatio(QColor(0x77, 0x77, 0x77), QColor(0x77, 0x77, 0x77)), 1.0);
    // #767676 on white is the well-known 4.54 : 1.
    QCOMPARE(qRound(contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) * 100), 454);
}

void TestTheme::warningsReadOnLightAndDark()
{
    for (const QPalette &p : {lightPalette(), darkPalette()}) {
        for (const QPalette::ColorRole role : {QPalette::Window, QPalette::Base}) {
            const QColor red = warningTextColour(p, role);
            QVERIFY2(contrastRatio(red, p.color(role)) >= 4.5, qPrintable(red.name()));
            QVERIFY(red.red() > red.green() && red.red() > red.blue());
        }
    }
    QVERIFY(warningTextColour(lightPalette()) != warningTextColour(darkPalette()));
}

void TestTheme::fieldErrorsFollowAPaletteSwitch()
{
    RecordForm form(Entity::Lead, QString());
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    form.showErrors({FieldError{QStringLiteral("last_name"), QStringLiteral("Required")}});
    auto *error = form.findChild<QLabel *>(QStringLiteral("last_name_error"));
    QVERIFY(error);
    QTRY_VERIFY(error->isVisible());
    const auto readable = [&] {
        return contrastRatio(error->palette().color(QPalette::WindowText),
                             form.palette().color(QPalette::Window)) >= 4.5;
    };
    QVERIFY(readable());
    const QColor onLight = error->palette().color(QPalette::WindowText);
    QApplication::setPalette(darkPalette());
    QTRY_COMPARE(form.palette().color(QPalette::Window), QColor(0x2b, 0x2b, 0x2b));
    QTRY_VERIFY(error->palette().color(QPalette::WindowText) != onLight);
    QVERIFY(readable());
    QApplication::setPalette(lightPalette());
    QTRY_COMPARE(error->palette().color(QPalette::WindowText), onLight);
}

void TestTheme::noWidgetFixesItsColours()
{
    QApplication::setPalette(darkPalette());
    const QString path = Engines::location(m_dir.filePath("theme.sqlite"));
    QVERIFY(Database::open(path, "setup").isEmpty());
    QVERIFY(DemoData("setup").generate({10, 5, 5, 5, 10}).isEmpty());
    Database::close("setup");
    MainWindow w;
    QVERIFY(w.openDatabase(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QStringList fixed = fixedColours(&w);
    for (Entity e : allEntities()) {
        w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(w.tab(e));
        QTRY_VERIFY(w.tab(e)->model()->rowCount() > 0);
        // The list's rows are drawn on the desktop's dark base.
        QCOMPARE(w.tab(e)->view()->palette().color(QPalette::Base), QColor(0x1e, 0x1e, 0x1e));
        RecordDialog dialog(e, w.tab(e)->model()->idAt(0), w.connectionName());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        for (const QString &f : fixedColours(&dialog))
            fixed << QStringLiteral("%1 form: %2").arg(entitySingular(e), f);
    }
    fixed.removeDuplicates();
    QVERIFY2(fixed.isEmpty(), qPrintable(fixed.join('\n')));
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
