#include "transfer/importsession.h"

#include "prompts/prompter.h"

#include <QDir>
#include <QFileDialog>

namespace Rapport {

ImportSession::ImportSession(Entity entity, const QString &connection,
                             std::shared_ptr<Prompter> prompter, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_prompter(prompter ? std::move(prompter) : Prompter::standard())
{
    m_options.entity = entity;
    m_chooseFile = [](QWidget *owner, const QString &title, const QString &filter, bool save) {
        return save ? QFileDialog::getSaveFileName(owner, title, QDir::homePath(), filter)
                    : QFileDialog::getOpenFileName(owner, title, QDir::homePath(), filter);
    };
}

QString ImportSession::chooseFile(QWidget *parent, const QString &title, const QString &filter,
                                  bool save)
{
    return m_chooseFile(parent, title, filter, save);
}

} // namespace Rapport
