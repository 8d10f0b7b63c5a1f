#include "records/ownerpicker.h"

#include "storage/userdirectory.h"

#include <QCompleter>
#include <QLineEdit>

namespace Rapport {

OwnerPicker::OwnerPicker(const QString &connection, QWidget *parent)
    : QComboBox(parent)
    , m_connection(connection)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert); // a typed name is the field's value, not a new item
    auto *completer = new QCompleter(model(), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    setCompleter(completer);
    lineEdit()->setPlaceholderText(tr("Nobody"));
    reload();
}

void OwnerPicker::reload()
{
    const QString shown = currentText();
    const QSignalBlocker blocker(this);
    clear();
    addItems(UserDirectory(m_connection).names());
    setName(shown);
}

QString OwnerPicker::name() const
{
    return currentText().simplified();
}

void OwnerPicker::setName(const QString &name)
{
    const int i = findText(name.simplified(), Qt::MatchFixedString); // case ignored
    if (i >= 0 && !name.simplified().isEmpty())
        setCurrentIndex(i);
    else
        setCurrentIndex(-1);
    setEditText(i >= 0 && !name.simplified().isEmpty() ? itemText(i) : name);
}

bool OwnerPicker::isKnown() const
{
    return name().isEmpty() || UserDirectory(m_connection).findByName(name()).has_value();
}

} // namespace Rapport
