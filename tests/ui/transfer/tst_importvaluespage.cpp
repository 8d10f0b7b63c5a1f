// The import wizard's values page, driven as a user does: it comes after the mapping only
// when a picklist column holds values outside its list, preselects what they likely mean,
// takes the user's choices by keyboard, imports them, and brings them back for the next file
// with the same headers.
#include "support/importwizardfixture.h"
#include "records/recordtypes.h"
#include "storage/picklists.h"
#include "transfer/importvaluespage.h"

#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>

using namespace Rapport;

class TestImportValuesPage : public QObject, private ImportWizardFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }
    void skippedWhenEveryValueIsListed();
    void choicesAreImported();
    void choicesAreRemembered();
    void keptOrAddedComesBackAsChosen();
    void tabWalksTheChoices();

private:
    void nextToValues(ImportWizard *wizard);
    static QComboBox *choiceFor(ImportWizard *wizard, const QString &value);
    QString value(const QString &email, const char *column);
};

namespace {

const QByteArray FromOtherCrm = "Last Name,Email,Lead Source,Rating\r\n"
                                "Alpha,a@x.example,cold-call,Hot\r\n"
                                "Beta,b@x.example,Kaltakquise,Lukewarm\r\n"
                                "Gamma,c@x.example,Golf Club,lukewarm\r\n"
                                "Delta,d@x.example,Cold-Call,\r\n";

} // namespace

void TestImportValuesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_importvaluespage");
    QSettings().clear();
}

void TestImportValuesPage::nextToValues(ImportWizard *wizard)
{
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(ImportWizard::MappingPageId));
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(ImportWizard::ValuesPageId));
}

QComboBox *TestImportValuesPage::choiceFor(ImportWizard *wizard, const QString &value)
{
    auto *table = wizard->findChild<QTableWidget *>("valuesTable");
    for (int row = 0; table && row < table->rowCount(); ++row) {
        if (table->item(row, 1)->text() == value)
            return table->findChild<QComboBox *>(QStringLiteral("valueChoice%1").arg(row));
    }
    return nullptr;
}

QString TestImportValuesPage::value(const QString &email, const char *column)
{
    QSqlQuery q(QSqlDatabase::database(m_db));
    q.prepare(QStringLiteral("SELECT %1 FROM leads WHERE email = ?").arg(column));
    q.addBindValue(email);
    return q.exec() && q.next() ? q.value(0).toString() : QStringLiteral("<no such lead>");
}

void TestImportValuesPage::skippedWhenEveryValueIsListed()
{
    // GIVEN a file whose picklist values are all in the lists, in any case
    auto wizard = openWizard(writeFile("listed.csv", "Last Name,Lead Source,Rating\r\n"
                                                     "Alpha,trade show,HOT\r\nBeta,,Cold\r\n"));
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    // WHEN the mapping is confirmed THEN the check comes next, and the import is as before
    runToEnd(wizard.get());
    QCOMPARE(leadCount(), 2);
}

void TestImportValuesPage::choicesAreImported()
{
    // GIVEN leads from another CRM
    auto wizard = openWizard(writeFile("other.csv", FromOtherCrm));
    nextToValues(wizard.get());
    // THEN each value outside its list is listed once, with its rows and a likely choice
    auto *table = wizard->findChild<QTableWidget *>("valuesTable");
    QCOMPARE(table->rowCount(), 4);
    QComboBox *coldCall = choiceFor(wizard.get(), "cold-call");
    QVERIFY(coldCall);
    QCOMPARE(table->item(table->indexAt(coldCall->pos()).row(), 2)->text(), QString("2"));
    QCOMPARE(coldCall->currentData().toString(), QString("Cold Call"));
    QCOMPARE(choiceFor(wizard.get(), "Kaltakquise")->currentData().toString(),
             QString("Cold Call"));
    QVERIFY(!coldCall->accessibleName().isEmpty());
    // AND a value nothing fits is offered to be added to the list
    QComboBox *golf = choiceFor(wizard.get(), "Golf Club");
    QCOMPARE(golf->currentData().toString(), QString("Golf Club"));
    QCOMPARE(golf->currentText(), QString("Add “Golf Club” to the list"));
    QVERIFY(golf->findText("Keep “Golf Club” on these rows only") > golf->currentIndex());
    // WHEN the user leaves Lukewarm empty (the last choice, by keyboard)
    QComboBox *lukewarm = choiceFor(wizard.get(), "Lukewarm");
    lukewarm->setFocus();
    QTest::keyClick(lukewarm, Qt::Key_End);
    QCOMPARE(lukewarm->currentText(), QString("Leave empty"));
    // AND imports
    runToEnd(wizard.get());
    // THEN the records hold the chosen values
    QCOMPARE(leadCount(), 4);
    QCOMPARE(value("a@x.example", "lead_source"), QString("Cold Call"));
    QCOMPARE(value("b@x.example", "lead_source"), QString("Cold Call"));
    QCOMPARE(value("d@x.example", "lead_source"), QString("Cold Call"));
    QCOMPARE(value("c@x.example", "lead_source"), QString("Golf Club"));
    QCOMPARE(value("b@x.example", "rating"), QString());
    QCOMPARE(value("c@x.example", "rating"), QString());
    QCOMPARE(value("a@x.example", "rating"), QString("Hot"));
    // AND the value added is on the list that forms and filters offer, the one left empty not
    Picklists lists(m_db);
    QVERIFY(lists.values(*findField(Entity::Lead, "lead_source")).contains("Golf Club"));
    QVERIFY(!lists.values(*findField(Entity::Lead, "rating")).contains("Lukewarm"));
}

void TestImportValuesPage::choicesAreRemembered()
{
    // GIVEN the user answered for a file once: Golf Club is a Partner, Lukewarm nothing
    {
        auto wizard = openWizard(writeFile("first.csv", FromOtherCrm));
        nextToValues(wizard.get());
        QComboBox *golf = choiceFor(wizard.get(), "Golf Club");
        golf->setCurrentIndex(golf->findData("Partner"));
        QComboBox *lukewarm = choiceFor(wizard.get(), "Lukewarm");
        lukewarm->setCurrentIndex(lukewarm->findText("Leave empty"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ImportWizard::CheckPageId));
    }
    // WHEN the next file with the same headers comes
    auto wizard = openWizard(writeFile("second.csv", "last name,EMAIL,Lead Source,Rating\r\n"
                                                     "Eta,e@x.example,golf club,Lukewarm\r\n"
                                                     "Theta,t@x.example,Messe,\r\n"));
    nextToValues(wizard.get());
    // THEN its values come up answered as before, and new ones with their suggestion
    QCOMPARE(choiceFor(wizard.get(), "golf club")->currentData().toString(), QString("Partner"));
    QCOMPARE(choiceFor(wizard.get(), "Lukewarm")->currentText(), QString("Leave empty"));
    QCOMPARE(choiceFor(wizard.get(), "Messe")->currentData().toString(), QString("Trade Show"));
    runToEnd(wizard.get());
    QCOMPARE(value("e@x.example", "lead_source"), QString("Partner"));
    QCOMPARE(value("t@x.example", "lead_source"), QString("Trade Show"));
    QCOMPARE(value("e@x.example", "rating"), QString());
}

void TestImportValuesPage::keptOrAddedComesBackAsChosen()
{
    QSettings().clear();
    // GIVEN the user kept Golf Club on its rows only and added Kaltakquise to the list
    {
        auto wizard = openWizard(writeFile("kept.csv", FromOtherCrm));
        nextToValues(wizard.get());
        QComboBox *golf = choiceFor(wizard.get(), "Golf Club");
        golf->setCurrentIndex(golf->findText("Keep “Golf Club” on these rows only"));
        QComboBox *kalt = choiceFor(wizard.get(), "Kaltakquise");
        kalt->setCurrentIndex(kalt->findText("Add “Kaltakquise” to the list"));
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(ImportWizard::CheckPageId));
    }
    // WHEN the next file with the same headers comes
    auto wizard = openWizard(writeFile("kept2.csv", "Last Name,Email,Lead Source,Rating\r\n"
                                                    "Iota,i@x.example,golf club,Hot\r\n"
                                                    "Kappa,k@x.example,kaltakquise,Hot\r\n"));
    nextToValues(wizard.get());
    // THEN each comes up answered as chosen, not both as "add"
    QCOMPARE(choiceFor(wizard.get(), "golf club")->currentText(),
             QString("Keep “golf club” on these rows only"));
    QCOMPARE(choiceFor(wizard.get(), "kaltakquise")->currentText(),
             QString("Add “kaltakquise” to the list"));
    // AND importing keeps the one off the list
    runToEnd(wizard.get());
    QCOMPARE(value("i@x.example", "lead_source"), QString("golf club"));
    Picklists lists(m_db);
    const QStringList sources = lists.values(*findField(Entity::Lead, "lead_source"));
    QVERIFY(!sources.contains("golf club", Qt::CaseInsensitive));
    QVERIFY(sources.contains("kaltakquise", Qt::CaseInsensitive));
}

void TestImportValuesPage::tabWalksTheChoices()
{
    auto wizard = openWizard(writeFile("tab.csv", FromOtherCrm));
    nextToValues(wizard.get());
    QVERIFY(QTest::qWaitForWindowActive(wizard.get()));
    auto *first = wizard->findChild<QComboBox *>("valueChoice0");
    QTRY_VERIFY(first->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QVERIFY(wizard->findChild<QComboBox *>("valueChoice1")->hasFocus());
}

QTEST_MAIN(TestImportValuesPage)
#include "tst_importvaluespage.moc"
