#pragma once
// A Prompter for tests: answers each question with the next scripted answer label and keeps
// what was asked, so a test can check the question as well as the outcome. A question with
// no scripted answer is answered like Esc would be, and counted as unexpected.

#include "prompts/prompter.h"

#include <QStringList>

class ScriptedPrompter : public Rapport::Prompter
{
public:
    QStringList answers;              // labels of the buttons to "click", in order
    QList<Rapport::Question> asked;
    QStringList warnings;
    // Texts to "type" for askText(), in order; a null QString() cancels.
    QStringList texts;
    QList<Rapport::TextQuestion> textsAsked;
    int unexpected = 0;

    int ask(QWidget *, const Rapport::Question &question) override
    {
        asked.append(question);
        int escape = -1;
        for (int i = 0; i < question.answers.size(); ++i) {
            if (question.answers[i].role == QMessageBox::RejectRole)
                escape = i;
        }
        if (answers.isEmpty()) {
            ++unexpected;
            return escape;
        }
        const QString wanted = answers.takeFirst();
        for (int i = 0; i < question.answers.size(); ++i) {
            if (QString(question.answers[i].label).remove(QLatin1Char('&')) == wanted)
                return i;
        }
        ++unexpected;
        return escape;
    }

    void warn(QWidget *, const QString &, const QString &text) override
    {
        warnings.append(text);
    }

    std::optional<QString> askText(QWidget *, const Rapport::TextQuestion &question) override
    {
        textsAsked.append(question);
        if (texts.isEmpty()) {
            ++unexpected;
            return std::nullopt;
        }
        const QString text = texts.takeFirst();
        if (text.isNull())
            return std::nullopt;
        return text.trimmed();
    }
};
