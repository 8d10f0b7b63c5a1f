#pragma once
// A date field that can be left empty ("no date"), which QDateEdit cannot: the rep types a
// date in their locale's format (or ISO) or picks one from the calendar behind the trailing
// button. Used by RecordForm for every Date field, and with a time of day for every DateTime
// field (the calendar then changes the day and keeps the time).

#include <QDateTime>

#include <QDate>
#include <QLineEdit>

class QCalendarWidget;

namespace Rapport {

class DateLineEdit : public QLineEdit
{
    Q_OBJECT

public:
    enum class Kind { Date, DateTime };
    explicit DateLineEdit(QWidget *parent = nullptr, Kind kind = Kind::Date);

    // The date typed or picked; invalid when the field is empty or the text is not a date.
    QDate date() const;
    void setDate(const QDate &date);
    // A DateTime field's moment (in UTC); invalid when empty or not a date and time.
    QDateTime moment() const;
    void setMoment(const QDateTime &moment);
    bool isBlank() const;
    // The format the field shows dates in, with a four-digit year ("dd.MM.yyyy").
    QString displayFormat() const;

    void showCalendar();

Q_SIGNALS:
    // The user picked a date in the calendar (textEdited covers typing).
    void datePicked(const QDate &date);

private:
    QCalendarWidget *m_calendar = nullptr;
    Kind m_kind;
};

} // namespace Rapport
