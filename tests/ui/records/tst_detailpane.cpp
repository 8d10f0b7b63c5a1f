// The record beside the list, as a rep uses it in the main window: it shows the current row's
// record, saves edits made in place (never over a colleague's newer write unseen), asks
// before unsaved edits would go, follows changes made elsewhere, is switched on and off with
// F3 and remembered, turns a call link into a logged call, and completes activities with
// their next step.
#include "lists/recordtablemodel.h"
#include "records/detailpane.h"
#include "records/fieldeditors.h"
#include "records/recordform.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "support/scriptedprompter.h"
#include "window/mainwindow.h"
#include "support/engines.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUrl>

#include <functional>
#include <memory>

using namespace Rapport;

namespace {

// Runs `answer` on the next modal dialog once it is up (exec() blocks the test meanwhile).
void whenModal(std::function<void(QWidget *)> answer)
{
    auto *poll = new QTimer(qApp);
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            poll->stop();
            poll->deleteLater();
            answer(modal);
        }
    });
    poll->start();
}

void click(QWidget *root, const char *button)
{
    auto *b = root->findChild<QPushButton *>(QLatin1String(button));
    QVERIFY2(b, button);
    QVERIFY2(b->isEnabled(), button);
    QTest::mouseClick(b, Qt::LeftButton);
}

} // namespace

class TestDetailPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void selectingARowShowsThatRecord();
    void savingWritesTheRecordAndTheList();
    void movingWithUnsavedEditsAsks_data();
    void movingWithUnsavedEditsAsks();
    void aStaleSaveShowsBothVersionsAndCancelKeepsTheEdit();
    void aChangeElsewhereShowsUnlessEdited();
    void theToggleHidesShowsAndIsRemembered();
    void aCallLinkOffersToLogTheCall();
    void completingAnActivityAsksForTheNextStep();

private:
    // The window on the Contacts (or `entity`) tab, its pane showing `id`.
    DetailPane *openOn(Entity entity, qint64 id);
    QLineEdit *field(DetailPane *pane, const char *name);
    QVariant value(const QString &sql);

    QTemporaryDir m_dir;
    int m_run = 0;
    QString m_path;
    QString m_db;
    std::shared_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_ada = 0;
    qint64 m_grace = 0;
};

void TestDetailPane::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_detailpane");
    qputenv("RAPPORT_USER", "Grace Hopper");
}

void TestDetailPane::init()
{
    QSettings().clear();
    m_path = Engines::location(m_dir.filePath(QStringLiteral("pane%1.sqlite").arg(++m_run)));
    m_db = QStringLiteral("fixture%1").arg(m_run);
    QCOMPARE(Database::open(m_path, m_db), QString());
    RecordStore store(m_db);
    m_ada = store.insert(Entity::Contact, {{"first_name", "Ada"}, {"last_name", "Lovelace"},
                                           {"email", "ada@example.com"},
                                           {"phone", "+44 20 7946 0001"}}).id;
    m_grace = store.insert(Entity::Contact, {{"first_name", "Grace"}, {"last_name", "Hopper"},
                                             {"email", "grace@example.com"}}).id;
    QVERIFY(m_ada > 0 && m_grace > 0);
    m_prompter = std::make_shared<ScriptedPrompter>();
}

void TestDetailPane::cleanup()
{
    m_window.reset();
    FieldEditors::setUrlOpener(nullptr);
    Database::close(m_db);
}

DetailPane *TestDetailPane::openOn(Entity entity, qint64 id)
{
    m_window = std::make_unique<MainWindow>();
    m_window->setPrompter(m_prompter);
    if (!m_window->openDatabase(m_path))
        return nullptr;
    m_window->resize(1400, 900);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get()))
        return nullptr;
    RecordTab *tab = m_window->tab(entity);
    m_window->findChild<QTabWidget *>("recordTabs")->setCurrentWidget(tab);
    if (!QTest::qWaitFor([tab] { return tab->model()->rowCount() > 0 && !tab->model()->isLoading(); }))
        return nullptr;
    tab->selectId(id);
    DetailPane *pane = tab->detailPane();
    if (!QTest::qWaitFor([pane, id] { return pane->recordId() == id; }))
        return nullptr;
    return pane;
}

QLineEdit *TestDetailPane::field(DetailPane *pane, const char *name)
{
    return qobject_cast<QLineEdit *>(pane->form()->editor(QLatin1String(name)));
}

QVariant TestDetailPane::value(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_db));
    return q.exec(sql) && q.next() ? q.value(0) : QVariant();
}

void TestDetailPane::selectingARowShowsThatRecord()
{
    // GIVEN the Contacts tab with the pane beside the list (shown by default)
    DetailPane *pane = openOn(Entity::Contact, m_ada);
    QVERIFY(pane);
    QVERIFY(pane->isVisible());
    QCOMPARE(pane->findChild<QLabel *>("detailTitle")->text(), QString("Ada Lovelace"));
    QCOMPARE(field(pane, "email")->text(), QString("ada@example.com"));
    // WHEN the rep moves down through the list from the keyboard
    RecordTab *tab = m_window->tab(Entity::Contact);
    tab->view()->setFocus();
    QTest::keyClick(tab->view(), Qt::Key_Down);
    QTest::keyClick(tab->view(), Qt::Key_Up);
    QTest::keyClick(tab->view(), Qt::Key_Down);
    // THEN the record the selection rests on shows
    const qint64 current = tab->currentId();
    QVERIFY(current == m_grace || current == m_ada);
    QTRY_COMPARE(pane->recordId(), current);
    QCOMPARE(field(pane, "email")->text(),
             current == m_grace ? QString("grace@example.com") : QString("ada@example.com"));
    // Key fields only: the address's street is the full window's.
    QVERIFY(pane->form()->editor("email"));
    QVERIFY(!pane->form()->editor("mailing_street"));
}

void TestDetailPane::savingWritesTheRecordAndTheList()
{
    DetailPane *pane = openOn(Entity::Contact, m_ada);
    QVERIFY(pane);
    auto *save = pane->findChild<QPushButton *>("detailSaveButton");
    QVERIFY(!save->isEnabled()); // nothing to save yet
    // WHEN the rep types a new address and saves
    QLineEdit *email = field(pane, "email");
    email->setFocus();
    email->selectAll();
    QTest::keyClicks(email, "countess@example.org");
    QVERIFY(pane->hasUnsavedChanges());
    click(pane, "detailSaveButton");
    // THEN the database and the list show it
    QCOMPARE(value(QStringLiteral("SELECT email FROM contacts WHERE id = %1").arg(m_ada)).toString(),
             QString("countess@example.org"));
    QVERIFY(!pane->hasUnsavedChanges());
    RecordTab *tab = m_window->tab(Entity::Contact);
    int column = 0;
    while (QLatin1String(entityDef(Entity::Contact).fields[column].name) != "email")
        ++column;
    QTRY_VERIFY(!tab->model()->isLoading() && tab->model()->rowOfId(m_ada) >= 0);
    QTRY_COMPARE(tab->model()->index(tab->model()->rowOfId(m_ada), column).data().toString(),
                 QString("countess@example.org"));
    QCOMPARE(m_prompter->warnings, QStringList());
    // Ctrl+S in a field does the same.
    QLineEdit *phone = field(pane, "phone");
    phone->setFocus();
    phone->selectAll();
    QTest::keyClicks(phone, "+44 20 7946 0999");
    QTest::keySequence(phone, QKeySequence(Qt::CTRL | Qt::Key_S));
    QCOMPARE(value(QStringLiteral("SELECT phone FROM contacts WHERE id = %1").arg(m_ada)).toString(),
             QString("+44 20 7946 0999"));
    // And Esc drops what was typed.
    phone->selectAll();
    QTest::keyClicks(phone, "nonsense");
    QTest::keyClick(phone, Qt::Key_Escape);
    QCOMPARE(phone->text(), QString("+44 20 7946 0999"));
    QVERIFY(!pane->hasUnsavedChanges());
}

void TestDetailPane::movingWithUnsavedEditsAsks_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("moved");
    QTest::addColumn<QString>("stored");
    QTest::newRow("save") << "Save" << true << "Analyst";
    QTest::newRow("discard") << "Discard" << true << "";
    QTest::newRow("cancel") << "Cancel" << false << "";
}

void TestDetailPane::movingWithUnsavedEditsAsks()
{
    QFETCH(QString, answer);
    QFETCH(bool, moved);
    QFETCH(QString, stored);
    DetailPane *pane = openOn(Entity::Contact, m_ada);
    QVERIFY(pane);
    QLineEdit *title = field(pane, "title");
    title->setFocus();
    QTest::keyClicks(title, "Analyst");
    // WHEN the rep moves to another record with the edit unsaved
    m_prompter->answers = {answer};
    RecordTab *tab = m_window->tab(Entity::Contact);
    tab->selectId(m_grace);
    // THEN the pane asks, and keeps or drops the edit as answered
    QTRY_COMPARE(m_prompter->asked.size(), 1);
    QVERIFY(m_prompter->asked.first().text.contains("Ada Lovelace"));
    QCOMPARE(m_prompter->unexpected, 0);
    QTRY_COMPARE(pane->recordId(), moved ? m_grace : m_ada);
    QCOMPARE(value(QStringLiteral("SELECT title FROM contacts WHERE id = %1").arg(m_ada)).toString(),
             stored);
    if (!moved) {
        // The list goes back to the record being edited, with the edit still there.
        QTRY_COMPARE(tab->currentId(), m_ada);
        QCOMPARE(title->text(), QString("Analyst"));
        QVERIFY(pane->hasUnsavedChanges());
        QTest::qWait(20);
        QCOMPARE(m_prompter->asked.size(), 1); // asked once, not again for going back
    } else {
        QVERIFY(!pane->hasUnsavedChanges());
    }
}

void TestDetailPane::aStaleSaveShowsBothVersionsAndCancelKeepsTheEdit()
{
    DetailPane *pane = openOn(Entity::Contact, m_ada);
    QVERIFY(pane);
    QLineEdit *title = field(pane, "title");
    title->setFocus();
    QTest::keyClicks(title, "Analyst");
    // GIVEN a colleague who changes the record after the pane read it
    QVERIFY(RecordStore(m_db).update(Entity::Contact, m_ada, {{"title", "Countess"}}).ok());
    // WHEN the rep saves, sees both versions and cancels
    QString shown;
    whenModal([&shown](QWidget *merge) {
        shown = merge->objectName();
        click(merge, "cancelMergeButton");
    });
    click(pane, "detailSaveButton");
    // THEN nothing is overwritten, and the edit is still there, unsaved
    QCOMPARE(shown, QString("mergeDialog"));
    QCOMPARE(value(QStringLiteral("SELECT title FROM contacts WHERE id = %1").arg(m_ada)).toString(),
             QString("Countess"));
    QVERIFY(m_prompter->warnings.isEmpty());
    QCOMPARE(title->text(), QString("Analyst"));
    QVERIFY(pane->hasUnsavedChanges());
    // Revert shows the colleague's value.
    click(pane, "detailRevertButton");
    QCOMPARE(title->text(), QString("Countess"));
}

void TestDetailPane::aChangeElsewhereShowsUnlessEdited()
{
    DetailPane *pane = openOn(Entity::Contact, m_ada);
    QVERIFY(pane);
    // A write elsewhere (the record's window, an import) reloads the lists: the pane follows.
    QVERIFY(RecordStore(m_db).update(Entity::Contact, m_ada, {{"title", "Countess"}}).ok());
    m_window->reloadTabs();
    QTRY_COMPARE(field(pane, "title")->text(), QString("Countess"));
    // With an edit of the rep's own, the edit stays and the pane says what happened.
    QLineEdit *email = field(pane, "email");
    email->selectAll();
    QTest::keyClicks(email, "ada@lovelace.example");
    QVERIFY(RecordStore(m_db).update(Entity::Contact, m_ada, {{"title", "Mathematician"}}).ok());
    m_window->reloadTabs();
    auto *bar = pane->findChild<QWidget *>("changedBar");
    QTRY_VERIFY(bar->isVisible());
    QCOMPARE(email->text(), QString("ada@lovelace.example"));
    QCOMPARE(field(pane, "title")->text(), QString("Countess"));
    QCOMPARE(m_prompter->asked.size(), 0);
    click(pane, "showCurrentButton");
    QCOMPARE(field(pane, "title")->text(), QString("Mathematician"));
    QVERIFY(!bar->isVisible());
}

void TestDetailPane::theToggleHidesShowsAndIsRemembered()
{
    DetailPane *pane = openOn(Entity::Contact, m_ada);
    QVERIFY(pane);
    auto *toggle = m_window->findChild<QAction *>("detailPaneAction");
    QVERIFY(toggle && toggle->isCheckable() && toggle->isChecked());
    QCOMPARE(toggle->shortcut(), QKeySequence(Qt::Key_F3));
    // The split as the rep drags it is kept too.
    QSplitter *split = m_window->tab(Entity::Contact)->splitter();
    QSplitterHandle *handle = split->handle(1);
    const QPoint grip(handle->width() / 2, handle->height() / 2);
    QTest::mousePress(handle, Qt::LeftButton, {}, grip);
    QTest::mouseMove(handle, grip - QPoint(60, 0));
    QTest::mouseRelease(handle, Qt::LeftButton, {}, grip - QPoint(60, 0));
    const int width = pane->width();
    QTRY_COMPARE(QSettings().value("tabs/contacts/detailWidth").toInt(), width);
    // F3 hides it on every tab
    m_window->tab(Entity::Contact)->view()->setFocus();
    QTest::keyClick(m_window->tab(Entity::Contact)->view(), Qt::Key_F3);
    QVERIFY(!toggle->isChecked());
    QVERIFY(!pane->isVisible());
    QVERIFY(m_window->tab(Entity::Lead)->detailPane()->isHidden());
    // ... and so it stays in the next session
    m_window.reset();
    pane = nullptr;
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openDatabase(m_path));
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->findChild<QTabWidget *>("recordTabs")->setCurrentWidget(m_window->tab(Entity::Contact));
    toggle = m_window->findChild<QAction *>("detailPaneAction");
    QVERIFY(!toggle->isChecked());
    pane = m_window->tab(Entity::Contact)->detailPane();
    QVERIFY(!pane->isVisible());
    // Shown again, at the width it had.
    toggle->trigger();
    QVERIFY(pane->isVisible());
    QTRY_COMPARE(pane->width(), width);
    QVERIFY(QSettings().value("detailPane/shown").toBool());
}

void TestDetailPane::aCallLinkOffersToLogTheCall()
{
    QList<QUrl> opened;
    FieldEditors::setUrlOpener([&opened](const QUrl &url) { opened << url; return true; });
    DetailPane *pane = openOn(Entity::Contact, m_ada);
    QVERIFY(pane);
    auto *bar = pane->findChild<QWidget *>("callBar");
    QVERIFY(!bar->isVisible());
    // The email address is a link too.
    field(pane, "email")->findChild<QAction *>("emailLink")->trigger();
    QVERIFY(!bar->isVisible()); // an email is no call
    // WHEN the rep calls the number from the pane
    field(pane, "phone")->findChild<QAction *>("phoneLink")->trigger();
    QCOMPARE(opened, (QList<QUrl>{QUrl("mailto:ada@example.com"), QUrl("tel:+442079460001")}));
    // THEN the pane offers to log it, without a dialog in the way
    QVERIFY(bar->isVisible());
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    QVERIFY(bar->findChild<QLabel *>("barText")->text().contains("Ada Lovelace"));
    // Logging it asks what it was about, then what comes next.
    bool askedNext = false;
    whenModal([&askedNext](QWidget *dialog) {
        QTest::keyClicks(dialog->findChild<QLineEdit *>("nextSubject"), "Talked about the engine");
        whenModal([&askedNext](QWidget *next) {
            askedNext = next->findChild<QPushButton *>("noNextStepButton") != nullptr;
            QTest::keyClicks(next->findChild<QLineEdit *>("nextSubject"), "Send the diagrams");
            QTest::mouseClick(next->findChild<QPushButton *>("scheduleButton"), Qt::LeftButton);
        });
        QTest::mouseClick(dialog->findChild<QPushButton *>("scheduleButton"), Qt::LeftButton);
    });
    click(bar, "logCallButton");
    QVERIFY(askedNext);
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM activities WHERE contact_id = %1 AND "
                                  "activity_type = 'Call' AND status = 'Done' AND subject = "
                                  "'Talked about the engine' AND completed_at IS NOT NULL")
                       .arg(m_ada)).toInt(), 1);
    QCOMPARE(value(QStringLiteral("SELECT status FROM activities WHERE contact_id = %1 AND "
                                  "subject = 'Send the diagrams'").arg(m_ada)).toString(),
             QString("Open"));
    QVERIFY(!bar->isVisible());
    // The next step is among the record's open activities.
    auto *open = pane->findChild<QTreeWidget *>("openActivitiesView");
    QTRY_COMPARE(open->topLevelItemCount(), 1);
    QCOMPARE(open->topLevelItem(0)->text(2), QString("Send the diagrams"));
}

void TestDetailPane::completingAnActivityAsksForTheNextStep()
{
    RecordStore store(m_db);
    const qint64 deal = store.insert(Entity::Deal, {{"deal_name", "Engines"},
                                                    {"stage", "Proposal"}}).id;
    const qint64 task = store.insert(Entity::Activity, {{"subject", "Send the proposal"},
                                                        {"deal_id", deal}}).id;
    QVERIFY(deal > 0 && task > 0);
    DetailPane *pane = openOn(Entity::Deal, deal);
    QVERIFY(pane);
    auto *open = pane->findChild<QTreeWidget *>("openActivitiesView");
    QTRY_COMPARE(open->topLevelItemCount(), 1);
    QCOMPARE(open->topLevelItem(0)->text(2), QString("Send the proposal"));
    // WHEN the rep completes it from the pane
    QString question;
    whenModal([&question](QWidget *dialog) {
        question = dialog->windowTitle();
        QTest::keyClicks(dialog->findChild<QLineEdit *>("nextSubject"), "Call about the proposal");
        QTest::mouseClick(dialog->findChild<QPushButton *>("scheduleButton"), Qt::LeftButton);
    });
    click(pane, "paneDoneButton");
    // THEN it asked for the next step, and both are written
    QCOMPARE(question, QString("Next Step"));
    QCOMPARE(value(QStringLiteral("SELECT status FROM activities WHERE id = %1").arg(task)).toString(),
             QString("Done"));
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM activities WHERE deal_id = %1 AND "
                                  "subject = 'Call about the proposal' AND status = 'Open'")
                       .arg(deal)).toInt(), 1);
    QCOMPARE(open->topLevelItemCount(), 1);
    QCOMPARE(open->topLevelItem(0)->text(2), QString("Call about the proposal"));
}

QTEST_MAIN(TestDetailPane)
#include "tst_detailpane.moc"
