#pragma once
// The Prompter the running application uses: a modal QMessageBox per question.

#include "prompts/prompter.h"

namespace Rapport {

class MessageBoxPrompter : public Prompter
{
public:
    int ask(QWidget *parent, const Question &question) override;
    void warn(QWidget *parent, const QString &title, const QString &text) override;
    std::optional<QString> askText(QWidget *parent, const TextQuestion &question) override;
};

} // namespace Rapport
