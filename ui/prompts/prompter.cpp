#include "prompts/prompter.h"

#include "prompts/messageboxprompter.h"

namespace Rapport {

Prompter::~Prompter() = default;

std::shared_ptr<Prompter> Prompter::standard()
{
    static const std::shared_ptr<Prompter> prompter = std::make_shared<MessageBoxPrompter>();
    return prompter;
}

} // namespace Rapport
