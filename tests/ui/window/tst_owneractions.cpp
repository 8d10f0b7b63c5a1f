// Who works and who owns what, in the window: the first start on a database asks who the rep
// is (once per database on this machine, through the real dialog), Switch User… changes
// whose "Mine" the tabs show, and Assign To… gives the selected records to another user in
// one step that Ctrl+Z takes back. On a team server the admin switches "Reps Change Only
// Their Own Records" from the File menu.

#include "records/ownerpicker.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "storage/database.h"
#include "storage/owner.h"
#include "storage/recordstore.h"
#include "storage/rowsecurity.h"
#include "storage/userdirectory.h"
#include "support/scriptedprompter.h"
#include "window/mainwindow.h"
#include "window/owneractions.h"
#include "support/engines.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Rapport;

class TestOwnerActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void theFirstStartAsksOnceAndRemembers();
    void switchingUserChangesWhoseMineTheTabsShow();
    void assignToGivesTheSelectionAwayAndCtrlZTakesItBack();
    void theAdminSwitchesOwnRecordsOnlyFromTheFileMenu();

private:
    QString makeDatabase(const QString &name);
    // Once a modal dialog named `name` shows, `act` is done to it (clicking its buttons).
    static void whenModal(const QString &name, std::function<void(QWidget *)> act);
    static QString mineOf(MainWindow &w, Entity entity);
    QTemporaryDir m_dir;
    QList<qint64> m_contacts;
};

void TestOwnerActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_owneractions");
    QSettings().clear();
}

void TestOwnerActions::init()
{
    qunsetenv("RAPPORT_USER"); // the window asks, as at a rep's first start
    setSessionUserName({});
}

QString TestOwnerActions::makeDatabase(const QString &name)
{
    const QString path = Engines::location(m_dir.filePath(name));
    if (!Database::open(path, "setup").isEmpty())
        return {};
    RecordStore store("setup");
    m_contacts.clear();
    for (const char *owner : {"Ada Lovelace", "Ada Lovelace", ""})
        m_contacts << store.insert(Entity::Contact, {{"last_name", "Babbage"}, {"owner", owner}}).id;
    Database::close("setup");
    return path;
}

void TestOwnerActions::whenModal(const QString &name, std::function<void(QWidget *)> act)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, name, act] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || modal->objectName() != name)
            return;
        timer->stop();
        timer->deleteLater();
        act(modal);
    });
    timer->start();
}

QString TestOwnerActions::mineOf(MainWindow &w, Entity entity)
{
    auto *owner = w.tab(entity)->findChild<QComboBox *>("ownerFilter");
    return owner->itemData(owner->findText("Mine")).toString();
}

void TestOwnerActions::theFirstStartAsksOnceAndRemembers()
{
    SQLITE_ONLY("on a server the login role is the user: nobody is asked");
    const QString path = makeDatabase("first.sqlite");
    {
        // GIVEN a database nobody has worked on from this machine
        MainWindow w;
        w.setPrompter(std::make_shared<ScriptedPrompter>());
        bool asked = false;
        // WHEN it is opened, the rep picks their name from the users and continues
        whenModal("userDialog", [&asked](QWidget *dialog) {
            asked = true;
            auto *name = dialog->findChild<QComboBox *>("userNameCombo");
            name->setCurrentIndex(name->findText("Ada Lovelace"));
            QTest::mouseClick(dialog->findChild<QPushButton *>("okButton"), Qt::LeftButton);
        });
        QVERIFY(w.openDatabase(path));
        QVERIFY(asked);
        // THEN "Mine" and new records are hers
        QCOMPARE(currentUserName(), QString("Ada Lovelace"));
        QCOMPARE(mineOf(w, Entity::Contact), QString("Ada Lovelace"));
    }
    // and the next start on that database does not ask again
    setSessionUserName({});
    MainWindow again;
    int asked = 0;
    again.owners()->setUserChooser([&asked](QWidget *, bool) {
        ++asked;
        return std::optional<OwnerActions::Choice>();
    });
    QVERIFY(again.openDatabase(path));
    QCOMPARE(asked, 0);
    QCOMPARE(currentUserName(), QString("Ada Lovelace"));
    // while another database asks (here: cancelled, so the system's name serves meanwhile)
    QVERIFY(again.openDatabase(makeDatabase("second.sqlite")));
    QCOMPARE(asked, 1);
    QCOMPARE(currentUserName(), systemUserName());
}

void TestOwnerActions::switchingUserChangesWhoseMineTheTabsShow()
{
    SQLITE_ONLY("on a server the login role is the user: the action is disabled");
    const QString path = makeDatabase("switch.sqlite");
    MainWindow w;
    w.setPrompter(std::make_shared<ScriptedPrompter>());
    QString next = "Grace Hopper";
    w.owners()->setUserChooser([&next](QWidget *, bool) {
        return std::optional<OwnerActions::Choice>({next, "grace@example.org"});
    });
    QVERIFY(w.openDatabase(path));
    QCOMPARE(mineOf(w, Entity::Deal), QString("Grace Hopper"));
    w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(w.tab(Entity::Deal));
    auto *action = w.findChild<QAction *>("switchUserAction");
    QVERIFY(action && action->isEnabled());
    next = "Alan Turing";
    action->trigger();
    QCOMPARE(currentUserName(), QString("Alan Turing"));
    QCOMPARE(mineOf(w, Entity::Deal), QString("Alan Turing"));
    QCOMPARE(w.currentTab(), w.tab(Entity::Deal)); // the rep stays where they were
    QCOMPARE(UserDirectory(w.connectionName()).names(),
             (QStringList{"Ada Lovelace", "Alan Turing", "Grace Hopper"}));
}

void TestOwnerActions::assignToGivesTheSelectionAwayAndCtrlZTakesItBack()
{
    qputenv("RAPPORT_USER", "Grace Hopper");
    const QString path = makeDatabase("assign.sqlite");
    MainWindow w;
    auto prompter = std::make_shared<ScriptedPrompter>();
    w.setPrompter(prompter);
    QVERIFY(w.openDatabase(path));
    w.show();
    RecordTab *contacts = w.tab(Entity::Contact);
    w.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(contacts);
    QTRY_COMPARE(contacts->model()->rowCount(), 3);
    auto *assign = w.findChild<QAction *>("assignOwnerAction");
    QVERIFY(contacts->view()->actions().contains(assign)); // in the table's context menu
    QVERIFY(!assign->isEnabled());
    // WHEN the rep selects every contact and assigns them to a new user
    contacts->view()->selectAll();
    QVERIFY(assign->isEnabled());
    prompter->answers << "Add User";
    whenModal("assignOwnerDialog", [](QWidget *dialog) {
        QTest::keyClicks(dialog->findChild<OwnerPicker *>("assignOwnerPicker")->lineEdit(),
                         "Alan Turing");
        QTest::mouseClick(dialog->findChild<QPushButton *>("assignButton"), Qt::LeftButton);
    });
    assign->trigger();
    // THEN they are all his, each change on its contact's timeline
    RecordStore store(w.connectionName());
    const auto owner = [&](int i) {
        return store.load(Entity::Contact, m_contacts[i])->value("owner").toString();
    };
    for (int i = 0; i < 3; ++i)
        QCOMPARE(owner(i), QString("Alan Turing"));
    QCOMPARE(prompter->asked.size(), 1); // "add Alan Turing as a user?"
    QSqlQuery q(QSqlDatabase::database(w.connectionName()));
    QVERIFY(q.exec("SELECT COUNT(*) FROM changes WHERE field = 'owner' AND new_value = 'Alan Turing'")
            && q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    // and Ctrl+Z gives each its owner back
    QAction *undo = w.findChild<QAction *>("undoAction");
    undo->trigger();
    QCOMPARE(owner(0), QString("Ada Lovelace"));
    QCOMPARE(owner(2), QString());
    w.findChild<QAction *>("redoAction")->trigger();
    QCOMPARE(owner(0), QString("Alan Turing"));
    // Changed since by someone else: the undo says so and changes nothing.
    QVERIFY(store.update(Entity::Contact, m_contacts[1], {{"owner", "Ada Lovelace"}}).ok());
    undo->trigger();
    QCOMPARE(prompter->warnings.size(), 1);
    QVERIFY(prompter->warnings.first().contains("changed since"));
    QCOMPARE(owner(0), QString("Alan Turing"));
    QCOMPARE(prompter->unexpected, 0);
}

void TestOwnerActions::theAdminSwitchesOwnRecordsOnlyFromTheFileMenu()
{
    const QString path = makeDatabase("own.sqlite");
    MainWindow w;
    auto prompter = std::make_shared<ScriptedPrompter>();
    w.setPrompter(prompter);
    w.owners()->setUserChooser([](QWidget *, bool) {
        return std::optional<OwnerActions::Choice>({"Ada Lovelace", {}});
    });
    QVERIFY(w.openDatabase(path));
    auto *action = w.findChild<QAction *>("ownRecordsOnlyAction");
    QVERIFY(action && action->isCheckable());
    QVERIFY(!action->isChecked());
    if (!Engines::postgres()) {
        QVERIFY(!action->isEnabled()); // a file has no roles to hold to it
        return;
    }
    // GIVEN the admin (the tables' owner) on the team's server
    QVERIFY(action->isEnabled());
    // WHEN they switch it on, the server holds reps to it; and off again
    action->trigger();
    QVERIFY(action->isChecked());
    QVERIFY(RowSecurity(w.connectionName()).isOn());
    action->trigger();
    QVERIFY(!action->isChecked());
    QVERIFY(!RowSecurity(w.connectionName()).isOn());
    QCOMPARE(prompter->warnings.size(), 0);
    QCOMPARE(prompter->unexpected, 0);
}

QTEST_MAIN(TestOwnerActions)
#include "tst_owneractions.moc"
