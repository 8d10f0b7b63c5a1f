// Two reps on one database (two connections to one SQLite file, or to one PostgreSQL
// database): rep A edits a record in its window or in the detail pane while rep B (Anna
// Berger) saves a change to it. A's save shows both versions, and what A chooses is exactly
// what the record gets; nothing of B's goes unless A chooses so. Driven by clicks and keys on
// the real dialogs. On a team server where reps may change only their own records, a rep's
// save of another rep's lead is refused with whose it is, and the edits stay in the window.
#include "records/detailpane.h"
#include "records/mergemodel.h"
#include "records/recorddialog.h"
#include "records/recordform.h"
#include "storage/database.h"
#include "storage/recordstore.h"
#include "storage/rowsecurity.h"
#include "support/engines.h"
#include "support/reproles.h"
#include "support/scriptedprompter.h"
#include "support/testclock.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Rapport;

namespace {

const QString RepB = QStringLiteral("Anna Berger");

// Runs `answer` on the next modal dialog once it is up (exec() blocks the test meanwhile).
QTimer *whenModal(std::function<void(QWidget *)> answer)
{
    auto *poll = new QTimer(qApp);
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            poll->stop();
            poll->deleteLater();
            answer(modal);
        }
    });
    poll->start();
    return poll;
}

void click(QWidget *root, const char *button)
{
    auto *b = root->findChild<QPushButton *>(QLatin1String(button));
    QVERIFY2(b, button);
    QVERIFY2(b->isEnabled(), button);
    QTest::mouseClick(b, Qt::LeftButton);
}

// Opens a delegate's option set-up to the test, to find where a cell draws its check box.
struct CheckFinder : QStyledItemDelegate {
    using QStyledItemDelegate::initStyleOption;
};

// A click on the check box of `field`'s cell in `column`, where a rep would click.
void clickChoice(QWidget *dialog, const QString &field, int column)
{
    auto *view = dialog->findChild<QTableView *>("mergeTable");
    auto *model = qobject_cast<MergeModel *>(view->model());
    const QModelIndex index = model->index(model->rowOf(field), column);
    QVERIFY2(index.isValid(), qPrintable(field));
    QStyleOptionViewItem option;
    option.initFrom(view->viewport());
    option.rect = view->visualRect(index);
    CheckFinder().initStyleOption(&option, index);
    const QRect box = view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator,
                                                    &option, view);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, box.center());
}

// The differing fields the merge dialog lists, in order.
QStringList rowsOf(QWidget *dialog)
{
    auto *model = dialog->findChild<MergeModel *>();
    QStringList out;
    for (const FieldDifference &d : model->choices())
        out << d.field;
    return out;
}

} // namespace

class TestVersionedSave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void withNoChangeMeanwhileTheWindowSavesAtOnce();
    void theWindowShowsBothVersionsAndSavesTheChoices();
    void changesToOtherFieldsAreKeptWithoutAQuestion();
    void cancelGoesBackToTheFormWithNothingLost();
    void aRecordChangedAgainIsAskedAgain();
    void aRecordDeletedMeanwhileIsSaidInTheWindow_data();
    void aRecordDeletedMeanwhileIsSaidInTheWindow();
    void thePaneShowsBothVersionsAndSavesTheChoices();
    void thePaneSavesARecordDeletedMeanwhileAsNew();
    void anotherRepsLeadIsRefusedWithItsOwnerNotMerged();
    void cleanupTestCase();

private:
    RecordDialog *openWindow(qint64 id);
    DetailPane *openPane(qint64 id);
    void type(QWidget *editor, const QString &text);
    // Rep B's save, logged under B's name.
    void saveAsB(qint64 id, const QVariantMap &values);
    QVariantMap stored(qint64 id) { return RecordStore(m_a).load(Entity::Lead, id).value(); }

    Engines::FreshDatabase m_fresh{QStringLiteral("versionedsave")};
    QString m_a;
    QString m_b;
    int m_run = 0;
    std::unique_ptr<TestClock> m_clock;
    std::shared_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<RecordDialog> m_window;
    std::unique_ptr<DetailPane> m_pane;
    qint64 m_lead = 0;
    Engines::RepRoles m_roles;
    bool m_rolesMade = false, m_rolesGranted = false;
};

void TestVersionedSave::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RapportTest");
    QCoreApplication::setApplicationName("tst_versionedsave");
    qputenv("RAPPORT_USER", "Rep A");
}

void TestVersionedSave::init()
{
    m_a = QStringLiteral("repA%1").arg(++m_run);
    m_b = QStringLiteral("repB%1").arg(m_run);
    QVERIFY(m_fresh.open(m_a));
    QCOMPARE(Database::open(m_fresh.location(), m_b), QString());
    m_clock = std::make_unique<TestClock>();
    m_clock->set(QDateTime(QDate(2026, 11, 23), QTime(9, 15)));
    m_prompter = std::make_shared<ScriptedPrompter>();
    const WriteResult made = RecordStore(m_a).insert(
        Entity::Lead, {{"first_name", "Jo"}, {"last_name", "Doe"}, {"city", "Paris"},
                       {"phone", "+33 1 11 11 11 11"}, {"company", "Acme"}});
    QVERIFY(made.ok());
    m_lead = made.id;
}

void TestVersionedSave::cleanup()
{
    m_window.reset();
    m_pane.reset();
    Database::close(QStringLiteral("rls-b"));
    if (std::exchange(m_rolesGranted, false)) {
        RowSecurity(m_a).setOn(false);
        m_roles.revoke(m_a);
    }
    QCOMPARE(m_prompter->unexpected, 0);
    m_clock.reset();
    Database::close(m_b);
    QVERIFY(m_fresh.drop());
}

RecordDialog *TestVersionedSave::openWindow(qint64 id)
{
    m_window = std::make_unique<RecordDialog>(Entity::Lead, id, m_a);
    m_window->setPrompter(m_prompter);
    m_window->show();
    return m_window.get();
}

DetailPane *TestVersionedSave::openPane(qint64 id)
{
    m_pane = std::make_unique<DetailPane>(Entity::Lead, m_a);
    m_pane->setPrompter(m_prompter);
    m_pane->resize(500, 700);
    m_pane->show();
    m_pane->showRecord(id);
    return QTest::qWaitFor([this, id] { return m_pane->recordId() == id; }) ? m_pane.get()
                                                                            : nullptr;
}

void TestVersionedSave::type(QWidget *editor, const QString &text)
{
    auto *edit = qobject_cast<QLineEdit *>(editor);
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

void TestVersionedSave::saveAsB(qint64 id, const QVariantMap &values)
{
    m_clock->set(QDateTime(QDate(2026, 11, 23), QTime(10, 42)));
    qputenv("RAPPORT_USER", RepB.toUtf8());
    const WriteResult w = RecordStore(m_b).update(Entity::Lead, id, values);
    qputenv("RAPPORT_USER", "Rep A");
    QVERIFY2(w.ok(), qPrintable(w.error));
}

void TestVersionedSave::withNoChangeMeanwhileTheWindowSavesAtOnce()
{
    RecordDialog *d = openWindow(m_lead);
    type(d->form()->editor("city"), "Berlin");
    // A merge dialog would run its own event loop, where the watch would see it.
    bool asked = false;
    QPointer<QTimer> watch = whenModal([&asked](QWidget *) { asked = true; });
    click(d, "saveButton");
    QVERIFY(!asked);
    delete watch.data();
    QVERIFY(!d->isVisible());
    QCOMPARE(stored(m_lead).value("city").toString(), QString("Berlin"));
    QCOMPARE(stored(m_lead).value("version").toLongLong(), 2);
}

void TestVersionedSave::theWindowShowsBothVersionsAndSavesTheChoices()
{
    // GIVEN rep A editing the lead in its window
    RecordDialog *d = openWindow(m_lead);
    type(d->form()->editor("first_name"), "Jane");
    type(d->form()->editor("city"), "Berlin");
    type(d->form()->editor("phone"), "+33 2 22 22 22 22");
    // AND rep B saving changes meanwhile, two of them to the same fields
    saveAsB(m_lead, {{"city", "Lyon"}, {"phone", "+33 3 33 33 33 33"}, {"title", "CEO"}});
    // WHEN A saves
    QString summary;
    QString kept;
    QStringList rows;
    QList<MergeSide> defaults;
    QString cityWas;
    whenModal([&](QWidget *merge) {
        summary = merge->findChild<QLabel *>("mergeSummary")->text();
        kept = merge->findChild<QLabel *>("mergeTheirsKept")->text();
        rows = rowsOf(merge);
        auto *model = merge->findChild<MergeModel *>();
        for (const FieldDifference &diff : model->choices())
            defaults << diff.choice;
        cityWas = model->index(model->rowOf("city"), MergeModel::ReadColumn).data().toString();
        // The city: B's, with a click on it. The first name: B's (A's own change dropped),
        // with its row selected and Take Theirs.
        clickChoice(merge, "city", MergeModel::TheirsColumn);
        auto *view = merge->findChild<QTableView *>("mergeTable");
        view->setCurrentIndex(model->index(model->rowOf("first_name"), MergeModel::FieldColumn));
        click(merge, "takeTheirsButton");
        click(merge, "saveMergedButton");
    });
    click(d, "saveButton");
    // THEN A was told who changed it and when, saw the fields A changed that differ now,
    // what they were, A's version marked to be kept; B's title is kept without a question
    QVERIFY2(summary.contains("Anna Berger changed this record at 10:42"), qPrintable(summary));
    QCOMPARE(rows, (QStringList{"first_name", "phone", "city"}));
    QCOMPARE(defaults, (QList<MergeSide>{MergeSide::Mine, MergeSide::Mine, MergeSide::Mine}));
    QCOMPARE(cityWas, QString("Paris"));
    QCOMPARE(kept, QString("Their changes to other fields are kept: Title."));
    // AND the record holds exactly the choices: A's phone, B's city, first name and title
    const QVariantMap lead = stored(m_lead);
    QCOMPARE(lead.value("first_name").toString(), QString("Jo"));
    QCOMPARE(lead.value("phone").toString(), QString("+33 2 22 22 22 22"));
    QCOMPARE(lead.value("city").toString(), QString("Lyon"));
    QCOMPARE(lead.value("title").toString(), QString("CEO"));
    QCOMPARE(lead.value("company").toString(), QString("Acme"));
    QCOMPARE(lead.value("version").toLongLong(), 3);
    QVERIFY(!d->isVisible());
    QCOMPARE(d->result(), int(QDialog::Accepted));
}

void TestVersionedSave::changesToOtherFieldsAreKeptWithoutAQuestion()
{
    // GIVEN A changing the city in the pane while B changes the title and the phone
    DetailPane *pane = openPane(m_lead);
    QVERIFY(pane);
    type(pane->form()->editor("company"), "Acme Europe");
    saveAsB(m_lead, {{"title", "CEO"}, {"phone", "+33 3 33 33 33 33"}});
    // WHEN A saves, THEN no question: both changes are in the record, and the pane shows it
    bool asked = false;
    QPointer<QTimer> watch = whenModal([&asked](QWidget *) { asked = true; });
    click(pane, "detailSaveButton");
    QVERIFY(!asked);
    delete watch.data();
    const QVariantMap lead = stored(m_lead);
    QCOMPARE(lead.value("company").toString(), QString("Acme Europe"));
    QCOMPARE(lead.value("title").toString(), QString("CEO"));
    QCOMPARE(lead.value("phone").toString(), QString("+33 3 33 33 33 33"));
    QCOMPARE(lead.value("version").toLongLong(), 3);
    QVERIFY(!pane->hasUnsavedChanges());
    QCOMPARE(qobject_cast<QLineEdit *>(pane->form()->editor("phone"))->text(),
             QString("+33 3 33 33 33 33"));
    QVERIFY(m_prompter->asked.isEmpty() && m_prompter->warnings.isEmpty());
}

void TestVersionedSave::cancelGoesBackToTheFormWithNothingLost()
{
    RecordDialog *d = openWindow(m_lead);
    type(d->form()->editor("city"), "Berlin");
    saveAsB(m_lead, {{"city", "Lyon"}});
    whenModal([](QWidget *merge) { QTest::keyClick(merge, Qt::Key_Escape); });
    click(d, "saveButton");
    // The form as the rep left it, still unsaved; the record as B saved it.
    QVERIFY(d->isVisible());
    QCOMPARE(qobject_cast<QLineEdit *>(d->form()->editor("city"))->text(), QString("Berlin"));
    QVERIFY(d->hasUnsavedChanges());
    QCOMPARE(stored(m_lead).value("city").toString(), QString("Lyon"));
    // Saving again asks again; Enter keeps what A changed, and writes it.
    whenModal([](QWidget *merge) { QTest::keyClick(merge, Qt::Key_Return); });
    click(d, "saveButton");
    QCOMPARE(stored(m_lead).value("city").toString(), QString("Berlin"));
    QVERIFY(!d->isVisible());
}

void TestVersionedSave::aRecordChangedAgainIsAskedAgain()
{
    RecordDialog *d = openWindow(m_lead);
    type(d->form()->editor("city"), "Berlin");
    type(d->form()->editor("phone"), "+33 2 22 22 22 22");
    saveAsB(m_lead, {{"city", "Lyon"}});
    QStringList second;
    whenModal([&](QWidget *merge) {
        clickChoice(merge, "city", MergeModel::TheirsColumn);
        // B saves once more while A decides, the phone too.
        saveAsB(m_lead, {{"title", "CFO"}, {"phone", "+33 4 44 44 44 44"}});
        whenModal([&](QWidget *again) {
            second = rowsOf(again);
            click(again, "saveMergedButton");
        });
        click(merge, "saveMergedButton");
    });
    click(d, "saveButton");
    // Asked again about what both changed now, A's phone; the city A gave to B is no question
    // any more, and B's new title is kept.
    QCOMPARE(second, QStringList{"phone"});
    const QVariantMap lead = stored(m_lead);
    QCOMPARE(lead.value("city").toString(), QString("Lyon"));
    QCOMPARE(lead.value("phone").toString(), QString("+33 2 22 22 22 22"));
    QCOMPARE(lead.value("title").toString(), QString("CFO"));
    QCOMPARE(lead.value("version").toLongLong(), 4);
    QVERIFY(!d->isVisible());
}

void TestVersionedSave::aRecordDeletedMeanwhileIsSaidInTheWindow_data()
{
    QTest::addColumn<QString>("answer");
    QTest::newRow("save as new") << QString("Save as New");
    QTest::newRow("discard") << QString("Discard Changes");
    QTest::newRow("cancel") << QString("Cancel");
}

void TestVersionedSave::aRecordDeletedMeanwhileIsSaidInTheWindow()
{
    QFETCH(QString, answer);
    RecordDialog *d = openWindow(m_lead);
    type(d->form()->editor("city"), "Berlin");
    m_clock->set(QDateTime(QDate(2026, 11, 23), QTime(10, 42)));
    qputenv("RAPPORT_USER", RepB.toUtf8());
    QCOMPARE(RecordStore(m_b).remove(Entity::Lead, m_lead), QString());
    qputenv("RAPPORT_USER", "Rep A");
    m_prompter->answers << answer;
    click(d, "saveButton");
    QCOMPARE(m_prompter->asked.size(), 1);
    const QString said = m_prompter->asked.first().text;
    QVERIFY2(said.contains("Anna Berger deleted this record at 10:42"), qPrintable(said));
    QCOMPARE(RecordStore(m_a).count(Entity::Lead), answer == "Save as New" ? 1 : 0);
    if (answer == "Save as New") {
        // A's version, A's edit included, under a new id; the window shows it.
        const qint64 made = d->recordId();
        QVERIFY(made != m_lead && made > 0);
        QCOMPARE(stored(made).value("city").toString(), QString("Berlin"));
        QCOMPARE(stored(made).value("company").toString(), QString("Acme"));
        QVERIFY(!d->isVisible());
    } else if (answer == "Discard Changes") {
        QVERIFY(!d->isVisible());
        QCOMPARE(d->result(), int(QDialog::Rejected));
    } else {
        QVERIFY(d->isVisible());
        QVERIFY(d->hasUnsavedChanges());
        QCOMPARE(qobject_cast<QLineEdit *>(d->form()->editor("city"))->text(), QString("Berlin"));
        m_prompter->answers << "Discard";
        d->reject();
    }
}

void TestVersionedSave::thePaneShowsBothVersionsAndSavesTheChoices()
{
    DetailPane *pane = openPane(m_lead);
    QVERIFY(pane);
    type(pane->form()->editor("phone"), "+33 2 22 22 22 22");
    type(pane->form()->editor("company"), "Acme Europe");
    saveAsB(m_lead, {{"phone", "+33 3 33 33 33 33"}, {"company", "Acme Group"}});
    QStringList rows;
    whenModal([&](QWidget *merge) {
        rows = rowsOf(merge);
        // Space on a cell chooses it, as a click does.
        auto *view = merge->findChild<QTableView *>("mergeTable");
        auto *model = merge->findChild<MergeModel *>();
        view->setFocus();
        view->setCurrentIndex(model->index(model->rowOf("phone"), MergeModel::TheirsColumn));
        QTest::keyClick(view, Qt::Key_Space);
        view->setCurrentIndex(model->index(model->rowOf("company"), MergeModel::MineColumn));
        QTest::keyClick(view, Qt::Key_Space);
        click(merge, "saveMergedButton");
    });
    click(pane, "detailSaveButton");
    QCOMPARE(rows, (QStringList{"company", "phone"}));
    const QVariantMap lead = stored(m_lead);
    QCOMPARE(lead.value("phone").toString(), QString("+33 3 33 33 33 33"));
    QCOMPARE(lead.value("company").toString(), QString("Acme Europe"));
    // The pane shows what the record holds now, nothing left to save.
    QVERIFY(!pane->hasUnsavedChanges());
    QCOMPARE(qobject_cast<QLineEdit *>(pane->form()->editor("phone"))->text(),
             QString("+33 3 33 33 33 33"));
}

void TestVersionedSave::thePaneSavesARecordDeletedMeanwhileAsNew()
{
    DetailPane *pane = openPane(m_lead);
    QVERIFY(pane);
    type(pane->form()->editor("company"), "Acme Europe");
    QCOMPARE(RecordStore(m_b).remove(Entity::Lead, m_lead), QString());
    m_prompter->answers << "Save as New";
    click(pane, "detailSaveButton");
    QCOMPARE(m_prompter->asked.size(), 1);
    QCOMPARE(RecordStore(m_a).count(Entity::Lead), 1);
    const qint64 made = pane->recordId();
    QVERIFY(made != m_lead);
    const QVariantMap lead = stored(made);
    QCOMPARE(lead.value("company").toString(), QString("Acme Europe"));
    // Fields the pane does not show come back too.
    QCOMPARE(lead.value("city").toString(), QString("Paris"));
    QVERIFY(!pane->hasUnsavedChanges());
}

void TestVersionedSave::anotherRepsLeadIsRefusedWithItsOwnerNotMerged()
{
    POSTGRESQL_ONLY("row-level security is the server's");
    m_rolesMade = m_roles.create();
    QVERIFY2(m_rolesMade, "the test role needs CREATEROLE (see .ci/setup)");
    m_rolesGranted = m_roles.grant(m_a);
    QVERIFY(m_rolesGranted);
    // GIVEN rep A's lead, the admin's setting on, and rep B (a login role) in the window
    QVERIFY(RecordStore(m_a).update(Entity::Lead, m_lead, {{"owner", m_roles.a()}}).ok());
    QCOMPARE(RowSecurity(m_a).setOn(true), QString());
    const QString b = QStringLiteral("rls-b");
    QCOMPARE(Database::open(Engines::RepRoles::as(m_fresh.location(), m_roles.b()), b),
             QString());
    m_window = std::make_unique<RecordDialog>(Entity::Lead, m_lead, b);
    m_window->setPrompter(m_prompter);
    m_window->show();
    type(m_window->form()->editor("city"), "Berlin");
    // WHEN B saves
    bool merged = false;
    QPointer<QTimer> watch = whenModal([&merged](QWidget *) { merged = true; });
    click(m_window.get(), "saveButton");
    delete watch.data();
    // THEN B is told whose lead it is, not shown a merge; the edit stays; nothing changed
    QVERIFY(!merged);
    QCOMPARE(m_prompter->warnings.size(), 1);
    QVERIFY2(m_prompter->warnings.first().contains(
                 QStringLiteral("Only %1, its owner, can change this lead.").arg(m_roles.a())),
             qPrintable(m_prompter->warnings.first()));
    QVERIFY(m_window->isVisible());
    QCOMPARE(qobject_cast<QLineEdit *>(m_window->form()->editor("city"))->text(),
             QString("Berlin"));
    QCOMPARE(stored(m_lead).value("city").toString(), QString("Paris"));
}

void TestVersionedSave::cleanupTestCase()
{
    if (m_rolesMade)
        m_roles.drop();
}

QTEST_MAIN(TestVersionedSave)
#include "tst_versionedsave.moc"
