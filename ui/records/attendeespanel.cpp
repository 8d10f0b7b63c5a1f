#include "records/attendeespanel.h"

#include "activities/attendees.h"
#include "records/referencepicker.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Rapport {

AttendeesPanel::AttendeesPanel(qint64 activityId, const QString &connection, QWidget *parent)
    : QWidget(parent), m_activity(activityId), m_connection(connection)
{
    setObjectName(QStringLiteral("attendeesPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("A&ttendees"), this);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("attendeesList"));
    m_list->setAccessibleName(tr("Attendees"));
    m_list->setAccessibleDescription(tr("The contacts who attend; Enter opens the selected one."));
    title->setBuddy(m_list);
    auto *row = new QHBoxLayout;
    m_picker = new ReferencePicker(Entity::Contact, connection, this);
    m_picker->setObjectName(QStringLiteral("attendeePicker"));
    m_picker->setAccessibleName(tr("Contact to add"));
    m_picker->setAccessibleDescription(tr("Type part of a contact's name, then Add."));
    m_add = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add"), this);
    m_add->setObjectName(QStringLiteral("addAttendeeButton"));
    m_add->setAutoDefault(false);
    m_add->setAccessibleDescription(tr("Adds the contact picked beside it to the attendees."));
    m_remove = new QPushButton(QIcon::fromTheme(QStringLiteral("list-remove")), tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeAttendeeButton"));
    m_remove->setAutoDefault(false);
    m_remove->setAccessibleDescription(tr("Takes the selected contact off the attendees."));
    row->addWidget(m_picker, 1);
    row->addWidget(m_add);
    row->addWidget(m_remove);
    layout->addWidget(title);
    // A few names: the notes and the history below need the room more.
    m_list->setMaximumHeight(m_list->fontMetrics().height() * 7);
    layout->addWidget(m_list);
    layout->addLayout(row);
    connect(m_add, &QPushButton::clicked, this, &AttendeesPanel::add);
    connect(m_remove, &QPushButton::clicked, this, &AttendeesPanel::removeCurrent);
    connect(m_picker, &QComboBox::currentTextChanged, this, &AttendeesPanel::updateButtons);
    connect(m_list, &QListWidget::currentRowChanged, this, &AttendeesPanel::updateButtons);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT openRequested(Entity::Contact, item->data(Qt::UserRole).toLongLong());
    });
    reload();
}

void AttendeesPanel::reload()
{
    const qint64 current = m_list->currentItem()
        ? m_list->currentItem()->data(Qt::UserRole).toLongLong() : 0;
    m_list->clear();
    QString error;
    for (const Attendee &a : Attendees(m_connection).of(m_activity, &error)) {
        auto *item = new QListWidgetItem(
            a.email.isEmpty() ? a.name : tr("%1 <%2>").arg(a.name, a.email), m_list);
        item->setData(Qt::UserRole, a.contactId);
        if (a.contactId == current)
            m_list->setCurrentItem(item);
    }
    if (!error.isEmpty())
        Q_EMIT failed(error);
    updateButtons();
}

void AttendeesPanel::add()
{
    qint64 contact = 0;
    if (m_picker->match(&contact) != ReferencePicker::Match::Found) {
        const QString typed = m_picker->currentText().trimmed();
        if (!typed.isEmpty())
            Q_EMIT failed(tr("There is no one contact named “%1”; pick one from the list.").arg(typed));
        return;
    }
    if (const QString error = Attendees(m_connection).add(m_activity, contact); !error.isEmpty()) {
        Q_EMIT failed(error);
        return;
    }
    m_picker->setRecordId(QVariant());
    reload();
    Q_EMIT changed();
}

void AttendeesPanel::removeCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const qint64 contact = item->data(Qt::UserRole).toLongLong();
    if (const QString error = Attendees(m_connection).remove(m_activity, contact); !error.isEmpty()) {
        Q_EMIT failed(error);
        return;
    }
    reload();
    Q_EMIT changed();
}

void AttendeesPanel::updateButtons()
{
    m_add->setEnabled(!m_picker->currentText().trimmed().isEmpty());
    m_remove->setEnabled(m_list->currentItem() != nullptr);
}

} // namespace Rapport
