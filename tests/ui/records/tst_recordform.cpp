// RecordForm: every field appears with the right editor, values go in and out in the form the
// store takes, numbers and dates in the rep's locale, problems shown at the field.
#include "storage/database.h"
#include "records/datelineedit.h"
#include "records/fieldeditors.h"
#include "records/recordform.h"
#include "records/repeateditor.h"
#include "records/ownerpicker.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"
#include "support/engines.h"

#include <QAbstractItemView>
#include <QAction>
#include <QUrl>
#include <QCheckBox>
#include <QComboBox>
#include <QCalendarWidget>
#include <QCompleter>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QSet>
#include <QTest>

using namespace Rapport;

class TestRecordForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyFieldHasItsEditor_data();
    void everyFieldHasItsEditor();
    void requiredLabelsAreMarked();
    void emailAndPhoneAreLinks();
    void valuesRoundTrip();
    void picklistValueOutsideTheListIsKept();
    void germanNumbersAndDates();
    void unreadableTextIsShownAtTheField();
    void validationShowsMessagesAndFocusesFirstBadField();
    void editingMarksModifiedAndClearsTheFieldError();
    void accountPickerCompletesTypedName();
    void tabFollowsFieldOrder();
    void wideWindowUsesTwoColumns();
    void fieldsOfEveryGroupStartInOneColumn();
    void aFieldSaysItsProblemWhenTheRepLeavesIt();
    void dateIsPickedFromTheCalendar();

private:
    QTemporaryDir m_dir;
    QString m_connection;
    int m_run = 0;
};

void TestRecordForm::init()
{
    m_connection = QStringLiteral("form%1").arg(++m_run);
    const QString location = Engines::location(m_dir.filePath(m_connection + ".sqlite"));
    const QString e = Database::open(location, m_connection);
    QVERIFY2(e.isEmpty(), qPrintable(e));
}

void TestRecordForm::cleanup()
{
    QLocale::setDefault(QLocale::c());
    Database::close(m_connection);
}

void TestRecordForm::everyFieldHasItsEditor_data()
{
    QTest::addColumn<Entity>("entity");
    for (Entity e : allEntities())
        QTest::newRow(entityDef(e).table) << e;
}

void TestRecordForm::everyFieldHasItsEditor()
{
    QFETCH(Entity, entity);
    RecordForm form(entity, m_connection);
    for (const FieldDef &f : entityDef(entity).fields) {
        QWidget *w = form.findChild<QWidget *>(f.name);
        QVERIFY2(w, f.name);
        QVERIFY2(form.findChild<QLabel *>(QString(f.name) + "_error"), f.name);
        if (f.recurrence) {
            QVERIFY2(qobject_cast<RepeatEditor *>(w), f.name);
            continue;
        }
        if (f.name == QLatin1String("owner")) { // one of the users, or a new name typed
            QVERIFY(qobject_cast<OwnerPicker *>(w) && qobject_cast<OwnerPicker *>(w)->isEditable());
            continue;
        }
        switch (f.type) {
        case FieldType::LongText: QVERIFY(qobject_cast<QPlainTextEdit *>(w)); break;
        case FieldType::Bool: QVERIFY(qobject_cast<QCheckBox *>(w)); break;
        case FieldType::Date: QVERIFY(qobject_cast<DateLineEdit *>(w)); break;
        case FieldType::Picklist:
            QVERIFY(qobject_cast<QComboBox *>(w) && !qobject_cast<QComboBox *>(w)->isEditable());
            QCOMPARE(qobject_cast<QComboBox *>(w)->itemText(0), QString());
            QCOMPARE(qobject_cast<QComboBox *>(w)->count(), picklistValues(f).size() + 1);
            break;
        case FieldType::Reference:
            QVERIFY(qobject_cast<QComboBox *>(w) && qobject_cast<QComboBox *>(w)->isEditable());
            break;
        default: QVERIFY2(qobject_cast<QLineEdit *>(w), f.name);
        }
    }
    // One group box per group, titled with the group's name.
    QSet<QString> groups;
    for (const FieldDef &f : entityDef(entity).fields)
        groups.insert(f.group);
    QCOMPARE(form.findChildren<QGroupBox *>().size(), groups.size());
}

void TestRecordForm::requiredLabelsAreMarked()
{
    RecordForm form(Entity::Lead, m_connection);
    QLabel *lastName = nullptr;
    QLabel *firstName = nullptr;
    for (QLabel *l : form.findChildren<QLabel *>()) {
        if (l->buddy() == form.editor("last_name"))
            lastName = l;
        if (l->buddy() == form.editor("first_name"))
            firstName = l;
    }
    QVERIFY(lastName && firstName);
    QVERIFY(lastName->text().contains('*'));
    QVERIFY(lastName->font().bold());
    QVERIFY(!firstName->text().contains('*'));
}

void TestRecordForm::valuesRoundTrip()
{
    RecordForm form(Entity::Deal, m_connection);
    const QVariantMap in{{"deal_name", "Big one"}, {"amount", 1234.5}, {"probability", 40},
                         {"closing_date", "2026-12-31"}, {"stage", "Proposal"},
                         {"description", "Line one\n  indented"}};
    form.setValues(in);
    QVERIFY(!form.isModified());
    const QVariantMap out = form.values();
    QCOMPARE(out.value("deal_name").toString(), QString("Big one"));
    QCOMPARE(out.value("amount").toString(), QString("1234.5"));
    QCOMPARE(out.value("probability").toString(), QString("40"));
    QCOMPARE(out.value("closing_date").toString(), QString("2026-12-31"));
    QCOMPARE(out.value("stage").toString(), QString("Proposal"));
    QCOMPARE(out.value("description").toString(), QString("Line one\n  indented"));
    QVERIFY(out.value("account_id").isNull());
    QVERIFY(!out.contains("id"));
    QCOMPARE(out.size(), entityDef(Entity::Deal).fields.size());
    // A blank date is "no date", not an error.
    form.setValues({{"deal_name", "No date"}});
    QCOMPARE(form.values().value("closing_date").toString(), QString());
    QVERIFY(form.validate().isEmpty());
}

void TestRecordForm::picklistValueOutsideTheListIsKept()
{
    RecordForm form(Entity::Lead, m_connection);
    form.setValues({{"last_name", "Doe"}, {"lead_status", "Imported Status"}});
    auto *combo = form.findChild<QComboBox *>("lead_status");
    QCOMPARE(combo->currentText(), QString("Imported Status"));
    QCOMPARE(form.values().value("lead_status").toString(), QString("Imported Status"));
}

void TestRecordForm::germanNumbersAndDates()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    RecordForm form(Entity::Deal, m_connection);
    QTest::keyClicks(form.findChild<QLineEdit *>("deal_name"), "Messe");
    QTest::keyClicks(form.findChild<QLineEdit *>("amount"), "1.234,56");
    QCOMPARE(form.findChild<QLineEdit *>("amount")->text(), QString("1.234,56"));
    QTest::keyClicks(form.findChild<QLineEdit *>("probability"), "75");
    QTest::keyClicks(form.findChild<QLineEdit *>("closing_date"), "31.12.2026");
    QVERIFY(form.validate().isEmpty());
    const QVariantMap v = form.values();
    QCOMPARE(v.value("amount").toString(), QString("1234.56"));
    QCOMPARE(v.value("probability").toString(), QString("75"));
    QCOMPARE(v.value("closing_date").toString(), QString("2026-12-31"));
    // And back: stored amounts are shown the German way, as the tab shows them.
    form.setValues({{"deal_name", "Messe"}, {"amount", 98765.4}, {"closing_date", "2027-01-05"}});
    QCOMPARE(form.findChild<QLineEdit *>("amount")->text(), QString("98.765,40"));
    QCOMPARE(form.findChild<QLineEdit *>("closing_date")->text(), QString("05.01.2027"));
    QCOMPARE(form.values().value("amount").toString(), QString("98765.4"));
    // The shown number stays editable, digit by digit.
    auto *amount = form.findChild<QLineEdit *>("amount");
    amount->end(false);
    QTest::keyClicks(amount, "5");
    QCOMPARE(form.values().value("amount").toString(), QString("98765.405"));
    // A grouping broken by an edit is an error at the field, never a silent misreading.
    amount->setText("98.7650");
    QVERIFY(!form.validate().isEmpty());
    amount->setText("1234,5");
    QCOMPARE(form.values().value("amount").toString(), QString("1234.5"));
    form.setValues({{"deal_name", "Messe"}, {"probability", 1234}});
    auto *probability = form.findChild<QLineEdit *>("probability");
    QCOMPARE(probability->text(), QString("1234"));
    probability->end(false);
    QTest::keyClicks(probability, "0");
    QCOMPARE(form.values().value("probability").toString(), QString("12340"));
}

void TestRecordForm::unreadableTextIsShownAtTheField()
{
    RecordForm form(Entity::Deal, m_connection);
    form.show();
    QTest::keyClicks(form.findChild<QLineEdit *>("deal_name"), "X");
    QTest::keyClicks(form.findChild<QLineEdit *>("closing_date"), "someday");
    const QList<FieldError> errors = form.validate();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().field, QString("closing_date"));
    auto *label = form.findChild<QLabel *>("closing_date_error");
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains("someday"), qPrintable(label->text()));
}

void TestRecordForm::validationShowsMessagesAndFocusesFirstBadField()
{
    RecordForm form(Entity::Lead, m_connection);
    form.show();
    QTest::keyClicks(form.findChild<QLineEdit *>("email"), "ada@example");
    const QList<FieldError> errors = form.validate();
    QCOMPARE(errors.size(), 2);
    auto *emailError = form.findChild<QLabel *>("email_error");
    auto *nameError = form.findChild<QLabel *>("last_name_error");
    QVERIFY(emailError->isVisible());
    QVERIFY2(emailError->text().contains("not a valid email"), qPrintable(emailError->text()));
    QVERIFY(nameError->isVisible());
    QVERIFY(nameError->text().contains("Last Name"));
    QVERIFY(!form.findChild<QLabel *>("first_name_error")->isVisible());
    QCOMPARE(form.focusWidget(), form.editor("last_name")); // the first bad field in the form
    form.clearErrors();
    QVERIFY(!emailError->isVisible());
    QVERIFY(!nameError->isVisible());
}

void TestRecordForm::aFieldSaysItsProblemWhenTheRepLeavesIt()
{
    RecordForm form(Entity::Lead, m_connection);
    form.show();
    QVERIFY(QTest::qWaitForWindowActive(&form));
    auto *lastName = form.editor("last_name");
    auto *email = form.findChild<QLineEdit *>("email");
    auto *emailError = form.findChild<QLabel *>("email_error");
    // Tabbing past the empty required Last Name says nothing: the rep has not typed there.
    lastName->setFocus();
    email->setFocus();
    QVERIFY(!form.findChild<QLabel *>("last_name_error")->isVisible());
    // WHEN the rep types a broken address and leaves the field THEN it says so at once
    QTest::keyClicks(email, "ada@example");
    QVERIFY(!emailError->isVisible()); // not while typing
    form.editor("phone")->setFocus();
    QTRY_VERIFY(emailError->isVisible());
    QVERIFY2(emailError->text().contains("not a valid email"), qPrintable(emailError->text()));
    // WHEN the rep empties a required field they typed in THEN that is said on leaving it
    lastName->setFocus();
    QTest::keyClicks(lastName, "X");
    QTest::keyClick(lastName, Qt::Key_Backspace);
    email->setFocus();
    QTRY_VERIFY(form.findChild<QLabel *>("last_name_error")->isVisible());
    // WHEN the rep fixes the address THEN the message goes as they type
    email->setFocus();
    QTest::keyClicks(email, ".com");
    QVERIFY(!emailError->isVisible());
    form.editor("phone")->setFocus();
    QVERIFY(!emailError->isVisible());
}

void TestRecordForm::editingMarksModifiedAndClearsTheFieldError()
{
    RecordForm form(Entity::Lead, m_connection);
    form.show();
    form.setValues({{"last_name", "Doe"}, {"email", "bad"}});
    QSignalSpy spy(&form, &RecordForm::modifiedChanged);
    QVERIFY(!form.isModified());
    QCOMPARE(form.validate().size(), 1);
    QVERIFY(form.findChild<QLabel *>("email_error")->isVisible());
    QTest::keyClicks(form.findChild<QLineEdit *>("email"), "@example.com");
    QVERIFY(form.isModified());
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().first().toBool(), true);
    QVERIFY(!form.findChild<QLabel *>("email_error")->isVisible());
    // Clicking a check box and picking from a list count as edits too.
    form.setModified(false);
    QTest::mouseClick(form.findChild<QCheckBox *>("email_opt_out"), Qt::LeftButton);
    QVERIFY(form.isModified());
    QCOMPARE(form.values().value("email_opt_out").toInt(), 1);
}

void TestRecordForm::accountPickerCompletesTypedName()
{
    RecordStore store(m_connection);
    const qint64 globex = store.insert(Entity::Account, {{"account_name", "Globex"}}).id;
    const qint64 acme = store.insert(Entity::Account, {{"account_name", "Acme Inc"}}).id;
    QVERIFY(globex && acme);
    RecordForm form(Entity::Contact, m_connection);
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    auto *picker = form.findChild<QComboBox *>("account_id");
    // The rep types part of the name, in the wrong case: the popup offers the account...
    QTest::keyClicks(picker->lineEdit(), "cme");
    QCompleter *completer = picker->completer();
    QVERIFY(completer->popup()->isVisible());
    QCOMPARE(completer->completionCount(), 1);
    QCOMPARE(completer->currentCompletion(), QString("Acme Inc"));
    // ... and picking it from the popup puts the account in the field.
    QTest::keyClick(completer->popup(), Qt::Key_Down);
    QTest::keyClick(completer->popup(), Qt::Key_Return);
    QCOMPARE(picker->currentText(), QString("Acme Inc"));
    QCOMPARE(form.values().value("account_id").toLongLong(), acme);
    // A whole name typed in another case is found as well; an unknown one is an error.
    picker->lineEdit()->clear();
    QTest::keyClicks(picker->lineEdit(), "GLOBEX");
    QCOMPARE(form.values().value("account_id").toLongLong(), globex);
    picker->lineEdit()->clear();
    QTest::keyClicks(picker->lineEdit(), "Initech");
    QTest::keyClicks(form.findChild<QLineEdit *>("last_name"), "Doe");
    const QList<FieldError> errors = form.validate();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(form.findChild<QLabel *>("account_id_error")->text().contains("Initech"),
             qPrintable(form.findChild<QLabel *>("account_id_error")->text()));
}

void TestRecordForm::tabFollowsFieldOrder()
{
    RecordForm form(Entity::Lead, m_connection);
    form.resize(1000, 800);
    form.show();
    QVERIFY(QTest::qWaitForWindowActive(&form));
    form.editor("first_name")->setFocus();
    QTest::keyClick(form.editor("first_name"), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), form.editor("last_name"));
    // From the last field of the first group to the first of the next, even side by side.
    form.editor("title")->setFocus();
    QTest::keyClick(form.editor("title"), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), form.editor("company"));
}

void TestRecordForm::wideWindowUsesTwoColumns()
{
    RecordForm form(Entity::Lead, m_connection);
    auto *person = form.findChild<QGroupBox *>("Person_group");
    auto *company = form.findChild<QGroupBox *>("Company_group");
    auto *description = form.findChild<QGroupBox *>("Description_group");
    QVERIFY(person && company && description);
    // Narrow: groups stacked, one under the other.
    form.resize(500, 1400);
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    QCOMPARE(company->x(), person->x());
    QVERIFY(company->y() > person->y());
    // Wide: side by side; the description still spans the whole width.
    form.resize(1200, 1000);
    QTRY_VERIFY(company->x() > person->x() + person->width() - 1);
    QCOMPARE(company->y(), person->y());
    QCOMPARE(description->x(), person->x());
    QVERIFY(description->width() > company->x());
}

void TestRecordForm::fieldsOfEveryGroupStartInOneColumn()
{
    // One label column across the form: "Lead Source *" in one group, "First Name" in
    // another, yet their fields start at the same x.
    for (Entity e : allEntities()) {
        RecordForm form(e, m_connection);
        form.resize(600, 1600); // one column of groups
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QSet<int> starts;
        for (const FieldDef &f : entityDef(e).fields) {
            if (f.type == FieldType::LongText)
                continue; // spans the whole group, under its heading
            auto *editor = form.findChild<QWidget *>(QLatin1String(f.name));
            QVERIFY2(editor, f.name);
            starts << editor->mapTo(&form, QPoint()).x();
        }
        QVERIFY2(starts.size() == 1, entityDef(e).table);
    }
}

void TestRecordForm::dateIsPickedFromTheCalendar()
{
    RecordForm form(Entity::Deal, m_connection);
    form.show();
    auto *date = form.findChild<DateLineEdit *>("closing_date");
    QAction *pick = date->findChild<QAction *>("calendarAction");
    QVERIFY(pick);
    pick->trigger();
    auto *calendar = date->findChild<QCalendarWidget *>("closing_date_calendar");
    QVERIFY(calendar && calendar->isVisible());
    calendar->setSelectedDate(QDate(2026, 3, 1));
    QTest::keyClick(calendar->findChild<QAbstractItemView *>(), Qt::Key_Return);
    QVERIFY(!calendar->isVisible());
    QCOMPARE(form.values().value("closing_date").toString(), QString("2026-03-01"));
    QVERIFY(form.isModified());
    // Emptying the field means "no date" again.
    date->selectAll();
    QTest::keyClick(date, Qt::Key_Delete);
    QCOMPARE(form.values().value("closing_date").toString(), QString());
}

void TestRecordForm::emailAndPhoneAreLinks()
{
    QList<QUrl> opened;
    FieldEditors::setUrlOpener([&opened](const QUrl &url) { opened << url; return true; });
    RecordForm form(Entity::Contact, m_connection);
    auto *email = form.findChild<QLineEdit *>("email");
    auto *phone = form.findChild<QLineEdit *>("phone");
    QAction *write = email->findChild<QAction *>("emailLink");
    QAction *call = phone->findChild<QAction *>("phoneLink");
    QVERIFY(write && call);
    QVERIFY(!form.findChild<QLineEdit *>("fax")->findChild<QAction *>("faxLink")); // not a phone one answers
    QVERIFY(!write->isEnabled()); // nothing to write to yet
    email->setText("ada@example.com");
    phone->setText("+49 (30) 1234-56");
    QVERIFY(write->isEnabled() && call->isEnabled());
    write->trigger();
    call->trigger();
    QCOMPARE(opened, (QList<QUrl>{QUrl("mailto:ada@example.com"), QUrl("tel:+4930123456")}));
    FieldEditors::setUrlOpener(nullptr);
}

QTEST_MAIN(TestRecordForm)
#include "tst_recordform.moc"
