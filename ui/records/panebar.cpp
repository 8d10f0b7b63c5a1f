#include "records/panebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Rapport {

PaneBar::PaneBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_buttons(new QHBoxLayout)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_label->setObjectName(QStringLiteral("barText"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    // The pane is narrow: the question above, its answers under it on the right.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 6, 6);
    layout->addWidget(m_label);
    m_buttons->addStretch(1);
    layout->addLayout(m_buttons);
    hide();
}

void PaneBar::say(const QString &text)
{
    m_label->setText(text);
    setAccessibleDescription(text);
    show();
}

QString PaneBar::text() const
{
    return m_label->text();
}

QPushButton *PaneBar::addButton(const QString &text, const QString &objectName,
                                const QString &tip)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(objectName);
    button->setAutoDefault(false);
    button->setToolTip(tip);
    button->setAccessibleDescription(tip);
    m_buttons->addWidget(button);
    return button;
}

} // namespace Rapport
