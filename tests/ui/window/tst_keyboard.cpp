// Nothing needs the mouse, and the rep always sees where the keyboard is: Tab reaches every
// control of the window and of every record form, and each control looks different when it
// has the focus.
#include "lists/recordtablemodel.h"
#include "records/recorddialog.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/demodata.h"
#include "window/mainwindow.h"
#include "support/engines.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestKeyboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tabReachesEveryControlOfTheWindow();
    void tabReachesEveryControlOfEveryForm();
    void theFocusIsVisibleOnEveryControl();

private:
    QString m_path;
    QTemporaryDir m_dir;
};

namespace {

QString describe(const QWidget *w)
{
    return QStringLiteral("%1 %2").arg(QLatin1String(w->metaObject()->className()),
                                       w->objectName());
}

// The controls under `root` that Tab should stop at: visible, enabled, taking focus by Tab.
QList<QWidget *> tabStops(QWidget *root)
{
    QList<QWidget *> out;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (!(w->focusPolicy() & Qt::TabFocus) || !w->isVisibleTo(root) || !w->isEnabled()
            || w->focusProxy())
            continue;
        // Inside a scroll area only what is scrolled into view counts as shown; Tab scrolls
        // it there (QScrollArea::ensureWidgetVisible), so these count too.
        out << w;
    }
    return out;
}

// The widgets that get the focus when Tab is pressed `presses` times from `start`.
QSet<QWidget *> tabThrough(QWidget *start, int presses)
{
    QSet<QWidget *> reached;
    start->setFocus(Qt::TabFocusReason);
    for (int i = 0; i < presses; ++i) {
        QWidget *now = QApplication::focusWidget();
        if (!now)
            break;
        reached << now;
        QTest::keyClick(now, Qt::Key_Tab);
    }
    return reached;
}

QStringList missed(const QList<QWidget *> &stops, const QSet<QWidget *> &reached)
{
    QStringList out;
    for (QWidget *w : stops)
        if (!reached.contains(w))
            out << describe(w);
    return out;
}

} // namespace

void TestKeyboard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_keyboard");
    QSettings().clear();
    m_path = Engines::location(m_dir.filePath("keys.sqlite"));
    QVERIFY(Database::open(m_path, "setup").isEmpty());
    QVERIFY(DemoData("setup").generate({20, 10, 10, 10, 10}).isEmpty());
    Database::close("setup");
}

void TestKeyboard::tabReachesEveryControlOfTheWindow()
{
    MainWindow w;
    QVERIFY(w.openDatabase(m_path));
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    for (Entity e : allEntities()) {
        w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(w.tab(e));
        QTRY_VERIFY(w.tab(e)->model()->rowCount() > 0);
        const QList<QWidget *> stops = tabStops(&w);
        QVERIFY(stops.size() >= 3);
        const QSet<QWidget *> reached = tabThrough(stops.first(), 3 * int(stops.size()));
        const QStringList left = missed(stops, reached);
        QVERIFY2(left.isEmpty(), qPrintable(entityPlural(e) + ": " + left.join(", ")));
        // The list itself is a Tab stop, and Tab leaves it again (it does not walk its cells).
        QVERIFY(reached.contains(w.tab(e)->view()));
    }
}

void TestKeyboard::tabReachesEveryControlOfEveryForm()
{
    MainWindow w;
    QVERIFY(w.openDatabase(m_path));
    for (Entity e : allEntities()) {
        QTRY_VERIFY(w.tab(e)->model()->rowCount() > 0);
        for (const qint64 id : {qint64(0), w.tab(e)->model()->idAt(0)}) {
            RecordDialog dialog(e, id, w.connectionName());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowActive(&dialog));
            const QList<QWidget *> stops = tabStops(&dialog);
            QVERIFY(stops.size() >= 5);
            const QSet<QWidget *> reached = tabThrough(stops.first(), 3 * int(stops.size()));
            const QStringList left = missed(stops, reached);
            QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("%1 %2: %3")
                                                    .arg(entitySingular(e))
                                                    .arg(id)
                                                    .arg(left.join(", "))));
        }
    }
}

void TestKeyboard::theFocusIsVisibleOnEveryControl()
{
    // Each control drawn without and with the focus: the two pictures differ.
    MainWindow w;
    QVERIFY(w.openDatabase(m_path));
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTRY_VERIFY(w.tab(Entity::Lead)->model()->rowCount() > 0);
    QStringList unseen;
    const auto check = [&](QWidget *window, const QString &where) {
        // As after a Tab press: Qt draws focus frames once the keyboard has moved the focus.
        window->setAttribute(Qt::WA_KeyboardFocusChange);
        for (QWidget *control : tabStops(window)) {
            if (auto *scroll = window->findChild<QScrollArea *>())
                scroll->ensureWidgetVisible(control);
            // A dialog's default button is drawn highlighted wherever the focus is: it is
            // what Enter presses, from a field as from the button itself.
            if (auto *button = qobject_cast<QPushButton *>(control); button && button->isDefault())
                continue;
            // Somewhere else first, so that the control draws as it does without the focus.
            QWidget *other = nullptr;
            for (QWidget *o : tabStops(window))
                if (o != control && !control->isAncestorOf(o) && !o->isAncestorOf(control))
                    other = o;
            QVERIFY(other);
            other->setFocus(Qt::TabFocusReason);
            QTRY_VERIFY(other->hasFocus());
            const QImage before = control->grab().toImage();
            control->setFocus(Qt::TabFocusReason);
            QTRY_VERIFY(control->hasFocus());
            const QImage after = control->grab().toImage();
            if (before == after)
                unseen << where + QStringLiteral(": ") + describe(control);
        }
    };
    check(&w, QStringLiteral("window"));
    for (Entity e : allEntities()) {
        RecordDialog dialog(e, 0, w.connectionName());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        check(&dialog, entitySingular(e) + QStringLiteral(" form"));
    }
    QVERIFY2(unseen.isEmpty(), qPrintable(unseen.join('\n')));
}

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
