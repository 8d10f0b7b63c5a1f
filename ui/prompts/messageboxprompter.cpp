#include "prompts/messageboxprompter.h"

#include <QAbstractButton>
#include <QInputDialog>
#include <QPushButton>

namespace Rapport {

int MessageBoxPrompter::ask(QWidget *parent, const Question &question)
{
    QMessageBox box(question.isReport ? QMessageBox::Information : QMessageBox::Question,
                    question.title, question.text, QMessageBox::NoButton, parent);
    box.setInformativeText(question.details);
    QList<QAbstractButton *> buttons;
    int escapeIndex = -1;
    for (int i = 0; i < question.answers.size(); ++i) {
        const Answer &a = question.answers[i];
        QPushButton *b = box.addButton(a.label, a.role);
        buttons.append(b);
        if (a.role == QMessageBox::RejectRole)
            escapeIndex = i;
        if (i == question.defaultAnswer)
            box.setDefaultButton(b);
    }
    if (escapeIndex >= 0)
        box.setEscapeButton(buttons[escapeIndex]);
    box.exec();
    const int chosen = buttons.indexOf(box.clickedButton());
    return chosen >= 0 ? chosen : escapeIndex;
}

void MessageBoxPrompter::warn(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::warning(parent, title, text);
}

std::optional<QString> MessageBoxPrompter::askText(QWidget *parent, const TextQuestion &question)
{
    bool ok = false;
    const QString text = QInputDialog::getItem(parent, question.title, question.label,
                                               question.suggestions, 0, true, &ok);
    if (!ok)
        return std::nullopt;
    return text.trimmed();
}

} // namespace Rapport
