#include "records/datelineedit.h"

#include "records/moments.h"

#include <QAction>
#include <QCalendarWidget>
#include <QIcon>
#include <QStyle>

namespace Rapport {

DateLineEdit::DateLineEdit(QWidget *parent, Kind kind)
    : QLineEdit(parent)
    , m_kind(kind)
{
    setPlaceholderText(displayFormat().toUpper());
    QAction *pick = addAction(style()->standardIcon(QStyle::SP_FileDialogDetailedView),
                              QLineEdit::TrailingPosition);
    pick->setObjectName(QStringLiteral("calendarAction"));
    pick->setToolTip(tr("Pick a date from the calendar (Alt+Down)"));
    connect(pick, &QAction::triggered, this, &DateLineEdit::showCalendar);
    QAction *popup = new QAction(this);
    popup->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    popup->setShortcutContext(Qt::WidgetShortcut);
    addAction(popup);
    connect(popup, &QAction::triggered, this, &DateLineEdit::showCalendar);
}

QString DateLineEdit::displayFormat() const
{
    return m_kind == Kind::DateTime ? Moments::displayFormat(locale()) : Moments::dateFormat(locale());
}

QDate DateLineEdit::date() const
{
    const QString text = this->text().trimmed();
    if (text.isEmpty())
        return {};
    if (m_kind == Kind::DateTime)
        return moment().toLocalTime().date();
    QDate d = locale().toDate(text, displayFormat());
    if (!d.isValid())
        d = QDate::fromString(text, Qt::ISODate);
    return d;
}

QDateTime DateLineEdit::moment() const
{
    return Moments::parse(text(), locale());
}

void DateLineEdit::setMoment(const QDateTime &moment)
{
    setText(Moments::display(moment, locale()));
}

void DateLineEdit::setDate(const QDate &date)
{
    if (m_kind == Kind::DateTime) {
        // A new day at the time already set, or nine in the morning.
        const QDateTime was = moment();
        const QTime time = was.isValid() ? was.toLocalTime().time() : QTime(9, 0);
        setMoment(date.isValid() ? QDateTime(date, time) : QDateTime());
        return;
    }
    setText(date.isValid() ? locale().toString(date, displayFormat()) : QString());
}

bool DateLineEdit::isBlank() const
{
    return text().trimmed().isEmpty();
}

void DateLineEdit::showCalendar()
{
    if (!m_calendar) {
        m_calendar = new QCalendarWidget(this);
        m_calendar->setObjectName(objectName() + QStringLiteral("_calendar"));
        m_calendar->setWindowFlags(Qt::Popup);
        m_calendar->setLocale(locale());
        connect(m_calendar, &QCalendarWidget::activated, this, [this](QDate d) {
            setDate(d);
            m_calendar->hide();
            setFocus();
            Q_EMIT datePicked(d);
        });
        connect(m_calendar, &QCalendarWidget::clicked, m_calendar, &QCalendarWidget::activated);
    }
    m_calendar->setSelectedDate(date().isValid() ? date() : QDate::currentDate());
    m_calendar->adjustSize();
    m_calendar->move(mapToGlobal(QPoint(0, height())));
    m_calendar->show();
    m_calendar->setFocus();
}

} // namespace Rapport
