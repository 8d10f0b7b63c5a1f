// A German user gets German menus, field labels and messages; everyone else English.
#include "records/deleteconfirmation.h"
#include "window/mainwindow.h"
#include "records/recordtypes.h"
#include "i18n/translations.h"
#include "records/validation.h"
#include "transfer/importcheckpage.h"
#include "transfer/importrunpage.h"
#include "transfer/importer.h"
#include "storage/database.h"
#include "support/engines.h"

#include <QApplication>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void englishPluralsAndLabels();
    void germanMenusLabelsAndMessages();
    void countsInTheImportsMessagesAgree();
};

namespace {

// What the import says of a file whose third line has one cell too many.
// The one problem of a file whose third line has a cell too many.
QString raggedFileError()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath("ragged.csv");
    QFile f(csv);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("Last Name,Email\nLovelace,ada@example.org\nByron,lord@example.org,extra\n");
    f.close();
    if (!Database::open(Engines::location(dir.filePath("t.sqlite")), "ragged").isEmpty())
        return {};
    ImportOptions o;
    o.entity = Entity::Lead;
    o.filePath = csv;
    o.dryRun = true;
    const ImportResult r = Importer("ragged").run(o);
    Database::close("ragged");
    return r.problems.isEmpty() ? r.error : r.problems.first().message;
}

} // namespace

static QStringList menuTitles(const MainWindow &w)
{
    QStringList titles;
    for (QAction *a : w.menuBar()->actions())
        titles << a->text();
    return titles;
}

void TestTranslations::englishPluralsAndLabels()
{
    QVERIFY(installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)));
    QCOMPARE(DeleteConfirmation::tr("Delete %n lead(s)?", nullptr, 1), QString("Delete 1 lead?"));
    QCOMPARE(DeleteConfirmation::tr("Delete %n lead(s)?", nullptr, 3), QString("Delete 3 leads?"));
    // The import's counts, each with its own plural form.
    QCOMPARE(ImportCheckPage::tr("%n duplicate(s) to skip", nullptr, 1), QString("1 duplicate to skip"));
    QCOMPARE(ImportCheckPage::tr("%n duplicate(s) to skip", nullptr, 2), QString("2 duplicates to skip"));
    QCOMPARE(ImportRunPage::tr("%n duplicate(s) skipped", nullptr, 1), QString("1 duplicate skipped"));
    QCOMPARE(ImportRunPage::tr("%n duplicate(s) skipped", nullptr, 0), QString("0 duplicates skipped"));
    MainWindow w;
    QVERIFY(menuTitles(w).contains("&File"));
    QCOMPARE(fieldLabel(*findField(Entity::Lead, "last_name")), QString("Last Name"));
}

void TestTranslations::germanMenusLabelsAndMessages()
{
    QVERIFY(installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)));
    MainWindow w;
    QVERIFY2(menuTitles(w).contains("&Datei"), qPrintable(menuTitles(w).join(',')));
    QCOMPARE(fieldLabel(*findField(Entity::Lead, "last_name")), QString("Nachname"));
    QCOMPARE(entityPlural(Entity::Lead), QString("Leads"));
    QCOMPARE(DeleteConfirmation::tr("Delete %n lead(s)?", nullptr, 3), QString("3 Leads löschen?"));
    QCOMPARE(ImportCheckPage::tr("%n duplicate(s) to skip", nullptr, 1),
             QString("1 Duplikat wird übersprungen"));
    QCOMPARE(ImportCheckPage::tr("%n duplicate(s) to skip", nullptr, 2),
             QString("2 Duplikate werden übersprungen"));
    QCOMPARE(ImportRunPage::tr("%n created", nullptr, 2), QString("2 angelegt"));
    const QList<FieldError> errors = Validation::check(Entity::Contact, {{"email", "kein@"}});
    QCOMPARE(errors.size(), 2); // Last Name missing, email broken
    QVERIFY2(errors[0].message.contains("Nachname"), qPrintable(errors[0].message));
}

void TestTranslations::countsInTheImportsMessagesAgree()
{
    QVERIFY(installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)));
    QString error = raggedFileError();
    QCOMPARE(error, QString("The row has 3 values but the header has 2 values."));
    QCOMPARE(Importer::tr("%n column(s)", nullptr, 1), QString("1 column"));
    QVERIFY(installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)));
    error = raggedFileError();
    QCOMPARE(error, QString("Die Zeile hat 3 Werte, die Kopfzeile aber 2 Werte."));
    QCOMPARE(Importer::tr("%n column(s)", nullptr, 1), QString("1 Spalte"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
