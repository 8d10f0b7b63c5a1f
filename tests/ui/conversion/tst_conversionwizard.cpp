// The conversion wizard driven as a rep drives it: through its real Next, Back, Cancel and
// Convert buttons. GIVEN a lead (and maybe records it matches), WHEN the rep makes choices
// on the pages, THEN the database holds exactly what was chosen, or nothing changed.
#include "conversion/conversionmapping.h"
#include "conversion/conversionwizard.h"
#include "storage/database.h"
#include "conversion/mergetable.h"
#include "support/dbsnapshot.h"
#include "storage/recordstore.h"
#include "support/scriptedprompter.h"
#include "support/wizarddriver.h"
#include "support/engines.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Rapport;

class TestConversionWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void newAccountContactAndDeal();
    void exactAccountMatchIsPreselectedAndLinked();
    void anyOtherAccountCanBeLinked();
    void b2cLeadHasNoAccount();
    void mergeWritesTheChosenValues();
    void backAndCancelLeaveTheDatabaseUnchanged();
    void cancelOnEveryPageLeavesTheDatabaseUnchanged_data();
    void cancelOnEveryPageLeavesTheDatabaseUnchanged();
    void droppedFieldsAreFlaggedAndMappingSaved();
    void injectedFailureShowsWhyAndLeavesTheLead();

private:
    qint64 insert(Entity entity, const QVariantMap &values);
    QVariantMap load(Entity entity, qint64 id);
    ConversionWizard *openWizard(qint64 leadId);
    void click(QWizard::WizardButton which) { WizardDriver::click(m_wizard.get(), which); }
    void nextTo(int pageId) { WizardDriver::nextTo(m_wizard.get(), pageId); }
    void check(const char *name) { WizardDriver::check(child<QAbstractButton>(name)); }
    template<typename T> T *child(const char *name)
    {
        return m_wizard->findChild<T *>(QLatin1String(name));
    }
    int count(const QString &table);

    QTemporaryDir m_dir;
    QString m_connection;
    std::shared_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<ConversionWizard> m_wizard;
    int m_run = 0;
};

void TestConversionWizard::init()
{
    m_connection = QStringLiteral("wizard%1").arg(++m_run);
    const QString location = Engines::location(m_dir.filePath(m_connection + ".sqlite"));
    const QString e = Database::open(location, m_connection);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    m_prompter = std::make_shared<ScriptedPrompter>();
}

void TestConversionWizard::cleanup()
{
    m_wizard.reset();
    QCOMPARE(m_prompter->unexpected, 0);
    Database::close(m_connection);
}

qint64 TestConversionWizard::insert(Entity entity, const QVariantMap &values)
{
    const WriteResult w = RecordStore(m_connection).insert(entity, values);
    if (!w.ok())
        qWarning() << w.error << w.fieldErrors.size();
    return w.id;
}

QVariantMap TestConversionWizard::load(Entity entity, qint64 id)
{
    return RecordStore(m_connection).load(entity, id).value_or(QVariantMap());
}

int TestConversionWizard::count(const QString &table)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table));
    return q.next() ? q.value(0).toInt() : -1;
}

ConversionWizard *TestConversionWizard::openWizard(qint64 leadId)
{
    m_wizard = std::make_unique<ConversionWizard>(leadId, m_connection);
    m_wizard->setPrompter(m_prompter);
    m_wizard->show();
    if (!QTest::qWaitForWindowExposed(m_wizard.get()))
        qWarning("wizard not exposed");
    return m_wizard.get();
}

void TestConversionWizard::newAccountContactAndDeal()
{
    // GIVEN a lead from a company Rapport does not know
    const qint64 lead = insert(Entity::Lead, {{"first_name", "Ada"}, {"last_name", "Lovelace"},
                                              {"company", "Analytical Engines Ltd"},
                                              {"email", "ada@engines.example"},
                                              {"phone", "+44 20 7946 0000"}});
    ConversionWizard *w = openWizard(lead);
    QSignalSpy converted(w, &ConversionWizard::converted);
    QVERIFY(child<QRadioButton>("newAccountRadio")->isChecked());
    QCOMPARE(child<QLineEdit>("accountNameEdit")->text(), QString("Analytical Engines Ltd"));
    // WHEN the rep renames the account, keeps a new contact, gives the deal an amount
    QLineEdit *name = child<QLineEdit>("accountNameEdit");
    name->selectAll();
    QTest::keyClicks(name, "Analytical Engines");
    click(QWizard::NextButton);
    QCOMPARE(w->currentId(), int(ConversionWizard::ContactPageId));
    QVERIFY(child<QRadioButton>("newContactRadio")->isChecked());
    click(QWizard::NextButton);
    QVERIFY(child<QCheckBox>("createDealCheck")->isChecked());
    QCOMPARE(child<QLineEdit>("dealNameEdit")->text(), QString("Analytical Engines Ltd – Lovelace"));
    QTest::keyClicks(child<QLineEdit>("dealAmountEdit"), "1500");
    nextTo(ConversionWizard::SummaryPageId);
    QVERIFY(child<QLabel>("summaryError")->text().isEmpty());
    QCOMPARE(count("accounts"), 0); // the summary's preview wrote nothing
    click(QWizard::FinishButton);
    // THEN the three records exist, linked, and the lead points to them
    QCOMPARE(w->result(), int(QDialog::Accepted));
    QCOMPARE(converted.size(), 1);
    const QVariantMap l = load(Entity::Lead, lead);
    QVERIFY(!l.value("converted_at").isNull());
    const QVariantMap account = load(Entity::Account, l.value("converted_account_id").toLongLong());
    QCOMPARE(account.value("account_name").toString(), QString("Analytical Engines"));
    const QVariantMap contact = load(Entity::Contact, l.value("converted_contact_id").toLongLong());
    QCOMPARE(contact.value("last_name").toString(), QString("Lovelace"));
    QCOMPARE(contact.value("account_id"), account.value("id"));
    const QVariantMap deal = load(Entity::Deal, l.value("converted_deal_id").toLongLong());
    QCOMPARE(deal.value("deal_name").toString(), QString("Analytical Engines Ltd – Lovelace"));
    QCOMPARE(deal.value("amount").toDouble(), 1500.0);
    QCOMPARE(deal.value("closing_date").toString(),
             ConversionPlan::endOfQuarter(QDate::currentDate()).toString(Qt::ISODate));
}

void TestConversionWizard::exactAccountMatchIsPreselectedAndLinked()
{
    // GIVEN an account that is the lead's company once "Inc" and case are ignored
    const qint64 acme = insert(Entity::Account, {{"account_name", "Acme Inc"},
                                                 {"website", "https://acme.example"}});
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Coyote"}, {"company", "ACME"},
                                              {"email", "wile@acme.example"}});
    QVERIFY(openWizard(lead));
    // THEN it is preselected, visibly, with the reason it matched
    auto *candidates = child<QTreeWidget>("accountCandidates");
    QVERIFY(child<QRadioButton>("existingAccountRadio")->isChecked());
    QVERIFY(candidates->currentItem());
    QCOMPARE(candidates->currentItem()->text(0), QString("Acme Inc"));
    QVERIFY(!candidates->currentItem()->text(2).isEmpty());
    QVERIFY(child<QLabel>("accountNote")->text().contains("Acme Inc"));
    // ... and, field by field, what linking merges into it: the account keeps its name
    auto *merge = child<MergeTable>("accountMergeTable");
    QVERIFY(merge->isVisible());
    const int nameRow = merge->rowOf("account_name");
    QVERIFY(nameRow >= 0);
    QCOMPARE(merge->item(nameRow, MergeTable::ResultColumn)->text(), QString("Acme Inc"));
    // WHEN the rep switches to a new account and back, by clicking the candidate
    check("newAccountRadio");
    QVERIFY(!child<QRadioButton>("existingAccountRadio")->isChecked());
    QTest::mouseClick(candidates->viewport(), Qt::LeftButton, {},
                      candidates->visualItemRect(candidates->topLevelItem(0)).center());
    QVERIFY(child<QRadioButton>("existingAccountRadio")->isChecked());
    // WHEN the rep takes the lead's spelling of the name instead
    auto *nameChoice = qobject_cast<QComboBox *>(merge->cellWidget(nameRow, MergeTable::ChoiceColumn));
    nameChoice->setCurrentIndex(nameChoice->findData(int(MergeChoice::Lead)));
    QCOMPARE(merge->item(nameRow, MergeTable::ResultColumn)->text(), QString("ACME"));
    nextTo(ConversionWizard::SummaryPageId);
    click(QWizard::FinishButton);
    // THEN the lead is linked to it, renamed as chosen, and no duplicate account exists
    QCOMPARE(count("accounts"), 1);
    QCOMPARE(load(Entity::Account, acme).value("account_name").toString(), QString("ACME"));
    const QVariantMap l = load(Entity::Lead, lead);
    QCOMPARE(l.value("converted_account_id").toLongLong(), acme);
    QCOMPARE(load(Entity::Contact, l.value("converted_contact_id").toLongLong()).value("account_id")
                 .toLongLong(), acme);
}

void TestConversionWizard::anyOtherAccountCanBeLinked()
{
    // GIVEN an account the lead's company does not match at all
    const qint64 globex = insert(Entity::Account, {{"account_name", "Globex Corporation"}});
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Scorpio"}, {"company", "Hank's Hammocks"}});
    openWizard(lead);
    QVERIFY(child<QRadioButton>("newAccountRadio")->isChecked());
    QCOMPARE(child<QTreeWidget>("accountCandidates")->topLevelItemCount(), 0);
    // WHEN the rep names it in the picker
    auto *picker = child<QComboBox>("otherAccountPicker");
    QTest::keyClicks(picker->lineEdit(), "globex corporation");
    QVERIFY(child<QRadioButton>("existingAccountRadio")->isChecked());
    nextTo(ConversionWizard::SummaryPageId);
    click(QWizard::FinishButton);
    // THEN the lead is linked to it
    QCOMPARE(load(Entity::Lead, lead).value("converted_account_id").toLongLong(), globex);
    QCOMPARE(count("accounts"), 1);
}

void TestConversionWizard::b2cLeadHasNoAccount()
{
    const qint64 lead = insert(Entity::Lead, {{"first_name", "Carla"}, {"last_name", "Consumer"},
                                              {"email", "carla@mail.example"}});
    ConversionWizard *w = openWizard(lead);
    QVERIFY(child<QRadioButton>("noAccountRadio")->isChecked());
    QVERIFY(!child<QRadioButton>("newAccountRadio")->isEnabled());
    nextTo(ConversionWizard::SummaryPageId);
    click(QWizard::FinishButton);
    QCOMPARE(w->result(), int(QDialog::Accepted));
    QCOMPARE(count("accounts"), 0);
    const QVariantMap l = load(Entity::Lead, lead);
    QVERIFY(l.value("converted_account_id").isNull());
    const QVariantMap contact = load(Entity::Contact, l.value("converted_contact_id").toLongLong());
    QVERIFY(contact.value("account_id").isNull());
    QCOMPARE(load(Entity::Deal, l.value("converted_deal_id").toLongLong()).value("deal_name")
                 .toString(), QString("Carla Consumer"));
}

void TestConversionWizard::mergeWritesTheChosenValues()
{
    // GIVEN a contact with the lead's email address (another case), a title and a source
    const qint64 ada = insert(Entity::Contact, {{"first_name", "Ada"}, {"last_name", "Lovelace"},
                                                {"email", "ADA@engines.example"},
                                                {"title", "Countess"},
                                                {"lead_source", "Cold Call"}});
    const qint64 lead = insert(Entity::Lead, {{"first_name", "Ada"}, {"last_name", "Lovelace"},
                                              {"email", "ada@engines.example"},
                                              {"title", "Mathematician"},
                                              {"lead_source", "Advertisement"},
                                              {"mobile", "+44 7700 900123"}});
    openWizard(lead);
    click(QWizard::NextButton);
    // THEN the contact is preselected for a merge, lead / existing / result side by side
    QVERIFY(child<QRadioButton>("mergeContactRadio")->isChecked());
    QVERIFY(child<QLabel>("contactNote")->text().contains("Ada Lovelace"));
    auto *table = child<MergeTable>("mergeTable");
    const int titleRow = table->rowOf("title");
    QVERIFY(titleRow >= 0 && table->rowOf("lead_source") >= 0);
    auto *titleChoice = qobject_cast<QComboBox *>(table->cellWidget(titleRow, MergeTable::ChoiceColumn));
    QVERIFY(titleChoice);
    QCOMPARE(titleChoice->currentData().toInt(), int(MergeChoice::FillEmpty)); // the default
    QCOMPARE(table->item(titleRow, 1)->text(), QString("Mathematician"));
    QCOMPARE(table->item(titleRow, 2)->text(), QString("Countess"));
    QCOMPARE(table->item(titleRow, 4)->text(), QString("Countess"));
    // WHEN the rep takes the lead's title and keeps the rest as "fill empty only"
    titleChoice->setCurrentIndex(titleChoice->findData(int(MergeChoice::Lead)));
    QCOMPARE(table->item(titleRow, 4)->text(), QString("Mathematician"));
    nextTo(ConversionWizard::SummaryPageId);
    // THEN the summary lists each change to the contact, before and after
    auto *summary = child<QTreeWidget>("summaryTree");
    const auto updates = summary->findItems("Title: Countess → Mathematician",
                                            Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(updates.size(), 1);
    QTreeWidgetItem *contactChanges = updates.first()->parent();
    for (int i = 0; i < contactChanges->childCount(); ++i) // the kept source is no change
        QVERIFY(!contactChanges->child(i)->text(0).startsWith("Lead Source"));
    click(QWizard::FinishButton);
    // THEN no second contact; the chosen title, the kept source, the filled-in mobile
    QCOMPARE(count("contacts"), 1);
    const QVariantMap contact = load(Entity::Contact, ada);
    QCOMPARE(contact.value("title").toString(), QString("Mathematician"));
    QCOMPARE(contact.value("lead_source").toString(), QString("Cold Call"));
    QCOMPARE(contact.value("mobile").toString(), QString("+44 7700 900123"));
    QCOMPARE(load(Entity::Lead, lead).value("converted_contact_id").toLongLong(), ada);
}

void TestConversionWizard::backAndCancelLeaveTheDatabaseUnchanged()
{
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Babbage"}, {"company", "Difference Ltd"},
                                              {"lead_status", "Contacted"}});
    const auto before = dbSnapshot(m_connection);
    ConversionWizard *w = openWizard(lead);
    QVERIFY(!w->button(QWizard::BackButton)->isVisible()); // nothing to go back to
    child<QLineEdit>("accountNameEdit")->setText("Difference Engines");
    nextTo(ConversionWizard::DealPageId);
    check("createDealCheck");
    nextTo(ConversionWizard::SummaryPageId);
    // Back from every page, and the choices made are still there
    for (int page : {ConversionWizard::MappingPageId, ConversionWizard::DealPageId,
                     ConversionWizard::ContactPageId, ConversionWizard::AccountPageId}) {
        click(QWizard::BackButton);
        QCOMPARE(w->currentId(), page);
    }
    QCOMPARE(child<QLineEdit>("accountNameEdit")->text(), QString("Difference Engines"));
    QVERIFY(!child<QCheckBox>("createDealCheck")->isChecked());
    nextTo(ConversionWizard::SummaryPageId);
    COMPARE_SNAPSHOTS(dbSnapshot(m_connection), before);
    click(QWizard::CancelButton);
    QCOMPARE(w->result(), int(QDialog::Rejected));
    QVERIFY(!w->isVisible());
    COMPARE_SNAPSHOTS(dbSnapshot(m_connection), before);
}

void TestConversionWizard::cancelOnEveryPageLeavesTheDatabaseUnchanged_data()
{
    QTest::addColumn<int>("page");
    QTest::newRow("account") << int(ConversionWizard::AccountPageId);
    QTest::newRow("contact") << int(ConversionWizard::ContactPageId);
    QTest::newRow("deal") << int(ConversionWizard::DealPageId);
    QTest::newRow("mapping") << int(ConversionWizard::MappingPageId);
    QTest::newRow("summary") << int(ConversionWizard::SummaryPageId);
}

void TestConversionWizard::cancelOnEveryPageLeavesTheDatabaseUnchanged()
{
    QFETCH(int, page);
    insert(Entity::Account, {{"account_name", "Difference Ltd"}});
    insert(Entity::Contact, {{"last_name", "Babbage"}, {"email", "charles@difference.example"}});
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Babbage"}, {"company", "Difference"},
                                              {"email", "charles@difference.example"}});
    const auto before = dbSnapshot(m_connection);
    ConversionWizard *w = openWizard(lead);
    nextTo(page);
    click(QWizard::CancelButton);
    QCOMPARE(w->result(), int(QDialog::Rejected));
    COMPARE_SNAPSHOTS(dbSnapshot(m_connection), before);
}

void TestConversionWizard::droppedFieldsAreFlaggedAndMappingSaved()
{
    // GIVEN a lead with a status (mapped nowhere by default), a rating (goes to the deal)
    // and a description (goes to the contact)
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Hopper"}, {"company", "Navy"},
                                              {"lead_status", "Contacted"}, {"rating", "Hot"},
                                              {"description", "Met at the fair"}});
    openWizard(lead);
    nextTo(ConversionWizard::DealPageId);
    check("createDealCheck"); // no deal
    click(QWizard::NextButton);
    // THEN the status and the rating are flagged before anything is written
    auto *table = child<QTableWidget>("mappingTable");
    auto rowOf = [&](const QString &field) {
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, 0)->data(Qt::UserRole).toString() == field)
                return r;
        }
        return -1;
    };
    QVERIFY(table->item(rowOf("lead_status"), 5)->text().contains("Dropped"));
    QVERIFY(table->item(rowOf("rating"), 5)->text().contains("Dropped"));
    QVERIFY(table->item(rowOf("description"), 5)->text().isEmpty());
    const QString label = child<QLabel>("droppedLabel")->text();
    QVERIFY2(label.contains("Lead Status") && label.contains("Rating"), qPrintable(label));
    QVERIFY(!label.contains("Description"));
    // WHEN the rep sends the description nowhere
    table->item(rowOf("description"), 2)->setCheckState(Qt::Unchecked);
    QVERIFY(table->item(rowOf("description"), 5)->text().contains("Dropped"));
    QVERIFY(child<QLabel>("droppedLabel")->text().contains("Description"));
    // ... and saves that as the team's default
    QTest::mouseClick(child<QPushButton>("saveMappingButton"), Qt::LeftButton);
    QVERIFY(!child<QLabel>("mappingSavedLabel")->text().isEmpty());
    QCOMPARE(ConversionMapping::teamDefault(m_connection).targets("description"), Targets());
    // THEN the summary lists what is lost, and the contact gets no description
    click(QWizard::NextButton);
    auto *summary = child<QTreeWidget>("summaryTree");
    QStringList lost;
    for (int i = 0; i < summary->topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = summary->topLevelItem(i);
        if (section->data(0, Qt::UserRole).toString() == "dropped") {
            for (int c = 0; c < section->childCount(); ++c)
                lost << section->child(c)->text(0);
        }
    }
    QCOMPARE(lost.size(), 3);
    click(QWizard::FinishButton);
    const QVariantMap l = load(Entity::Lead, lead);
    QVERIFY(load(Entity::Contact, l.value("converted_contact_id").toLongLong())
                .value("description").isNull());
}

void TestConversionWizard::injectedFailureShowsWhyAndLeavesTheLead()
{
    const qint64 lead = insert(Entity::Lead, {{"last_name", "Turing"}, {"company", "Bletchley"}});
    const auto before = dbSnapshot(m_connection);
    ConversionWizard *w = openWizard(lead);
    w->setStepHook([](const QString &step) {
        return step == "deal" ? QString("The disk is full.") : QString();
    });
    nextTo(ConversionWizard::SummaryPageId);
    click(QWizard::FinishButton);
    // THEN the reason is shown, the wizard stays open, and nothing was written
    QCOMPARE(m_prompter->warnings.size(), 1);
    QVERIFY(m_prompter->warnings.first().contains("The disk is full."));
    QVERIFY(w->isVisible());
    QCOMPARE(w->currentId(), int(ConversionWizard::SummaryPageId));
    COMPARE_SNAPSHOTS(dbSnapshot(m_connection), before);
    QVERIFY(load(Entity::Lead, lead).value("converted_at").isNull());
    // ... and once the cause is gone, Convert works from where the rep stands
    w->setStepHook({});
    click(QWizard::FinishButton);
    QVERIFY(!load(Entity::Lead, lead).value("converted_at").isNull());
}

QTEST_MAIN(TestConversionWizard)
#include "tst_conversionwizard.moc"
