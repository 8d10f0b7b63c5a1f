// Every control a rep can reach with the keyboard has a name and a description a screen reader
// can say: the main window with its tabs, and the record form of every record type.
#include "lists/recordtablemodel.h"
#include "records/recorddialog.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/demodata.h"
#include "window/mainwindow.h"
#include "support/engines.h"

#include <QAccessible>
#include <QTabWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestAccessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyControlHasANameAndADescription();

private:
    QTemporaryDir m_dir;
};

namespace {

// "class objectName" of each focusable widget under `root` without an accessible name.
QStringList unnamed(QWidget *root)
{
    QStringList out;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (w->focusPolicy() == Qt::NoFocus || !w->isVisibleTo(root) || w->focusProxy())
            continue;
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
        const QString name = QStringLiteral("%1 %2").arg(
            QLatin1String(w->metaObject()->className()), w->objectName());
        if (!a || a->text(QAccessible::Name).trimmed().isEmpty())
            out << name;
        else if (a->role() == QAccessible::PageTabList) {
            // A tab bar describes itself through its tabs (Qt gives the bar no description).
            int tabs = 0;
            for (int i = 0; i < a->childCount(); ++i) {
                QAccessibleInterface *tab = a->child(i);
                if (!tab || tab->role() != QAccessible::PageTab)
                    continue;
                ++tabs;
                if (tab->text(QAccessible::Description).trimmed().isEmpty())
                    out << name + QStringLiteral(" tab %1 (no description)").arg(i);
            }
            if (tabs == 0)
                out << name + QStringLiteral(" (no tabs)");
        } else if (a->text(QAccessible::Description).trimmed().isEmpty())
            out << name + QStringLiteral(" (no description)");
    }
    return out;
}

} // namespace

void TestAccessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_accessibility");
    QSettings().clear();
}

void TestAccessibility::everyControlHasANameAndADescription()
{
    const QString path = Engines::location(m_dir.filePath("a11y.sqlite"));
    QVERIFY(Database::open(path, "setup").isEmpty());
    QVERIFY(DemoData("setup").generate({20, 10, 5, 5, 10}).isEmpty());
    Database::close("setup");
    MainWindow w;
    QVERIFY(w.openDatabase(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QStringList missing;
    for (Entity e : allEntities()) {
        w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(w.tab(e));
        missing << unnamed(&w);
        // A new record's form, and an existing one's with its notes and related lists.
        QTRY_VERIFY(w.tab(e)->model()->rowCount() > 0);
        for (const qint64 id : {qint64(0), w.tab(e)->model()->idAt(0)}) {
            RecordDialog dialog(e, id, w.connectionName());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            for (const QString &m : unnamed(&dialog))
                missing << QStringLiteral("%1 form: %2").arg(entitySingular(e), m);
        }
    }
    missing.removeDuplicates();
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join('\n')));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
