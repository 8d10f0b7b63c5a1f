#include "records/repeatdialog.h"

#include "records/datelineedit.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QToolButton>

namespace Rapport {

namespace {

using Freq = RepeatPattern::Frequency;

// Rows of the form: what "every" counts, then the parts only some frequencies have.
enum Row { EveryRow, WeekdaysRow, MonthlyRow, EndsRow };

} // namespace

RepeatDialog::RepeatDialog(const RepeatPattern &pattern, const QDate &day, QWidget *parent)
    : QDialog(parent), m_day(day.isValid() ? day : QDate::currentDate())
{
    setObjectName(QStringLiteral("repeatDialog"));
    setWindowTitle(tr("Repeat"));
    auto *form = new QFormLayout(this);
    form->insertRow(EveryRow, tr("Repeat &every:"), createEvery());
    form->insertRow(WeekdaysRow, tr("On:"), createWeekdays());
    form->insertRow(MonthlyRow, tr("On:"), createMonthly());
    form->insertRow(EndsRow, tr("Ends:"), createEnds());
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("repeatSummary"));
    m_summary->setWordWrap(true);
    form->addRow(m_summary);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("repeatButtons"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    show(pattern);
    update();
}

QWidget *RepeatDialog::createEvery()
{
    auto *box = new QWidget(this);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    m_interval = new QSpinBox(box);
    m_interval->setObjectName(QStringLiteral("repeatInterval"));
    m_interval->setRange(1, 999);
    m_interval->setAccessibleName(tr("Repeat every"));
    m_unit = new QComboBox(box);
    m_unit->setObjectName(QStringLiteral("repeatUnit"));
    m_unit->addItems({QString(), QString(), QString(), QString()});
    m_unit->setAccessibleName(tr("Repeat unit"));
    row->addWidget(m_interval);
    row->addWidget(m_unit, 1);
    connect(m_interval, &QSpinBox::valueChanged, this, &RepeatDialog::update);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &RepeatDialog::update);
    return box;
}

QWidget *RepeatDialog::createWeekdays()
{
    m_weekly = new QWidget(this);
    auto *row = new QHBoxLayout(m_weekly);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    const int first = locale().firstDayOfWeek();
    for (int i = 0; i < 7; ++i) {
        const int day = (first - 1 + i) % 7 + 1;
        auto *b = new QToolButton(m_weekly);
        b->setCheckable(true);
        b->setText(locale().dayName(day, QLocale::ShortFormat));
        b->setAccessibleName(locale().dayName(day, QLocale::LongFormat));
        b->setObjectName(QStringLiteral("repeatDay%1").arg(day));
        row->addWidget(b);
        m_days[day - 1] = b;
        connect(b, &QToolButton::toggled, this, &RepeatDialog::update);
    }
    row->addStretch(1);
    return m_weekly;
}

QWidget *RepeatDialog::createMonthly()
{
    m_monthly = new QWidget(this);
    auto *grid = new QGridLayout(m_monthly);
    grid->setContentsMargins(0, 0, 0, 0);
    m_onDay = new QRadioButton(tr("on &day"), m_monthly);
    m_onDay->setObjectName(QStringLiteral("repeatOnDay"));
    m_monthDay = new QSpinBox(m_monthly);
    m_monthDay->setObjectName(QStringLiteral("repeatMonthDay"));
    m_monthDay->setRange(1, 31);
    m_monthDay->setAccessibleName(tr("Day of the month"));
    m_onWeekday = new QRadioButton(tr("on the"), m_monthly);
    m_onWeekday->setObjectName(QStringLiteral("repeatOnWeekday"));
    m_position = new QComboBox(m_monthly);
    m_position->setObjectName(QStringLiteral("repeatPosition"));
    m_position->setAccessibleName(tr("Which weekday of the month"));
    const QList<int> positions{1, 2, 3, 4, -1};
    const QStringList words{tr("first"), tr("second"), tr("third"), tr("fourth"), tr("last")};
    for (int i = 0; i < positions.size(); ++i)
        m_position->addItem(words[i], positions[i]);
    m_weekday = new QComboBox(m_monthly);
    m_weekday->setObjectName(QStringLiteral("repeatWeekday"));
    m_weekday->setAccessibleName(tr("Weekday"));
    for (int day = 1; day <= 7; ++day)
        m_weekday->addItem(locale().dayName(day, QLocale::LongFormat), day);
    grid->addWidget(m_onDay, 0, 0);
    grid->addWidget(m_monthDay, 0, 1);
    grid->addWidget(m_onWeekday, 1, 0);
    grid->addWidget(m_position, 1, 1);
    grid->addWidget(m_weekday, 1, 2);
    grid->setColumnStretch(3, 1);
    auto *group = new QButtonGroup(m_monthly);
    group->addButton(m_onDay);
    group->addButton(m_onWeekday);
    connect(group, &QButtonGroup::buttonToggled, this, &RepeatDialog::update);
    connect(m_monthDay, &QSpinBox::valueChanged, this, &RepeatDialog::update);
    connect(m_position, &QComboBox::currentIndexChanged, this, &RepeatDialog::update);
    connect(m_weekday, &QComboBox::currentIndexChanged, this, &RepeatDialog::update);
    return m_monthly;
}

QWidget *RepeatDialog::createEnds()
{
    auto *box = new QWidget(this);
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    m_never = new QRadioButton(tr("&never"), box);
    m_never->setObjectName(QStringLiteral("repeatNever"));
    m_onDate = new QRadioButton(tr("&on"), box);
    m_onDate->setObjectName(QStringLiteral("repeatOnDate"));
    m_until = new DateLineEdit(box);
    m_until->setObjectName(QStringLiteral("repeatUntil"));
    m_until->setAccessibleName(tr("Last day"));
    m_after = new QRadioButton(tr("&after"), box);
    m_after->setObjectName(QStringLiteral("repeatAfter"));
    m_count = new QSpinBox(box);
    m_count->setObjectName(QStringLiteral("repeatCount"));
    m_count->setRange(1, 999);
    m_count->setSuffix(tr(" times"));
    m_count->setAccessibleName(tr("How many times"));
    grid->addWidget(m_never, 0, 0);
    grid->addWidget(m_onDate, 1, 0);
    grid->addWidget(m_until, 1, 1);
    grid->addWidget(m_after, 2, 0);
    grid->addWidget(m_count, 2, 1);
    grid->setColumnStretch(2, 1);
    auto *group = new QButtonGroup(box);
    for (QRadioButton *b : {m_never, m_onDate, m_after})
        group->addButton(b);
    connect(group, &QButtonGroup::buttonToggled, this, &RepeatDialog::update);
    connect(m_until, &QLineEdit::textChanged, this, &RepeatDialog::update);
    connect(m_count, &QSpinBox::valueChanged, this, &RepeatDialog::update);
    return box;
}

void RepeatDialog::show(const RepeatPattern &p)
{
    m_interval->setValue(p.interval);
    m_unit->setCurrentIndex(int(p.frequency));
    const QList<int> days = p.weekdays.isEmpty() ? QList<int>{m_day.dayOfWeek()} : p.weekdays;
    for (int day : days)
        m_days[day - 1]->setChecked(true);
    const bool byWeekday = p.frequency == Freq::Monthly && p.monthlyBy == RepeatPattern::MonthlyBy::Weekday;
    (byWeekday ? m_onWeekday : m_onDay)->setChecked(true);
    m_monthDay->setValue(p.frequency == Freq::Monthly ? p.monthDay : m_day.day());
    const int position = byWeekday ? p.position : (m_day.day() - 1) / 7 + 1;
    m_position->setCurrentIndex(qMax(0, m_position->findData(qMin(position, 5) == 5 ? -1 : position)));
    m_weekday->setCurrentIndex((byWeekday ? p.weekday : m_day.dayOfWeek()) - 1);
    m_until->setDate(p.until.isValid() ? p.until : m_day.addMonths(3));
    m_count->setValue(p.count > 0 ? p.count : 10);
    (p.until.isValid() ? m_onDate : p.count > 0 ? m_after : m_never)->setChecked(true);
}

RepeatPattern RepeatDialog::pattern() const
{
    RepeatPattern p;
    p.frequency = Freq(m_unit->currentIndex());
    p.interval = m_interval->value();
    for (int day = 1; day <= 7; ++day)
        if (p.frequency == Freq::Weekly && m_days[day - 1]->isChecked())
            p.weekdays << day;
    p.monthlyBy = m_onWeekday->isChecked() ? RepeatPattern::MonthlyBy::Weekday
                                           : RepeatPattern::MonthlyBy::DayOfMonth;
    p.monthDay = m_monthDay->value();
    p.position = m_position->currentData().toInt();
    p.weekday = m_weekday->currentData().toInt();
    if (m_onDate->isChecked())
        p.until = m_until->date();
    if (m_after->isChecked())
        p.count = m_count->value();
    return p;
}

void RepeatDialog::update()
{
    const int n = m_interval->value();
    const QStringList units{tr("day(s)", nullptr, n), tr("week(s)", nullptr, n),
                            tr("month(s)", nullptr, n), tr("year(s)", nullptr, n)};
    for (int i = 0; i < units.size(); ++i)
        m_unit->setItemText(i, units[i]);
    auto *form = static_cast<QFormLayout *>(layout());
    const auto freq = Freq(m_unit->currentIndex());
    form->setRowVisible(WeekdaysRow, freq == Freq::Weekly);
    form->setRowVisible(MonthlyRow, freq == Freq::Monthly);
    m_monthDay->setEnabled(m_onDay->isChecked());
    m_position->setEnabled(m_onWeekday->isChecked());
    m_weekday->setEnabled(m_onWeekday->isChecked());
    m_until->setEnabled(m_onDate->isChecked());
    m_count->setEnabled(m_after->isChecked());
    const bool dateOk = !m_onDate->isChecked() || m_until->date().isValid();
    const bool daysOk = freq != Freq::Weekly
        || std::any_of(m_days.begin(), m_days.end(), [](QToolButton *b) { return b->isChecked(); });
    auto *ok = findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    ok->setEnabled(dateOk && daysOk);
    m_summary->setText(!dateOk ? tr("Enter the last day, or choose another end.")
                       : !daysOk ? tr("Choose at least one weekday.")
                                 : pattern().text());
}

} // namespace Rapport
