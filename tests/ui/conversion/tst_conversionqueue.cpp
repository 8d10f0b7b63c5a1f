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

private:
    qint64 insert(Entity entity, const QVariantMap &values);
    QVariant leadValue(qint64 id, const char *field);
    ConversionQueueDialog *openQueue(const QList<qint64> &ids);

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

ConversionQueueDialog *TestConversionQueue::openQueue(const QList<qint64> &ids)
{
    m_queue = std::make_unique<ConversionQueueDialog>(ids, m_connection);
    m_queue->setPrompter(m_prompter);
    m_queue->show();
    if (!QTest::qWaitForWindowActive(m_queue.get()))
        qWarning("queue not active");
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

QTEST_MAIN(TestConversionQueue)
#include "tst_conversionqueue.moc"
