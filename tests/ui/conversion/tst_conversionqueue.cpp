// Converting several leads at once: each lead with its suggested match, Enter accepts it, the
// full wizard is a button away, and one report at the end counts what was converted, skipped
// and failed, with the reasons.
#include "window/conversionactions.h"
#include "conversion/conversionqueuedialog.h"
#include "conversion/conversionwizard.h"
#include "storage/database.h"
#include "window/mainwindow.h"
#include "storage/recordstore.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "support/scriptedprompter.h"
#include "support/wizarddriver.h"
#include "support/engines.h"
#include "support/threadgate.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace Rapport;

class TestConversionQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void enterAcceptsEachSuggestionAndOneReportCounts();
    void wizardForOneLeadAndSkipForAnother();
    void severalSelectedLeadsOpenTheQueueFromTheMainWindow();
    void showsAtOnceAndEnterWaitsForTheCurrentSuggestionOnly();
    void theLeadTheRepIsOnIsSuggestedFirst();
    void aLeadConvertedMeanwhileIsCaughtByTheConverter();

private:
    qint64 insert(Entity entity, const QVariantMap &values);
    QVariant leadValue(qint64 id, const char *field);
    // Shows the queue; with `suggested`, waits until every row has its suggestion.
    ConversionQueueDialog *openQueue(const QList<qint64> &ids, bool suggested = true);

    QTemporaryDir m_dir;
    QString m_connection;
    QString m_path;
    std::shared_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<ConversionQueueDialog> m_queue;
    int m_run = 0;
};

void TestConversionQueue::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_conversionqueue");
    QSettings().clear();
}

void TestConversionQueue::init()
{
    m_connection = QString("queue%1").arg(++m_run);
    m_path = Engines::location(m_dir.filePath(m_connection + ".sqlite"));
    QVERIFY(Database::open(m_path, m_connection).isEmpty());
    m_prompter = std::make_shared<ScriptedPrompter>();
}

void TestConversionQueue::cleanup()
{
    m_queue.reset();
    QCOMPARE(m_prompter->unexpected, 0);
    if (QSqlDatabase::contains(m_connection))
        Database::close(m_connection);
}

qint64 TestConversionQueue::insert(Entity entity, const QVariantMap &values)
{
    return RecordStore(m_connection).insert(entity, values).id;
}

QVariant TestConversionQueue::leadValue(qint64 id, const char *field)
{
    return RecordStore(m_connection).load(Entity::Lead, id)->value(field);
}

ConversionQueueDialog *TestConversionQueue::openQueue(const QList<qint64> &ids, bool suggested)
{
    m_queue = std::make_unique<ConversionQueueDialog>(ids, m_connection);
    m_queue->setPrompter(m_prompter);
    m_queue->show();
    if (!QTest::qWaitForWindowActive(m_queue.get()))
        qWarning("queue not active");
    if (suggested && !QTest::qWaitFor([this] { return m_queue->hasAllSuggestions(); }))
        qWarning("suggestions never came");
    return m_queue.get();
}

void TestConversionQueue::enterAcceptsEachSuggestionAndOneReportCounts()
{
    // GIVEN a lead whose company exists, a new company, and a consumer
    const qint64 acme = insert(Entity::Account, {{"account_name", "Acme Inc"}});
    const qint64 a = insert(Entity::Lead, {{"last_name", "Coyote"}, {"company", "ACME"}});
    const qint64 b = insert(Entity::Lead, {{"last_name", "Runner"}, {"company", "Road Co"}});
    const qint64 c = insert(Entity::Lead, {{"last_name", "Consumer"}});
    ConversionQueueDialog *queue = openQueue({a, b, c});
    int deals = 0; // the second conversion fails at its deal
    queue->setStepHook([&deals](const QString &step) {
        return step == "deal" && ++deals == 2 ? QString("The disk is full.") : QString();
    });
    auto *table = queue->findChild<QTableWidget *>("queueTable");
    QCOMPARE(table->rowCount(), 3);
    QVERIFY2(table->item(0, 1)->text().contains("existing account “Acme Inc”"),
             qPrintable(table->item(0, 1)->text()));
    QVERIFY(table->item(1, 1)->text().contains("new account “Road Co”"));
    QVERIFY(table->item(2, 1)->text().contains("no account"));
    QSignalSpy converted(queue, &ConversionQueueDialog::converted);
    // WHEN the rep presses Enter on each row
    m_prompter->answers = {"OK"};
    table->setFocus();
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(table, Qt::Key_Return);
    // THEN one report: two converted, one failed with its reason
    QCOMPARE(converted.size(), 2);
    QCOMPARE(m_prompter->asked.size(), 1);
    const Question report = m_prompter->asked.first();
    QVERIFY2(report.text.contains("Converted 2 lead"), qPrintable(report.text));
    QVERIFY(report.text.contains("Skipped 0"));
    QVERIFY(report.text.contains("1 failed"));
    QVERIFY2(report.details.contains("Runner") && report.details.contains("The disk is full."),
             qPrintable(report.details));
    QVERIFY(!queue->isVisible());
    QCOMPARE(leadValue(a, "converted_account_id").toLongLong(), acme);
    QVERIFY(leadValue(b, "converted_at").isNull());
    QVERIFY(!leadValue(c, "converted_at").isNull());
    QVERIFY(leadValue(c, "converted_account_id").isNull());
}

void TestConversionQueue::wizardForOneLeadAndSkipForAnother()
{
    const qint64 a = insert(Entity::Lead, {{"last_name", "Lamarr"}, {"company", "MGM"}});
    const qint64 b = insert(Entity::Lead, {{"last_name", "Noether"}, {"company", "Erlangen"}});
    ConversionQueueDialog *queue = openQueue({a, b});
    QSignalSpy converted(queue, &ConversionQueueDialog::converted);
    QTest::mouseClick(queue->findChild<QPushButton *>("wizardButton"), Qt::LeftButton);
    ConversionWizard *wizard = queue->findChild<ConversionWizard *>();
    QVERIFY(wizard);
    QTRY_VERIFY(wizard->isVisible());
    QCOMPARE(wizard->leadId(), a);
    auto *name = wizard->findChild<QLineEdit *>("accountNameEdit");
    name->setText("Metro-Goldwyn-Mayer");
    WizardDriver::nextTo(wizard, ConversionWizard::SummaryPageId);
    WizardDriver::click(wizard, QWizard::FinishButton);
    QCOMPARE(converted.size(), 1);
    auto *table = queue->findChild<QTableWidget *>("queueTable");
    QCOMPARE(table->item(0, 2)->text(), QString("Converted"));
    // The row says what the rep chose in the wizard, not the suggestion it replaced.
    QVERIFY2(table->item(0, 1)->text().contains("Metro-Goldwyn-Mayer"), qPrintable(table->item(0, 1)->text()));
    QCOMPARE(table->currentRow(), 1); // on to the next lead
    m_prompter->answers = {"OK"};
    QTest::mouseClick(queue->findChild<QPushButton *>("skipButton"), Qt::LeftButton);
    QCOMPARE(m_prompter->asked.size(), 1);
    QVERIFY(m_prompter->asked.first().text.contains("Converted 1 lead"));
    QVERIFY(m_prompter->asked.first().isReport); // an information icon: nothing to decide
    QVERIFY(m_prompter->asked.first().text.contains("Skipped 1"));
    QCOMPARE(RecordStore(m_connection).nameOf(Entity::Account,
                                              leadValue(a, "converted_account_id").toLongLong()),
             QString("Metro-Goldwyn-Mayer"));
    QVERIFY(leadValue(b, "converted_at").isNull());
}

void TestConversionQueue::severalSelectedLeadsOpenTheQueueFromTheMainWindow()
{
    insert(Entity::Lead, {{"last_name", "Curie"}, {"company", "Sorbonne"}});
    insert(Entity::Lead, {{"last_name", "Meitner"}, {"company", "KWI"}});
    Database::close(m_connection);
    MainWindow window;
    QVERIFY(window.openDatabase(m_path));
    window.findChild<ConversionActions *>()->setPrompter(m_prompter);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    RecordTab *leads = window.tab(Entity::Lead);
    window.findChild<QTabWidget *>("recordTabs")->setCurrentWidget(leads);
    QTRY_COMPARE(leads->model()->rowCount(), 2); // the tab reads in the background
    leads->view()->setFocus();
    leads->view()->selectAll();
    QTest::keyClick(&window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    ConversionQueueDialog *queue = nullptr;
    QTRY_VERIFY((queue = window.findChild<ConversionQueueDialog *>()) != nullptr);
    QTRY_VERIFY(queue->isActiveWindow());
    QTRY_VERIFY(queue->hasAllSuggestions()); // Enter on one still coming waits for it
    m_prompter->answers = {"OK"};
    auto *table = queue->findChild<QTableWidget *>("queueTable");
    QTest::keyClick(table, Qt::Key_Enter);
    QTest::keyClick(table, Qt::Key_Enter);
    QCOMPARE(m_prompter->asked.size(), 1);
    QTRY_COMPARE(leads->model()->rowCount(), 0);
    QTRY_COMPARE(window.tab(Entity::Contact)->model()->rowCount(), 2);
    // Each conversion can be undone on its own.
    QCOMPARE(window.findChild<QUndoStack *>()->count(), 2);
    QTRY_VERIFY(!window.findChild<ConversionQueueDialog *>()); // closed and gone
    window.activateWindow(); // the offscreen platform does not give it back by itself
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QTRY_COMPARE(leads->model()->rowCount(), 1);
}

void TestConversionQueue::showsAtOnceAndEnterWaitsForTheCurrentSuggestionOnly()
{
    // GIVEN a lead whose company exists, and the queue's background work held at its start
    const qint64 acme = insert(Entity::Account, {{"account_name", "Acme Inc"}});
    const qint64 a = insert(Entity::Lead, {{"last_name", "Coyote"}, {"company", "ACME"}});
    const qint64 b = insert(Entity::Lead, {{"last_name", "Runner"}, {"company", "Road Co"}});
    WorkerGate gate;
    ConversionQueueDialog *queue = openQueue({a, b}, false);
    QVERIFY(gate.waitUntilHeld());
    // THEN the queue is up with both rows still finding their matches, the window free
    auto *table = queue->findChild<QTableWidget *>("queueTable");
    QVERIFY(queue->isVisible());
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 1)->text(), QString("Finding matches…"));
    QCOMPARE(table->item(1, 1)->text(), QString("Finding matches…"));
    bool ticked = false;
    QTimer::singleShot(0, queue, [&ticked] { ticked = true; });
    QTRY_VERIFY(ticked);
    // WHEN the rep presses Enter on the first lead before its suggestion is there
    QSignalSpy converted(queue, &ConversionQueueDialog::converted);
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Return);
    // THEN nothing is converted yet, the queue says it is finding that lead's matches and
    // the window still turns
    QVERIFY(leadValue(a, "converted_at").isNull());
    QCOMPARE(converted.size(), 0);
    QCOMPARE(queue->findChild<QLabel *>("queueStatus")->text(),
             QString("Finding matches for this lead…"));
    ticked = false;
    QTimer::singleShot(0, queue, [&ticked] { ticked = true; });
    QTRY_VERIFY(ticked);
    // WHEN the suggestion comes: the lead is converted into the matched account, once
    gate.open();
    QTRY_COMPARE(converted.size(), 1);
    QCOMPARE(converted.first().first().value<ConversionPlan>().leadId, a);
    QCOMPARE(leadValue(a, "converted_account_id").toLongLong(), acme);
    QVERIFY(table->item(0, 1)->text().contains("existing account “Acme Inc”"));
    QCOMPARE(table->item(0, 2)->text(), QString("Converted"));
    QCOMPARE(table->currentRow(), 1); // on to the next lead, which waits for Enter
    QTRY_VERIFY(queue->hasAllSuggestions());
    QVERIFY(leadValue(b, "converted_at").isNull());
    m_prompter->answers = {"OK"};
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(converted.size(), 2);
    QCOMPARE(m_prompter->asked.size(), 1);
    QVERIFY2(m_prompter->asked.first().text.contains("Converted 2 lead"),
             qPrintable(m_prompter->asked.first().text));
}

void TestConversionQueue::theLeadTheRepIsOnIsSuggestedFirst()
{
    QList<qint64> ids;
    for (const char *name : {"Ada", "Grace", "Hedy"})
        ids << insert(Entity::Lead, {{"last_name", name}, {"company", "Analytical"}});
    WorkerGate gate;
    ConversionQueueDialog *queue = openQueue(ids, false);
    QVERIFY(gate.waitUntilHeld());
    auto *table = queue->findChild<QTableWidget *>("queueTable");
    QList<int> filled; // the rows in the order their suggestions came
    connect(table, &QTableWidget::itemChanged, this, [&filled](QTableWidgetItem *item) {
        if (item->column() == 1)
            filled << item->row();
    });
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(table->model()->index(2, 0)).center());
    QCOMPARE(table->currentRow(), 2);
    gate.open();
    QTRY_VERIFY(queue->hasAllSuggestions());
    QCOMPARE(filled.size(), 3);
    QCOMPARE(filled.first(), 2);
    QCOMPARE(table->item(2, 0)->text(), RecordStore(m_connection).nameOf(Entity::Lead, ids[2]));
}

void TestConversionQueue::aLeadConvertedMeanwhileIsCaughtByTheConverter()
{
    const qint64 a = insert(Entity::Lead, {{"last_name", "Hopper"}, {"company", "Navy"}});
    ConversionQueueDialog *queue = openQueue({a});
    // Another window converts the lead after the queue suggested it.
    const Converter other(m_connection);
    QVERIFY(other.convert(*other.suggest(a)).ok());
    m_prompter->answers = {"OK"};
    auto *table = queue->findChild<QTableWidget *>("queueTable");
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(m_prompter->asked.size(), 1);
    QVERIFY2(m_prompter->asked.first().text.contains("1 failed"),
             qPrintable(m_prompter->asked.first().text));
    QVERIFY2(m_prompter->asked.first().details.contains("already converted"),
             qPrintable(m_prompter->asked.first().details));
}

QTEST_MAIN(TestConversionQueue)
#include "tst_conversionqueue.moc"
