#pragma once
// Any repeat a pattern holds, set by hand: every N days, weeks, months or years; the weekdays
// of a weekly one; a monthly one's day of the month or its first … last weekday; ending never,
// on a date, or after N times. Shows the result in words as it is set.

#include "records/repeatpattern.h"

#include <QDialog>

#include <array>

class QButtonGroup;
class QComboBox;
class QLabel;
class QRadioButton;
class QSpinBox;
class QToolButton;
class QWidget;

namespace Rapport {

class DateLineEdit;

class RepeatDialog : public QDialog
{
    Q_OBJECT

public:
    // Starts from `pattern`; `day` (the activity's due day) fills what it leaves open.
    RepeatDialog(const RepeatPattern &pattern, const QDate &day, QWidget *parent = nullptr);

    RepeatPattern pattern() const;

private:
    QWidget *createEvery();
    QWidget *createWeekdays();
    QWidget *createMonthly();
    QWidget *createEnds();
    void show(const RepeatPattern &p);
    void update();

    QDate m_day;
    QSpinBox *m_interval;
    QComboBox *m_unit;
    QWidget *m_weekly;
    std::array<QToolButton *, 7> m_days{};
    QWidget *m_monthly;
    QRadioButton *m_onDay;
    QSpinBox *m_monthDay;
    QRadioButton *m_onWeekday;
    QComboBox *m_position;
    QComboBox *m_weekday;
    QRadioButton *m_never;
    QRadioButton *m_onDate;
    DateLineEdit *m_until;
    QRadioButton *m_after;
    QSpinBox *m_count;
    QLabel *m_summary;
};

} // namespace Rapport
