// The merge dialog on its own: what each row shows (values as the app shows them, references
// by name, what each was when opened), choosing by keyboard and buttons, its model under
// QAbstractItemModelTester, names for screen readers, and its size on a laptop screen.
#include "records/mergedialog.h"
#include "records/mergemodel.h"
#include "records/recordtypes.h"
#include "storage/database.h"
#include "storage/editconflict.h"
#include "storage/owner.h"
#include "storage/recordstore.h"
#include "support/testclock.h"

#include <QAbstractItemModelTester>
#include <QAccessible>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestMergeDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void valuesReadAsTheAppShowsThem();
    void theKeyboardChoosesEveryField();
    void theModelPassesTheTester();
    void everyControlIsNamedForScreenReaders();
    void whoChangedItIsSaid();

private:
    EditConflict contactConflict() const;

    QTemporaryDir m_dir;
    QString m_db = QStringLiteral("merge");
    qint64 m_acme = 0;
    qint64 m_globex = 0;
};

void TestMergeDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCOMPARE(Database::open(m_dir.filePath("merge.sqlite"), m_db), QString());
    RecordStore store(m_db);
    m_acme = store.insert(Entity::Account, {{"account_name", "Acme"}}).id;
    m_globex = store.insert(Entity::Account, {{"account_name", "Globex"}}).id;
    QVERIFY(m_acme > 0 && m_globex > 0);
}

void TestMergeDialog::cleanupTestCase()
{
    Database::close(m_db);
}

EditConflict TestMergeDialog::contactConflict() const
{
    // Read: at Acme, in Paris, opted in. The rep moved them to Globex and changed the email;
    // the colleague changed the email too, the city, and nothing else.
    const QVariantMap read{{"last_name", "Doe"}, {"account_id", m_acme}, {"mailing_city", "Paris"},
                           {"email", "jo@acme.example"}, {"email_opt_out", false},
                           {"title", ""}};
    const QVariantMap mine{{"account_id", m_globex}, {"email", "jo@globex.example"},
                           {"email_opt_out", false}};
    const QVariantMap theirs{{"last_name", "Doe"}, {"account_id", m_acme}, {"mailing_city", "Lyon"},
                             {"email", "j.doe@acme.example"}, {"email_opt_out", 0},
                             {"title", QVariant()}, {"version", 2}};
    return EditConflict(Entity::Contact, read, mine, theirs);
}

void TestMergeDialog::valuesReadAsTheAppShowsThem()
{
    const TestClock clock;
    MergeDialog dialog(contactConflict(), "Jo Doe",
                       LoggedChange{"Anna Berger", TestClock::now().addSecs(-60), "change"}, m_db);
    MergeModel *model = dialog.model();
    const int account = model->rowOf("account_id");
    QCOMPARE(model->index(account, MergeModel::FieldColumn).data().toString(),
             QString("Account Name"));
    QCOMPARE(model->index(account, MergeModel::MineColumn).data().toString(), QString("Globex"));
    QCOMPARE(model->index(account, MergeModel::TheirsColumn).data().toString(), QString("Acme"));
    QCOMPARE(model->headerData(MergeModel::TheirsColumn, Qt::Horizontal).toString(),
             QString("Anna Berger's version"));
    // Beside them, what each field held when the rep opened the record; nothing to choose there.
    QCOMPARE(model->index(account, MergeModel::ReadColumn).data().toString(), QString("Acme"));
    QCOMPARE(model->index(model->rowOf("email"), MergeModel::ReadColumn).data().toString(),
             QString("jo@acme.example"));
    QVERIFY(!(model->index(account, MergeModel::ReadColumn).flags() & Qt::ItemIsUserCheckable));
    // The rows are the fields the rep changed; the city only the colleague changed is kept
    // without a question, and said.
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->rowOf("mailing_city"), -1);
    auto *kept = dialog.findChild<QLabel *>("mergeTheirsKept");
    QCOMPARE(kept->text(), QString("Their changes to other fields are kept: Mailing City."));
    QCOMPARE(model->headerData(MergeModel::ReadColumn, Qt::Horizontal).toString(),
             QString("When you opened it"));
    // The field both changed is marked, and says so to the pointer and the screen reader.
    const int email = model->rowOf("email");
    QVERIFY(model->index(email, MergeModel::FieldColumn).data(Qt::BackgroundRole).isValid());
    QVERIFY(!model->index(account, MergeModel::FieldColumn).data(Qt::BackgroundRole).isValid());
    QVERIFY(model->index(email, MergeModel::FieldColumn).data(Qt::ToolTipRole).toString()
                .contains("You and Anna Berger both changed it"));
    QVERIFY(model->index(account, MergeModel::FieldColumn)
                .data(Qt::ToolTipRole).toString().contains("When you opened the record: Acme"));
}

void TestMergeDialog::theKeyboardChoosesEveryField()
{
    MergeDialog dialog(contactConflict(), "Jo Doe", std::nullopt, m_db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto *view = dialog.findChild<QTableView *>("mergeTable");
    auto *save = dialog.findChild<QPushButton *>("saveMergedButton");
    MergeModel *model = dialog.model();
    // It opens on the field both changed, said to be theirs too, the rep's value marked.
    QCOMPARE(dialog.focusWidget(), view);
    QCOMPARE(view->currentIndex().row(), model->rowOf("email"));
    QVERIFY(save->isEnabled());
    auto *both = dialog.findChild<QLabel *>("mergeBothChanged");
    QVERIFY(both->isVisible());
    QVERIFY2(both->text().contains("changed by both of you"), qPrintable(both->text()));
    // Right to the colleague's value and Space takes it.
    QTest::keyClick(view, Qt::Key_Right);
    QCOMPARE(view->currentIndex().column(), int(MergeModel::TheirsColumn));
    QTest::keyClick(view, Qt::Key_Space);
    QCOMPARE(EditConflict::changes(dialog.choices()), (QVariantMap{{"account_id", m_globex}}));
    // Everything selected, Alt+T takes all of theirs, Alt+M keeps all of the rep's (a button's
    // mnemonic clicks it a moment later, as it shows the button pressed).
    QTest::keyClick(view, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(&dialog, Qt::Key_T, Qt::AltModifier);
    QTRY_COMPARE(EditConflict::changes(dialog.choices()), QVariantMap());
    QTest::keyClick(&dialog, Qt::Key_M, Qt::AltModifier);
    QTRY_COMPARE(EditConflict::changes(dialog.choices()),
                 (QVariantMap{{"account_id", m_globex}, {"email", "jo@globex.example"}}));
    // Alt+T takes theirs for the selected row only.
    view->setCurrentIndex(model->index(model->rowOf("account_id"), MergeModel::FieldColumn));
    QTest::keyClick(&dialog, Qt::Key_T, Qt::AltModifier);
    QTRY_COMPARE(EditConflict::changes(dialog.choices()),
                 (QVariantMap{{"email", "jo@globex.example"}}));
    // Enter saves.
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestMergeDialog::theModelPassesTheTester()
{
    MergeModel model(contactConflict(), "Anna Berger", m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.choose(model.rowOf("email"), MergeSide::Theirs);
    QVERIFY(model.setData(model.index(0, MergeModel::TheirsColumn), Qt::Checked,
                          Qt::CheckStateRole));
    // Neither the field's name nor what it was is a choice.
    QVERIFY(!model.setData(model.index(0, MergeModel::ReadColumn), Qt::Checked,
                           Qt::CheckStateRole));
    QVERIFY(!model.index(0, MergeModel::ReadColumn).data(Qt::CheckStateRole).isValid());
    // Unchecking the chosen side changes nothing: one side is always the choice.
    QVERIFY(!model.setData(model.index(0, MergeModel::TheirsColumn), Qt::Unchecked,
                           Qt::CheckStateRole));
    QCOMPARE(model.index(0, MergeModel::TheirsColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    QCOMPARE(model.index(0, MergeModel::MineColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::Unchecked));
    QCOMPARE(EditConflict::changes(model.choices()), QVariantMap());
}

void TestMergeDialog::everyControlIsNamedForScreenReaders()
{
    MergeDialog dialog(contactConflict(), "Jo Doe", std::nullopt, m_db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QStringList missing;
    for (QWidget *w : dialog.findChildren<QWidget *>()) {
        if (w->focusPolicy() == Qt::NoFocus || !w->isVisibleTo(&dialog) || w->focusProxy())
            continue;
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
        if (!a || a->text(QAccessible::Name).trimmed().isEmpty()
            || a->text(QAccessible::Description).trimmed().isEmpty())
            missing << w->objectName();
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(", ")));
    // And it fits the screen it opens on.
    QVERIFY(dialog.screen()->availableGeometry().contains(dialog.frameGeometry()));
}

void TestMergeDialog::whoChangedItIsSaid()
{
    TestClock clock;
    clock.set(QDateTime(QDate(2026, 11, 23), QTime(16, 0)));
    const QDateTime at = QDateTime(QDate(2026, 11, 23), QTime(10, 42)).toUTC();
    const QString time = QLocale().toString(at.toLocalTime().time(), QLocale::ShortFormat);
    QCOMPARE(MergeDialog::whoChanged(LoggedChange{"Anna Berger", at, "change"}),
             QString("Anna Berger changed this record at %1.").arg(time));
    QCOMPARE(MergeDialog::whoChanged(LoggedChange{"Anna Berger", at, "delete"}),
             QString("Anna Berger deleted this record at %1.").arg(time));
    // Another day says the day; the rep's own save in another window says so.
    const QDateTime before = at.addDays(-3);
    QCOMPARE(MergeDialog::whoChanged(LoggedChange{"Anna Berger", before, "change"}),
             QString("Anna Berger changed this record on %1 at %2.")
                 .arg(QLocale().toString(before.toLocalTime().date(), QLocale::ShortFormat),
                      time));
    QVERIFY(MergeDialog::whoChanged(LoggedChange{currentUserName(), at, "change"})
                .startsWith("You changed this record in another window"));
}

QTEST_MAIN(TestMergeDialog)
#include "tst_mergedialog.moc"
