// Lead conversion from the main window: Ctrl+Shift+C (and the leads table's context menu)
// opens the wizard, the converted lead leaves the Leads view, Ctrl+Z unconverts it at once,
// Unconvert… later says what blocks and lets the rep choose, and a converted lead's record
// window links to what it became.
#include "window/conversionactions.h"
#include "conversion/conversionwizard.h"
#include "conversion/converter.h"
#include "storage/database.h"
#include "window/mainwindow.h"
#include "records/recorddialog.h"
#include "storage/recordstore.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "support/scriptedprompter.h"
#include "support/wizarddriver.h"
#include "support/engines.h"

#include <QAction>
#include <QComboBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QLabel>
#include <QRegularExpression>
#include <QTest>
#include <QUndoStack>

using namespace Rapport;

class TestConversionActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void shortcutConvertsAndLeadLeavesTheLeadsView();
    void undoUnconvertsAndRedoConvertsAgain();
    void undoAsksWhenLaterWorkWouldBeLost();
    void unconvertLaterSaysWhatBlocksAndLetsChoose();
    void convertedLeadLinksToWhatItBecame();
    void aNoticeSaysWhatTheLeadBecameWithLinks();

private:
    void convertThroughWizard();
    int rows(Entity entity) { return m_window->tab(entity)->model()->rowCount(); }
    QAction *action(const char *name) { return m_window->findChild<QAction *>(name); }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    std::shared_ptr<ScriptedPrompter> m_prompter;
    qint64 m_lead = 0;
    int m_run = 0;
};

void TestConversionActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_conversionactions");
    QSettings().clear();
}

void TestConversionActions::init()
{
    const QString path = Engines::location(
        m_dir.filePath(QString("actions%1.sqlite").arg(++m_run)));
    QVERIFY(Database::open(path, "setup").isEmpty());
    m_lead = RecordStore("setup").insert(Entity::Lead, {{"first_name", "Grace"},
                                                        {"last_name", "Hopper"},
                                                        {"company", "Navy"},
                                                        {"email", "grace@navy.example"}}).id;
    Database::close("setup");
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openDatabase(path));
    m_prompter = std::make_shared<ScriptedPrompter>();
    m_window->findChild<ConversionActions *>()->setPrompter(m_prompter);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->findChild<QTabWidget *>("recordTabs")->setCurrentWidget(m_window->tab(Entity::Lead));
}

void TestConversionActions::cleanup()
{
    m_window.reset();
    QCOMPARE(m_prompter->unexpected, 0);
}

void TestConversionActions::convertThroughWizard()
{
    RecordTab *leads = m_window->tab(Entity::Lead);
    QVERIFY(leads->selectId(m_lead));
    leads->view()->setFocus();
    QTRY_VERIFY(action("convertLeadAction")->isEnabled()); // once the selection is made
    QTest::keyClick(m_window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    ConversionWizard *wizard = nullptr;
    QTRY_VERIFY((wizard = m_window->findChild<ConversionWizard *>()) != nullptr);
    QVERIFY(wizard->isVisible());
    WizardDriver::nextTo(wizard, ConversionWizard::SummaryPageId);
    WizardDriver::click(wizard, QWizard::FinishButton);
    QVERIFY(!wizard->isVisible());
}

void TestConversionActions::shortcutConvertsAndLeadLeavesTheLeadsView()
{
    // The leads table offers Convert on its context menu too.
    QVERIFY(m_window->tab(Entity::Lead)->view()->actions().contains(action("convertLeadAction")));
    QTRY_COMPARE(rows(Entity::Lead), 1);
    convertThroughWizard();
    // THEN every tab reloaded: the lead left the active view; the new records are listed
    QTRY_COMPARE(rows(Entity::Lead), 0);
    QTRY_COMPARE(rows(Entity::Contact), 1);
    QTRY_COMPARE(rows(Entity::Account), 1);
    QTRY_COMPARE(rows(Entity::Deal), 1);
    // ... and the lead is findable under the Converted filter
    auto *filter = m_window->tab(Entity::Lead)->findChild<QComboBox *>("convertedFilter");
    filter->setCurrentIndex(filter->findText("Converted"));
    QTRY_COMPARE(rows(Entity::Lead), 1);
}

void TestConversionActions::undoUnconvertsAndRedoConvertsAgain()
{
    convertThroughWizard();
    QAction *undo = action("undoAction");
    QVERIFY(undo->isEnabled());
    QVERIFY2(undo->text().contains("Grace Hopper"), qPrintable(undo->text()));
    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
    // THEN the lead is back and what the conversion made is gone, without a question
    QTRY_COMPARE(rows(Entity::Lead), 1);
    QTRY_COMPARE(rows(Entity::Contact), 0);
    QTRY_COMPARE(rows(Entity::Account), 0);
    QTRY_COMPARE(rows(Entity::Deal), 0);
    QVERIFY(m_prompter->asked.isEmpty());
    QVERIFY(RecordStore(m_window->connectionName()).load(Entity::Lead, m_lead)
                ->value("converted_at").isNull());
    // Redo converts it again with the same choices.
    QVERIFY(action("redoAction")->isEnabled());
    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(rows(Entity::Lead), 0);
    QTRY_COMPARE(rows(Entity::Contact), 1);
}

void TestConversionActions::undoAsksWhenLaterWorkWouldBeLost()
{
    convertThroughWizard();
    const QString connection = m_window->connectionName();
    const qint64 contact = RecordStore(connection).load(Entity::Lead, m_lead)
                               ->value("converted_contact_id").toLongLong();
    QVERIFY(RecordStore(connection).update(Entity::Contact, contact, {{"title", "Admiral"}}).ok());
    // WHEN the rep presses Ctrl+Z and cancels the question
    m_prompter->answers = {"Cancel"};
    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
    // THEN the question said what would be lost, the lead stays converted, and the step is
    // gone from the stack (Unconvert… remains)
    QCOMPARE(m_prompter->asked.size(), 1);
    QVERIFY(!m_prompter->asked.first().details.isEmpty());
    QVERIFY(!RecordStore(connection).load(Entity::Lead, m_lead)->value("converted_at").isNull());
    QCOMPARE(m_window->findChild<QUndoStack *>()->count(), 0);
}

void TestConversionActions::unconvertLaterSaysWhatBlocksAndLetsChoose()
{
    // GIVEN a lead converted earlier whose contact was edited since
    const QString connection = m_window->connectionName();
    const Converter converter(connection);
    const ConversionResult r = converter.convert(*converter.suggest(m_lead));
    QVERIFY(r.ok());
    QVERIFY(RecordStore(connection).update(Entity::Contact, r.contactId,
                                           {{"title", "Rear Admiral"}}).ok());
    auto *filter = m_window->tab(Entity::Lead)->findChild<QComboBox *>("convertedFilter");
    filter->setCurrentIndex(filter->findText("Converted"));
    QVERIFY(m_window->tab(Entity::Lead)->selectId(m_lead));
    QAction *unconvert = action("unconvertLeadAction");
    QTRY_VERIFY(unconvert->isEnabled()); // once the converted leads have loaded
    QVERIFY(!action("convertLeadAction")->isEnabled()); // it is converted already
    // WHEN the rep cancels, nothing happens
    m_prompter->answers = {"Cancel"};
    unconvert->trigger();
    QVERIFY(!RecordStore(connection).load(Entity::Lead, m_lead)->value("converted_at").isNull());
    // THEN the question named what would be lost
    QCOMPARE(m_prompter->asked.size(), 1);
    QVERIFY(!m_prompter->asked.first().details.isEmpty());
    // WHEN the rep keeps the later work
    m_prompter->answers = {"Keep Later Work"};
    unconvert->trigger();
    QVERIFY(RecordStore(connection).load(Entity::Lead, m_lead)->value("converted_at").isNull());
    QCOMPARE(RecordStore(connection).load(Entity::Contact, r.contactId)->value("title").toString(),
             QString("Rear Admiral"));
    // The kept contact keeps its account; the untouched deal is undone.
    QVERIFY(RecordStore(connection).exists(Entity::Account, r.accountId));
    QVERIFY(!RecordStore(connection).exists(Entity::Deal, r.dealId));
    QTRY_COMPARE(rows(Entity::Lead), 0); // the Converted view no longer shows it
}

void TestConversionActions::convertedLeadLinksToWhatItBecame()
{
    convertThroughWizard();
    RecordDialog dialog(Entity::Lead, m_lead, m_window->connectionName());
    dialog.show();
    auto *contact = dialog.findChild<QPushButton *>("convertedContactLink");
    QVERIFY(contact);
    QVERIFY(contact->isVisible());
    QVERIFY2(contact->text().contains("Grace Hopper"), qPrintable(contact->text()));
    QVERIFY(dialog.findChild<QPushButton *>("convertedAccountLink")->text().contains("Navy"));
    QTest::mouseClick(contact, Qt::LeftButton);
    RecordDialog *opened = nullptr;
    for (RecordDialog *d : dialog.findChildren<RecordDialog *>()) {
        if (d->entity() == Entity::Contact)
            opened = d;
    }
    QVERIFY(opened);
    QVERIFY(opened->isVisible());
}

void TestConversionActions::aNoticeSaysWhatTheLeadBecameWithLinks()
{
    auto *notice = m_window->findChild<QWidget *>("noticeBar");
    QVERIFY(notice);
    QVERIFY(!notice->isVisible());
    convertThroughWizard();
    // THEN the window says what was made, instead of the lead just vanishing
    QTRY_VERIFY(notice->isVisible());
    auto *text = notice->findChild<QLabel *>("noticeText");
    const QString html = text->text();
    QVERIFY2(html.contains("Grace Hopper") && html.contains("new contact")
                 && html.contains("new account") && html.contains("new deal"),
             qPrintable(html));
    // WHEN the rep follows the contact's link THEN the contact opens
    const QRegularExpression contactLink("href=\"(record:contacts/\\d+)\"");
    const QRegularExpressionMatch m = contactLink.match(html);
    QVERIFY2(m.hasMatch(), qPrintable(html));
    Q_EMIT text->linkActivated(m.captured(1));
    RecordDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<RecordDialog *>()) != nullptr);
    QVERIFY(dialog->windowTitle().contains("Grace Hopper"));
    dialog->reject();
}

QTEST_MAIN(TestConversionActions)
#include "tst_conversionactions.moc"
