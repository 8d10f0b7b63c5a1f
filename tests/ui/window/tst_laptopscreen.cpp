// On a 1366×768 laptop screen (the offscreen platform configured by data/laptop-screen.json)
// every window fits the screen, and no record form needs a horizontal scroll bar.
#include "conversion/conversionwizard.h"
#include "lists/recordtablemodel.h"
#include "records/detailpane.h"
#include "records/recorddialog.h"
#include "records/recordform.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/demodata.h"
#include "transfer/importwizard.h"
#include "window/mainwindow.h"
#include "support/engines.h"

#include <QLineEdit>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestLaptopScreen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theMainWindowFits();
    void everyRecordFormFitsWithoutScrollingSideways();
    void theWizardsFit();
    void theDetailPaneFitsBesideTheList();

private:
    QString m_path;
    QTemporaryDir m_dir;
};

namespace {

QRect screenArea()
{
    return QGuiApplication::primaryScreen()->availableGeometry();
}

} // namespace

void TestLaptopScreen::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_laptopscreen");
    QSettings().clear();
    QCOMPARE(QGuiApplication::primaryScreen()->size(), QSize(1366, 768));
    m_path = Engines::location(m_dir.filePath("laptop.sqlite"));
    QVERIFY(Database::open(m_path, "setup").isEmpty());
    QVERIFY(DemoData("setup").generate({10, 10, 10, 10, 10}).isEmpty());
    Database::close("setup");
}

void TestLaptopScreen::theMainWindowFits()
{
    MainWindow w;
    QVERIFY(w.openDatabase(m_path));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(screenArea().contains(w.geometry()));
    // It uses the screen: not a small window in a corner of it.
    QVERIFY(w.width() >= screenArea().width() * 3 / 4);
}

void TestLaptopScreen::everyRecordFormFitsWithoutScrollingSideways()
{
    MainWindow w;
    QVERIFY(w.openDatabase(m_path));
    for (Entity e : allEntities()) {
        QTRY_VERIFY(w.tab(e)->model()->rowCount() > 0);
        for (const qint64 id : {qint64(0), w.tab(e)->model()->idAt(0)}) {
            const QString what = QStringLiteral("%1 %2").arg(entitySingular(e),
                                                               id ? "record" : "new record");
            RecordDialog dialog(e, id, w.connectionName());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY2(screenArea().contains(dialog.geometry()), qPrintable(what));
            auto *scroll = dialog.findChild<QScrollArea *>(QStringLiteral("formScrollArea"));
            QVERIFY(scroll);
            QTRY_VERIFY2(scroll->horizontalScrollBar()->maximum() == 0, qPrintable(what));
            // And the fields are wide enough to read what they hold.
            int seen = 0;
            for (QLineEdit *edit : scroll->widget()->findChildren<QLineEdit *>())
                if (edit->isVisibleTo(scroll->widget()) && ++seen)
                    QVERIFY2(edit->width() >= 160,
                             qPrintable(QStringLiteral("%1: %2 is %3 px wide")
                                            .arg(what, edit->objectName())
                                            .arg(edit->width())));
            QVERIFY2(seen >= 4, qPrintable(what));
        }
    }
}

void TestLaptopScreen::theWizardsFit()
{
    MainWindow w;
    QVERIFY(w.openDatabase(m_path));
    QTRY_VERIFY(w.tab(Entity::Lead)->model()->rowCount() > 0);
    ConversionWizard conversion(w.tab(Entity::Lead)->model()->idAt(0), w.connectionName());
    conversion.show();
    QVERIFY(QTest::qWaitForWindowExposed(&conversion));
    QVERIFY(screenArea().contains(conversion.geometry()));
    ImportWizard import(Entity::Contact, w.connectionName());
    import.show();
    QVERIFY(QTest::qWaitForWindowExposed(&import));
    QVERIFY(screenArea().contains(import.geometry()));
}

void TestLaptopScreen::theDetailPaneFitsBesideTheList()
{
    // The pane shows by default, beside every list, and leaves the list room.
    MainWindow w;
    QVERIFY(w.openDatabase(m_path));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    for (Entity e : allEntities()) {
        RecordTab *tab = w.tab(e);
        w.findChild<QTabWidget *>(QStringLiteral("recordTabs"))->setCurrentWidget(tab);
        QTRY_VERIFY(tab->model()->rowCount() > 0 && !tab->model()->isLoading());
        const qint64 id = tab->model()->idAt(0);
        tab->selectId(id);
        DetailPane *pane = tab->detailPane();
        QTRY_COMPARE(pane->recordId(), id);
        QVERIFY(pane->isVisible());
        const QString what = entityPlural(e);
        QVERIFY2(w.rect().contains(QRect(pane->mapTo(&w, QPoint()), pane->size())), qPrintable(what));
        QVERIFY2(tab->view()->width() >= screenArea().width() / 3, qPrintable(what));
        int seen = 0;
        for (QLineEdit *edit : pane->form()->findChildren<QLineEdit *>())
            if (edit->isVisibleTo(pane) && ++seen)
                QVERIFY2(edit->width() >= 160,
                         qPrintable(QStringLiteral("%1 pane: %2 is %3 px wide")
                                        .arg(what, edit->objectName())
                                        .arg(edit->width())));
        QVERIFY2(seen >= 3, qPrintable(what));
    }
}

QTEST_MAIN(TestLaptopScreen)
#include "tst_laptopscreen.moc"
