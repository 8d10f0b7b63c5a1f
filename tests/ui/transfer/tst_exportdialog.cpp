// File › Export… on a tab: the rows the tab shows (search and filter applied) and its
// visible columns in order, Record Id first, with the formula guard on by default; the
// guard switched off, semicolons and a byte order mark; the selected rows only; what the
// file is for (Excel or another program) setting those options, and remembered.
#include "csv/csvdialect.h"
#include "csv/csvreader.h"
#include "vcard/vcardreader.h"
#include "xlsx/xlsxreader.h"
#include "storage/database.h"
#include "transfer/exportdialog.h"
#include "storage/recordstore.h"
#include "records/recordtab.h"
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"
#include "support/scriptedprompter.h"
#include "support/engines.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestExportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void filteredTabExportsExactlyTheRowsShown();
    void guardOffSemicolonAndBom();
    void selectedRowsOnly();
    void everyLabelShowsItsMnemonicOnly();
    void anotherProgramGetsPlainCsv();
    void excelGetsItsLocalesDelimiter();
    void workbookAndAddressBook();

private:
    QList<QStringList> exportFile(RecordTab *tab, const std::function<void(ExportDialog *)> &set,
                                  const CsvDialect &dialect = {});
    QList<qint64> shownIds(RecordTab *tab);

    QTemporaryDir m_dir;
    QString m_db;
    int m_serial = 0;
    QList<qint64> m_acmeContacted;
};

void TestExportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_exportdialog");
    QSettings().clear();
}

void TestExportDialog::init()
{
    m_db = QStringLiteral("exp%1").arg(++m_serial);
    QVERIFY(Database::open(Engines::location(m_dir.filePath(m_db + ".sqlite")), m_db).isEmpty());
    RecordStore store(m_db);
    m_acmeContacted.clear();
    struct Lead { const char *first, *last, *company, *status; };
    const Lead leads[] = {
        {"=HYPERLINK(\"http://evil.example\")", "Lovelace", "Acme Corp", "Contacted"},
        {"Alan", "Turing", "Acme Corp", "Contacted"},
        {"Grace", "Hopper", "Acme Corp", "Not Contacted"},
        {"Linus", "Torvalds", "Globex", "Contacted"},
        {"Ken", "+Thompson", "Initech", "Contacted"},
    };
    for (const Lead &l : leads) {
        const WriteResult r = store.insert(Entity::Lead, {{"first_name", l.first},
                                                          {"last_name", l.last},
                                                          {"company", l.company},
                                                          {"lead_status", l.status}});
        QVERIFY2(r.ok(), qPrintable(r.error));
        if (QByteArray(l.company) == "Acme Corp" && QByteArray(l.status) == "Contacted")
            m_acmeContacted << r.id;
    }
}

void TestExportDialog::cleanup()
{
    Database::close(m_db);
}

QList<qint64> TestExportDialog::shownIds(RecordTab *tab)
{
    return tab->model()->idsInRows(0, tab->model()->rowCount());
}

// Opens the dialog on `tab`, lets `set` choose, clicks Export and reads the file back.
QList<QStringList> TestExportDialog::exportFile(RecordTab *tab,
                                                const std::function<void(ExportDialog *)> &set,
                                                const CsvDialect &dialect)
{
    auto prompter = std::make_shared<ScriptedPrompter>();
    ExportDialog dialog(tab, m_db, prompter);
    dialog.show();
    const QString path = m_dir.filePath(QStringLiteral("export%1.csv").arg(++m_serial));
    dialog.findChild<QLineEdit *>("exportPathEdit")->setText(path);
    set(&dialog);
    QTest::mouseClick(dialog.findChild<QPushButton *>("exportButton"), Qt::LeftButton);
    auto *status = dialog.findChild<QLabel *>("exportStatus");
    [&] {
        QVERIFY(QTest::qWaitFor([&] {
            return status->text().contains("exported") || !prompter->warnings.isEmpty();
        }, 5000));
    }();
    [&] { QVERIFY2(prompter->warnings.isEmpty(), qPrintable(prompter->warnings.join('\n'))); }();
    QFile file(path);
    QList<QStringList> rows;
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    CsvReader reader(&file, dialect);
    QStringList cells;
    while (reader.readRecord(cells))
        rows << cells;
    [&] { QVERIFY2(!reader.hasError(), qPrintable(reader.errorString())); }();
    [&] {
        QVERIFY2(status->text().startsWith(QString("%1 record").arg(rows.size() - 1)),
                 qPrintable(status->text()));
    }();
    return rows;
}

void TestExportDialog::filteredTabExportsExactlyTheRowsShown()
{
    // GIVEN the leads tab searching "acme" and showing contacted leads only, Phone hidden
    RecordTab tab(Entity::Lead, m_db);
    tab.show();
    auto *status = tab.findChild<QComboBox *>("statusFilter");
    status->setCurrentIndex(status->findData("Contacted"));
    QTest::keyClicks(tab.findChild<QLineEdit *>("searchEdit"), "acme");
    QTest::keyClick(tab.findChild<QLineEdit *>("searchEdit"), Qt::Key_Return);
    QTRY_COMPARE(tab.model()->rowCount(), 2);
    QCOMPARE(shownIds(&tab), m_acmeContacted);
    const int phone = fieldIndex(Entity::Lead, "phone");
    tab.view()->horizontalHeader()->setSectionHidden(phone, true);
    QStringList visible;
    for (int v = 0; v < tab.view()->horizontalHeader()->count(); ++v) {
        const int logical = tab.view()->horizontalHeader()->logicalIndex(v);
        if (!tab.view()->horizontalHeader()->isSectionHidden(logical))
            visible << tab.model()->headerData(logical, Qt::Horizontal).toString();
    }
    // WHEN it is exported with the dialog's defaults
    const QList<QStringList> rows = exportFile(&tab, [](ExportDialog *d) {
        QVERIFY(d->findChild<QRadioButton *>("rowsShownRadio")->isChecked());
        QVERIFY(d->findChild<QCheckBox *>("formulaGuardCheck")->isChecked());
    });
    // THEN the file has exactly the rows shown, Record Id first, the visible columns
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0], QStringList{"Record Id"} + visible);
    QVERIFY(!rows[0].contains("Phone"));
    QCOMPARE(rows[1][0].toLongLong(), m_acmeContacted[0]);
    QCOMPARE(rows[2][0].toLongLong(), m_acmeContacted[1]);
    // AND the formula in a name is neutralised
    const qsizetype first = rows[0].indexOf("First Name");
    QCOMPARE(rows[1][first], QString("'=HYPERLINK(\"http://evil.example\")"));
    QCOMPARE(rows[2][first], QString("Alan"));
}

void TestExportDialog::guardOffSemicolonAndBom()
{
    // GIVEN the whole tab
    RecordTab tab(Entity::Lead, m_db);
    QTRY_COMPARE(tab.model()->rowCount(), 5);
    // WHEN all leads and fields are exported with semicolons, a BOM and no formula guard
    CsvDialect semicolon;
    semicolon.delimiter = ';';
    const QList<QStringList> rows = exportFile(&tab, [](ExportDialog *d) {
        d->findChild<QRadioButton *>("rowsAllRadio")->setChecked(true);
        d->findChild<QRadioButton *>("columnsAllRadio")->setChecked(true);
        auto *delimiter = d->findChild<QComboBox *>("exportDelimiterCombo");
        delimiter->setCurrentIndex(delimiter->findData(QChar(';')));
        d->findChild<QCheckBox *>("bomCheck")->setChecked(true);
        d->findChild<QCheckBox *>("formulaGuardCheck")->setChecked(false);
    }, semicolon);
    // THEN every field is there, with where converted leads went, and the cells are as
    // stored
    QCOMPARE(rows.size(), 6);
    const qsizetype conversionColumns = 1 + 2 * entityDef(Entity::Lead).links.size();
    QCOMPARE(rows[0].size(), entityDef(Entity::Lead).fields.size() + 1 + conversionColumns);
    QCOMPARE(rows[0].last(), QString("Converted Deal Id"));
    const qsizetype last = rows[0].indexOf("Last Name");
    QVERIFY(last > 0);
    QCOMPARE(rows[5][last], QString("+Thompson"));
    QFile file(m_dir.filePath(QStringLiteral("export%1.csv").arg(m_serial)));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(3) == QByteArray("\xEF\xBB\xBF"));
}

void TestExportDialog::selectedRowsOnly()
{
    // GIVEN two selected rows
    RecordTab tab(Entity::Lead, m_db);
    tab.show();
    QTRY_COMPARE(tab.model()->rowCount(), 5);
    tab.view()->selectRow(1);
    tab.view()->selectionModel()->select(tab.model()->index(3, 0),
                                         QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QList<qint64> selected = tab.selectedIds();
    QCOMPARE(selected.size(), 2);
    // WHEN the selected rows are exported
    const QList<QStringList> rows = exportFile(&tab, [](ExportDialog *d) {
        auto *radio = d->findChild<QRadioButton *>("rowsSelectedRadio");
        QVERIFY(radio->isEnabled());
        radio->setChecked(true);
    });
    // THEN only they are in the file
    QCOMPARE(rows.size(), 3);
    QCOMPARE((QList<qint64>{rows[1][0].toLongLong(), rows[2][0].toLongLong()}), selected);
}

void TestExportDialog::everyLabelShowsItsMnemonicOnly()
{
    // A label with "&" and no buddy shows the ampersand itself ("&Save as:").
    RecordTab tab(Entity::Lead, m_db);
    ExportDialog dialog(&tab, m_db, std::make_shared<ScriptedPrompter>());
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->text().contains('&'))
            QVERIFY2(label->buddy(), qPrintable(label->text()));
    }
    auto *path = dialog.findChild<QLineEdit *>("exportPathEdit");
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTest::keyClick(&dialog, Qt::Key_S, Qt::AltModifier);
    QTRY_VERIFY(path->hasFocus());
}

void TestExportDialog::anotherProgramGetsPlainCsv()
{
    // GIVEN a new user (nothing remembered) on the leads tab
    QSettings().clear();
    RecordTab tab(Entity::Lead, m_db);
    QTRY_COMPARE(tab.model()->rowCount(), 5);
    // WHEN the file is for another program
    const QList<QStringList> rows = exportFile(&tab, [](ExportDialog *d) {
        auto *excel = d->findChild<QRadioButton *>("purposeExcelRadio");
        QVERIFY(excel->isChecked()); // the guarded file first
        QVERIFY(d->findChild<QCheckBox *>("bomCheck")->isChecked());
        QTest::mouseClick(d->findChild<QRadioButton *>("purposePlainRadio"), Qt::LeftButton);
        // THEN the options under the choice follow it
        QVERIFY(!d->findChild<QCheckBox *>("formulaGuardCheck")->isChecked());
        QVERIFY(!d->findChild<QCheckBox *>("bomCheck")->isChecked());
        auto *delimiter = d->findChild<QComboBox *>("exportDelimiterCombo");
        QCOMPARE(delimiter->currentData().value<QChar>(), QChar(','));
    });
    // AND the file is plain: no byte order mark, the name that starts with "+" as stored
    const qsizetype last = rows[0].indexOf("Last Name");
    QCOMPARE(rows[5][last], QString("+Thompson"));
    QFile file(m_dir.filePath(QStringLiteral("export%1.csv").arg(m_serial)));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(9), QByteArray("Record Id"));
    // AND the next export starts from that choice
    ExportDialog again(&tab, m_db, std::make_shared<ScriptedPrompter>());
    QVERIFY(again.findChild<QRadioButton *>("purposePlainRadio")->isChecked());
    QVERIFY(!again.options().formulaGuard);
    QVERIFY(!again.options().bom);
}

void TestExportDialog::excelGetsItsLocalesDelimiter()
{
    // GIVEN a user whose numbers read 1.234,5 (German), last exporting for another program
    QSettings().setValue("export/purpose", "plain");
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    RecordTab tab(Entity::Lead, m_db);
    QTRY_COMPARE(tab.model()->rowCount(), 5);
    // WHEN the file is for Excel
    CsvDialect semicolon;
    semicolon.delimiter = ';';
    const QList<QStringList> rows = exportFile(&tab, [](ExportDialog *d) {
        QTest::mouseClick(d->findChild<QRadioButton *>("purposeExcelRadio"), Qt::LeftButton);
        // THEN it is what a German Excel opens: semicolons, a byte order mark, guarded
        const ExportOptions o = d->options();
        QCOMPARE(o.delimiter, QChar(';'));
        QVERIFY(o.bom);
        QVERIFY(o.formulaGuard);
    }, semicolon);
    QLocale::setDefault(before);
    const qsizetype last = rows[0].indexOf("Last Name");
    QVERIFY(last > 0);
    QCOMPARE(rows[5][last], QString("'+Thompson"));
    QFile file(m_dir.filePath(QStringLiteral("export%1.csv").arg(m_serial)));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(3), QByteArray("\xEF\xBB\xBF"));
    QCOMPARE(ExportDialog::excelDelimiter(QLocale(QLocale::English, QLocale::UnitedStates)),
             QChar(','));
    QCOMPARE(QSettings().value("export/purpose").toString(), QString("excel"));
}

void TestExportDialog::workbookAndAddressBook()
{
    // GIVEN the leads tab, and a path typed for a CSV file
    RecordTab leads(Entity::Lead, m_db);
    QTRY_COMPARE(leads.model()->rowCount(), 5);
    auto prompter = std::make_shared<ScriptedPrompter>();
    {
        ExportDialog dialog(&leads, m_db, prompter);
        dialog.show();
        QVERIFY(!dialog.findChild<QRadioButton *>("purposeAddressBookRadio")); // contacts only
        auto *path = dialog.findChild<QLineEdit *>("exportPathEdit");
        path->setText(m_dir.filePath("leads.csv"));
        // WHEN the file is to be a workbook
        QTest::mouseClick(dialog.findChild<QRadioButton *>("purposeWorkbookRadio"), Qt::LeftButton);
        // THEN it is named as one, and the CSV options are not offered
        QCOMPARE(path->text(), m_dir.filePath("leads.xlsx"));
        QVERIFY(!dialog.findChild<QCheckBox *>("formulaGuardCheck")->isEnabled());
        QTest::mouseClick(dialog.findChild<QPushButton *>("exportButton"), Qt::LeftButton);
        auto *status = dialog.findChild<QLabel *>("exportStatus");
        QTRY_VERIFY(status->text().contains("exported") || !prompter->warnings.isEmpty());
        QVERIFY2(prompter->warnings.isEmpty(), qPrintable(prompter->warnings.join('\n')));
    }
    // AND Excel reads "+Thompson" as the text it is, with no apostrophe before it
    XlsxReader workbook;
    QCOMPARE(workbook.open(m_dir.filePath("leads.xlsx")), QString());
    QStringList header, row;
    QVERIFY(workbook.readRecord(header));
    QStringList names;
    while (workbook.readRecord(row))
        names << row.value(header.indexOf("Last Name"));
    QVERIFY2(names.contains("+Thompson") && names.size() == 5, qPrintable(names.join(',')));

    // GIVEN a contact at an account
    RecordStore store(m_db);
    const qint64 acme = store.insert(Entity::Account, {{"account_name", "Acme Corp"}}).id;
    QVERIFY(store.insert(Entity::Contact, {{"first_name", "Ada"}, {"last_name", "Lovelace"},
                                           {"account_id", acme}, {"email", "ada@acme.example"}})
                .ok());
    RecordTab contacts(Entity::Contact, m_db);
    QTRY_COMPARE(contacts.model()->rowCount(), 1);
    ExportDialog dialog(&contacts, m_db, prompter);
    dialog.show();
    dialog.findChild<QLineEdit *>("exportPathEdit")->setText(m_dir.filePath("people"));
    // WHEN the contacts go to an address book
    QTest::mouseClick(dialog.findChild<QRadioButton *>("purposeAddressBookRadio"), Qt::LeftButton);
    QCOMPARE(dialog.findChild<QLineEdit *>("exportPathEdit")->text(), m_dir.filePath("people.vcf"));
    QTest::mouseClick(dialog.findChild<QPushButton *>("exportButton"), Qt::LeftButton);
    auto *status = dialog.findChild<QLabel *>("exportStatus");
    QTRY_VERIFY(status->text().contains("exported") || !prompter->warnings.isEmpty());
    // THEN it is a vCard file with her card, her company the account's name
    QFile file(m_dir.filePath("people.vcf"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    VCardReader cards(&file);
    QStringList card;
    QVERIFY(cards.readRecord(card));
    const QStringList columns = VCardReader::headers();
    QCOMPARE(card.value(columns.indexOf("Last Name")), QString("Lovelace"));
    QCOMPARE(card.value(columns.indexOf("Account Name")), QString("Acme Corp"));
    QVERIFY(!cards.readRecord(card));
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
