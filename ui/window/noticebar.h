#pragma once
// A line above the tabs that says what just happened ("“Ada Lovelace” was converted into
// …"), with links to the records it names, until the rep closes it or the next notice
// replaces it: the in-window message bar of KDE and GNOME applications, not a dialog to
// click away.

#include <QFrame>

class QLabel;

namespace Rapport {

class NoticeBar : public QFrame
{
    Q_OBJECT

public:
    explicit NoticeBar(QWidget *parent = nullptr);

    // Shows the bar with `html`; its links are handed to linkActivated.
    void say(const QString &html);
    QString text() const;

Q_SIGNALS:
    void linkActivated(const QString &link);

private:
    QLabel *m_label;
};

} // namespace Rapport
