// An activity's Repeats field as a rep uses it: the usual repeats for the day it is due, a
// custom one set in the dialog through its real buttons, Cancel changing nothing, and a rule
// typed elsewhere that no pattern holds shown and kept as it is.
#include "i18n/translations.h"
#include "records/datelineedit.h"
#include "records/recordform.h"
#include "records/recordtypes.h"
#include "records/repeatdialog.h"
#include "records/repeateditor.h"
#include "storage/database.h"
#include "support/engines.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Rapport;

class TestRepeatEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { Database::close(m_connection); }
    void offersTheUsualRepeatsForTheDueDay();
    void customRepeatIsSetInTheDialog();
    void cancellingTheDialogChangesNothing();
    void aRuleWithoutPatternIsKept();

private:
    // The Activity form with its due date set as a rep types it.
    std::unique_ptr<RecordForm> formDueOn(const QDate &day);
    // Answers the dialog Custom… opens with `answer`, when it shows.
    void whenTheDialogShows(std::function<void(RepeatDialog *)> answer);

    QTemporaryDir m_dir;
    QString m_connection = QStringLiteral("repeat");
};

void TestRepeatEditor::initTestCase()
{
    QVERIFY(installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedKingdom)));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    QVERIFY(Database::open(Engines::location(m_dir.filePath("r.sqlite")), m_connection).isEmpty());
}

std::unique_ptr<RecordForm> TestRepeatEditor::formDueOn(const QDate &day)
{
    auto form = std::make_unique<RecordForm>(Entity::Activity, m_connection);
    auto *due = form->findChild<DateLineEdit *>("due_at");
    due->setMoment(QDateTime(day, QTime(10, 0)).toUTC());
    return form;
}

void TestRepeatEditor::whenTheDialogShows(std::function<void(RepeatDialog *)> answer)
{
    QTimer::singleShot(0, this, [answer] {
        auto *dialog = qobject_cast<RepeatDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        answer(dialog);
    });
}

// GIVEN an activity due on Tuesday 15 December 2026, WHEN the rep opens Repeats, THEN the
// list offers that day's repeats; picking one makes the form's rule and marks it modified.
void TestRepeatEditor::offersTheUsualRepeatsForTheDueDay()
{
    auto form = formDueOn(QDate(2026, 12, 15));
    auto *repeat = form->findChild<RepeatEditor *>("repeat_rule");
    QStringList items;
    for (int i = 0; i < repeat->count(); ++i)
        items << repeat->itemText(i);
    QCOMPARE(items.first(), QString("Does not repeat"));
    QVERIFY(items.contains("Weekly on Tuesday"));
    QVERIFY(items.contains("Monthly on the third Tuesday"));
    QCOMPARE(items.last(), QString("Custom…"));
    QVERIFY(!form->isModified());

    repeat->setFocus();
    const int third = items.indexOf("Monthly on the third Tuesday");
    while (repeat->currentIndex() < third)
        QTest::keyClick(repeat, Qt::Key_Down);
    QCOMPARE(form->values().value("repeat_rule").toString(), QString("FREQ=MONTHLY;BYDAY=3TU"));
    QVERIFY(form->isModified());

    // A later due day offers that day's repeats and keeps the one chosen.
    form->findChild<DateLineEdit *>("due_at")->setMoment(QDateTime(QDate(2026, 12, 18), QTime(10, 0)));
    QVERIFY(repeat->findText("Weekly on Friday") >= 0);
    QCOMPARE(repeat->currentText(), QString("Monthly on the third Tuesday"));
}

// WHEN the rep picks Custom… and sets every 2 weeks on Monday and Wednesday, 6 times, THEN the
// form holds that rule and the list shows it in words.
void TestRepeatEditor::customRepeatIsSetInTheDialog()
{
    auto form = formDueOn(QDate(2026, 12, 15));
    auto *repeat = form->findChild<RepeatEditor *>("repeat_rule");
    QString summary;
    whenTheDialogShows([&summary](RepeatDialog *d) {
        auto *interval = d->findChild<QSpinBox *>("repeatInterval");
        interval->selectAll();
        QTest::keyClicks(interval, "2");
        // Weekly on the due day is where it starts: Tuesday is on.
        QVERIFY(d->findChild<QToolButton *>("repeatDay2")->isChecked());
        QTest::mouseClick(d->findChild<QToolButton *>("repeatDay2"), Qt::LeftButton);
        QTest::mouseClick(d->findChild<QToolButton *>("repeatDay1"), Qt::LeftButton);
        QTest::mouseClick(d->findChild<QToolButton *>("repeatDay3"), Qt::LeftButton);
        auto *after = d->findChild<QRadioButton *>("repeatAfter");
        QTest::mouseClick(after, Qt::LeftButton, {}, QPoint(after->height() / 2, after->height() / 2));
        auto *count = d->findChild<QSpinBox *>("repeatCount");
        count->selectAll();
        QTest::keyClicks(count, "6");
        summary = d->findChild<QLabel *>("repeatSummary")->text();
        QTest::mouseClick(d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
    });
    repeat->activated(repeat->count() - 1); // as the list does when Custom… is clicked
    QCOMPARE(summary, QString("Every 2 weeks on Monday, Wednesday, 6 times"));
    QCOMPARE(form->values().value("repeat_rule").toString(),
             QString("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=6"));
    QCOMPARE(repeat->currentText(), summary);
    QVERIFY(form->isModified());
}

void TestRepeatEditor::cancellingTheDialogChangesNothing()
{
    auto form = formDueOn(QDate(2026, 12, 15));
    form->setValues({{"repeat_rule", "FREQ=DAILY"}});
    auto *repeat = form->findChild<RepeatEditor *>("repeat_rule");
    whenTheDialogShows([](RepeatDialog *d) {
        auto *unit = d->findChild<QComboBox *>("repeatUnit");
        QCOMPARE(unit->currentIndex(), 0); // days: the rule it starts from
        unit->setCurrentIndex(3);
        QTest::mouseClick(d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel),
                          Qt::LeftButton);
    });
    repeat->activated(repeat->count() - 1);
    QCOMPARE(repeat->currentText(), QString("Every day"));
    QCOMPARE(form->values().value("repeat_rule").toString(), QString("FREQ=DAILY"));
    QVERIFY(!form->isModified());
}

// A rule from an import or the command line that says more than a pattern: shown as it is
// and saved back unchanged; Weekly with no day ticked cannot be confirmed.
void TestRepeatEditor::aRuleWithoutPatternIsKept()
{
    auto form = formDueOn(QDate(2026, 12, 15));
    form->setValues({{"repeat_rule", "FREQ=DAILY;BYHOUR=9,17"}});
    auto *repeat = form->findChild<RepeatEditor *>("repeat_rule");
    QCOMPARE(repeat->currentText(), QString("FREQ=DAILY;BYHOUR=9,17"));
    QCOMPARE(form->values().value("repeat_rule").toString(), QString("FREQ=DAILY;BYHOUR=9,17"));

    bool okWithoutDays = true;
    whenTheDialogShows([&okWithoutDays](RepeatDialog *d) {
        d->findChild<QComboBox *>("repeatUnit")->setCurrentIndex(1);
        for (int day = 1; day <= 7; ++day) {
            auto *b = d->findChild<QToolButton *>(QString("repeatDay%1").arg(day));
            if (b->isChecked())
                QTest::mouseClick(b, Qt::LeftButton);
        }
        auto *ok = d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        okWithoutDays = ok->isEnabled();
        QCOMPARE(d->findChild<QLabel *>("repeatSummary")->text(), QString("Choose at least one weekday."));
        d->reject();
    });
    repeat->activated(repeat->count() - 1);
    QVERIFY(!okWithoutDays);
    QCOMPARE(form->values().value("repeat_rule").toString(), QString("FREQ=DAILY;BYHOUR=9,17"));
}

QTEST_MAIN(TestRepeatEditor)
#include "tst_repeateditor.moc"
