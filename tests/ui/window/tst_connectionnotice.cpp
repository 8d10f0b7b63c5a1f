// The rep's side of a lost connection: the notice bar above the tabs says it (no dialog, no
// frozen window), an open form keeps its unsaved edits, a save tried meanwhile says it was not
// saved and keeps them, and once reconnected (the back-off's waits run when the test says) the
// same save lands. PostgreSQL: an admin ends the session; SQLite: the file is moved away.
#include "records/recorddialog.h"
#include "records/recordform.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "storage/connectionwatch.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/backendkiller.h"
#include "support/engines.h"
#include "support/manualscheduler.h"
#include "support/scriptedprompter.h"
#include "window/connectionnotice.h"
#include "window/mainwindow.h"
#include "window/noticebar.h"

#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include <memory>

using namespace Rapport;

namespace {

const QString Main = QStringLiteral("main");
const QString Other = QStringLiteral("other");

} // namespace

class TestConnectionNotice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void aLostServerIsSaidAndTheFormKeepsItsEdits();
    void aSaveThatMeetsTheLossFirstKeepsTheEdits();
    void aVanishedFileIsSaidAndTheFormKeepsItsEdits();
    void theWindowSaysItAndReadsItsTabsAgain();

private:
    // The lead's window, its City edited to `city` and not saved.
    RecordDialog *editCity(const QString &city);
    void clickSave();
    QString storedCity();
    // The loss as the window says it, and the form and database after a save meanwhile.
    void saveIsRefusedAndEditsKept(const QString &city);
    void reconnectAndSave(const QString &city);

    Engines::FreshDatabase m_fresh{QStringLiteral("connectionnotice")};
    ManualScheduler m_scheduler;
    std::shared_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<NoticeBar> m_bar;
    std::unique_ptr<ConnectionNotice> m_notice;
    std::unique_ptr<RecordDialog> m_window;
    qint64 m_lead = 0;
};

void TestConnectionNotice::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_connectionnotice");
}

void TestConnectionNotice::init()
{
    m_scheduler = {};
    QVERIFY(m_fresh.open(Main));
    QCOMPARE(Database::open(m_fresh.location(), Other), QString());
    const WriteResult made = RecordStore(Main).insert(
        Entity::Lead, {{"first_name", "Jo"}, {"last_name", "Doe"}, {"city", "Paris"}});
    QVERIFY(made.ok());
    m_lead = made.id;
    m_prompter = std::make_shared<ScriptedPrompter>();
    m_bar = std::make_unique<NoticeBar>();
    m_bar->show();
    m_notice = std::make_unique<ConnectionNotice>(Main, m_bar.get());
    m_notice->watch()->setScheduler(m_scheduler.function());
}

void TestConnectionNotice::cleanup()
{
    m_window.reset();
    m_notice.reset();
    m_bar.reset();
    QCOMPARE(m_prompter->unexpected, 0);
    Database::close(Other);
    QVERIFY(m_fresh.drop());
}

RecordDialog *TestConnectionNotice::editCity(const QString &city)
{
    m_window = std::make_unique<RecordDialog>(Entity::Lead, m_lead, Main);
    m_window->setPrompter(m_prompter);
    m_window->show();
    auto *edit = qobject_cast<QLineEdit *>(m_window->form()->editor("city"));
    if (!edit)
        return nullptr;
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, city);
    return m_window.get();
}

void TestConnectionNotice::clickSave()
{
    auto *save = m_window->findChild<QPushButton *>("saveButton");
    QVERIFY(save && save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
}

QString TestConnectionNotice::storedCity()
{
    const auto lead = RecordStore(Other).load(Entity::Lead, m_lead);
    return lead ? lead->value("city").toString() : QStringLiteral("(unreadable)");
}

void TestConnectionNotice::saveIsRefusedAndEditsKept(const QString &city)
{
    QVERIFY(m_bar->isVisible());
    // WHEN the rep saves meanwhile
    const int warned = m_prompter->warnings.size();
    clickSave();
    // THEN they are told it was not saved, in words, and the form is still open with the edit
    QCOMPARE(m_prompter->warnings.size(), warned + 1);
    QCOMPARE(m_prompter->warnings.last(), ConnectionWatch::lostText(Main));
    QVERIFY(m_window->isVisible());
    QVERIFY(m_window->hasUnsavedChanges());
    QCOMPARE(qobject_cast<QLineEdit *>(m_window->form()->editor("city"))->text(), city);
    QCOMPARE(m_prompter->asked.size(), 0); // not taken for "deleted meanwhile"
}

void TestConnectionNotice::reconnectAndSave(const QString &city)
{
    QSignalSpy back(m_notice.get(), &ConnectionNotice::reconnected);
    // WHEN the wait before reconnecting is over
    m_scheduler.runNext();
    // THEN the bar says it is back (on a server, once it answered a worker thread), and the
    // same save now lands
    QTRY_COMPARE(back.size(), 1);
    QVERIFY2(m_bar->text().startsWith("Reconnected to "), qPrintable(m_bar->text()));
    clickSave();
    QVERIFY(!m_window->isVisible());
    QCOMPARE(storedCity(), city);
}

void TestConnectionNotice::aLostServerIsSaidAndTheFormKeepsItsEdits()
{
    if (!Engines::postgres())
        QSKIP("A server's session: the PostgreSQL run has it");
    // GIVEN a rep with an unsaved edit, when the server ends the session
    QVERIFY(editCity("Berlin"));
    QVERIFY(BackendKiller::kill(Other, BackendKiller::pidOf(Main)));
    // WHEN the window's heartbeat looks
    QVERIFY(m_notice->watch()->check());
    // THEN the notice bar says it, naming the server
    QCOMPARE(m_bar->text(), QStringLiteral("Connection to %1 lost — reconnecting… Open forms "
                                           "keep your edits; nothing is saved until the "
                                           "connection is back.")
                                .arg(Engines::serverUrl().host()));
    saveIsRefusedAndEditsKept("Berlin");
    QCOMPARE(storedCity(), QString("Paris"));
    reconnectAndSave("Berlin");
}

void TestConnectionNotice::aSaveThatMeetsTheLossFirstKeepsTheEdits()
{
    if (!Engines::postgres())
        QSKIP("A server's session: the PostgreSQL run has it");
    // GIVEN the session ended, before anything in the window noticed
    QVERIFY(editCity("Lyon"));
    QVERIFY(BackendKiller::kill(Other, BackendKiller::pidOf(Main)));
    // WHEN the rep saves, THEN the save meets the loss, says it and keeps the edit
    saveIsRefusedAndEditsKept("Lyon");
    QVERIFY(m_notice->watch()->lost());
    QVERIFY(m_bar->text().startsWith("Connection to "));
    QCOMPARE(storedCity(), QString("Paris"));
    reconnectAndSave("Lyon");
}

void TestConnectionNotice::aVanishedFileIsSaidAndTheFormKeepsItsEdits()
{
    if (Engines::postgres())
        QSKIP("An SQLite file: the SQLite run has it");
    QVERIFY(editCity("Bonn"));
    Database::close(Other);
    // GIVEN the database file moved away under the open window
    const QString path = m_fresh.location();
    QVERIFY(QFile::rename(path, path + ".away"));
    // WHEN the heartbeat looks, THEN the bar says it
    QVERIFY(m_notice->watch()->check());
    QVERIFY2(m_bar->text().startsWith("The database file " + path + " is gone"),
             qPrintable(m_bar->text()));
    saveIsRefusedAndEditsKept("Bonn");
    // AND once it is back, so is the connection, and the save lands
    m_scheduler.runNext(); // still gone: waits longer
    QVERIFY(m_notice->watch()->lost());
    QVERIFY(QFile::rename(path + ".away", path));
    QCOMPARE(Database::open(path, Other), QString());
    QCOMPARE(storedCity(), QString("Paris"));
    reconnectAndSave("Bonn");
}

void TestConnectionNotice::theWindowSaysItAndReadsItsTabsAgain()
{
    if (!Engines::postgres())
        QSKIP("A server's session: the PostgreSQL run has it");
    // GIVEN the window on the server, its Leads tab showing the one lead
    MainWindow w;
    w.setPrompter(m_prompter);
    QVERIFY(w.openDatabase(m_fresh.location()));
    w.show();
    ConnectionWatch *watch = w.connectionNotice()->watch();
    watch->setScheduler(m_scheduler.function());
    w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(w.tab(Entity::Lead));
    QTRY_COMPARE(w.tab(Entity::Lead)->model()->rowCount(), 1);
    // WHEN the server ends the window's session and its heartbeat looks
    QVERIFY(BackendKiller::kill(Other, BackendKiller::pidOf(w.connectionName())));
    QVERIFY(watch->check());
    // THEN the window's notice bar says it, and the window stays usable
    auto *bar = w.findChild<NoticeBar *>("noticeBar");
    QVERIFY(bar && bar->isVisible());
    QVERIFY2(bar->text().startsWith("Connection to "), qPrintable(bar->text()));
    QVERIFY(w.isEnabled() && !QApplication::activeModalWidget());
    // WHEN a colleague adds a lead meanwhile, and the window reconnects
    QVERIFY(RecordStore(Other).insert(Entity::Lead, {{"last_name", "Meanwhile"}}).ok());
    m_scheduler.runNext();
    // THEN it says so, and its tab reads the records again
    QTRY_VERIFY2(bar->text().startsWith("Reconnected to "), qPrintable(bar->text()));
    QTRY_COMPARE(w.tab(Entity::Lead)->model()->rowCount(), 2);
}

QTEST_MAIN(TestConnectionNotice)
#include "tst_connectionnotice.moc"
