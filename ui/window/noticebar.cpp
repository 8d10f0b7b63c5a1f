#include "window/noticebar.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace Rapport {

NoticeBar::NoticeBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("noticeBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_label->setObjectName(QStringLiteral("noticeText"));
    m_label->setTextFormat(Qt::RichText);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(QIcon::fromTheme(QStringLiteral("dialog-information"),
                                     style()->standardIcon(QStyle::SP_MessageBoxInformation))
                        .pixmap(size, size));
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("noticeCloseButton"));
    close->setAutoRaise(true);
    close->setIcon(QIcon::fromTheme(QStringLiteral("window-close"),
                                    style()->standardIcon(QStyle::SP_TitleBarCloseButton)));
    close->setToolTip(tr("Close"));
    close->setAccessibleName(tr("Close the notice"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(close);
    connect(m_label, &QLabel::linkActivated, this, &NoticeBar::linkActivated);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void NoticeBar::say(const QString &html)
{
    m_label->setText(html);
    setAccessibleDescription(m_label->text());
    show();
}

QString NoticeBar::text() const
{
    return m_label->text();
}

} // namespace Rapport
