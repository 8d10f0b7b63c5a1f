// The notes of a record, as the rep meets them in its dialog: added at once, newest first,
// kept through edits of the record, never lost when the dialog closes.
#include "storage/database.h"
#include "storage/notestore.h"
#include "records/recorddialog.h"
#include "storage/recordstore.h"
#include "support/scriptedprompter.h"
#include "support/testclock.h"
#include "support/engines.h"

#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestNotesPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void notesSurviveEditsNewestFirst();
    void typedNoteIsNotLostOnClose();
    void ctrlEnterAddsTheNote();

private:
    RecordDialog *open(Entity entity, qint64 id);
    void type(RecordDialog *d, const char *field, const QString &text);

    QTemporaryDir m_dir;
    QString m_connection;
    std::shared_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<RecordDialog> m_dialog;
    int m_run = 0;
    TestClock m_clock;
};

void TestNotesPanel::init()
{
    m_connection = QStringLiteral("notes%1").arg(++m_run);
    const QString location = Engines::location(m_dir.filePath(m_connection + ".sqlite"));
    const QString e = Database::open(location, m_connection);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    m_prompter = std::make_shared<ScriptedPrompter>();
}

void TestNotesPanel::cleanup()
{
    m_dialog.reset();
    QCOMPARE(m_prompter->unexpected, 0);
    Database::close(m_connection);
}

RecordDialog *TestNotesPanel::open(Entity entity, qint64 id)
{
    m_dialog = std::make_unique<RecordDialog>(entity, id, m_connection);
    m_dialog->setPrompter(m_prompter);
    m_dialog->show();
    return m_dialog.get();
}

void TestNotesPanel::type(RecordDialog *d, const char *field, const QString &text)
{
    auto *edit = d->findChild<QLineEdit *>(field);
    QVERIFY2(edit, field);
    QTest::keyClicks(edit, text);
}

void TestNotesPanel::notesSurviveEditsNewestFirst()
{
    RecordStore store(m_connection);
    const qint64 id = store.insert(Entity::Contact, {{"last_name", "Doe"}}).id;
    RecordDialog *d = open(Entity::Contact, id);
    auto *edit = d->findChild<QPlainTextEdit *>("noteEdit");
    auto *add = d->findChild<QPushButton *>("addNoteButton");
    QVERIFY(edit && add);
    QVERIFY(!add->isEnabled());
    QTest::keyClicks(edit, "Called, no answer");
    QTest::mouseClick(add, Qt::LeftButton);
    m_clock.advance(); // a later time stamp
    QTest::keyClicks(edit, "Sent the proposal");
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(edit->toPlainText(), QString());
    auto *list = d->findChild<QListWidget *>("notesList");
    QCOMPARE(list->count(), 2);
    QVERIFY(list->item(0)->text().contains("Sent the proposal"));
    QVERIFY(list->item(1)->text().contains("Called, no answer"));
    // The time stamp is shown in local time.
    const QList<Note> notes = NoteStore(m_connection).list(Entity::Contact, id);
    QVERIFY(list->item(0)->text().contains(
        QLocale().toString(notes.first().created.toLocalTime(), QLocale::ShortFormat)));
    // Editing and saving the record keeps its notes.
    type(d, "first_name", "John");
    QTest::mouseClick(d->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
    QCOMPARE(store.load(Entity::Contact, id)->value("first_name").toString(), QString("John"));
    RecordDialog *again = open(Entity::Contact, id);
    auto *reopened = again->findChild<QListWidget *>("notesList");
    QCOMPARE(reopened->count(), 2);
    QVERIFY(reopened->item(0)->text().contains("Sent the proposal"));
}

void TestNotesPanel::typedNoteIsNotLostOnClose()
{
    const qint64 id = RecordStore(m_connection).insert(Entity::Lead, {{"last_name", "Doe"}}).id;
    RecordDialog *d = open(Entity::Lead, id);
    QTest::keyClicks(d->findChild<QPlainTextEdit *>("noteEdit"), "Wants a demo");
    m_prompter->answers << "Save";
    QTest::mouseClick(d->findChild<QPushButton *>("closeButton"), Qt::LeftButton);
    QCOMPARE(m_prompter->asked.size(), 1);
    QVERIFY(!d->isVisible());
    const QList<Note> notes = NoteStore(m_connection).list(Entity::Lead, id);
    QCOMPARE(notes.size(), 1);
    QCOMPARE(notes.first().body, QString("Wants a demo"));
}

void TestNotesPanel::ctrlEnterAddsTheNote()
{
    const qint64 id = RecordStore(m_connection).insert(Entity::Deal, {{"deal_name", "D"}}).id;
    RecordDialog *d = open(Entity::Deal, id);
    QVERIFY(QTest::qWaitForWindowActive(d));
    auto *edit = d->findChild<QPlainTextEdit *>("noteEdit");
    edit->setFocus();
    QTest::keyClicks(edit, "Budget approved");
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(NoteStore(m_connection).list(Entity::Deal, id).size(), 1);
    QCOMPARE(edit->toPlainText(), QString());
    QVERIFY(d->isVisible()); // the note was added, the dialog was not closed
}

QTEST_MAIN(TestNotesPanel)
#include "tst_notespanel.moc"
