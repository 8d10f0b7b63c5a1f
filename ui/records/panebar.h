#pragma once
// A line inside the detail pane that offers something without stopping the rep ("Log the
// call to Ada Lovelace?" with its buttons, "changed elsewhere"): the in-window message bar
// of KDE and GNOME applications, never a dialog to click away first.

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace Rapport {

class PaneBar : public QFrame
{
    Q_OBJECT

public:
    explicit PaneBar(QWidget *parent = nullptr);

    // Shows the bar saying `text` (plain text).
    void say(const QString &text);
    QString text() const;
    // A button on the bar; `tip` is also what a screen reader says of it.
    QPushButton *addButton(const QString &text, const QString &objectName, const QString &tip);

private:
    QLabel *m_label;
    QHBoxLayout *m_buttons;
};

} // namespace Rapport
