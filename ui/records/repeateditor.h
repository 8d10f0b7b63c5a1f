#pragma once
// The Repeats field of an activity: a list of the repeats a calendar offers for its due day
// ("Weekly on Tuesday", "Monthly on the third Tuesday", …), "Does not repeat", and
// "Custom…", which opens RepeatDialog for any interval, weekdays and end. The field's value
// is the RRULE; a stored rule that no pattern holds is shown and kept as it is.

#include <QComboBox>
#include <QDate>

namespace Rapport {

class RepeatEditor : public QComboBox
{
    Q_OBJECT

public:
    explicit RepeatEditor(QWidget *parent = nullptr);

    // The rule; "" when it does not repeat.
    QString rule() const;
    void setRule(const QString &rule);
    // The day the activity is due: what the suggestions repeat on.
    void setDay(const QDate &day);

Q_SIGNALS:
    // The rep chose another repeat (not when the program set one).
    void ruleEdited();

private:
    void refill(const QString &keep);
    void chosen(int index);
    void editCustom();

    QDate m_day;
    int m_previous = 0;
};

} // namespace Rapport
