// RecordDialog driven as a rep drives it: type into the fields, click the real buttons, and
// check what reached the database and what the dialog shows.
#include "storage/database.h"
#include "records/recorddialog.h"
#include "records/relatedlist.h"
#include "records/recordform.h"
#include "storage/recordstore.h"
#include "support/scriptedprompter.h"
#include "support/engines.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QSplitter>
#include <QStandardPaths>
#include <QScreen>
#include <QTimer>
#include <QRegularExpression>
#include <QListWidget>
#include <QTest>
#include <QTreeWidget>
#include <QTabWidget>

using namespace Rapport;

class TestRecordDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void newLeadIsSavedFromTypedFields();
    void invalidEmailIsBlockedAtTheField();
    void missingLastNameIsBlocked();
    void existingRecordWritesOnlyWhatChanged();
    void picklistValueOutsideTheListSurvivesASave();
    void accountPickerSavesTheChosenAccount();
    void closingWithChangesAsks_data();
    void closingWithChangesAsks();
    void closingUnchangedDoesNotAsk();
    void deletedRecordOffersOnlyClose();
    void enterAndCtrlSSaveOnlyValidRecords();
    void saveAndNewStartsAnEmptyRecord();
    void accountShowsItsContactsAndDeals();
    void formAndNotesSplitIsRemembered();
    void aNewContactLikeAnExistingOneIsSaidWhileTyping();
    void aNewLeadLikeAnActiveLeadIsSaid();
    void aNewAccountLikeAnExistingOneIsSaid();
    void savingBeforeTheCheckRanAsksAboutTheDuplicate();
    void ctrlTPlansAnActivityOnTheRecord();
    void theHistoryTabTellsWhoChangedWhat();
    void aMeetingsAttendeesAreAddedAndRemoved();

private:
    RecordDialog *open(Entity entity, qint64 id);
    void type(RecordDialog *d, const char *field, const QString &text);
    int count(const QString &table);

    QTemporaryDir m_dir;
    QString m_connection;
    std::shared_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<RecordDialog> m_dialog;
    int m_run = 0;
};

void TestRecordDialog::init()
{
    m_connection = QStringLiteral("dialog%1").arg(++m_run);
    const QString location = Engines::location(m_dir.filePath(m_connection + ".sqlite"));
    const QString e = Database::open(location, m_connection);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    m_prompter = std::make_shared<ScriptedPrompter>();
}

void TestRecordDialog::cleanup()
{
    m_dialog.reset();
    QCOMPARE(m_prompter->unexpected, 0); // no question the test did not expect
    Database::close(m_connection);
}

RecordDialog *TestRecordDialog::open(Entity entity, qint64 id)
{
    m_dialog = std::make_unique<RecordDialog>(entity, id, m_connection);
    m_dialog->setPrompter(m_prompter);
    m_dialog->show();
    return m_dialog.get();
}

void TestRecordDialog::type(RecordDialog *d, const char *field, const QString &text)
{
    auto *edit = d->findChild<QLineEdit *>(field);
    QVERIFY2(edit, field);
    QTest::keyClicks(edit, text);
}

int TestRecordDialog::count(const QString &table)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return q.exec("SELECT COUNT(*) FROM " + table) && q.next() ? q.value(0).toInt() : -1;
}

void TestRecordDialog::newLeadIsSavedFromTypedFields()
{
    // GIVEN a new lead
    RecordDialog *d = open(Entity::Lead, 0);
    QCOMPARE(d->windowTitle().remove("[*]"), QString("New Lead"));
    QVERIFY(!d->findChild<QWidget *>("notesPanel")); // notes need a saved record
    QCOMPARE(d->focusWidget(), d->findChild<QWidget *>("first_name")); // ready to type
    QVERIFY(!d->isWindowModified());
    QSignalSpy saved(d, &RecordDialog::saved);
    // WHEN the rep types the person and clicks Save
    type(d, "first_name", "Ada");
    type(d, "last_name", "Lovelace");
    type(d, "email", "ada@example.com");
    QVERIFY(d->isWindowModified()); // the title shows the unsaved edit
    QTest::mouseClick(d->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
    // THEN the lead is in the database and the dialog closed
    QCOMPARE(saved.size(), 1);
    const qint64 id = saved.first().at(1).toLongLong();
    const auto lead = RecordStore(m_connection).load(Entity::Lead, id);
    QVERIFY(lead);
    QCOMPARE(lead->value("first_name").toString(), QString("Ada"));
    QCOMPARE(lead->value("last_name").toString(), QString("Lovelace"));
    QCOMPARE(lead->value("email").toString(), QString("ada@example.com"));
    QVERIFY(lead->value("annual_revenue").isNull());
    QVERIFY(!d->isVisible());
    QCOMPARE(d->result(), int(QDialog::Accepted));
}

void TestRecordDialog::invalidEmailIsBlockedAtTheField()
{
    RecordDialog *d = open(Entity::Lead, 0);
    type(d, "last_name", "Lovelace");
    type(d, "email", "ada@example");
    QTest::mouseClick(d->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
    auto *error = d->findChild<QLabel *>("email_error");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains("not a valid email address"), qPrintable(error->text()));
    QVERIFY(!d->findChild<QLabel *>("last_name_error")->isVisible());
    QCOMPARE(count("leads"), 0);
    QVERIFY(d->isVisible());
    // Fixing the address lets it through.
    type(d, "email", ".org");
    QVERIFY(!error->isVisible());
    QTest::mouseClick(d->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
    QCOMPARE(count("leads"), 1);
}

void TestRecordDialog::missingLastNameIsBlocked()
{
    RecordDialog *d = open(Entity::Contact, 0);
    type(d, "first_name", "Ada");
    QTest::mouseClick(d->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
    auto *error = d->findChild<QLabel *>("last_name_error");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains("Last Name"), qPrintable(error->text()));
    QCOMPARE(d->focusWidget(), d->findChild<QWidget *>("last_name"));
    QCOMPARE(count("contacts"), 0);
    QVERIFY(d->isVisible());
    // Leaving now still asks: the typed first name is not thrown away silently.
    m_prompter->answers << "Discard";
    d->reject();
    QCOMPARE(m_prompter->asked.size(), 1);
    QVERIFY(!d->isVisible());
    QCOMPARE(count("contacts"), 0);
}

void TestRecordDialog::existingRecordWritesOnlyWhatChanged()
{
    RecordStore store(m_connection);
    const qint64 id = store.insert(Entity::Lead, {{"last_name", "Doe"}, {"city", "Paris"}}).id;
    RecordDialog *d = open(Entity::Lead, id);
    QCOMPARE(d->windowTitle().remove("[*]"), QString("Doe"));
    // A colleague changes the city while the dialog is open...
    QVERIFY(store.update(Entity::Lead, id, {{"city", "Lyon"}}).ok());
    // ... and the rep changes the first name only.
    type(d, "first_name", "Jane");
    QTest::mouseClick(d->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
    const auto lead = store.load(Entity::Lead, id);
    QCOMPARE(lead->value("first_name").toString(), QString("Jane"));
    QCOMPARE(lead->value("city").toString(), QString("Lyon"));
}

void TestRecordDialog::theHistoryTabTellsWhoChangedWhat()
{
    qputenv("RAPPORT_USER", "Grace Hopper");
    RecordStore store(m_connection);
    const qint64 id = store.insert(Entity::Lead, {{"last_name", "Doe"}, {"city", "Paris"}}).id;
    for (int i = 0; i < 60; ++i)
        QVERIFY(store.update(Entity::Lead, id, {{"employees", i + 1}}).ok());
    RecordDialog *d = open(Entity::Lead, id);
    d->findChild<QLineEdit *>("city")->selectAll();
    type(d, "city", "Lyon");
    QVERIFY(d->save()); // Ctrl+S: the window stays open
    // THEN the History tab beside the notes has the save on top, by the rep, old → new
    auto *pages = d->findChild<QTabWidget *>("notesAndHistory");
    QVERIFY(pages);
    QCOMPARE(pages->tabText(1).remove('&'), QStringLiteral("History"));
    pages->setCurrentIndex(1);
    auto *timeline = d->findChild<QTreeWidget *>("timeline");
    QTRY_VERIFY(timeline && timeline->isVisible());
    QCOMPARE(timeline->topLevelItem(0)->text(1), QStringLiteral("Grace Hopper"));
    QCOMPARE(timeline->topLevelItem(0)->text(2), QStringLiteral("City: Paris → Lyon"));
    // a page at a time: the 62 entries in two
    QCOMPARE(timeline->topLevelItemCount(), 50);
    auto *older = d->findChild<QPushButton *>("timelineOlder");
    QVERIFY(older->isEnabled());
    QTest::mouseClick(older, Qt::LeftButton);
    QCOMPARE(timeline->topLevelItemCount(), 62);
    QCOMPARE(timeline->topLevelItem(61)->text(2), QStringLiteral("Created"));
    QVERIFY(!older->isEnabled());
}

// GIVEN a meeting, WHEN the rep picks a contact and clicks Add, THEN the contact attends (at
// once, without Save), the history says so, the form still saves (attendees are no edit of
// the meeting's fields), Enter opens the attendee, and Remove takes them off.
void TestRecordDialog::aMeetingsAttendeesAreAddedAndRemoved()
{
    RecordStore store(m_connection);
    const qint64 ada = store.insert(Entity::Contact, {{"first_name", "Ada"}, {"last_name", "Lovelace"},
                                                      {"email", "ada@engines.example"}}).id;
    store.insert(Entity::Contact, {{"first_name", "Charles"}, {"last_name", "Babbage"}});
    const qint64 meeting = store.insert(Entity::Activity, {{"subject", "Engine review"},
                                                           {"activity_type", "Meeting"}}).id;
    RecordDialog *d = open(Entity::Activity, meeting);
    auto *list = d->findChild<QListWidget *>("attendeesList");
    auto *picker = d->findChild<QComboBox *>("attendeePicker");
    auto *add = d->findChild<QPushButton *>("addAttendeeButton");
    auto *remove = d->findChild<QPushButton *>("removeAttendeeButton");
    QVERIFY(list && picker && add && remove);
    QCOMPARE(list->count(), 0);
    QVERIFY(!add->isEnabled() && !remove->isEnabled());
    QTest::keyClicks(picker->lineEdit(), "Ada Lovelace");
    QVERIFY(add->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->text(), QString("Ada Lovelace <ada@engines.example>"));
    QCOMPARE(count(QString("activity_attendees WHERE activity_id = %1").arg(meeting)), 1);
    QVERIFY(picker->currentText().isEmpty());
    // A name that is no contact is said, and nothing is added.
    QTest::keyClicks(picker->lineEdit(), "Nobody Known");
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(list->count(), 1);
    QCOMPARE(m_prompter->warnings.size(), 1);
    QVERIFY2(m_prompter->warnings.first().contains("Nobody Known"), qPrintable(m_prompter->warnings.first()));
    // The history has it; the form's save is not refused as stale.
    d->findChild<QTabWidget *>("notesAndHistory")->setCurrentIndex(1);
    auto *timeline = d->findChild<QTreeWidget *>("timeline");
    QTRY_VERIFY(timeline && timeline->isVisible() && timeline->topLevelItemCount() > 0);
    QCOMPARE(timeline->topLevelItem(0)->text(2),
                 QStringLiteral("Attendees: (none) → Ada Lovelace"));
    d->findChild<QLineEdit *>("location")->setFocus();
    type(d, "location", "London");
    QVERIFY(d->save());
    // Enter on an attendee opens the contact.
    list->setCurrentRow(0);
    QTest::keyClick(list, Qt::Key_Return);
    const auto opened = d->findChildren<RecordDialog *>();
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first()->recordId(), ada);
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(list->count(), 0);
    QCOMPARE(count(QString("activity_attendees WHERE activity_id = %1").arg(meeting)), 0);
}

void TestRecordDialog::picklistValueOutsideTheListSurvivesASave()
{
    RecordStore store(m_connection);
    const qint64 id = store.insert(Entity::Lead, {{"last_name", "Doe"},
                                                  {"lead_status", "Imported: Warm-ish"}}).id;
    RecordDialog *d = open(Entity::Lead, id);
    QCOMPARE(d->findChild<QComboBox *>("lead_status")->currentText(),
             QString("Imported: Warm-ish"));
    type(d, "title", "CEO");
    QTest::mouseClick(d->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
    const auto lead = store.load(Entity::Lead, id);
    QCOMPARE(lead->value("title").toString(), QString("CEO"));
    QCOMPARE(lead->value("lead_status").toString(), QString("Imported: Warm-ish"));
}

void TestRecordDialog::accountPickerSavesTheChosenAccount()
{
    RecordStore store(m_connection);
    store.insert(Entity::Account, {{"account_name", "Globex"}});
    const qint64 acme = store.insert(Entity::Account, {{"account_name", "Acme Inc"}}).id;
    RecordDialog *d = open(Entity::Contact, 0);
    QVERIFY(!d->findChild<QPushButton *>("openAccountButton")->isEnabled());
    type(d, "last_name", "Coyote");
    auto *picker = d->findChild<QComboBox *>("account_id");
    QTest::keyClicks(picker->lineEdit(), "acm");
    QCompleter *completer = picker->completer();
    QVERIFY(completer->popup()->isVisible());
    QTest::keyClick(completer->popup(), Qt::Key_Down);
    QTest::keyClick(completer->popup(), Qt::Key_Return);
    QCOMPARE(picker->currentText(), QString("Acme Inc"));
    QTest::mouseClick(d->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
    QCOMPARE(count("contacts"), 1);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    QVERIFY(q.exec("SELECT account_id FROM contacts") && q.next());
    QCOMPARE(q.value(0).toLongLong(), acme);
    q.finish();
    // Opened again, the contact shows its account and opens it.
    const qint64 contact = store.names(Entity::Contact).first().first;
    QVERIFY(store.insert(Entity::Deal, {{"deal_name", "Anvils"}, {"contact_id", contact}}).ok());
    RecordDialog *again = open(Entity::Contact, contact);
    auto *deals = again->findChild<QTableView *>("relatedDeals"); // a contact's deals, too
    QCOMPARE(deals->model()->rowCount(), 1);
    QCOMPARE(deals->model()->index(0, 0).data().toString(), QString("Anvils"));
    auto *openAccount = again->findChild<QPushButton *>("openAccountButton");
    QVERIFY(openAccount->isEnabled());
    QVERIFY(openAccount->text().contains("Acme Inc"));
    QTest::mouseClick(openAccount, Qt::LeftButton);
    const auto children = again->findChildren<RecordDialog *>();
    QCOMPARE(children.size(), 1);
    QCOMPARE(children.first()->entity(), Entity::Account);
    QCOMPARE(children.first()->recordId(), acme);
    QVERIFY(children.first()->isVisible());
}

void TestRecordDialog::closingWithChangesAsks_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("staysOpen");
    QTest::addColumn<int>("written");
    for (const char *how : {"Close button", "Escape", "window close"}) {
        QTest::addRow("%s, Cancel", how) << how << "Cancel" << true << 0;
        QTest::addRow("%s, Discard", how) << how << "Discard" << false << 0;
        QTest::addRow("%s, Save", how) << how << "Save" << false << 1;
    }
}

void TestRecordDialog::closingWithChangesAsks()
{
    QFETCH(QString, how);
    QFETCH(QString, answer);
    QFETCH(bool, staysOpen);
    QFETCH(int, written);
    RecordDialog *d = open(Entity::Account, 0);
    type(d, "account_name", "Initech");
    m_prompter->answers << answer;
    if (how == "Close button")
        QTest::mouseClick(d->findChild<QPushButton *>("closeButton"), Qt::LeftButton);
    else if (how == "Escape")
        QTest::keyClick(d->findChild<QLineEdit *>("account_name"), Qt::Key_Escape);
    else
        d->close();
    QCOMPARE(m_prompter->asked.size(), 1);
    QCOMPARE(m_prompter->asked.first().answers.size(), 3);
    QCOMPARE(d->isVisible(), staysOpen);
    QCOMPARE(count("accounts"), written);
    if (staysOpen) // nothing typed was lost either
        QCOMPARE(d->findChild<QLineEdit *>("account_name")->text(), QString("Initech"));
}

void TestRecordDialog::closingUnchangedDoesNotAsk()
{
    const qint64 id = RecordStore(m_connection).insert(Entity::Deal, {{"deal_name", "D"}}).id;
    RecordDialog *d = open(Entity::Deal, id);
    QTest::mouseClick(d->findChild<QPushButton *>("closeButton"), Qt::LeftButton);
    QVERIFY(m_prompter->asked.isEmpty());
    QVERIFY(!d->isVisible());
}

void TestRecordDialog::deletedRecordOffersOnlyClose()
{
    RecordDialog *d = open(Entity::Lead, 4242);
    QVERIFY(!d->recordFound());
    QVERIFY(d->windowTitle().contains("no longer exists"));
    QVERIFY(!d->findChild<QPushButton *>("saveButton")->isEnabled());
    QVERIFY(!d->findChild<QWidget *>("last_name")->isEnabled());
    QVERIFY(!d->findChild<QWidget *>("notesPanel"));
    QTest::mouseClick(d->findChild<QPushButton *>("closeButton"), Qt::LeftButton);
    QVERIFY(!d->isVisible());
    QCOMPARE(count("leads"), 0);
}

void TestRecordDialog::enterAndCtrlSSaveOnlyValidRecords()
{
    RecordDialog *d = open(Entity::Lead, 0);
    QVERIFY(QTest::qWaitForWindowActive(d));
    // Enter in a line edit saves only a valid record...
    type(d, "email", "nobody");
    QTest::keyClick(d->findChild<QLineEdit *>("email"), Qt::Key_Return);
    QVERIFY(d->isVisible());
    QVERIFY(d->findChild<QLabel *>("email_error")->isVisible());
    QCOMPARE(count("leads"), 0);
    // ... and saves and closes once it is valid.
    d->findChild<QLineEdit *>("email")->clear();
    type(d, "last_name", "Enter");
    QTest::keyClick(d->findChild<QLineEdit *>("last_name"), Qt::Key_Return);
    QCOMPARE(count("leads"), 1);
    QVERIFY(!d->isVisible());
    // Ctrl+S does the same from any field.
    d = open(Entity::Lead, 0);
    QVERIFY(QTest::qWaitForWindowActive(d));
    type(d, "last_name", "Keys");
    QTest::keyClick(d->findChild<QLineEdit *>("last_name"), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(count("leads"), 2);
    QVERIFY(!d->isVisible());
}

void TestRecordDialog::saveAndNewStartsAnEmptyRecord()
{
    RecordDialog *d = open(Entity::Lead, 0);
    type(d, "last_name", "First");
    QTest::mouseClick(d->findChild<QPushButton *>("saveNewButton"), Qt::LeftButton);
    QCOMPARE(count("leads"), 1);
    QVERIFY(d->isVisible());
    QCOMPARE(d->recordId(), qint64(0));
    QCOMPARE(d->windowTitle().remove("[*]"), QString("New Lead"));
    QCOMPARE(d->findChild<QLineEdit *>("last_name")->text(), QString());
    QVERIFY(!d->form()->isModified());
    type(d, "last_name", "Second");
    QTest::mouseClick(d->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
    QCOMPARE(count("leads"), 2);
}

void TestRecordDialog::accountShowsItsContactsAndDeals()
{
    RecordStore store(m_connection);
    const qint64 acme = store.insert(Entity::Account, {{"account_name", "Acme"}}).id;
    const qint64 other = store.insert(Entity::Account, {{"account_name", "Other"}}).id;
    const qint64 wile = store.insert(Entity::Contact, {{"first_name", "Wile E."},
                                                       {"last_name", "Coyote"},
                                                       {"account_id", acme}}).id;
    store.insert(Entity::Contact, {{"last_name", "Bunny"}, {"account_id", acme}});
    store.insert(Entity::Contact, {{"last_name", "Elsewhere"}, {"account_id", other}});
    store.insert(Entity::Deal, {{"deal_name", "Rockets"}, {"account_id", acme},
                                {"contact_id", wile}, {"amount", 5000}});
    RecordDialog *d = open(Entity::Account, acme);
    auto *contacts = d->findChild<QTableView *>("relatedContacts");
    auto *deals = d->findChild<QTableView *>("relatedDeals");
    QVERIFY(contacts && deals);
    QCOMPARE(contacts->model()->rowCount(), 2);
    QCOMPARE(contacts->model()->index(0, 0).data().toString(), QString("Bunny"));
    QCOMPARE(contacts->model()->index(1, 0).data().toString(), QString("Wile E. Coyote"));
    QCOMPARE(deals->model()->rowCount(), 1);
    QCOMPARE(deals->model()->index(0, 0).data().toString(), QString("Rockets"));
    // Double-clicking a contact opens it in its own dialog.
    const QRect cell = contacts->visualRect(contacts->model()->index(1, 0));
    // Qt 6.4's mouseDClick sends no press first; a real double-click starts with a click.
    QTest::mouseClick(contacts->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(contacts->viewport(), Qt::LeftButton, {}, cell.center());
    const auto opened = d->findChildren<RecordDialog *>();
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first()->entity(), Entity::Contact);
    QCOMPARE(opened.first()->recordId(), wile);
    // Moving that contact to another account there updates the list here.
    auto *picker = opened.first()->findChild<QComboBox *>("account_id");
    picker->lineEdit()->clear();
    QTest::keyClicks(picker->lineEdit(), "Other");
    QTest::mouseClick(opened.first()->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
    QCOMPARE(contacts->model()->rowCount(), 1);
}

void TestRecordDialog::formAndNotesSplitIsRemembered()
{
    const qint64 id = RecordStore(m_connection).insert(Entity::Account, {{"account_name", "Acme"}}).id;
    RecordDialog *d = open(Entity::Account, id);
    QVERIFY(d->size().width() <= d->screen()->availableGeometry().width());
    auto *splitter = d->findChild<QSplitter *>();
    QVERIFY(splitter);
    QCOMPARE(splitter->count(), 2);
    // WHEN the rep drags the split and closes
    const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
    splitter->setSizes({total / 4, total - total / 4});
    const QList<int> chosen = splitter->sizes();
    QTest::mouseClick(d->findChild<QPushButton *>("closeButton"), Qt::LeftButton);
    // THEN the next account opens with the same split
    RecordDialog *again = open(Entity::Account, id);
    QCOMPARE(again->findChild<QSplitter *>()->sizes(), chosen);
}

void TestRecordDialog::aNewContactLikeAnExistingOneIsSaidWhileTyping()
{
    // GIVEN Ada Lovelace is a contact
    const qint64 ada = RecordStore(m_connection)
                           .insert(Entity::Contact, {{"first_name", "Ada"}, {"last_name", "Lovelace"},
                                                     {"email", "ada@analytical.example"}})
                           .id;
    QVERIFY(ada > 0);
    for (Entity e : {Entity::Contact, Entity::Lead}) {
        // WHEN the rep types a new contact (or lead) with her address, in other case
        RecordDialog *d = open(e, 0);
        auto *warning = d->findChild<QLabel *>("duplicateWarning");
        QVERIFY(warning);
        QVERIFY(!warning->isVisible());
        type(d, "last_name", "Byron");
        type(d, "email", "ADA@Analytical.example");
        // THEN the dialog says who it may be, and why, before anything is saved
        QTRY_VERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains("Ada Lovelace") && warning->text().contains("same email"),
                 qPrintable(warning->text()));
        // ... and the rep can open her instead
        const QRegularExpressionMatch link
            = QRegularExpression("href=\"([^\"]+)\"").match(warning->text());
        QVERIFY(link.hasMatch());
        Q_EMIT warning->linkActivated(link.captured(1));
        RecordDialog *existing = nullptr;
        QTRY_VERIFY((existing = d->findChild<RecordDialog *>()) != nullptr);
        QVERIFY(existing->windowTitle().contains("Ada Lovelace"));
        existing->reject();
        m_prompter->answers = {"Discard"};
        d->reject();
    }
    // A name nobody has says nothing.
    RecordDialog *fresh = open(Entity::Contact, 0);
    type(fresh, "last_name", "Babbage");
    type(fresh, "email", "charles@engines.example");
    auto *timer = fresh->findChild<QTimer *>("duplicateTimer");
    QVERIFY(timer->isActive()); // the check waits for a pause in typing...
    QTRY_VERIFY(!timer->isActive()); // ... and has run
    QVERIFY(!fresh->findChild<QLabel *>("duplicateWarning")->isVisible());
}

void TestRecordDialog::aNewLeadLikeAnActiveLeadIsSaid()
{
    // GIVEN Grace Hopper is a lead still to be worked, and Alan Turing one converted already
    RecordStore store(m_connection);
    const qint64 grace = store.insert(Entity::Lead, {{"first_name", "Grace"}, {"last_name", "Hopper"},
                                                     {"email", "grace@navy.example"}}).id;
    const qint64 alan = store.insert(Entity::Lead, {{"first_name", "Alan"}, {"last_name", "Turing"},
                                                    {"email", "alan@bletchley.example"}}).id;
    QVERIFY(grace > 0 && alan > 0);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    QVERIFY(q.exec(QStringLiteral("UPDATE leads SET converted_at = '2026-01-01' WHERE id = %1").arg(alan)));
    // WHEN the rep types a new lead with Grace's address, in other case
    RecordDialog *d = open(Entity::Lead, 0);
    auto *warning = d->findChild<QLabel *>("duplicateWarning");
    type(d, "last_name", "H.");
    type(d, "email", "Grace@Navy.example");
    // THEN the warning names the lead, links to it, and says why
    QTRY_VERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains("lead Grace Hopper")
                 && warning->text().contains("same email")
                 && warning->text().contains(QStringLiteral("record:leads/%1").arg(grace)),
             qPrintable(warning->text()));
    m_prompter->answers = {"Discard"};
    d->reject();
    // A converted lead is no duplicate to warn of: it is a contact now (or was let go).
    d = open(Entity::Lead, 0);
    type(d, "first_name", "Alan");
    type(d, "last_name", "Turing");
    auto *timer = d->findChild<QTimer *>("duplicateTimer");
    QTRY_VERIFY(!timer->isActive());
    QVERIFY(!d->findChild<QLabel *>("duplicateWarning")->isVisible());
    // The same whole name of an active lead is said too.
    d->findChild<QLineEdit *>("first_name")->clear();
    d->findChild<QLineEdit *>("last_name")->clear();
    type(d, "first_name", "Grace");
    type(d, "last_name", "Hopper");
    QTRY_VERIFY(d->findChild<QLabel *>("duplicateWarning")->isVisible());
    QVERIFY(d->findChild<QLabel *>("duplicateWarning")->text().contains("same name"));
    m_prompter->answers = {"Discard"};
    d->reject();
}

void TestRecordDialog::aNewAccountLikeAnExistingOneIsSaid()
{
    // GIVEN the account Acme
    const qint64 acme = RecordStore(m_connection)
                            .insert(Entity::Account, {{"account_name", "Acme"},
                                                      {"website", "https://acme.example"}})
                            .id;
    QVERIFY(acme > 0);
    // WHEN the rep adds "ACME Inc." by hand
    RecordDialog *d = open(Entity::Account, 0);
    type(d, "account_name", "ACME Inc.");
    // THEN it is said to be the same company, with a link to it
    auto *warning = d->findChild<QLabel *>("duplicateWarning");
    QTRY_VERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains("Acme") && warning->text().contains("same name")
                 && warning->text().contains(QStringLiteral("record:accounts/%1").arg(acme)),
             qPrintable(warning->text()));
    m_prompter->answers = {"Discard"};
    d->reject();
}

void TestRecordDialog::savingBeforeTheCheckRanAsksAboutTheDuplicate()
{
    // GIVEN the contact Ada Lovelace
    QVERIFY(RecordStore(m_connection)
                .insert(Entity::Contact, {{"first_name", "Ada"}, {"last_name", "Lovelace"},
                                          {"email", "ada@analytical.example"}})
                .id > 0);
    const int before = count("contacts");
    for (const QString &answer : {QStringLiteral("Go Back"), QStringLiteral("Add Anyway")}) {
        // WHEN the rep types her address and saves at once, before the pause in typing
        RecordDialog *d = open(Entity::Contact, 0);
        type(d, "last_name", "Lovelace");
        type(d, "email", "ada@analytical.example");
        QVERIFY(d->findChild<QTimer *>("duplicateTimer")->isActive());
        m_prompter->asked.clear();
        m_prompter->answers = {answer};
        QTest::mouseClick(d->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
        // THEN she is asked, naming the contact she may have already
        QCOMPARE(m_prompter->asked.size(), 1);
        QVERIFY2(m_prompter->asked.first().text.contains("Ada Lovelace"),
                 qPrintable(m_prompter->asked.first().text));
        QVERIFY(!m_prompter->asked.first().text.contains("href"));
        // ... and going back saves nothing, adding anyway adds it
        if (answer == QLatin1String("Go Back")) {
            QCOMPARE(count("contacts"), before);
            QVERIFY(d->isVisible());
            QVERIFY(d->findChild<QLabel *>("duplicateWarning")->isVisible());
            m_prompter->answers = {"Discard"};
            d->reject();
        } else {
            QCOMPARE(count("contacts"), before + 1);
        }
    }
    QCOMPARE(m_prompter->unexpected, 0);
}

void TestRecordDialog::ctrlTPlansAnActivityOnTheRecord()
{
    // GIVEN a deal with Ada at Acme
    RecordStore store(m_connection);
    const qint64 acme = store.insert(Entity::Account, {{"account_name", "Acme"}}).id;
    const qint64 ada = store.insert(Entity::Contact, {{"last_name", "Lovelace"}, {"account_id", acme}}).id;
    const qint64 deal = store.insert(Entity::Deal, {{"deal_name", "Engines"}, {"account_id", acme},
                                                    {"contact_id", ada}}).id;
    RecordDialog *d = open(Entity::Deal, deal);
    QVERIFY(QTest::qWaitForWindowActive(d));
    auto *activities = d->findChild<RelatedList *>("relatedActivities");
    QVERIFY(activities);
    QVERIFY(d->findChild<QPushButton *>("newActivityButton"));
    // WHEN the rep presses Ctrl+T THEN a new activity's form opens, on the deal, its contact
    // and its account
    QTest::keyClick(d, Qt::Key_T, Qt::ControlModifier);
    RecordDialog *activity = nullptr;
    QTRY_VERIFY((activity = d->findChild<RecordDialog *>()) != nullptr);
    QCOMPARE(activity->entity(), Entity::Activity);
    const QVariantMap shown = activity->form()->values();
    QCOMPARE(shown.value("deal_id").toLongLong(), deal);
    QCOMPARE(shown.value("contact_id").toLongLong(), ada);
    QCOMPARE(shown.value("account_id").toLongLong(), acme);
    QCOMPARE(shown.value("status").toString(), QString("Open"));
    // ... and once saved, the deal lists it
    type(activity, "subject", "Send the proposal");
    QVERIFY(activity->save());
    QCOMPARE(count("activities"), 1);
    QTRY_COMPARE(activities->model()->rowCount(), 1);
    QCOMPARE(activities->model()->headerData(0, Qt::Horizontal).toString(), QString("Subject"));
    QCOMPARE(activities->model()->index(0, 0).data().toString(), QString("Send the proposal"));
}

QTEST_MAIN(TestRecordDialog)
#include "tst_recorddialog.moc"
