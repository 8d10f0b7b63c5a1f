#include "records/assignownerdialog.h"

#include "records/ownerpicker.h"
#include "records/recordtypes.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Rapport {

AssignOwnerDialog::AssignOwnerDialog(Entity entity, qint64 count, const QString &connection,
                                     QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("assignOwnerDialog"));
    setWindowTitle(tr("Assign To"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 50);
    auto *layout = new QVBoxLayout(this);
    const int n = int(qMin<qint64>(count, std::numeric_limits<int>::max()));
    auto *label = new QLabel(tr("New owner of the selected %1 (%n):", nullptr, n)
                                 .arg(entityNoun(entity, n != 1)), this);
    label->setWordWrap(true);
    layout->addWidget(label);
    m_owner = new OwnerPicker(connection, this);
    m_owner->setObjectName(QStringLiteral("assignOwnerPicker"));
    m_owner->setAccessibleName(tr("New owner"));
    m_owner->setName(QString());
    label->setBuddy(m_owner);
    layout->addWidget(m_owner);
    auto *buttons = new QDialogButtonBox(this);
    m_assign = buttons->addButton(tr("&Assign"), QDialogButtonBox::AcceptRole);
    m_assign->setObjectName(QStringLiteral("assignButton"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    const auto update = [this] { m_assign->setEnabled(!owner().isEmpty()); };
    connect(m_owner, &QComboBox::editTextChanged, this, update);
    update();
    m_owner->setFocus();
}

QString AssignOwnerDialog::owner() const
{
    return m_owner->name();
}

} // namespace Rapport
