// The Owner field of a form, as a rep uses it: a new record is theirs, the users are offered
// and completed as they type, and a name that is no user yet is asked about before it is
// saved (added, or back to the form). Also the first-start question and Assign to…'s
// dialog, driven through their real buttons.

#include "records/assignownerdialog.h"
#include "records/ownerpicker.h"
#include "records/recorddialog.h"
#include "records/recordform.h"
#include "storage/database.h"
#include "storage/owner.h"
#include "storage/recordstore.h"
#include "storage/userdirectory.h"
#include "support/scriptedprompter.h"
#include "window/userdialog.h"
#include "support/engines.h"

#include <QAbstractItemModelTester>
#include <QCompleter>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestOwnerPicker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void aNewRecordIsTheCurrentUsers();
    void theUsersAreOfferedAndCompleted();
    void anUnknownOwnerIsAskedAbout_data();
    void anUnknownOwnerIsAskedAbout();
    void theFirstStartDialogSuggestsTheSystemName();
    void theFirstStartDialogPicksAListedUser();
    void assignToNeedsAUser();

private:
    RecordDialog *open(Entity entity, qint64 id);
    QTemporaryDir m_dir;
    QString m_connection;
    std::shared_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<RecordDialog> m_dialog;
    int m_run = 0;
};

void TestOwnerPicker::init()
{
    qputenv("RAPPORT_USER", "Grace Hopper");
    m_connection = QStringLiteral("owner%1").arg(++m_run);
    const QString location = Engines::location(m_dir.filePath(m_connection + ".sqlite"));
    QCOMPARE(Database::open(location, m_connection), QString());
    QString error;
    for (const char *name : {"Ada Lovelace", "Alan Turing", "Grace Hopper"})
        QVERIFY(UserDirectory(m_connection).add(name, {}, &error));
    m_prompter = std::make_shared<ScriptedPrompter>();
}

void TestOwnerPicker::cleanup()
{
    m_dialog.reset();
    QCOMPARE(m_prompter->unexpected, 0);
    Database::close(m_connection);
}

RecordDialog *TestOwnerPicker::open(Entity entity, qint64 id)
{
    m_dialog = std::make_unique<RecordDialog>(entity, id, m_connection);
    m_dialog->setPrompter(m_prompter);
    m_dialog->show();
    return m_dialog.get();
}

void TestOwnerPicker::aNewRecordIsTheCurrentUsers()
{
    // GIVEN a new deal's form
    RecordDialog *d = open(Entity::Deal, 0);
    auto *owner = d->findChild<OwnerPicker *>("owner");
    QVERIFY(owner);
    QCOMPARE(owner->currentText(), QString("Grace Hopper"));
    // WHEN it is saved as it stands
    QTest::keyClicks(d->findChild<QLineEdit *>("deal_name"), "Engines");
    QSignalSpy saved(d, &RecordDialog::saved);
    QTest::mouseClick(d->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
    // THEN it is hers, without a question
    QCOMPARE(saved.size(), 1);
    const auto deal = RecordStore(m_connection).load(Entity::Deal, saved.first().at(1).toLongLong());
    QCOMPARE(deal->value("owner").toString(), QString("Grace Hopper"));
    QVERIFY(m_prompter->asked.isEmpty());
}

void TestOwnerPicker::theUsersAreOfferedAndCompleted()
{
    RecordDialog *d = open(Entity::Lead, 0);
    auto *owner = d->findChild<OwnerPicker *>("owner");
    QStringList offered;
    for (int i = 0; i < owner->count(); ++i)
        offered << owner->itemText(i);
    QCOMPARE(offered, (QStringList{"Ada Lovelace", "Alan Turing", "Grace Hopper"}));
    QAbstractItemModelTester tester(owner->completer()->completionModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Part of a surname, in any case, finds the user.
    owner->lineEdit()->clear();
    QTest::keyClicks(owner->lineEdit(), "TUR");
    QCOMPARE(owner->completer()->completionCount(), 1);
    QCOMPARE(owner->completer()->currentCompletion(), QString("Alan Turing"));
    // A known name in another case is saved as the user spells it.
    owner->lineEdit()->clear();
    QTest::keyClicks(owner->lineEdit(), "ada lovelace");
    QTest::keyClicks(d->findChild<QLineEdit *>("last_name"), "Byron");
    QVERIFY(d->save());
    QVERIFY(m_prompter->asked.isEmpty());
    QCOMPARE(RecordStore(m_connection).load(Entity::Lead, d->recordId())->value("owner").toString(),
             QString("Ada Lovelace"));
    QCOMPARE(RecordStore(m_connection).load(Entity::Lead, d->recordId())->value("lead_status")
                 .toString(), QString("Not Contacted")); // and a new lead has the default status
}

void TestOwnerPicker::anUnknownOwnerIsAskedAbout_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("saved");
    QTest::newRow("added") << "Add User" << true;
    QTest::newRow("back to the form") << "Go Back" << false;
}

void TestOwnerPicker::anUnknownOwnerIsAskedAbout()
{
    QFETCH(QString, answer);
    QFETCH(bool, saved);
    RecordDialog *d = open(Entity::Contact, 0);
    auto *owner = d->findChild<OwnerPicker *>("owner");
    owner->lineEdit()->clear();
    QTest::keyClicks(owner->lineEdit(), "Charles Babbage");
    QTest::keyClicks(d->findChild<QLineEdit *>("last_name"), "Menabrea");
    m_prompter->answers << answer;
    QCOMPARE(d->save(), saved);
    QCOMPARE(m_prompter->asked.size(), 1);
    QVERIFY(m_prompter->asked.first().text.contains("Charles Babbage"));
    QCOMPARE(UserDirectory(m_connection).findByName("charles babbage").has_value(), saved);
    QCOMPARE(RecordStore(m_connection).count(Entity::Contact), saved ? 1 : 0);
    if (!saved)
        QVERIFY(d->isVisible() && d->form()->isModified()); // nothing typed is lost
}

void TestOwnerPicker::theFirstStartDialogSuggestsTheSystemName()
{
    UserDialog dialog(m_connection, UserDialog::Purpose::FirstStart);
    dialog.show();
    auto *name = dialog.findChild<QComboBox *>("userNameCombo");
    auto *email = dialog.findChild<QLineEdit *>("userEmailEdit");
    auto *ok = dialog.findChild<QPushButton *>("okButton");
    QCOMPARE(name->currentText(), systemUserName());
    // A new name takes an email; an empty one cannot go on.
    name->lineEdit()->clear();
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(name->lineEdit(), "Charles Babbage");
    QVERIFY(ok->isEnabled() && email->isEnabled());
    QTest::keyClicks(email, "charles@example.org");
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.name(), QString("Charles Babbage"));
    QCOMPARE(dialog.email(), QString("charles@example.org"));
}

void TestOwnerPicker::theFirstStartDialogPicksAListedUser()
{
    UserDialog dialog(m_connection, UserDialog::Purpose::Switch);
    dialog.show();
    auto *name = dialog.findChild<QComboBox *>("userNameCombo");
    QCOMPARE(name->currentText(), QString("Grace Hopper")); // who works now
    name->setCurrentIndex(name->findText("Alan Turing"));
    QVERIFY(!dialog.findChild<QLineEdit *>("userEmailEdit")->isEnabled()); // has one already
    QTest::mouseClick(dialog.findChild<QPushButton *>("okButton"), Qt::LeftButton);
    QCOMPARE(dialog.name(), QString("Alan Turing"));
    QCOMPARE(dialog.email(), QString());
    UserDialog cancelled(m_connection, UserDialog::Purpose::Switch);
    cancelled.show();
    QTest::mouseClick(cancelled.findChild<QPushButton *>("cancelButton"), Qt::LeftButton);
    QCOMPARE(cancelled.result(), int(QDialog::Rejected));
}

void TestOwnerPicker::assignToNeedsAUser()
{
    AssignOwnerDialog dialog(Entity::Lead, 3, m_connection);
    dialog.show();
    auto *assign = dialog.findChild<QPushButton *>("assignButton");
    auto *picker = dialog.findChild<OwnerPicker *>("assignOwnerPicker");
    QVERIFY(!assign->isEnabled()); // nobody chosen yet
    QTest::keyClicks(picker->lineEdit(), "Alan Turing");
    QVERIFY(assign->isEnabled());
    QTest::mouseClick(assign, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.owner(), QString("Alan Turing"));
}

QTEST_MAIN(TestOwnerPicker)
#include "tst_ownerpicker.moc"
